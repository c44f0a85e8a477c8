"""The choice list of providers (R-S5, R-K7), as a page and an export."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import ListView

from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder, categorienaam_expressie
from jeugdregie.organisaties.services import wachttijd_tekst
from jeugdregie.verwijzingen.forms import KeuzelijstForm
from jeugdregie.verwijzingen.services.keuzelijst import aanbiederinfo, keuzelijst


class Keuzelijst(LoginRequiredMixin, PaginaMixin, ListView):
    """R-S5: the providers a young person and family can choose from for what is referred."""

    model = Aanbieder
    template_name = "verwijzingen/keuzelijst.html"

    def get_queryset(self):
        self.form = KeuzelijstForm(self.request.GET or None)
        product = datum = None
        if self.form.is_valid():
            product, datum = self.form.cleaned_data["product"], self.form.cleaned_data["datum"]
        self.product, self.datum = product, datum or vandaag()
        # R-R3: a municipality's user sees the contracts that cover its municipality (regional and its local ones)
        lijst = keuzelijst(datum=self.datum, product=product, gemeente=self.request.user.gemeente)
        return lijst.filter(pk__in=super().get_queryset().values("pk")).annotate(
            categorie_naam=categorienaam_expressie()
        )

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam="keuzelijst",
                formaat=formaat,
                kolommen=[
                    _("AGB-code"),
                    _("Aanbieder"),
                    _("Categorie"),
                    _("Ingeschreven"),
                    _("Wachttijd"),
                    _("Informatie"),
                ],
                rijen=(
                    [
                        a.agb_code,
                        a.naam,
                        a.categorienaam,
                        _("ja") if a.ingeschreven else _("nee"),
                        a.wachttijd,
                        "; ".join(str(r) for r in a.info),
                    ]
                    for a in self._met_info(self.get_queryset())
                ),
            )
        return super().get(request, *args, **kwargs)

    def _met_info(self, aanbieders) -> list[Aanbieder]:
        """R-K7: each provider with its information lines (``.info``)."""
        aanbieders = list(aanbieders)
        info = aanbiederinfo(aanbieders, datum=self.datum)
        for aanbieder in aanbieders:
            aanbieder.info = info.get(aanbieder.pk, [])
            aanbieder.wachttijd = wachttijd_tekst(aanbieder.wachttijd_weken, aanbieder.wachttijd_laatst_gemeld)
        return aanbieders

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, product=self.product, datum=self.datum, **kwargs)
        context["object_list"] = self._met_info(context["object_list"])
        return context
