"""Dutch display of amounts, numbers and percentages (issue 19 §5): the one place that formats
them for pages, PDFs, exports and command output.

- ``euro``: ``€ 1.416.850,75`` — thousands by a dot, cents by a comma, minus after the sign;
  ``bedrag``: the same without the sign, for a sentence that writes "€" itself.
- ``getal``: ``1.234`` or ``1.234,5`` with as many decimals as asked.
- ``procent``: ``12,5%``.
- ``csv_waarde``: what a CSV cell holds — an amount or a number with a decimal comma and no
  thousands separator (``1416850,75``: Dutch spreadsheets read it as a number), a date as
  ``dd-mm-jjjj``, the rest as text (docs/exports.md).
- ``xlsx_opmaak``: the number format of an XLSX cell (the cell keeps the number; Excel shows it
  in the reader's locale).

Templates use the filters ``euro``, ``bedrag``, ``getal`` and ``procent`` (``templatetags/opmaak.py``, built
in: no ``{% load %}``). ``None`` shows as ``—``."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

from .money import euro as _euro

LEEG = "—"


def _decimaal(waarde) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, float):
        waarde = repr(waarde)  # a ratio computed as float: its shortest exact text, never money
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None


def _groepeer(tekst: str) -> str:
    """``1234567.89`` (Python's ``,`` grouping) → ``1.234.567,89``."""
    return tekst.replace(",", "X").replace(".", ",").replace("X", ".")


def bedrag(waarde) -> str:
    """``1.234,56``; ``-1.234,56`` below zero; ``—`` without a value."""
    getal_ = _decimaal(waarde)
    if getal_ is None:
        return LEEG
    afgerond = _euro(getal_)
    tekst = _groepeer(f"{abs(afgerond):,.2f}")
    return f"-{tekst}" if afgerond < 0 else tekst


def euro(waarde) -> str:
    """``€ 1.234,56``; ``€ -1.234,56`` below zero; ``—`` without a value."""
    tekst = bedrag(waarde)
    return tekst if tekst == LEEG else f"€ {tekst}"


def getal(waarde, decimalen: int = 0) -> str:
    """``1.234`` (or ``1.234,5`` with ``decimalen=1``), rounded half away from zero."""
    getal_ = _decimaal(waarde)
    if getal_ is None:
        return LEEG
    stap = Decimal(1).scaleb(-decimalen)
    afgerond = getal_.quantize(stap, rounding=ROUND_HALF_UP)
    tekst = _groepeer(f"{abs(afgerond):,.{decimalen}f}")
    return f"-{tekst}" if afgerond < 0 else tekst


def procent(waarde, decimalen: int = 1) -> str:
    """``12,5%`` of a value already in percent (12.5 → ``12,5%``)."""
    tekst = getal(waarde, decimalen)
    return tekst if tekst == LEEG else f"{tekst}%"


def csv_waarde(waarde) -> object:
    """A CSV cell's value: amounts and numbers with a decimal comma and no thousands separator,
    dates as ``dd-mm-jjjj``, moments as ``dd-mm-jjjj uu:mm``, the rest unchanged."""
    if isinstance(waarde, bool) or waarde is None:
        return "" if waarde is None else ("ja" if waarde else "nee")
    if isinstance(waarde, (Decimal, float)):
        return format(_decimaal(waarde), "f").replace(".", ",")
    if isinstance(waarde, datetime):
        return f"{timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde:%d-%m-%Y %H:%M}"
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    return waarde


def xlsx_opmaak(waarde) -> str | None:
    """The XLSX number format for ``waarde``: two decimals with thousands for an amount (a
    ``Decimal`` with cents), thousands for a whole number, a date as ``dd-mm-jjjj``."""
    if isinstance(waarde, bool):
        return None
    if isinstance(waarde, Decimal):
        return "#,##0.00" if waarde.as_tuple().exponent == -2 else "#,##0.####"
    if isinstance(waarde, int):
        return "#,##0"
    if isinstance(waarde, float):
        return "#,##0.0#"
    if isinstance(waarde, datetime):
        return "dd-mm-yyyy hh:mm"
    if isinstance(waarde, date):
        return "dd-mm-yyyy"
    return None
