"""Checks on organisation identifiers. Each raises DomainError with a Dutch message."""

from __future__ import annotations

import csv
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

from jeugdregie.common.errors import DomainError

from .constants import Foutcode

_CBS_FILE = Path(__file__).parent / "data" / "cbs_gemeenten_2026.csv"


@cache
def cbs_gemeenten() -> dict[str, dict[str, str]]:
    """The CBS municipal classification of 1 January 2026, keyed by 4-digit code."""
    with _CBS_FILE.open(encoding="utf-8") as handle:
        return {row["cbs_code"]: row for row in csv.DictReader(handle, delimiter=";")}


def controleer_cbs_code(code: str) -> str:
    if not isinstance(code, str) or not re.fullmatch(r"[0-9]{4}", code):
        raise DomainError(
            Foutcode.CBS_CODE_ONGELDIG,
            f"Gemeentecode {code!r} is ongeldig: vul de viercijferige CBS-code in, bijvoorbeeld 0193 voor Zwolle.",
            field="cbs_code",
        )
    if code not in cbs_gemeenten():
        raise DomainError(
            Foutcode.CBS_CODE_ONGELDIG,
            f"Gemeentecode {code} komt niet voor in de CBS-gemeentelijke indeling 2026: controleer de code.",
            field="cbs_code",
        )
    return code


def controleer_agb_code(code: str) -> str:
    """AGB code: exactly eight ASCII digits (iJw LDT_AgbCode), not all zeros."""
    if not isinstance(code, str) or not re.fullmatch(r"[0-9]{8}", code) or code == "00000000":
        raise DomainError(
            Foutcode.AGB_CODE_ONGELDIG,
            f"AGB-code {code!r} is ongeldig: een AGB-code bestaat uit precies 8 cijfers.",
            field="agb_code",
        )
    return code


def controleer_declaratietermijn(dagen: int) -> int:
    """R-B7: a region's declaration window may not be shorter than the iJw minimum (setting)."""
    from django.conf import settings

    minimum = settings.IJW_DECLARATIETERMIJN_MINIMUM_DAGEN
    if not isinstance(dagen, int) or dagen < minimum:
        raise DomainError(
            Foutcode.DECLARATIETERMIJN,
            f"De declaratietermijn is {dagen} dagen; dat is korter dan de iJw-declaratietermijn van {minimum} dagen. "
            f"Kies {minimum} dagen of meer.",
            field="declaratietermijn_dagen",
        )
    return dagen


def controleer_leeftijdsgrenzen(regio) -> None:  # a Regelset (R-R1)
    """R-W7/R-W11: the region's Wonen age limits may not fall: toekomstplan ≤ end of Wonen ≤
    extension of the family forms ≤ end of verlengde jeugdhulp; R-T3: the age from which help asks
    a ground lies below the end of verlengde jeugdhulp."""
    grenzen = [
        ("toekomstplan_vanaf_leeftijd", "toekomstplan", regio.toekomstplan_vanaf_leeftijd),
        ("wonen_grens_leeftijd", "grens Wonen/Verblijf", regio.wonen_grens_leeftijd),
        (
            "gezinsvorm_verlenging_tot_leeftijd",
            "verlenging pleegzorg en gezinshuis",
            regio.gezinsvorm_verlenging_tot_leeftijd,
        ),
        ("verlengde_jeugdhulp_tot_leeftijd", "verlengde jeugdhulp", regio.verlengde_jeugdhulp_tot_leeftijd),
    ]
    for (_, vorige_naam, vorige), (veld, naam, waarde) in pairwise(grenzen):
        if waarde < vorige:
            raise DomainError(
                Foutcode.LEEFTIJDSGRENZEN,
                f"De leeftijd voor {naam} ({waarde}) ligt onder die voor {vorige_naam} ({vorige}). "
                f"Kies {vorige} jaar of ouder.",
                field=veld,
            )
    # R-T3: a ground is asked from an age below the end of verlengde jeugdhulp, else none could be given
    vanaf, tot = regio.doelgroep_grond_vanaf_leeftijd, regio.verlengde_jeugdhulp_tot_leeftijd
    if vanaf >= tot:
        raise DomainError(
            Foutcode.LEEFTIJDSGRENZEN,
            f"De leeftijd vanaf wanneer jeugdhulp een grond vraagt ({vanaf}) ligt niet onder die voor verlengde "
            f"jeugdhulp ({tot}). Kies {tot - 1} jaar of jonger.",
            field="doelgroep_grond_vanaf_leeftijd",
        )
