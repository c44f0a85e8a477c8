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
    return (
        isinstance(bsn, str) and _NINE_ASCII_DIGITS.fullmatch(bsn) is not None and bsn != "000000000" and elfproef(bsn)
    )


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


def bsn_reeks(start: int = 60_000_000):
    """Valid BSNs in ascending order from the 8-digit prefix ``start`` (synthetic data and tests).

    Prefixes whose check digit would be 10 have no valid BSN and are skipped, so every BSN in
    the sequence is distinct.
    """
    prefix = start
    while prefix < 100_000_000:
        digits = f"{prefix:08d}"
        rest = sum(int(d) * w for d, w in zip(digits, _WEIGHTS[:8], strict=True)) % 11
        if rest < 10 and digits != "00000000":
            yield digits + str(rest)
        prefix += 1
