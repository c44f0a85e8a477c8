"""R-T3: the target group, checked at the start date, with the age limits of the region's rule
set valid on that date (R-R1: ``doelgroep_grond_vanaf_leeftijd``, 18, and
``verlengde_jeugdhulp_tot_leeftijd``, 23, by default); the caller, who knows the region, passes it."""

from __future__ import annotations

from datetime import date

from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.organisaties.models import Regelset
from jeugdregie.verwijzingen.constants import Foutcode, Grond18Plus


def controleer_doelgroep(
    *, geboortedatum: date, op: date, grond: str, door_toegang: bool, regelset: Regelset | None = None
) -> None:
    """``regelset``: the region's version valid on ``op`` (None: the defaults)."""
    versie = regelset if regelset is not None else Regelset()
    vanaf, tot = versie.doelgroep_grond_vanaf_leeftijd, versie.verlengde_jeugdhulp_tot_leeftijd
    leeftijd = leeftijd_op(geboortedatum, op)
    if leeftijd < 0:
        raise DomainError(Foutcode.DOELGROEP, "De startdatum ligt voor de geboortedatum.", field="begindatum")
    if leeftijd < vanaf:
        return
    if leeftijd >= tot:
        raise DomainError(
            Foutcode.DOELGROEP,
            f"De jeugdige is op de startdatum {leeftijd} jaar: jeugdhulp kan tot {tot} jaar (verlengde jeugdhulp). "
            "Verwijs naar de Wmo of de Zvw.",
            field="begindatum",
        )
    if not grond:
        raise DomainError(
            Foutcode.DOELGROEP,
            f"De jeugdige is op de startdatum {leeftijd} jaar. Geef de grond voor hulp na {vanaf} jaar op: "
            "verlengde jeugdhulp (Jeugdwet art. 1.1) of uitdrukkelijke toestemming van de gemeente.",
            field="grond_18plus",
        )
    if grond == Grond18Plus.TOESTEMMING_GEMEENTE and not door_toegang:
        raise DomainError(
            Foutcode.DOELGROEP,
            f"Alleen de toegang kan toestemming van de gemeente geven voor hulp na {vanaf} jaar.",
            field="grond_18plus",
        )
