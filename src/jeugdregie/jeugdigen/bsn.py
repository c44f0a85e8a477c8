"""BSN check (R-P3, iJw CS002): exactly nine ASCII digits that pass the 11-proef."""

from __future__ import annotations

import re

from jeugdregie.common.errors import DomainError

from .constants import Foutcode

_NINE_ASCII_DIGITS = re.compile(r"[0-9]{9}")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def elfproef(bsn: str) -> bool:
    return sum(int(digit) * weight for digit, weight in zip(bsn, _WEIGHTS, strict=True)) % 11 == 0


def is_geldig_bsn(bsn: object) -> bool:
    # re.fullmatch with [0-9], not \d: \d also accepts non-ASCII digits such as "٣".
    return isinstance(bsn, str) and _NINE_ASCII_DIGITS.fullmatch(bsn) is not None and bsn != "000000000" and elfproef(bsn)


def controleer_bsn(bsn: object) -> str:
    if not isinstance(bsn, str) or _NINE_ASCII_DIGITS.fullmatch(bsn) is None:
        raise DomainError(
            Foutcode.BSN_ONGELDIG,
            "Het BSN moet uit precies 9 cijfers bestaan (zonder spaties of punten). Controleer het nummer.",
            field="bsn",
        )
    if bsn == "000000000" or not elfproef(bsn):
        raise DomainError(
            Foutcode.BSN_ONGELDIG,
            "Dit BSN voldoet niet aan de elfproef: er zit waarschijnlijk een tikfout in. Controleer het nummer.",
            field="bsn",
        )
    return bsn


def maak_bsn(volgnummer: int) -> str:
    """A valid BSN derived from a sequence number (synthetic data and tests only).

    The first eight digits come from ``volgnummer``; the ninth is the check digit. Sequence
    numbers whose check digit would be 10 have no BSN and give the next valid one instead.
    """
    nummer = volgnummer
    while True:
        prefix = f"{nummer % 100_000_000:08d}"
        rest = sum(int(d) * w for d, w in zip(prefix, _WEIGHTS[:8], strict=True)) % 11
        if rest < 10 and prefix != "00000000":
            return prefix + str(rest)
        nummer += 1
