"""Which organisation may act on a referral (R-A2, R-P1). Refusals are TW011."""

from __future__ import annotations

from jeugdregie.common.errors import DomainError
from jeugdregie.verwijzingen.constants import Foutcode
from jeugdregie.verwijzingen.policies import is_aanbieder_van, is_gemeentelijk_besluit


def vereis_aanbieder_van(verwijzing, door) -> None:
    if not is_aanbieder_van(door, verwijzing):
        raise DomainError(Foutcode.ROL, "Alleen de aanbieder van deze verwijzing kan dit doen.", field="door")


def vereis_toegang_van(gemeente_id: int, door) -> None:
    if not is_gemeentelijk_besluit(door):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de gemeente beslist hierover.", field="door")
    if door.gemeente_id != gemeente_id:
        raise DomainError(
            Foutcode.ROL, "Deze jeugdige valt onder een andere gemeente: u kunt hier niet over beslissen.", field="door"
        )
