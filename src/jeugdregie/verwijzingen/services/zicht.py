"""Granting sight of a young person to the organisations a referral or allocation names (R-P1)."""

from __future__ import annotations

from datetime import date

from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.services import registreer_betrokkenheid


def geef_zicht(*, jeugdige, aanbieder, verwijzer, bron_aanbieder: BetrokkenheidBron, begindatum: date) -> None:
    """The provider gets sight by ``bron_aanbieder``; the referrer, if any, by its referral."""
    registreer_betrokkenheid(jeugdige=jeugdige, aanbieder=aanbieder, bron=bron_aanbieder, begindatum=begindatum)
    if verwijzer is not None:
        registreer_betrokkenheid(
            jeugdige=jeugdige, verwijzer=verwijzer, bron=BetrokkenheidBron.VERWIJZING, begindatum=begindatum
        )
