"""A JW305 (`jw305`) for an allocation made through the route (`toegewezen`), and the iJw API path. Moved
from tests/test_ijw_interfaces.py."""

from datetime import date

from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.toewijzingen.models import Toewijzing

from ..route import screen, verwijs

API = "/api/v1/ijw/berichten/"


def jw305(route, toewijzing, *, identificatie="305000000001", afzender=None, begindatum=date(2026, 3, 9)) -> bytes:
    """A schema-valid JW305 start zorg of the route's provider to Zwolle for ``toewijzing``."""
    b = Bouwer(Berichttype.JW305)
    root = b.root()
    b.header(
        root,
        afzender=afzender or route["aanbieder"].agb_code,
        ontvanger=route["zwolle"].cbs_code,
        identificatie=identificatie,
        dagtekening=date(2026, 3, 10),
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), toewijzing.jeugdige.bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), "2012-05-01")
    b.sub(client, b.m("Geslacht"), "2")
    naam = b.sub(client, b.m("Naam"))
    b.sub(b.sub(naam, b.b("Geslachtsnaam")), b.b("Achternaam"), toewijzing.jeugdige.achternaam)
    product = b.sub(b.sub(client, b.m("StartProducten")), b.m("StartProduct"))
    b.sub(product, b.m("ToewijzingNummer"), toewijzing.pk)
    b.sub(product, b.m("ToewijzingIngangsdatum"), toewijzing.begindatum.isoformat())
    b.sub(product, b.m("Begindatum"), begindatum.isoformat())
    b.sub(product, b.m("StatusAanlevering"), "1")
    return als_bytes(root)


def toegewezen(route) -> Toewijzing:
    """An accepted allocation of the route's provider for Zara, care not yet started."""
    verwijzing = verwijs(route)
    screen(route, verwijzing, op=verwijzing.datum)
    return Toewijzing.objects.get(verwijzing=verwijzing)
