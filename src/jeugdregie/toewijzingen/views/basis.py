"""The shared shape of an action page: a scoped object, a form, one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import weergave_jeugdige


def toon_fout(form, error: DomainError) -> None:
    """Put a service's refusal on the field it names, or on the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class AanmeldingMixin:
    """For the forms that register a referral or allocation: the BSN is prefilled from
    ``?jeugdige=<id>`` (within the user's scope) and the product chosen so far narrows the
    choice list."""

    def get_initial(self):
        initial = super().get_initial()
        gekozen = self.request.GET.get("jeugdige") or 0
        jeugdige = Jeugdige.objects.voor_gebruiker(self.request.user).filter(pk=gekozen).first()
        if jeugdige is not None:
            initial["bsn"] = jeugdige.bsn
        return initial

    def gekozen_product(self, post_veld: str, get_veld: str = "") -> Product | None:
        product_id = self.request.POST.get(post_veld) or (self.request.GET.get(get_veld) if get_veld else None)
        return Product.objects.filter(pk=product_id).first() if product_id else None


class Actie(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """GET shows the form next to the object; POST runs ``uitvoeren`` and returns to the object.
    A refusal by the service changes nothing and shows its message on the form."""

    persoonsgegevens = True
    template_name = "toewijzingen/actie.html"
    titel = ""
    knop = ""
    gelukt = ""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            self.uitvoeren(form.cleaned_data)
        except DomainError as error:
            toon_fout(form, error)
            return self.form_invalid(form)
        messages.success(request, self.gelukt)
        return redirect(self.terug_naar())

    def jeugdige_van(self, obj):
        return getattr(obj, "jeugdige", None) or getattr(getattr(obj, "verwijzing", None), "jeugdige", None)

    def terug_naar(self) -> str:
        return self.object.get_absolute_url()

    def uitvoeren(self, data: dict) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        # R-P4: the child is named from the register only to a party with a relation to it
        weergave = weergave_jeugdige(self.request.user, self.jeugdige_van(self.object))
        return super().get_context_data(titel=self.titel, knop=self.knop, jeugdige_weergave=weergave, **kwargs)
