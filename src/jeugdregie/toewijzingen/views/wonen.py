"""Zorgtoewijzing Wonen/Verblijf by the toegang, and the choice list (R-S5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder

from ..forms import KeuzelijstForm, WonenForm
from ..models import Toewijzing
from ..policies import mag_wonen_toewijzen
from ..services.keuzelijst import aanbiederinfo, keuzelijst
from ..services.wonen import wijs_wonen_toe
from .basis import AanmeldingMixin, toon_fout


class WonenNieuw(LoginRequiredMixin, PaginaMixin, AanmeldingMixin, FormView):
    model = Toewijzing
    beleid = mag_wonen_toewijzen
    persoonsgegevens = True
    form_class = WonenForm
    template_name = "toewijzingen/wonen_nieuw.html"

    def get_form_kwargs(self):
        product = self.gekozen_product("product")
        aanbieders = keuzelijst(datum=vandaag(), product=product)
        if product is None:
            aanbieders = aanbieders.filter(contracten__producten__product__onderdeel="wonen_verblijf").distinct()
        info = aanbiederinfo(aanbieders, datum=vandaag())  # R-K7
        return {**super().get_form_kwargs(), "aanbieders": aanbieders, "aanbiederinfo": info}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        jeugdige = Jeugdige.objects.voor_aanmelding(self.request.user, data.pop("bsn")).first()
        if jeugdige is None:
            form.add_error("bsn", _("Geen jeugdige met dit BSN in uw gemeente."))
            return self.form_invalid(form)
        try:
            toewijzing = wijs_wonen_toe(jeugdige=jeugdige, door=self.request.user, request=self.request, **data)
        except DomainError as error:
            toon_fout(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Zorgtoewijzing Wonen/Verblijf vastgelegd."))
        return redirect(toewijzing.get_absolute_url())


class Keuzelijst(LoginRequiredMixin, PaginaMixin, ListView):
    """R-S5: the providers a young person and family can choose from for what is referred."""

    model = Aanbieder
    template_name = "toewijzingen/keuzelijst.html"

    def get_queryset(self):
        self.form = KeuzelijstForm(self.request.GET or None)
        product = datum = None
        if self.form.is_valid():
            product, datum = self.form.cleaned_data["product"], self.form.cleaned_data["datum"]
        self.product, self.datum = product, datum or vandaag()
        return keuzelijst(datum=self.datum, product=product).filter(pk__in=super().get_queryset().values("pk"))

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam="keuzelijst",
                formaat=formaat,
                kolommen=[_("AGB-code"), _("Aanbieder"), _("Categorie"), _("Ingeschreven"), _("Informatie")],
                rijen=(
                    [
                        a.agb_code,
                        a.naam,
                        a.get_categorie_display(),
                        _("ja") if a.ingeschreven else _("nee"),
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
        return aanbieders

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, product=self.product, datum=self.datum, **kwargs)
        context["object_list"] = self._met_info(context["object_list"])
        return context
