"""The shared shape of an action page: a scoped object, a form, one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.jeugdigen.policies import weergave_jeugdige


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
