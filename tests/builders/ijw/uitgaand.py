"""Outbound messages (`uit`), the products of a JW301 (`producten`) and a received JW315 request
(`jw315`). Moved from tests/test_ijw_uitgaand.py."""

from datetime import date

from django.utils import timezone

from jeugdregie.ijw.constants import Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.ijw.xml.veilig import lees
from jeugdregie.verzoeken.services import AangevraagdProduct, ontvang_toewijzingsverzoek

NS = {
    "jw301": "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
    "jw319": "http://www.istandaarden.nl/ijw/3_2/jw319/schema",
    "ijw": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
}


def uit(berichttype):
    return list(Bericht.objects.filter(richting=Richting.UIT, berichttype=berichttype).order_by("id"))


def producten(bericht):
    """Per ToegewezenProduct: {element name: text} of its simple children and Budget/Omvang parts."""
    root = lees(bytes(bericht.inhoud))
    assert is_geldig(root, bericht.berichttype)
    regels = []
    for product in root.iterfind("jw301:Client/jw301:ToegewezenProducten/jw301:ToegewezenProduct", NS):
        regel = {}
        for kind in product.iter():
            if kind is not product and len(kind) == 0:
                regel[kind.tag.split("}")[1]] = kind.text
        regels.append(regel)
    return regels


def jw315(route, referentie="VOT-1", jeugdige="jeugdige_zwolle"):
    (verzoek,) = ontvang_toewijzingsverzoek(
        jeugdige=route[jeugdige],
        gemeente=route["zwolle"],
        aanbieder=route["aanbieder"],
        producten=[AangevraagdProduct(referentie_aanbieder=referentie, ingangsdatum=date(2026, 5, 1), budget=1000)],
        ontvangen_op=timezone.now(),
        door=route["gebruikers"]["aanbieder"],
    )
    return verzoek
