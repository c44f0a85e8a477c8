"""The iJw 3.2 XSDs (``ijw/schemas/``, copied unchanged, see SOURCE.txt) compiled once per
message type, and validation of inbound and outbound messages against them (issue 5 §1)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from ..constants import Berichttype, Weigering
from .veilig import Berichtweigering, parser, stroom

MAP = Path(__file__).resolve().parent.parent / "schemas"


@cache
def schema(berichttype: str) -> etree.XMLSchema:
    """The compiled XSD; its import of basisschema.xsd resolves from the same folder, never
    over the network."""
    pad = MAP / f"{Berichttype(berichttype).value}.xsd"
    document = etree.parse(str(pad), parser())
    return etree.XMLSchema(document)


def _meldingen(log) -> str:
    regels = [f"regel {fout.line}: {fout.message}" for fout in list(log)[:10]]
    return "; ".join(regels)


def valideer(root: etree._Element, berichttype: str) -> None:
    """Raise a refusal naming the first errors (line and message) when ``root`` is not valid."""
    xsd = schema(berichttype)
    if not xsd.validate(root):
        raise Berichtweigering(
            Weigering.SCHEMA, f"Het bericht voldoet niet aan het XSD van {berichttype}: {_meldingen(xsd.error_log)}"
        )


def valideer_stroom(data: bytes, berichttype: str) -> None:
    """Validate a message while streaming it (constant memory, for large JW323 files): libxml2
    validates the parse events, so each element can be cleared once it has ended."""
    try:
        for _event, element in stroom(data, schema=schema(berichttype)):
            element.clear(keep_tail=False)
    except etree.XMLSyntaxError as exc:
        plaats = f"regel {exc.lineno}: " if exc.lineno else ""
        raise Berichtweigering(
            Weigering.SCHEMA, f"Het bericht voldoet niet aan het XSD van {berichttype}: {plaats}{exc.msg}"
        ) from None


def is_geldig(root: etree._Element, berichttype: str) -> bool:
    return schema(berichttype).validate(root)
