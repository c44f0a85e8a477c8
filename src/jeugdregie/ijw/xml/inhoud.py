"""The standard's own "bericht inhoud" check (issue 15 §1): the iJw 3.2 validation stylesheet
(``ijw/schemas/xslt/``, copied unchanged, see SOURCE.txt there) run by lxml on a parsed message.
It reports each failed TR/CD/CS rule with the XPaths it concerns; no report means the message
passes. Outbound messages must pass it before they are stored (``services.postvak``); inbound
messages are checked with it at control level 2 (``services.ontvangen``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..constants import Retourcode
from .veilig import parser

STYLESHEET = Path(__file__).resolve().parent.parent / "schemas" / "xslt" / "alle-regels-JW-3.2.xsl"
NS_RAPPORT = "http://www.istandaarden.nl/validatie/1_1/rapport/schema"

# Retourcode per rule the stylesheet can report, from the codelist WJ001 Retourcode (iJw 3.2,
# ../shared/ijw/codelijsten/WJ001_Retourcode.md, column "TR-regel"): a rule listed there answers
# with its own code; every other rule the stylesheet checks is a "bericht inhoud (xslt)" rule
# (regels/xslt/*.md, conditions and constraints) answered with 0001 on the header (IV032 level 2).
# tests/test_ijw_inhoud.py checks this table against the stylesheet and the codelist.
EIGEN_RETOURCODE = {
    "TR319": "9319",  # WJ001: "De ProductPeriode valt niet geheel binnen een DeclaratiePeriode." (JW323)
}
# fmt: off
REGELS = (
    "CD005", "CD007", "CD009", "CD025", "CD034", "CD041", "CD043", "CD060", "CD066", "CD067",
    "CD068", "CD075", "CD076", "CD077", "CD078", "CD079", "CD080", "CD085", "CD086", "CD087",
    "CD095", "CD096",
    "CS002", "CS003", "CS050", "CS058", "CS089", "CS100", "CS139", "CS318", "CS325", "CS335",
    "CS336", "CS337", "CS338", "CS339", "CS340", "CS343",
    "TR002", "TR006", "TR018", "TR061", "TR101", "TR134", "TR137", "TR302", "TR315", "TR316",
    "TR319", "TR335", "TR342", "TR352", "TR353", "TR358", "TR377", "TR380", "TR383", "TR386",
    "TR409", "TR410", "TR416",
)
# fmt: on
RETOURCODE = {regel: EIGEN_RETOURCODE.get(regel, Retourcode.TECHNISCH.value) for regel in REGELS}


@dataclass(frozen=True)
class Regelfout:
    """One failed rule: its code (e.g. TR006), the XPaths it concerns, the rule text, and the
    retourcode a receiver answers it with."""

    regel: str
    locaties: tuple[str, ...]
    details: str

    @property
    def retourcode(self) -> str:
        return RETOURCODE.get(self.regel, Retourcode.TECHNISCH.value)

    def __str__(self) -> str:
        return f"{self.regel} op {', '.join(self.locaties) or '(bericht)'}"


_lokaal = threading.local()


def stylesheet() -> etree.XSLT:
    """The compiled stylesheet, once per thread (an lxml XSLT object is not shared between
    threads); it may read no documents, files or network."""
    xslt = getattr(_lokaal, "xslt", None)
    if xslt is None:
        document = etree.parse(str(STYLESHEET), parser())
        xslt = _lokaal.xslt = etree.XSLT(document, access_control=etree.XSLTAccessControl.DENY_ALL)
    return xslt


def controleer_inhoud(root: etree._Element) -> list[Regelfout]:
    """Every rule of the stylesheet that ``root`` (a whole, XSD-valid message) fails, in report
    order; an empty list means the message passes."""
    rapport = stylesheet()(etree.ElementTree(root))
    fouten = []
    for fout in rapport.getroot().iter(f"{{{NS_RAPPORT}}}Fout"):
        fouten.append(
            Regelfout(
                regel=(fout.findtext(f"{{{NS_RAPPORT}}}Code") or "").strip(),
                locaties=tuple((el.text or "").strip() for el in fout.iter(f"{{{NS_RAPPORT}}}Locatie")),
                details=(fout.findtext(f"{{{NS_RAPPORT}}}Details") or "").strip(),
            )
        )
    return fouten


def beschrijf(fouten: list[Regelfout], limiet: int = 10) -> str:
    """The rules and locations, for an error message or a log line (rule codes and XPaths only:
    never a value from the message)."""
    return "; ".join(str(fout) for fout in fouten[:limiet])
