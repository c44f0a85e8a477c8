"""Issue 19 §3: a user's inbox over its organisation's notifications (``MeldingQuerySet.voor_gebruiker``),
opening one (read, then on to its item), all read, and which kinds come by e-mail. The subjects
hold ids only; the item's page checks and logs its own access (R-P2)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, ListView, View
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.verwijzingen.constants import MeldingSoort
from jeugdregie.verwijzingen.models import Melding
from jeugdregie.verwijzingen.policies import mag_meldingen_zien
from jeugdregie.verwijzingen.services.meldingen import markeer_alles_gelezen, markeer_gelezen, per_email, zet_per_email


def _soort(waarde: str | None) -> MeldingSoort | None:
    return MeldingSoort(waarde) if waarde in MeldingSoort.values else None


class MeldingenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    """The inbox, newest first, unread in bold, filtered by kind (``?soort=``)."""

    model = Melding
    beleid = mag_meldingen_zien
    template_name = "verwijzingen/meldingen.html"
    paginate_by = 25

    def get_queryset(self):
        meldingen = super().get_queryset().met_gelezen(self.request.user)
        soort = _soort(self.request.GET.get("soort"))
        return meldingen.filter(soort=soort) if soort else meldingen

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            soorten=MeldingSoort.choices, gekozen=_soort(self.request.GET.get("soort")) or "", **kwargs
        )


class MeldingOpenen(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    """Opening a notification marks it read for this user and goes on to its item; another
    organisation's notification is not in the queryset (404)."""

    model = Melding
    beleid = mag_meldingen_zien

    def get(self, request, *args, **kwargs):
        melding = self.get_object()
        markeer_gelezen(melding=melding, door=request.user)
        return redirect(melding.get_absolute_url())


class AllesGelezen(LoginRequiredMixin, PaginaMixin, View):
    """POST: every notification in the inbox (of the chosen kind) read."""

    model = Melding
    beleid = mag_meldingen_zien
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        soort = _soort(request.POST.get("soort"))
        aantal = markeer_alles_gelezen(door=request.user, soort=soort)
        messages.success(
            request,
            ngettext(
                "%(aantal)d melding gemarkeerd als gelezen.", "%(aantal)d meldingen gemarkeerd als gelezen.", aantal
            )
            % {"aantal": aantal},
        )
        return redirect(reverse("meldingen:lijst") + (f"?soort={soort.value}" if soort else ""))


class VoorkeurenForm(forms.Form):
    per_email = forms.MultipleChoiceField(
        label=_("Per e-mail ontvangen"),
        choices=MeldingSoort.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "De e-mail noemt de soort en het onderwerp, met een link; gegevens van de jeugdige leest u na inloggen."
        ),
    )


class Meldingvoorkeuren(LoginRequiredMixin, PaginaMixin, FormView):
    """Which kinds of notification this user also receives by e-mail."""

    model = Melding
    beleid = mag_meldingen_zien
    form_class = VoorkeurenForm
    template_name = "verwijzingen/meldingvoorkeuren.html"
    success_url = reverse_lazy("meldingen:voorkeuren")

    def get_queryset(self):  # no list here; the mixin's scoping is not used
        return Melding.objects.none()

    def get_initial(self):
        return {"per_email": sorted(per_email(self.request.user))}

    def form_valid(self, form):
        zet_per_email(door=self.request.user, soorten=form.cleaned_data["per_email"])
        messages.success(self.request, _("Uw keuze is opgeslagen."))
        return super().form_valid(form)
