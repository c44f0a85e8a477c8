"""Crisis pages: the toegang's retroactive crisisopvolging decisions (R-C2) and the crisisdienst's
assessment of reports (R-C3)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen, weergave_jeugdige
from jeugdregie.toewijzingen.views.basis import Actie
from jeugdregie.verwijzingen.policies import is_toegang_van

from .forms import CrisisBeoordelingForm, CrisisBesluitForm
from .models import Crisismelding, Crisisopvolgingsverzoek
from .policies import is_crisisdienst_van, mag_crisismeldingen_inzien, mag_crisisverzoeken_inzien
from .services import beoordeel_crisis, besluit_crisisopvolging


class CrisisOverzicht(LoginRequiredMixin, PaginaMixin, ListView):
    model = Crisisopvolgingsverzoek
    beleid = mag_crisisverzoeken_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "crisis/crisis.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "aanbieder", "product").order_by("status", "-te_laat")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        # R-P4: the child by name only to a party with a relation; otherwise the BSN as reported
        leesbaar = leesbare_jeugdigen(self.request.user, {v.jeugdige_id for v in context["object_list"]})
        for verzoek in context["object_list"]:
            verzoek.jeugdige_weergave = (
                weergave_jeugdige(self.request.user, verzoek.jeugdige, leesbaar=leesbaar) or verzoek.bsn_weergave
            )
        context["meldingen"] = Crisismelding.objects.voor_gebruiker(self.request.user).filter(
            beoordeeld_op__isnull=True
        )[:50]
        return context


class CrisisverzoekBesluit(Actie):
    model = Crisisopvolgingsverzoek
    beleid = mag_crisisverzoeken_inzien
    form_class = CrisisBesluitForm
    template_name = "crisis/crisisverzoek.html"
    titel = _("Crisisopvolging: aanvraag achteraf")
    knop = _("Besluit vastleggen")
    gelukt = _("Besluit vastgelegd.")

    def uitvoeren(self, data):
        besluit_crisisopvolging(verzoek=self.object, door=self.request.user, **data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["mag_besluiten"] = is_toegang_van(user, self.object.gemeente_id) and self.object.status == "ingediend"
        return context


class CrisisBeoordelen(Actie):
    model = Crisismelding
    beleid = mag_crisismeldingen_inzien
    form_class = CrisisBeoordelingForm
    template_name = "crisis/crisismelding.html"
    titel = _("Crisismelding beoordelen")
    knop = _("Beoordeling vastleggen")
    gelukt = _("Beoordeling vastgelegd.")

    def jeugdige_van(self, obj):
        return obj.jeugdige

    def uitvoeren(self, data):
        beoordeel_crisis(melding=self.object, door=self.request.user, **data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["mag_beoordelen"] = is_crisisdienst_van(user, self.object) and not self.object.uitkomst
        return context
