"""TW026 (R-A4/R-T5 with iJw TR302) for an allocation that runs again or longer: the referral's
rule (``verwijzingen.services.verwijzen.controleer_een_budget_bij_aanbieder``) applied to an
allocation's new period."""

from __future__ import annotations

from datetime import date

from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import ToewijzingSoort
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.services.verwijzen import controleer_een_budget_bij_aanbieder, vergrendel


def bewaak_een_budget(toewijzing: Toewijzing, einddatum: date | None = None, *, wat: str) -> None:
    """TW026 for a keuzebudget allocation that runs again (a restart after a stop, OP379; a
    withdrawn stop) or longer (a granted later end date): no other keuzebudget of the young
    person at that provider may run in its period then. ``wat`` names the action in the error."""
    if toewijzing.soort != ToewijzingSoort.KEUZEBUDGET:
        return
    jeugdige = Jeugdige.objects.get(pk=toewijzing.jeugdige_id)
    vergrendel(jeugdige)
    try:
        controleer_een_budget_bij_aanbieder(
            jeugdige,
            toewijzing.aanbieder,
            toewijzing.begindatum,
            einddatum or toewijzing.einddatum,
            behalve=toewijzing.verwijzing,
        )
    except DomainError as fout:
        raise DomainError(fout.code, f"{wat} kan niet: {fout.message}", field=fout.field) from None
