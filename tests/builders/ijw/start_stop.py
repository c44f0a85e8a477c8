"""JW305 start and JW307 stop messages for an allocation (`toegewezen`, `product`, `bericht`, `stop`),
sending them (`stuur`) and reading the outcome (`codes`, `staat`). Moved from tests/test_ijw_start_stop.py."""

from datetime import date

from lxml import etree

from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.toewijzingen.models import Toewijzing

from ..route import screen, verwijs

START = date(2026, 4, 1)


EINDE = date(2026, 6, 30)


def toegewezen(route, aanbieder="aanbieder") -> Toewijzing:
    """An accepted referral of the toegang: allocation 2026-03-02 … 2027-03-01, not started."""
    verwijzing = verwijs(route, aanbieder=aanbieder)
    screen(route, verwijzing, door=aanbieder)
    return Toewijzing.objects.get(verwijzing=verwijzing)


def product(nummer, begindatum=START, status="1", *, reden=None, einddatum=None, code=None) -> dict:
    return {
        "nummer": nummer,
        "begindatum": begindatum,
        "status": status,
        "reden": reden,
        "einde": einddatum,
        "code": code,
    }


def bericht(route, producten, *, soort=Berichttype.JW305, identificatie="S-1", bsn=None) -> bytes:
    """A schema-valid JW305 (StartProducten) or JW307 (StopProducten) of the provider to Zwolle."""
    b = Bouwer(soort)
    root = b.root()
    b.header(
        root,
        afzender=route["aanbieder"].agb_code,
        ontvanger=route["zwolle"].cbs_code,
        identificatie=identificatie,
        dagtekening=date(2026, 7, 1),
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), bsn or route["jeugdige_zwolle"].bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), "2012-05-01")
    b.sub(client, b.m("Geslacht"), "2")
    naam = b.sub(client, b.m("Naam"))
    b.sub(b.sub(naam, b.b("Geslachtsnaam")), b.b("Achternaam"), "Zwolsma")
    klasse = "StartProduct" if soort == Berichttype.JW305 else "StopProduct"
    lijst = b.sub(client, b.m(f"{klasse}en"))
    for p in producten:
        element = b.sub(lijst, b.m(klasse))
        b.sub(element, b.m("ToewijzingNummer"), p["nummer"])
        if p["code"]:
            productelement = b.sub(element, b.m("Product"))
            b.sub(productelement, b.b("Categorie"), p["code"][:2])
            b.sub(productelement, b.b("Code"), p["code"])
        b.sub(element, b.m("Begindatum"), p["begindatum"].isoformat())
        if klasse == "StopProduct":
            b.sub(element, b.m("RedenBeeindiging"), p["reden"] or "31")
            b.sub(element, b.m("Einddatum"), (p["einde"] or EINDE).isoformat())
        b.sub(element, b.m("StatusAanlevering"), p["status"])
    return als_bytes(root)


def stop(route, producten, identificatie="T-1", **extra) -> bytes:
    return bericht(route, producten, soort=Berichttype.JW307, identificatie=identificatie, **extra)


def stuur(route, data: bytes):
    return ontvang(data, door=route["gebruikers"]["aanbieder"])


def codes(ontvangst) -> dict[str, list]:
    """Retour codes per class: the header's and the client's list, and a list per product."""
    root = etree.fromstring(ontvangst.retour_xml)
    per_klasse = {"Header": [], "Client": [], "Product": []}
    for element in root.iter("{*}RetourCodes"):
        naam = etree.QName(element.getparent()).localname
        lijst = [c.text for c in element]
        if naam in ("StartProduct", "StopProduct"):
            per_klasse["Product"].append(lijst)
        else:
            per_klasse[naam] = lijst
    return per_klasse


def staat(toewijzing: Toewijzing) -> tuple:
    toewijzing.refresh_from_db()
    return (toewijzing.status, toewijzing.startdatum_zorg, toewijzing.stopdatum_zorg, toewijzing.reden_beeindiging)


NIET_GESTART = ("toegewezen", None, None, "")


GESTART = ("gestart", START, None, "")
