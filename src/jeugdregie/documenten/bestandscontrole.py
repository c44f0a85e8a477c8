"""Checking an uploaded file before anything is stored (issue 20 §4): its size, and its type as
the bytes show it (``puremagic``: file signatures, pure Python), matched against the name's
extension. The browser's claimed content type is never trusted.

Accepted: PDF, PNG and JPEG (letters, court orders, plans and offertes as PDF; scans and photos
of paper as an image). Office files are refused: they can carry macros and render differently
per reader; a letter is sent on as PDF."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import puremagic
from django.conf import settings

from jeugdregie.common.errors import DomainError

from .constants import Foutcode

#: content type → the extensions a file of that type may have.
TOEGESTAAN: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
}
#: Enough of the start of a file for every accepted signature.
KOP_BYTES = 8192


@dataclass(frozen=True)
class Bestandskenmerken:
    """What the check found: the content type of the bytes, the extension the file is stored
    with, its size and SHA-256."""

    inhoudstype: str
    extensie: str
    grootte: int
    sha256: str


def max_bytes() -> int:
    return settings.JEUGDREGIE_DOCUMENT_MAX_BYTES


def _megabyte(aantal: int) -> str:
    return f"{aantal / (1024 * 1024):.0f} MB"


def gesnoven_types(kop: bytes) -> set[str]:
    """The content types the first bytes match (empty: none recognised)."""
    try:
        return {m.mime_type for m in puremagic.magic_string(kop) if m.mime_type}
    except puremagic.PureError:
        return set()
    except ValueError:  # empty input
        return set()


def controleer_grootte(grootte: int, *, veld: str = "bestand") -> None:
    """Refuse an empty file or one above ``JEUGDREGIE_DOCUMENT_MAX_BYTES`` (also used by the page
    when its upload handler stopped reading a file at the limit)."""
    if grootte == 0:
        raise DomainError(Foutcode.LEEG, "Het bestand is leeg. Kies het juiste bestand.", field=veld)
    if grootte > max_bytes():
        raise DomainError(
            Foutcode.TE_GROOT,
            f"Het bestand is te groot ({_megabyte(grootte)}); het mag hoogstens {_megabyte(max_bytes())} zijn. "
            "Verklein het (bijvoorbeeld een scan in een lagere resolutie) of deel het op.",
            field=veld,
        )


def controleer_bestand(bestand, *, veld: str = "bestand") -> Bestandskenmerken:
    """Check ``bestand`` (a Django ``File``/``UploadedFile``); raises ``DomainError`` with a Dutch
    message that says what to do. Reads the file once in chunks (size and hash)."""
    grootte = bestand.size or 0
    controleer_grootte(grootte, veld=veld)
    extensie = PurePath(bestand.name or "").suffix.lower()
    bestand.seek(0)
    kop = bestand.read(KOP_BYTES)
    gevonden = gesnoven_types(kop)
    passend = [t for t in TOEGESTAAN if t in gevonden and extensie in TOEGESTAAN[t]]
    if not passend:
        raise DomainError(
            Foutcode.TYPE_ONGELDIG,
            "Dit bestand is geen PDF, PNG of JPEG (de inhoud is gecontroleerd, niet alleen de naam). "
            "Sla het op als PDF en probeer het opnieuw.",
            field=veld,
        )
    teller = hashlib.sha256()
    bestand.seek(0)
    for blok in bestand.chunks():
        teller.update(blok)
    bestand.seek(0)
    return Bestandskenmerken(inhoudstype=passend[0], extensie=extensie, grootte=grootte, sha256=teller.hexdigest())
