"""R-V1/R-V2 pages: choose a statement, the statement (aggregates, exports, reconciliation,
submission) and the drill-down to the lines behind one cell (personal data, audit-logged)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.taakgericht.monitoring import TaakgerichteTotalen

from ..export import productie_kolommen, productie_pdf, productie_rijen
from ..forms import ProductieKeuzeForm
from ..models import Productieverantwoording
from ..policies import (
    mag_productie_indienen,
    mag_productie_inzien,
    mag_productieregels_inzien,
    ziet_alle_gemeenten,
    ziet_volledig_bsn_in_regels,
)
from ..querysets import aanbieders_voor, declaratieregels_voor, taakgerichte_productie_voor
from ..services.indienen import dien_verantwoording_in, wijziging_sinds_indiening
from ..services.onthulling import onderdruk_productie, onderdrukken_voor
from ..services.productie import productieverantwoording, regels_achter
from ..services.reconciliatie import reconcilieer


class ProductieOverzicht(LoginRequiredMixin, PaginaMixin, TemplateView):
    """Choose provider and year; the submitted statements with their timeliness (R-V2)."""

    model = Productieverantwoording
    beleid = mag_productie_inzien
    template_name = "verantwoording/productie.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        aanbieders = aanbieders_voor(user)
        form = ProductieKeuzeForm(request.GET or None, aanbieders=aanbieders)
        if form.is_valid():
            return redirect(
                "verantwoording:productieverantwoording", form.cleaned_data["aanbieder"].pk, form.cleaned_data["jaar"]
            )
        context = {
            "form": form,
            "ingediend": Productieverantwoording.objects.voor_gebruiker(user).select_related("aanbieder")[:200],
        }
        if mag_productie_indienen(user):  # a provider: its own statement and its years
            jaren = declaratieregels_voor(user).dates("begindatum", "year", order="DESC")
            context["eigen"] = user.aanbieder
            context["jaren"] = [d.year for d in jaren]
        return self.render_to_response(self.get_context_data(**context))


class _AanbiederJaar:
    """The provider of the URL within the user's scope (another provider's statement is a 404)."""

    def aanbieder_en_jaar(self):
        aanbieder = get_object_or_404(aanbieders_voor(self.request.user), pk=self.kwargs["aanbieder"])
        jaar = self.kwargs["jaar"]
        if not 2000 <= jaar <= 2100:
            raise Http404
        return aanbieder, jaar


class ProductieDetail(LoginRequiredMixin, PaginaMixin, _AanbiederJaar, TemplateView):
    """R-V1: the statement per municipality and product, reconciled; exports CSV, XLSX, PDF."""

    model = Productieverantwoording
    beleid = mag_productie_inzien
    template_name = "verantwoording/productieverantwoording.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        aanbieder, jaar = self.aanbieder_en_jaar()
        regels = declaratieregels_voor(user)
        cijfers = productieverantwoording(aanbieder=aanbieder, jaar=jaar, regels=regels)
        if onderdrukken_voor(user):  # issue 14 §7: aggregates-only roles see no small rows
            cijfers = onderdruk_productie(cijfers, regels=regels)
        # R-R2: the task-based variant is accounted for by the terms paid, not by declared lines
        taakgericht = taakgerichte_productie_voor(user, aanbieder=aanbieder, jaar=jaar)
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam=f"productieverantwoording-{aanbieder.agb_code}-{jaar}",
                formaat=formaat,
                kolommen=productie_kolommen(taakgericht=bool(taakgericht)),
                rijen=productie_rijen(cijfers, taakgericht),
            )
        reconciliatie = reconcilieer(aanbieder, jaar, regels=regels, cijfers=cijfers)
        taakgericht_totaal = TaakgerichteTotalen.van(taakgericht)
        volledig = ziet_alle_gemeenten(user)
        context = {
            "cijfers": cijfers,
            "reconciliatie": reconciliatie,
            "volledig": volledig,
            "gemeente": None if volledig else Gemeente.objects.filter(pk=user.gemeente_id).first(),
            # the submission compares whole-provider totals: only for who sees every municipality
            "wijziging": wijziging_sinds_indiening(aanbieder=aanbieder, jaar=jaar) if volledig else None,
            "mag_indienen": mag_productie_indienen(user) and jaar < timezone.localdate().year,
            "mag_regels_zien": mag_productieregels_inzien(user),
            "taakgericht": taakgericht,
            "taakgericht_totaal": taakgericht_totaal,
            # the paid total of both variants; hidden with the declared total (issue 14 §7)
            "betaald_samen": None if cijfers.totaal_verborgen else cijfers.totalen.betaald + taakgericht_totaal.betaald,
        }
        if formaat == "pdf":
            return productie_pdf(cijfers=cijfers, reconciliatie=reconciliatie, context=context)
        return self.render_to_response(self.get_context_data(**context))


class Indienen(LoginRequiredMixin, PaginaMixin, _AanbiederJaar, View):
    """R-V2: the provider submits its statement for a past year (POST)."""

    model = Productieverantwoording
    beleid = mag_productie_indienen

    def post(self, request, *args, **kwargs):
        aanbieder, jaar = self.aanbieder_en_jaar()
        try:
            verantwoording = dien_verantwoording_in(aanbieder=aanbieder, jaar=jaar, door=request.user)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(
                request,
                _("Productieverantwoording %(jaar)s ingediend, %(dagen)s dagen na het einde van het jaar.")
                % {"jaar": jaar, "dagen": verantwoording.dagen_na_jaareinde},
            )
        return redirect("verantwoording:productieverantwoording", aanbieder.pk, jaar)


def _int_of_404(waarde: str | None) -> int:
    if waarde is None or not waarde.isdigit():
        raise Http404
    return int(waarde)


class ProductieRegels(LoginRequiredMixin, PaginaMixin, _AanbiederJaar, ListView):
    """R-V1 traceability: the lines behind one cell (``?gemeente=<id>&product=<id or empty>``).
    They identify clients, so only roles that work with personal data see them; reads are logged."""

    model = Declaratieregel
    beleid = mag_productieregels_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "verantwoording/productieregels.html"

    def get_queryset(self):
        self.aanbieder, self.jaar = self.aanbieder_en_jaar()
        self.gemeente = get_object_or_404(Gemeente, pk=_int_of_404(self.request.GET.get("gemeente")))
        product = self.request.GET.get("product") or None
        self.product_id = _int_of_404(product) if product else None
        return regels_achter(
            aanbieder=self.aanbieder,
            jaar=self.jaar,
            gemeente_id=self.gemeente.pk,
            product_id=self.product_id,
            regels=declaratieregels_voor(self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        context.update(
            aanbieder=self.aanbieder,
            jaar=self.jaar,
            gemeente=self.gemeente,
            product=Product.objects.filter(pk=self.product_id).first() if self.product_id else None,
            toon_volledig_bsn=ziet_volledig_bsn_in_regels(self.request.user),
            query=f"gemeente={self.gemeente.pk}&product={self.product_id or ''}",
        )
        return context
