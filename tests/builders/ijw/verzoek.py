"""JW315 requests for an allocation (`jw315`, `product`, `stuur`). Moved from tests/test_ijw_verzoek.py."""

from datetime import date

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

TOM = "999900006"  # the example's BSN (passes the 11-proef), not known in the test world


HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)


def product(
    ref,
    code="45A03",
    *,
    categorie=None,
    omvang=True,
    budget=None,
    einde="2027-03-31",
    verwijzer="02",
    zorgverlener="12345678",
):
    return {
        "zorgverlener": zorgverlener,
        "ref": ref,
        "code": code,
        "categorie": categorie or (code or "45")[:2],
        "omvang": omvang,
        "budget": budget,
        "einde": einde,
        "verwijzer": verwijzer,
    }


def jw315(route, identificatie="V-1", *, bsn=TOM, producten=None, dagtekening=date(2026, 4, 1)) -> bytes:
    producten = producten or [product("40A12341234"), product("40A12341235", "45A04", verwijzer="01")]
    b = Bouwer(Berichttype.JW315)
    root = b.root()
    b.header(
        root,
        afzender=route["aanbieder"].agb_code,
        ontvanger=route["zwolle"].cbs_code,
        identificatie=identificatie,
        dagtekening=dagtekening,
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), "2010-02-14")
    b.sub(client, b.m("Geslacht"), "1")
    naam = b.sub(client, b.m("Naam"))
    geslachtsnaam = b.sub(naam, b.b("Geslachtsnaam"))
    b.sub(geslachtsnaam, b.b("Achternaam"), "Wit")
    b.sub(geslachtsnaam, b.b("Voorvoegsel"), "de")
    b.sub(naam, b.b("Voornamen"), "Tom")
    b.sub(naam, b.b("Voorletters"), "W")
    b.sub(client, b.m("GezagsdragerBekend"), "1")
    lijst = b.sub(client, b.m("AangevraagdeProducten"))
    for p in producten:
        el = b.sub(lijst, b.m("AangevraagdProduct"))
        b.sub(el, b.m("ReferentieAanbieder"), p["ref"])
        b.sub(el, b.m("BeschikkingNummer"), "123")
        if p["categorie"]:
            prod = b.sub(el, b.m("Product"))
            b.sub(prod, b.b("Categorie"), p["categorie"])
            if p["code"]:
                b.sub(prod, b.b("Code"), p["code"])
        b.sub(el, b.m("BeschikkingIngangsdatum"), "2026-03-15")
        b.sub(el, b.m("ToewijzingIngangsdatum"), "2026-04-01")
        if p["einde"]:
            b.sub(el, b.m("ToewijzingEinddatum"), p["einde"])
        if p["omvang"]:
            omvang = b.sub(el, b.m("Omvang"))
            b.sub(omvang, b.b("Volume"), "2")
            b.sub(omvang, b.b("Eenheid"), "04")
            b.sub(omvang, b.b("Frequentie"), "2")
        if p["budget"] is not None:
            b.sub(el, b.m("Budget"), p["budget"])
        verwijzer = b.sub(el, b.m("Verwijzer"))
        b.sub(verwijzer, b.b("Type"), p["verwijzer"])
        if p["verwijzer"] == "02":
            b.sub(verwijzer, b.b("ZorgverlenerCode"), p["zorgverlener"])
        else:
            b.sub(verwijzer, b.b("Naam"), "huisarts")
        b.sub(el, b.m("Raamcontract"), "1")
        b.sub(el, b.m("Commentaar"), "Comm aangevr prod")
    return als_bytes(root)


def stuur(route, *args, **kwargs):
    return ontvang(jw315(route, *args, **kwargs), door=route["gebruikers"]["aanbieder"])


def _ongewijzigd(v, status="open"):
    v.refresh_from_db()
    assert (v.status, v.reden_afwijzing, v.toelichting, v.verwijzing_id, v.besluit_door_id) == (
        status,
        "",
        "",
        None,
        None,
    )
