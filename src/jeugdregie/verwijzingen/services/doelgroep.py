"""R-T3: the target group, checked at the start date."""

from __future__ import annotations

from datetime import date

from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.verwijzingen.constants import Foutcode, Grond18Plus

MEERDERJARIG = 18
VERLENGD_TOT = 23


def controleer_doelgroep(*, geboortedatum: date, op: date, grond: str, door_toegang: bool) -> None:
    leeftijd = leeftijd_op(geboortedatum, op)
    if leeftijd < 0:
        raise DomainError(Foutcode.DOELGROEP, "De startdatum ligt voor de geboortedatum.", field="begindatum")
    if leeftijd < MEERDERJARIG:
        return
    if leeftijd >= VERLENGD_TOT:
        raise DomainError(
            Foutcode.DOELGROEP,
            f"De jeugdige is op de startdatum {leeftijd} jaar: jeugdhulp kan tot 23 jaar (verlengde jeugdhulp). "
            "Verwijs naar de Wmo of de Zvw.",
            field="begindatum",
        )
    if not grond:
        raise DomainError(
            Foutcode.DOELGROEP,
            f"De jeugdige is op de startdatum {leeftijd} jaar. Geef de grond voor hulp na 18 jaar op: verlengde "
            "jeugdhulp (Jeugdwet art. 1.1) of uitdrukkelijke toestemming van de gemeente.",
            field="grond_18plus",
        )
    if grond == Grond18Plus.TOESTEMMING_GEMEENTE and not door_toegang:
        raise DomainError(
            Foutcode.DOELGROEP,
            "Alleen de toegang kan toestemming van de gemeente geven voor hulp na 18 jaar.",
            field="grond_18plus",
        )
