"""Submissions on the referral form (R-P4): the registrant's own list and the toegang's work queue
with its two decisions, honour and refuse."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, View
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.verwijzingen.constants import AANMELDING_VOOR_INDIENER
from jeugdregie.verwijzingen.models import Aanmelding
from jeugdregie.verwijzingen.policies import mag_aanmeldingen_zien, mag_werkvoorraad_aanmeldingen_zien
from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding, wijs_aanmelding_af


class _Lijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Aanmelding
    persoonsgegevens = True  # a (masked) BSN and what was submitted about the child
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        return context


class AanmeldingenLijst(_Lijst):
    """R-P4: what the provider or GI submitted, each open row the same for a known and an unknown
    BSN: the masked BSN as typed, the submitted provider, date and results, and "Ontvangen". Once
    the toegang decided, the row shows that decision (the municipality's, not a register lookup)."""

    beleid = mag_aanmeldingen_zien
    template_name = "verwijzingen/aanmeldingen.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(status_voor_indiener=AANMELDING_VOOR_INDIENER, **kwargs)


class HonorerenForm(forms.Form):
    motivering_afwijking = forms.CharField(
        label=_("Motivering afwijking van de huisartsroute"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Alleen nodig als u afwijkt van de huisartsroute."),
    )


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van afwijzing"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("De indiener ziet deze reden."),
    )


class Werkvoorraad(_Lijst):
    """R-P4: the toegang's queue of open submissions: those from its region whose BSN is not in the
    register (register the child, then honour), and those for its residents: a provider's
    submission waiting for its decision, or one a rule refused."""

    beleid = mag_werkvoorraad_aanmeldingen_zien
    template_name = "verwijzingen/aanmeldingen_werkvoorraad.html"

    def get_queryset(self):
        return super().get_queryset().select_related("door", "indiener_aanbieder", "indiener_verwijzer")

    def get_context_data(self, **kwargs):
        formulieren = {"honoreren_form": HonorerenForm(auto_id=False), "afwijzen_form": AfwijzenForm(auto_id=False)}
        return super().get_context_data(**formulieren, **kwargs)


class _Besluit(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    """POST only: one service call on a submission in the toegang's queue (another municipality's
    is not in its queryset: 404), then back to the queue with the outcome or the refusal in Dutch;
    a refusal changes nothing and leaves the submission open."""

    model = Aanmelding
    beleid = mag_werkvoorraad_aanmeldingen_zien
    persoonsgegevens = True
    http_method_names = ["post"]
    form_class: type[forms.Form]
    gelukt = ""

    def jeugdige_van(self, obj):
        return None  # the submission is not linked to the register; its audit row names it by id

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST)
        if not form.is_valid():
            fouten = [str(f) for lijst in form.errors.values() for f in lijst]
            messages.error(request, " ".join(fouten))
            return redirect("verwijzingen:aanmeldingen_werkvoorraad")
        try:
            self.uitvoeren(form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, self.gelukt)
        return redirect("verwijzingen:aanmeldingen_werkvoorraad")

    def uitvoeren(self, data: dict) -> None:
        raise NotImplementedError


class Honoreren(_Besluit):
    form_class = HonorerenForm
    gelukt = _("Aanmelding gehonoreerd: de verwijzing is geregistreerd. De aanbieder screent nu.")

    def uitvoeren(self, data):
        honoreer_aanmelding(
            aanmelding=self.object,
            door=self.request.user,
            motivering_afwijking=data.get("motivering_afwijking", ""),
            context=self.toegangscontext,
        )


class Afwijzen(_Besluit):
    form_class = AfwijzenForm
    gelukt = _("Aanmelding afgewezen. De indiener ziet de reden in zijn overzicht van aanmeldingen.")

    def uitvoeren(self, data):
        wijs_aanmelding_af(
            aanmelding=self.object, reden=data["reden"], door=self.request.user, context=self.toegangscontext
        )
