"""Issue 22 §4 (R-R3, seed 004 §2.3): the letter names the family's fixed contact — "één vaste
contactpersoon, waarvan duidelijk is dat diegene de regie heeft" — when casusregie runs for the
child. The letters sit below casusregie in the flow, so they do not import it: casusregie
registers, when Django starts, the function that gives the running casus's casusregisseur. Without
one (or without a running casus) the letter has no such sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vastecontact:
    naam: str
    organisatie: str
    email: str

    def zin(self) -> str:
        email = f", e-mail {self.email}" if self.email else ""
        return (
            f"Uw vaste contactpersoon is {self.naam} ({self.organisatie}{email}), de casusregisseur: u kunt met al "
            "uw vragen over de hulp bij hem of haar terecht."
        )


_contact: Callable[[int, int], Vastecontact | None] | None = None


def registreer_vaste_contact(functie: Callable[[int, int], Vastecontact | None]) -> None:
    """Called once by ``casusregie.apps``: ``functie(jeugdige_id, gemeente_id)`` → the contact."""
    global _contact
    _contact = functie


def vaste_contact(jeugdige_id: int, gemeente_id: int) -> Vastecontact | None:
    return None if _contact is None else _contact(jeugdige_id, gemeente_id)
