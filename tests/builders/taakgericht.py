"""A task-based assignment (R-R2) in the test world: Zwolle and Kampen play the MVS sub-region,
Deventer the rest of the region; a separate provider is the opdrachtnemer with its own user."""

from datetime import date

from jeugdregie.accounts.constants import Rol
from jeugdregie.taakgericht.services import leg_opdracht_vast, stel_opdrachtbedrag_vast

from ..factories import AanbiederFactory, GebruikerFactory, GemeenteFactory

BEGIN = date(2026, 1, 1)


EIGEN = ("kampen", "opdrachtnemer", "financieel_kampen", "toegang_kampen")


def zonder_mvs(route) -> dict:
    """A copy of the world without what ``mvs`` adds: for examples rolled back one by one."""
    kopie = {k: v for k, v in route.items() if k not in EIGEN}
    kopie["gebruikers"] = {k: v for k, v in route["gebruikers"].items() if k not in EIGEN}
    return kopie


def mvs(
    route,
    *,
    gemeenten=("zwolle", "kampen"),
    producten=("45A03",),
    begindatum=BEGIN,
    einddatum=None,
    bedrag=None,
    jaar=2026,
):
    """Adds Kampen, the opdrachtnemer and its user, finance of Kampen, and the assignment."""
    if "kampen" not in route:
        route["kampen"] = GemeenteFactory(cbs_code="0166", naam="Kampen", inwoners=54000, jeugdigen=11000)
    if "opdrachtnemer" not in route:
        route["opdrachtnemer"] = AanbiederFactory(naam="Jeugdmodel MVS")
        route["gebruikers"]["opdrachtnemer"] = GebruikerFactory(aanbieder_rol=True, aanbieder=route["opdrachtnemer"])
        route["gebruikers"]["financieel_kampen"] = GebruikerFactory(financieel_rol=True, gemeente=route["kampen"])
        route["gebruikers"]["toegang_kampen"] = GebruikerFactory(rol=Rol.TOEGANG, gemeente=route["kampen"])
    opdracht = leg_opdracht_vast(
        regio=route["zwolle"].regio,
        aanbieder=route["opdrachtnemer"],
        naam="Jeugdmodel MVS",
        gemeenten=[route[g].pk for g in gemeenten],
        productcodes=producten,
        begindatum=begindatum,
        einddatum=einddatum,
        door=route["gebruikers"]["contractmanager"],
    )
    if bedrag is not None:
        stel_opdrachtbedrag_vast(
            opdracht=opdracht, jaar=jaar, bedrag=bedrag, door=route["gebruikers"]["contractmanager"]
        )
    return opdracht


def start_stop(
    route,
    kind,
    *,
    begindatum,
    einddatum=None,
    code="45A03",
    identificatie="TG-1",
    ontvanger="zwolle",
    reden="31",
    status="1",
):
    """A JW305 (or, with ``einddatum``, a JW307 with ``reden``, JZ588) of the opdrachtnemer without
    ToewijzingNummer: keyed by Product and Begindatum (iJw IV096); ``status`` 3 deletes it."""
    from django.utils import timezone

    from jeugdregie.ijw.constants import Berichttype
    from jeugdregie.ijw.xml.kop import Bouwer, als_bytes

    soort = Berichttype.JW305 if einddatum is None else Berichttype.JW307
    b = Bouwer(soort)
    root = b.root()
    b.header(
        root,
        afzender=route["opdrachtnemer"].agb_code,
        ontvanger=route[ontvanger].cbs_code,
        identificatie=identificatie,
        dagtekening=timezone.localdate(),
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), kind.bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), kind.geboortedatum.isoformat())
    b.sub(client, b.m("Geslacht"), kind.geslacht)
    naam = b.sub(client, b.m("Naam"))
    b.sub(b.sub(naam, b.b("Geslachtsnaam")), b.b("Achternaam"), kind.achternaam)
    klasse = "StartProduct" if einddatum is None else "StopProduct"
    element = b.sub(b.sub(client, b.m(f"{klasse}en")), b.m(klasse))
    product = b.sub(element, b.m("Product"))
    b.sub(product, b.b("Categorie"), code[:2])
    b.sub(product, b.b("Code"), code)
    b.sub(element, b.m("Begindatum"), begindatum.isoformat())
    if einddatum is not None:
        b.sub(element, b.m("RedenBeeindiging"), reden)
        b.sub(element, b.m("Einddatum"), einddatum.isoformat())
    b.sub(element, b.m("StatusAanlevering"), status)
    return als_bytes(root)


def geldig(data: bytes, berichttype: str) -> None:
    """XSD and the standard's stylesheet (every rule of iJw 3.2), as the receiver judges."""
    from lxml import etree

    from jeugdregie.ijw.xml.inhoud import controleer_inhoud
    from jeugdregie.ijw.xml.schemas import valideer

    root = etree.fromstring(data)
    valideer(root, berichttype)
    assert controleer_inhoud(root) == []


def retourcodes(ontvangst) -> list[str]:
    from lxml import etree

    return [c.text for c in etree.fromstring(ontvangst.retour_xml).iter("{*}RetourCode")]
