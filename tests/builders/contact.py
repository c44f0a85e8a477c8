"""Contact details and the JW301s they send, checked against the iJw stylesheet (`stylesheetfouten`). Moved
from tests/test_jeugdigen_contact.py."""

from pathlib import Path

import pytest
from lxml import etree

from jeugdregie.ijw.constants import Berichttype, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.jeugdigen.services_contact import wijzig_contactgegevens

NS = {
    "jw301": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
    "ijw": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
}


RAPPORT = "{http://www.istandaarden.nl/validatie/1_1/rapport/schema}"


STYLESHEET = "alle-regels-JW-3.2.xsl"


WOONADRES = {
    "straatnaam": "Assendorperstraat",
    "huisnummer": "12",
    "huisletter": "a",
    "huisnummertoevoeging": "bis",
    "postcode": "8012 dh",
    "plaatsnaam": "Zwolle",
}


def _stylesheet() -> Path | None:
    """The standard's validation stylesheet: in the repository when it is kept there, else next
    to the project (``../shared/ijw/xslt``) as on the build machines."""
    wortel = Path(__file__).resolve().parents[2]
    kandidaten = [*sorted((wortel / "src").rglob(STYLESHEET))]
    kandidaten += [wortel.parent / "shared" / "ijw" / "xslt" / STYLESHEET, Path("/work/shared/ijw/xslt") / STYLESHEET]
    return next((pad for pad in kandidaten if pad.is_file()), None)


_XSLT = {}


def stylesheetfouten(inhoud: bytes) -> list[tuple[str, str]]:
    """(rule, location) of every fault the standard's stylesheet reports."""
    pad = _stylesheet()
    if pad is None:
        pytest.skip(f"{STYLESHEET} ontbreekt op deze machine")
    if pad not in _XSLT:
        _XSLT[pad] = etree.XSLT(etree.parse(str(pad)))
    rapport = _XSLT[pad](etree.fromstring(inhoud))
    return [
        (fout.findtext(f"{RAPPORT}Code"), fout.findtext(f"{RAPPORT}Locatie") or "")
        for fout in rapport.getroot().iter(f"{RAPPORT}Fout")
    ]


def jw301s():
    return list(Bericht.objects.filter(richting=Richting.UIT, berichttype=Berichttype.JW301).order_by("id"))


def wijzig(route, jeugdige=None, *, door="toegang", **velden):
    velden.setdefault("woonadres", WOONADRES)
    return wijzig_contactgegevens(
        jeugdige=jeugdige or route["jeugdige_zwolle"], door=route["gebruikers"][door], **velden
    )
