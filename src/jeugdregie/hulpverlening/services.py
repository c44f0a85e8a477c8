"""Hulpverleningsplan (R-H2): drawn up by the provider with the young person, one agreed
approach per result of the referral, and progress recorded against the results."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Resultaat
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer

from .constants import Foutcode, Voortgangsstand
from .models import Hulpverleningsplan, PlanAfspraak, Voortgang


def _fout(message: str, field: str) -> DomainError:
    return DomainError(Foutcode.PLAN, message, field=field)


@transaction.atomic
def stel_plan_op(
    *, toewijzing: Toewijzing, aanpak: dict[int, str], opgesteld_op: date, met_jeugdige: bool, door
) -> Hulpverleningsplan:
    """Draw up (or revise) the plan. ``aanpak`` maps each result id of the referral to the
    agreed approach; every result needs one (the plan is aligned to the results)."""
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("verwijzing").get(pk=toewijzing.pk)
    vereis_aanbieder_van(toewijzing.verwijzing, door)
    if toewijzing.status not in (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART):
        raise _fout("Een plan hoort bij toegewezen of lopende zorg.", "toewijzing")
    if not met_jeugdige:
        raise _fout("Het hulpverleningsplan wordt samen met de jeugdige opgesteld. Bevestig dat.", "met_jeugdige")
    if opgesteld_op < toewijzing.verwijzing.datum:
        raise _fout("Het plan kan niet voor de verwijzing zijn opgesteld.", "opgesteld_op")
    resultaten = {r.pk: r for r in toewijzing.verwijzing.resultaten.all()}
    onbekend = set(aanpak) - set(resultaten)
    if onbekend:
        raise _fout("Het plan noemt een resultaat dat niet bij deze verwijzing hoort.", "aanpak")
    ontbrekend = [r for pk, r in resultaten.items() if not (aanpak.get(pk) or "").strip()]
    if ontbrekend:
        raise _fout(
            f"Beschrijf de aanpak voor elk resultaat; ontbreekt voor: {ontbrekend[0].omschrijving[:60]}.",
            "aanpak",
        )
    plan, nieuw = Hulpverleningsplan.objects.get_or_create(
        toewijzing=toewijzing, defaults={"opgesteld_op": opgesteld_op, "met_jeugdige": True, "door": door}
    )
    if not nieuw:
        plan.versie += 1
        plan.opgesteld_op = opgesteld_op
        plan.door = door
        plan.save(update_fields=["versie", "opgesteld_op", "door"])
        plan.afspraken.all().delete()
    PlanAfspraak.objects.bulk_create(
        PlanAfspraak(plan=plan, resultaat_id=pk, aanpak=tekst.strip()) for pk, tekst in sorted(aanpak.items())
    )
    registreer(plan, Gebeurtenissoort.PLAN_OPGESTELD, door=door, versie=plan.versie)
    return plan


@transaction.atomic
def registreer_voortgang(
    *, plan: Hulpverleningsplan, resultaat: Resultaat, datum: date, stand: Voortgangsstand, door, toelichting: str = ""
) -> Voortgang:
    """R-H2: progress is monitored per result, in the plan."""
    plan = Hulpverleningsplan.objects.select_related("toewijzing__verwijzing").get(pk=plan.pk)
    vereis_aanbieder_van(plan.toewijzing.verwijzing, door)
    if resultaat.verwijzing_id != plan.toewijzing.verwijzing_id:
        raise _fout("Dit resultaat hoort niet bij het plan.", "resultaat")
    try:
        stand = Voortgangsstand(stand)
    except ValueError:
        raise _fout("Kies op koers, vertraagd of behaald.", "stand") from None
    if datum < plan.opgesteld_op:
        raise _fout(f"De voortgang ligt voor het plan ({plan.opgesteld_op:%d-%m-%Y}).", "datum")
    voortgang = Voortgang.objects.create(
        plan=plan, resultaat=resultaat, datum=datum, stand=stand, toelichting=toelichting.strip(), door=door
    )
    registreer(plan, Gebeurtenissoort.VOORTGANG_GEREGISTREERD, door=door, resultaat_id=resultaat.pk, stand=str(stand))
    return voortgang
