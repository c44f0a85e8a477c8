"""Zorgtoewijzing Wonen/Verblijf by the toegang (R-W1…R-W3, R-W7)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.policies import mag_wonen_toewijzen
from jeugdregie.verwijzingen.services.keuzelijst import aanbiederinfo, keuzelijst
from jeugdregie.verwijzingen.views.basis import AanmeldingMixin

from .forms import WonenForm
from .services.toewijzen import wijs_wonen_toe


class WonenNieuw(LoginRequiredMixin, PaginaMixin, AanmeldingMixin, FormView):
    model = Toewijzing
    beleid = mag_wonen_toewijzen
    persoonsgegevens = True
    form_class = WonenForm
    template_name = "wonen/nieuw.html"

    def get_form_kwargs(self):
        product = self.gekozen_product("product")
        # R-R3: the toegang's own municipality: regional contracts and its local ones
        aanbieders = keuzelijst(datum=vandaag(), product=product, gemeente=self.request.user.gemeente)
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
            toewijzing = wijs_wonen_toe(jeugdige=jeugdige, door=self.request.user, context=self.toegangscontext, **data)
        except DomainError as error:
            toon_fout(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Zorgtoewijzing Wonen/Verblijf vastgelegd."))
        return redirect(toewijzing.get_absolute_url())
