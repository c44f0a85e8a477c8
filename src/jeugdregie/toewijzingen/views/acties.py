"""Action pages: screening, start, stop, plan, adjustment request and decision, follow-up.
Each calls one service; the service decides (STYLE.md §Writing 2)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen import policies, services
from jeugdregie.toewijzingen.forms import (
    AanpassingForm,
    BesluitForm,
    IntrekkenForm,
    OpvolgingForm,
    ScreeningForm,
    StartForm,
    StopForm,
    VerlengenForm,
)
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.views.basis import Actie
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import is_toegang_van


class Screenen(Actie):
    model = Verwijzing
    beleid = policies.mag_verwijzing_screenen
    form_class = ScreeningForm
    titel = _("Screening")
    knop = _("Screening vastleggen")
    gelukt = _("Screening vastgelegd.")

    def uitvoeren(self, data):
        services.screen_verwijzing(verwijzing=self.object, door=self.request.user, **data)


class Starten(Actie):
    model = Verwijzing
    beleid = policies.mag_zorg_starten
    form_class = StartForm
    titel = _("Start zorg")
    knop = _("Zorg starten")
    gelukt = _("Start zorg vastgelegd.")

    def uitvoeren(self, data):
        services.start_zorg(verwijzing=self.object, door=self.request.user, **data)


class AanpassingIndienen(Actie):
    model = Verwijzing
    beleid = policies.mag_aanpassing_aanvragen
    form_class = AanpassingForm
    titel = _("Aanpassingsaanvraag keuzebudget")
    knop = _("Aanvraag indienen")
    gelukt = _("Aanpassingsaanvraag ingediend bij de toegang.")

    def uitvoeren(self, data):
        services.dien_aanpassing_in(verwijzing=self.object, door=self.request.user, **data)


class OpvolgingSluiten(Actie):
    model = Verwijzing
    beleid = policies.mag_opvolging_sluiten
    form_class = OpvolgingForm
    titel = _("Opvolging na weigering afsluiten")
    knop = _("Afsluiten")
    gelukt = _("Opvolging afgesloten.")

    def uitvoeren(self, data):
        opvolging = Weigeringsopvolging.objects.van_verwijzing(self.object).first()
        if opvolging is None:
            raise Http404
        services.sluit_opvolging(opvolging=opvolging, door=self.request.user, **data)


class Stoppen(Actie):
    model = Toewijzing
    beleid = policies.mag_zorg_stoppen
    form_class = StopForm
    titel = _("Stop zorg")
    knop = _("Zorg stoppen")
    gelukt = _("Stop zorg vastgelegd.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "toewijzing": self.object}

    def uitvoeren(self, data):
        services.stop_zorg(toewijzing=self.object, door=self.request.user, **data)


class Intrekken(Actie):
    model = Toewijzing
    beleid = policies.mag_toewijzing_intrekken
    form_class = IntrekkenForm
    titel = _("Toewijzing intrekken")
    knop = _("Intrekken")
    gelukt = _("Toewijzing ingetrokken.")

    def uitvoeren(self, data):
        services.trek_toewijzing_in(toewijzing=self.object, door=self.request.user)


class DuurzaamVerlengen(Actie):
    """R-T9: the toegang renews a running duurzaam budget for the next year."""

    model = Toewijzing
    beleid = policies.mag_duurzaam_verlengen
    form_class = VerlengenForm
    titel = _("Duurzaam budget verlengen voor het volgende jaar")
    knop = _("Verlengen")
    gelukt = _("Budget verlengd voor het volgende jaar.")

    def uitvoeren(self, data):
        if self.object.keuzebudget_id is None:
            raise Http404
        self.nieuw = services.verleng_duurzaam(
            keuzebudget=self.object.keuzebudget,
            door=self.request.user,
            offerte_bedrag=data.get("offerte_bedrag"),
            context=self.toegangscontext,
        )

    def terug_naar(self) -> str:
        return self.nieuw.get_absolute_url()


class AanpassingBesluiten(Actie):
    """The adjustment request with, for the toegang of the municipality, the decision form."""

    model = Aanpassingsaanvraag
    beleid = policies.mag_aanpassing_inzien
    form_class = BesluitForm
    template_name = "toewijzingen/aanpassing.html"
    titel = _("Aanpassingsaanvraag")
    knop = _("Besluit vastleggen")
    gelukt = _("Besluit vastgelegd.")

    def get_queryset(self):
        return super().get_queryset().select_related("verwijzing__keuzebudget", "verwijzing__jeugdige")

    def uitvoeren(self, data):
        services.besluit_aanpassing(aanvraag=self.object, door=self.request.user, **data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["mag_besluiten"] = (
            is_toegang_van(user, self.object.verwijzing.gemeente_id) and self.object.status == "ingediend"
        )
        return context
