"""JW317 change requests (`jw317`, `wijziging`, `stuur`) at the frozen moment `NU`. Moved from
tests/test_ijw_wijziging.py."""

from datetime import UTC, date, datetime

from django.utils import timezone  # noqa: F401 (tests freeze `jw317.timezone.now` at NU)
from lxml import etree

from jeugdregie.ijw.constants import Berichttype, namespace
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes

NU = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


NS318 = {"m": namespace(Berichttype.JW318)}


def wijziging(toewijzing, *, budget=450000, ingang=None, einde=None, omvang=False) -> dict:
    return {
        "nummer": toewijzing.pk,
        "ingang": ingang or toewijzing.begindatum,
        "einde": einde or toewijzing.einddatum,
        "budget": budget,
        "omvang": omvang,
    }


def jw317(route, *, ongewijzigd=(), te_wijzigen=(), nieuw=False, **kop) -> bytes:
    """A schema-valid JW317 of the route's provider to Zwolle for Zara. ``nieuw``: True for a
    NieuwProduct 45A03 from 1 June to 31 December 2026, or its (GewensteIngangsdatum, Einddatum)."""
    b = Bouwer(Berichttype.JW317)
    root = b.root()
    b.header(
        root,
        afzender=route["aanbieder"].agb_code,
        ontvanger=route["zwolle"].cbs_code,
        identificatie=kop.get("identificatie", "317-1"),
        dagtekening=NU.date(),
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), kop.get("bsn", route["jeugdige_zwolle"].bsn))
    verzoek = b.sub(client, b.m("Verzoek"))
    b.sub(verzoek, b.m("ReferentieAanbieder"), kop.get("referentie", "VOW-1"))
    b.sub(verzoek, b.m("RedenVerzoek"), kop.get("reden", "2"))
    if ongewijzigd:
        groep = b.sub(verzoek, b.m("OngewijzigdeProducten"))
        for nummer in ongewijzigd:
            b.sub(b.sub(groep, b.m("OngewijzigdProduct")), b.m("ToewijzingNummer"), nummer)
    if te_wijzigen:
        groep = b.sub(verzoek, b.m("TeWijzigenProducten"))
        for product in te_wijzigen:
            element = b.sub(groep, b.m("TeWijzigenProduct"))
            b.sub(element, b.m("ToewijzingNummer"), product["nummer"])
            b.sub(element, b.m("GewensteIngangsdatum"), product["ingang"].isoformat())
            b.sub(element, b.m("Einddatum"), product["einde"].isoformat())
            if product["omvang"]:
                _omvang(b, element)
            if product["budget"] is not None:
                b.sub(element, b.m("Budget"), product["budget"])
    if nieuw:
        element = b.sub(b.sub(verzoek, b.m("NieuweProducten")), b.m("NieuwProduct"))
        product = b.sub(element, b.m("Product"))
        b.sub(product, b.b("Categorie"), "45")
        b.sub(product, b.b("Code"), "45A03")
        ingang, einde = nieuw if isinstance(nieuw, tuple) else (date(2026, 6, 1), date(2026, 12, 31))
        b.sub(element, b.m("GewensteIngangsdatum"), ingang.isoformat())
        b.sub(element, b.m("Einddatum"), einde.isoformat())
        _omvang(b, element)
    return als_bytes(root)


def _omvang(b, element):
    omvang = b.sub(element, b.m("Omvang"))
    b.sub(omvang, b.b("Volume"), "4")
    b.sub(omvang, b.b("Eenheid"), "04")
    b.sub(omvang, b.b("Frequentie"), "2")


def stuur(route, data: bytes):
    return ontvang(data, door=route["gebruikers"]["aanbieder"])


def codes(ontvangst, klasse: str) -> list[list[str]]:
    """The RetourCodes of every element of one berichtklasse in the JW318."""
    root = etree.fromstring(ontvangst.retour_xml)
    return [
        [c.text for c in element.findall("m:RetourCodes/m:RetourCode", NS318)]
        for element in root.iter(f"{{{NS318['m']}}}{klasse}")
    ]
