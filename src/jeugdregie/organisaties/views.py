from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.views import ExportMixin
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag

from . import regelset
from .models import Aanbieder, Gemeente, Wachttijdmelding, categorienaam_expressie
from .policies import mag_wachttijden_melden, mag_wachttijden_overzien
from .services import gecontracteerde_categorieen, meld_wachttijd, regionaal_wachttijdoverzicht, wachttijden_van


class GemeentenLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "organisaties/gemeenten.html"
    export_naam = "gemeenten"
    queryset = Gemeente.objects.select_related("regio")

    def export_kolommen(self):
        return [_("CBS-code"), _("Gemeente"), _("Regio"), _("Inwoners"), _("Jeugdigen")]

    def export_rijen(self):
        for g in self.get_queryset():
            yield [g.cbs_code, g.naam, g.regio.naam, g.inwoners, g.jeugdigen]


class AanbiedersLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "organisaties/aanbieders.html"
    export_naam = "aanbieders"
    paginate_by = 100
    queryset = Aanbieder.objects.select_related("regio").annotate(
        aantal_contracten=Count("contracten"), categorie_naam=categorienaam_expressie()
    )

    def get_queryset(self):
        qs = super().get_queryset()
        term = self.request.GET.get("q", "").strip()
        return qs.filter(Q(naam__icontains=term) | Q(agb_code=term)) if term else qs

    def export_kolommen(self):
        return [_("AGB-code"), _("Aanbieder"), _("Categorie"), _("Regio"), _("Contracten")]

    def export_rijen(self):
        for a in self.get_queryset():
            yield [a.agb_code, a.naam, a.categorienaam, a.regio.naam, a.aantal_contracten]


class AanbiederDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    template_name = "organisaties/aanbieder.html"
    queryset = Aanbieder.objects.prefetch_related(
        "contracten__producten__product",
        "contracten__inschrijvingen__product",
        "contracten__gemeente",
        "contracten__regio",
    )


class WachttijdForm(forms.Form):
    """R-S6: one report: a contracted category and the expected waiting time in weeks."""

    productcategorie = forms.ChoiceField(label=_("Productcategorie"))
    weken = forms.IntegerField(label=_("Verwachte wachttijd (weken)"), min_value=0)

    def __init__(self, *args, categorieen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["productcategorie"].choices = [(c, Onderdeel(c).label) for c in categorieen]


class Wachttijden(LoginRequiredMixin, PaginaMixin, FormView):
    """R-S6: the provider reports or updates its waiting time per contracted category; its
    current reports are listed with their dates."""

    model = Wachttijdmelding
    beleid = mag_wachttijden_melden
    template_name = "organisaties/wachttijden.html"
    form_class = WachttijdForm

    @cached_property
    def aanbieder(self) -> Aanbieder:
        return Aanbieder.objects.select_related("regio").get(pk=self.request.user.aanbieder_id)

    def get_form_kwargs(self):
        categorieen = gecontracteerde_categorieen(aanbieder=self.aanbieder, dag=vandaag())
        return {**super().get_form_kwargs(), "categorieen": categorieen}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aanbieder"] = self.aanbieder
        context["regels"] = wachttijden_van(aanbieder=self.aanbieder, datum=vandaag())
        # R-R1: the rule set valid today, the day the list shows
        context["geldigheid"] = regelset.regels(self.aanbieder.regio_id, vandaag()).wachttijd_geldigheid_dagen
        return context

    def form_valid(self, form):
        try:
            meld_wachttijd(
                aanbieder=self.aanbieder,
                productcategorie=form.cleaned_data["productcategorie"],
                weken=form.cleaned_data["weken"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De wachttijd is gemeld."))
        return redirect("organisaties:wachttijden")


class WachttijdenRegio(LoginRequiredMixin, PaginaMixin, TemplateView):
    """R-S6: per product category the region's contracted providers with their current waiting
    time and the date of the report, and the median per category; exportable as CSV or Excel."""

    model = Wachttijdmelding
    beleid = mag_wachttijden_overzien
    template_name = "organisaties/wachttijden_regio.html"

    def overzicht(self):
        return regionaal_wachttijdoverzicht(regio_id=regio_id_van(self.request.user), datum=vandaag())

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam="wachttijden",
                formaat=formaat,
                kolommen=[
                    _("Productcategorie"),
                    _("AGB-code"),
                    _("Aanbieder"),
                    _("Wachttijd (weken)"),
                    _("Wachttijd"),
                    _("Gemeld op"),
                    _("Mediaan categorie (weken)"),
                ],
                rijen=(
                    [
                        categorie.naam,
                        regel.aanbieder.agb_code,
                        regel.aanbieder.naam,
                        "" if regel.weken is None else regel.weken,
                        regel.tekst,
                        regel.gemeld_op.isoformat() if regel.gemeld_op else "",
                        "" if categorie.mediaan is None else categorie.mediaan,
                    ]
                    for categorie in self.overzicht()
                    for regel in categorie.regels
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(overzicht=self.overzicht(), datum=vandaag(), **kwargs)
