"""Which organisation may act on a referral (R-A2, R-P1). Refusals are TW011."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.common.errors import DomainError

from ..constants import Foutcode


def vereis_aanbieder_van(verwijzing, door) -> None:
    if door is None or door.rol != Rol.AANBIEDER or door.aanbieder_id != verwijzing.aanbieder_id:
        raise DomainError(Foutcode.ROL, "Alleen de aanbieder van deze verwijzing kan dit doen.", field="door")


def vereis_toegang_van(gemeente_id: int, door) -> None:
    if door is None or door.rol != Rol.TOEGANG:
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de gemeente beslist hierover (R-A2).", field="door")
    if door.gemeente_id != gemeente_id:
        raise DomainError(
            Foutcode.ROL, "Deze jeugdige valt onder een andere gemeente: u kunt hier niet over beslissen.", field="door"
        )
