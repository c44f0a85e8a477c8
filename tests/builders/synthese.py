"""Helpers of the synthetic-region tests (tests/test_synthese*.py)."""

from jeugdregie.beschikkingen.models import Beschikking, WachtendeBeschikking
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan, PlanAfspraak, Voortgang
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige, Woonplaats
from jeugdregie.overdracht.models import Geschil, Overdracht
from jeugdregie.toewijzingen.models import (
    Aanpassingsaanvraag,
    Contractsignaal,
    Levering,
    Screening,
    Toewijzing,
    Weigeringsopvolging,
)
from jeugdregie.verwijzingen.models import Keuzebudget, Melding, Resultaat, Verwijzing
from jeugdregie.wonen.models import Matching, Verblijfsverzoek


def wis_jeugdigen():
    """Delete the young people and everything generated for them (in dependency order)."""
    Toewijzing.objects.update(vervolgzorg=None)
    for model in (
        Voortgang,
        PlanAfspraak,
        Hulpverleningsplan,
        Levering,
        Weigeringsopvolging,
        Aanpassingsaanvraag,
        Contractsignaal,
        Screening,
        Crisisopvolgingsverzoek,
        Crisismelding,
        Matching,
        Verblijfsverzoek,
        HswvInzet,
        Melding,
        Bezwaar,  # issue 20 §2/§3: the letters of the decisions and their objections
        WachtendeBeschikking,
        Beschikking,
        Geschil,  # issue 20 §5: the demo handover (synthese/overdracht.py) hangs on an allocation
        Overdracht,
        Toewijzing,
        Keuzebudget,
        Resultaat,
        Verwijzing,
        Betrokkenheid,
        Woonplaats,
        Jeugdige,
    ):
        model.objects.all().delete()
