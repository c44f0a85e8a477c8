"""Reading values out of a (schema-valid) inbound message, and the boundary checks every
handler shares: the BSN (CS002, issue 5 §7) and the allocation a number refers to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from jeugdregie.jeugdigen.bsn import is_geldig_bsn

from .basis import Inhoudsfout


def tekst(element: etree._Element, pad: str, ns: dict[str, str]) -> str:
    waarde = element.findtext(pad, namespaces=ns)
    return (waarde or "").strip()


def datum(element: etree._Element, pad: str, ns: dict[str, str]) -> date | None:
    waarde = tekst(element, pad, ns)
    return date.fromisoformat(waarde) if waarde else None


def geheel(element: etree._Element, pad: str, ns: dict[str, str]) -> int | None:
    waarde = tekst(element, pad, ns)
    return int(waarde) if waarde else None


def euro(centen: int | None) -> Decimal | None:
    """iJw amounts are integer eurocents."""
    return None if centen is None else (Decimal(centen) / 100).quantize(Decimal("0.01"))


def centen(bedrag: Decimal) -> int:
    return int((bedrag * 100).to_integral_value())


def bsn(waarde: str) -> str:
    """CS002: nine ASCII digits (``re.fullmatch('[0-9]{9}')``) that pass the 11-proef. A failure
    is an in-message rule: IV032 level 2, header-only retour 0001."""
    if not is_geldig_bsn(waarde):
        raise Inhoudsfout(
            f"Bsn '{waarde}' is geen geldig burgerservicenummer (negen cijfers die aan de elfproef voldoen, CS002).",
            regel="CS002",
        )
    return waarde
