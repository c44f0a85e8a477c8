"""The one way Jeugdregie reads XML from outside: an explicit hardened lxml parser (issue 5 §1,
§9). No entity resolution, no DTD loading or validation, no network, no huge trees, and a size
limit checked before parsing. A document with a DOCTYPE is refused outright: iJw messages never
carry one, and refusing it closes XXE, billion laughs and external DTDs at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO

from django.conf import settings
from lxml import etree

from jeugdregie.common.errors import DomainError

from ..constants import Weigering

# The prolog (XML declaration, comments, processing instructions, DOCTYPE) precedes the root
# element; 64 KiB is far more than any honest prolog needs.
_PROLOG = 64 * 1024
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)


class Berichtweigering(DomainError):
    """IV032 level 1: refused without a retour; the sender gets this error."""


def max_bytes() -> int:
    return settings.IJW_MAX_BERICHT_BYTES


def controleer_grootte(grootte: int) -> None:
    limiet = max_bytes()
    if grootte > limiet:
        raise Berichtweigering(
            Weigering.TE_GROOT,
            f"Het bericht is {grootte / 1024 / 1024:.1f} MiB; de grens is {limiet / 1024 / 1024:.0f} MiB per bericht. "
            "Splits grote declaraties over meerdere JW323-berichten (eventueel samen in één zip-bestand).",
        )


def _parser_opties() -> dict:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
    }


def parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    return etree.XMLParser(**_parser_opties(), remove_blank_text=True, collect_ids=False, schema=schema)


def _weiger_doctype(data: bytes) -> None:
    kop = data[:_PROLOG]
    # UTF-16/32 input is refused as not iJw (the standard prescribes UTF-8) so the scan is sound.
    if kop.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")) or b"\x00" in kop[:4]:
        raise Berichtweigering(Weigering.GEEN_XML, "Het bericht moet in UTF-8 zijn gecodeerd (iJw).")
    if _DOCTYPE.search(kop):
        raise Berichtweigering(
            Weigering.ONVEILIG,
            "Het bericht bevat een DOCTYPE- of ENTITY-declaratie. iJw-berichten hebben die niet; verwijder ze.",
        )


def _fout(exc: etree.XMLSyntaxError) -> Berichtweigering:
    return Berichtweigering(
        Weigering.GEEN_XML, f"Het bericht is geen goedgevormde XML: {exc.msg} (regel {exc.lineno})."
    )


def lees(data: bytes) -> etree._Element:
    """Parse a whole (small) message into a tree, safely."""
    controleer_grootte(len(data))
    _weiger_doctype(data)
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise _fout(exc) from None
    if root.getroottree().docinfo.doctype:
        raise Berichtweigering(Weigering.ONVEILIG, "Het bericht bevat een DOCTYPE; verwijder die.")
    return root


def stroom(data: bytes, *, tag=None, schema: etree.XMLSchema | None = None, events=("end",)) -> Iterator:
    """Iterate over ``(event, element)`` of a message without building the whole tree: the caller
    clears what it has read. With ``schema`` libxml2 validates while it streams; a failure
    surfaces as ``etree.XMLSyntaxError`` (the caller turns it into a refusal)."""
    controleer_grootte(len(data))
    _weiger_doctype(data)
    return etree.iterparse(
        BytesIO(data), events=events, tag=tag, schema=schema, remove_blank_text=True, **_parser_opties()
    )
