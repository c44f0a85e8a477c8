"""Catalog pages: readable by every logged-in role; the beheerder edits through the admin."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views.generic import ListView

from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from .models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief


class ExportMixin:
    export_naam = ""

    def export_kolommen(self) -> list[str]:
        raise NotImplementedError

    def export_rijen(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam=self.export_naam, formaat=formaat, kolommen=self.export_kolommen(), rijen=self.export_rijen()
            )
        return super().get(request, *args, **kwargs)


class ProductenLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "catalogus/producten.html"
    export_naam = "producten"
    queryset = Product.objects.select_related("tariefgroep").prefetch_related(
        Prefetch("tarieven", queryset=Tarief.objects.order_by("begindatum"))
    )

    def export_kolommen(self):
        return [
            _("Code"),
            _("Naam"),
            _("Onderdeel"),
            _("Eenheid"),
            _("iJw-productcategorie"),
            _("iJw-eenheid"),
            _("Tarief vanaf"),
            _("Tarief tot en met"),
            _("Bedrag"),
            _("Illustratief"),
        ]

    def export_rijen(self):
        for product in self.get_queryset():
            for tarief in product.tarieven.all() or [None]:
                yield [
                    product.code,
                    product.naam,
                    product.get_onderdeel_display(),
                    product.get_eenheid_display(),
                    product.ijw_productcategorie,
                    product.ijw_eenheid,
                    tarief.begindatum if tarief else "",
                    tarief.einddatum or "" if tarief else "",
                    tarief.bedrag if tarief else "",
                    (_("illustratief") if tarief and tarief.illustratief else ""),
                ]


class FunctiesLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "catalogus/functies.html"
    export_naam = "functietabel"
    queryset = Functie.objects.select_related("tariefgroep")

    def export_kolommen(self):
        return [_("Functie"), _("Tariefgroep"), _("FWG"), _("Schaal")]

    def export_rijen(self):
        for functie in self.get_queryset():
            tg = functie.tariefgroep
            yield [functie.naam, f"TG{tg.nummer}", tg.fwg, tg.schaal]


class KeuzebudgettenLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "catalogus/keuzebudgetten.html"
    export_naam = "keuzebudgetten"
    queryset = KeuzebudgetJaar.objects.prefetch_related(
        Prefetch("niveaus", queryset=KeuzebudgetNiveau.objects.order_by("niveau")), "duurzaam_uitgesloten"
    )

    def export_kolommen(self):
        return [_("Jaar"), _("Niveau"), _("Bedrag"), _("Voorbeeld herstel"), _("Voorbeeld duurzaam"), _("Illustratief")]

    def export_rijen(self):
        for jaar in self.get_queryset():
            for niveau in jaar.niveaus.all():
                yield [
                    jaar.jaar,
                    niveau.niveau,
                    niveau.bedrag,
                    niveau.voorbeeld_herstel,
                    niveau.voorbeeld_duurzaam,
                    _("illustratief") if jaar.illustratief else "",
                ]
