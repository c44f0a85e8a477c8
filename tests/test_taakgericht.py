"""R-R2: the taakgericht funding variant of Rijnmond's MVS sub-region (seed 004: "taakgericht, als
één integrale opdracht en met populatiebekostiging"; iJw OP261, IV096). Zwolle and Kampen play the
sub-region, Deventer a municipality outside it (tests/builders/taakgericht.py)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.constants import Bekostiging
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.taakgericht.constants import Foutcode
from jeugdregie.taakgericht.models import Opdrachtgebeurtenis, TaakgerichteOpdracht, Termijn, Termijnaandeel
from jeugdregie.taakgericht.services import betaal_termijn, leg_opdracht_vast, stel_betaalschema_op
from jeugdregie.taakgericht.variant import bekostigingsvariant

from .builders.declaraties import _afkeur, declareer, regel
from .builders.route import gestart
from .builders.taakgericht import mvs
from .klok import op_de_dag

# --- 1. the variant in one place ---------------------------------------------------------------


def test_variant_taakgericht_alleen_voor_de_gemeenten_en_producten_van_de_opdracht(route, catalogus):
    """R-R2, OP261: taakgericht for (MVS municipality, product of the assignment) from its
    begindatum; the product's own variant elsewhere, before, and for other products."""
    mvs(route, begindatum=date(2026, 2, 1))
    p45a03, p45a04 = Product.objects.get(code="45A03"), Product.objects.get(code="45A04")
    assert bekostigingsvariant(route["zwolle"], p45a03, date(2026, 2, 1)) == Bekostiging.TAAKGERICHT
    assert bekostigingsvariant(route["kampen"], p45a03, date(2026, 12, 31)) == Bekostiging.TAAKGERICHT
    assert bekostigingsvariant(route["zwolle"], p45a03, date(2026, 1, 31)) == Bekostiging.INSPANNINGSGERICHT
    assert bekostigingsvariant(route["deventer"], p45a03, date(2026, 2, 1)) == Bekostiging.INSPANNINGSGERICHT
    assert bekostigingsvariant(route["zwolle"], p45a04, date(2026, 2, 1)) == Bekostiging.INSPANNINGSGERICHT


@pytest.mark.parametrize(
    ("sub_regio", "verwacht"),
    [(("deventer", "kampen"), ("goedgekeurd", "", "")), (("zwolle", "kampen"), ("afgekeurd", "DEC005", "9340"))],
)
def test_declaratie_zelfde_product_goedgekeurd_buiten_mvs_afgewezen_binnen_mvs(route, sub_regio, verwacht):
    """R-R2: the same line (45A03, April) is declared as always for a Zwolle child when Zwolle is
    outside the sub-region, and refused, naming the assignment, when Zwolle is in it; the refused
    line moves no budget."""
    mvs(route, gemeenten=sub_regio)
    toewijzing = gestart(route)
    declaratie = declareer(route, [regel(toewijzing, "B1")])
    [uitkomst] = declaratie.regels.all()
    assert (uitkomst.status, uitkomst.afkeur, uitkomst.retourcode) == verwacht
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    if uitkomst.status == "afgekeurd":
        assert "onder de taakgerichte opdracht 'Jeugdmodel MVS' (vanaf 01-01-2026)" in uitkomst.toelichting
        assert "op 01-04-2026" in uitkomst.toelichting
        assert stand.goedgekeurd == Decimal("0.00")
    else:
        assert stand.goedgekeurd == Decimal("860.00")


def test_declaratie_pas_afgewezen_vanaf_begindatum_van_de_opdracht(route):
    """R-R2: a line before the assignment's begindatum is declared as always; a line whose month
    reaches the begindatum is refused, naming that first task-based day."""
    toewijzing = gestart(route)
    mvs(route, gemeenten=("zwolle",), begindatum=date(2026, 5, 15))
    juli = datetime(2026, 7, 6, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    april = declareer(route, [regel(toewijzing, "A1", maand=(2026, 4))], nummer="D-APRIL", ingediend_op=juli)
    assert _afkeur(april) == [("goedgekeurd", "", "")]
    mei = declareer(route, [regel(toewijzing, "M1", maand=(2026, 5))], nummer="D-MEI", ingediend_op=juli)
    [uitkomst] = mei.regels.all()
    assert (uitkomst.status, uitkomst.afkeur) == ("afgekeurd", "DEC005")
    assert "op 15-05-2026" in uitkomst.toelichting
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")  # April only


def test_crisisproduct_blijft_als_vanouds_afgewezen(route):
    """R-B4 unchanged: a product funded task-based in the catalogue is refused per line with the
    crisis explanation, with or without an assignment."""
    toewijzing = gestart(route)
    Product.objects.filter(code="45A03").update(bekostiging=Bekostiging.TAAKGERICHT)
    [uitkomst] = declareer(route, [regel(toewijzing)]).regels.all()
    assert (uitkomst.afkeur, uitkomst.status) == ("DEC005", "afgekeurd")
    assert "verdeling van de crisiskosten" in uitkomst.toelichting


def test_opdracht_valideert_regio_producten_en_overlap(route):
    """R-R2: municipalities of the region only, products of the catalogue only, one assignment
    per (municipality, product) on a day; only the region's contractmanager or beheerder; a
    refusal records nothing."""
    from .factories import GemeenteFactory, RegioFactory

    mvs(route, gemeenten=("zwolle",))
    vreemd = GemeenteFactory(cbs_code="0599", naam="Rotterdam", regio=RegioFactory(code="rijnmond", naam="Rijnmond"))
    basis = {
        "regio": route["zwolle"].regio,
        "aanbieder": route["opdrachtnemer"],
        "naam": "Tweede",
        "begindatum": date(2026, 6, 1),
        "door": route["gebruikers"]["contractmanager"],
    }
    gevallen = [
        ({"gemeenten": [vreemd.pk], "productcodes": ["45A04"]}, Foutcode.GEMEENTE_BUITEN_REGIO),
        ({"gemeenten": [route["deventer"].pk], "productcodes": ["99X99"]}, Foutcode.PRODUCT_ONBEKEND),
        ({"gemeenten": [route["zwolle"].pk], "productcodes": ["45A03"]}, Foutcode.OVERLAP),
        (
            {"gemeenten": [route["deventer"].pk], "productcodes": ["45A03"], "door": route["gebruikers"]["toegang"]},
            Foutcode.ROL,
        ),
        (
            {"gemeenten": [route["deventer"].pk], "productcodes": ["45A03"], "einddatum": date(2026, 5, 1)},
            Foutcode.PERIODE_ONGELDIG,
        ),
    ]
    for wijziging, code in gevallen:
        with pytest.raises(DomainError) as fout:
            leg_opdracht_vast(**{**basis, **wijziging})
        assert fout.value.code == code
    assert TaakgerichteOpdracht.objects.count() == 1


# --- 2. lump sum, payment schedule, population funding ------------------------------------------


def test_betaalschema_twaalf_termijnen_rest_op_de_laatste_en_aandelen_naar_jeugdigen(route):
    """R-R2: € 1.000.000,05 a year → 11 × € 83.333,33 and € 83.333,42; each term split over Zwolle
    (26.617 young inhabitants) and Kampen (11.000) by largest remainder, adding up exactly."""
    opdracht = mvs(route, bedrag="1000000.05")
    termijnen = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    assert [t.bedrag for t in termijnen] == [Decimal("83333.33")] * 11 + [Decimal("83333.42")]
    assert sum(t.bedrag for t in termijnen) == Decimal("1000000.05")
    assert (termijnen[0].begindatum, termijnen[0].einddatum) == (date(2026, 1, 1), date(2026, 1, 31))
    assert (termijnen[1].begindatum, termijnen[1].einddatum) == (date(2026, 2, 1), date(2026, 2, 28))
    eerste = {a.gemeente.naam: a.bedrag for a in Termijnaandeel.objects.filter(termijn=termijnen[0])}
    # 8,333,333 cents × 26617/37617 = 5,896,491.60 → 5,896,491 + the cent left over (larger
    # remainder); Kampen × 11000/37617 = 2,436,841.40 → 2,436,841
    assert eerste == {"Zwolle": Decimal("58964.92"), "Kampen": Decimal("24368.41")}
    for termijn in termijnen:
        assert sum(a.bedrag for a in termijn.aandelen.all()) == termijn.bedrag


def test_betaalschema_eenmaal_per_jaar_en_niet_zonder_bedrag(route):
    """R-R2: a second schedule for the same year and a schedule without a lump sum are refused
    and change nothing."""
    opdracht = mvs(route, bedrag="1200")
    beheerder = route["gebruikers"]["contractmanager"]
    stel_betaalschema_op(opdracht, 2026, door=beheerder)
    for jaar, code in [(2026, Foutcode.SCHEMA_BESTAAT), (2027, Foutcode.GEEN_BEDRAG)]:
        with pytest.raises(DomainError) as fout:
            stel_betaalschema_op(opdracht, jaar, door=beheerder)
        assert fout.value.code == code
    assert Termijn.objects.count() == 12
    with pytest.raises(DomainError) as fout:
        stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["financieel"])
    assert fout.value.code == Foutcode.ROL


def test_termijn_betalen_door_financien_eenmaal(route):
    """R-R2: finance of a municipality of the assignment records the payment on the server's
    date; a second payment (a replay) is refused and changes nothing; others may not pay."""
    opdracht = mvs(route, bedrag="1200")
    [eerste, *_] = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    for wie in ("toegang", "contractmanager", "opdrachtnemer"):
        with pytest.raises(DomainError) as fout:
            betaal_termijn(eerste, door=route["gebruikers"][wie])
        assert fout.value.code == Foutcode.ROL
    with op_de_dag(date(2026, 1, 28)):
        betaald = betaal_termijn(eerste, door=route["gebruikers"]["financieel_kampen"])
    assert (betaald.betaald_op, betaald.betaald_door) == (date(2026, 1, 28), route["gebruikers"]["financieel_kampen"])
    voor = (Opdrachtgebeurtenis.objects.count(), AuditRegel.objects.count())
    with pytest.raises(DomainError) as fout:
        betaal_termijn(eerste, door=route["gebruikers"]["financieel"])
    assert fout.value.code == Foutcode.AL_BETAALD
    assert "al betaald op 28-01-2026" in fout.value.message
    eerste.refresh_from_db()
    assert (eerste.betaald_op, eerste.betaald_door) == (date(2026, 1, 28), route["gebruikers"]["financieel_kampen"])
    assert (Opdrachtgebeurtenis.objects.count(), AuditRegel.objects.count()) == voor


# --- 3. care without an allocation (iJw IV096) -------------------------------------------------


def _kind(route, gemeente="zwolle"):
    from .factories import JeugdigeFactory

    return JeugdigeFactory(gemeente=route[gemeente], voornamen="Mila", achternaam="Maassluis")


def _zorgtellers():
    from jeugdregie.jeugdigen.models import Betrokkenheid
    from jeugdregie.taakgericht.models import Opdrachtverwijzing, Zorgperiode

    return (
        Opdrachtverwijzing.objects.count(),
        list(Zorgperiode.objects.values_list("pk", "einddatum")),
        Betrokkenheid.objects.filter(bron="taakgericht").count(),
        Opdrachtgebeurtenis.objects.count(),
    )


def test_verwijzen_start_en_stop_geven_de_opdrachtnemer_zicht(route):
    """R-R2, iJw IV096: the toegang refers (no allocation, no JW301); the opdrachtnemer reports the
    start keyed by product + begindatum and sees the child from then on, not before; the stop
    ends the care; everything is audit-logged with the child."""
    from jeugdregie.jeugdigen.models import Jeugdige
    from jeugdregie.taakgericht.services import meld_start, meld_stop, verwijs_naar_opdracht
    from jeugdregie.toewijzingen.models import Toewijzing

    opdracht = mvs(route)
    kind = _kind(route)
    nemer = route["gebruikers"]["opdrachtnemer"]
    with op_de_dag(date(2026, 3, 2)):
        verwijzing = verwijs_naar_opdracht(opdracht=opdracht, jeugdige=kind, door=route["gebruikers"]["toegang"])
        assert not Jeugdige.objects.voor_gebruiker(nemer).filter(pk=kind.pk).exists()
        periode = meld_start(
            opdracht=opdracht, bsn=kind.bsn, productcode="45A03", begindatum=date(2026, 3, 2), door=nemer
        )
        assert Jeugdige.objects.voor_gebruiker(nemer).filter(pk=kind.pk).exists()
    assert (verwijzing.gemeente, verwijzing.verwezen_op) == (route["zwolle"], date(2026, 3, 2))
    assert not Toewijzing.objects.filter(jeugdige=kind).exists()
    with op_de_dag(date(2026, 6, 30)):
        gestopt = meld_stop(
            opdracht=opdracht,
            bsn=kind.bsn,
            productcode="45A03",
            begindatum=date(2026, 3, 2),
            einddatum=date(2026, 6, 30),
            reden="31",
            door=nemer,
        )
    assert (gestopt.pk, gestopt.einddatum, gestopt.stop_gemeld_op) == (periode.pk, date(2026, 6, 30), date(2026, 6, 30))
    assert AuditRegel.objects.filter(client_id=kind.pk, objecttype="taakgericht.Zorgperiode").count() == 2
    assert AuditRegel.objects.filter(client_id=kind.pk, objecttype="taakgericht.Opdrachtverwijzing").count() == 1


def test_wie_anders_wordt_geweigerd_en_er_verandert_niets(route):
    """R-R2, iJw IV096: another provider, a child of a municipality outside the sub-region, a
    start before the assignment's begindatum, a start without referral, a product outside the
    assignment, a stop without a start: each refused in Dutch, nothing recorded."""
    from jeugdregie.taakgericht.services import meld_start, meld_stop, verwijs_naar_opdracht

    opdracht = mvs(route, begindatum=date(2026, 2, 1))
    kind, deventer_kind = _kind(route), _kind(route, "deventer")
    nemer = route["gebruikers"]["opdrachtnemer"]
    with op_de_dag(date(2026, 3, 2)):
        verwijs_naar_opdracht(opdracht=opdracht, jeugdige=kind, door=route["gebruikers"]["toegang"])
        voor = _zorgtellers()
        start = {"opdracht": opdracht, "bsn": kind.bsn, "productcode": "45A03", "begindatum": date(2026, 3, 2)}
        gevallen = [
            (lambda: meld_start(**start, door=route["gebruikers"]["aanbieder"]), Foutcode.ROL),
            (
                lambda: verwijs_naar_opdracht(
                    opdracht=opdracht, jeugdige=deventer_kind, door=route["gebruikers"]["toegang_andere_gemeente"]
                ),
                Foutcode.GEMEENTE_NIET_IN_OPDRACHT,
            ),
            (lambda: verwijs_naar_opdracht(opdracht=opdracht, jeugdige=kind, door=nemer), Foutcode.ROL),
            (lambda: meld_start(**{**start, "begindatum": date(2026, 1, 31)}, door=nemer), Foutcode.BUITEN_OPDRACHT),
            (lambda: meld_start(**{**start, "bsn": deventer_kind.bsn}, door=nemer), Foutcode.GEEN_VERWIJZING),
            (lambda: meld_start(**{**start, "productcode": "45A04"}, door=nemer), Foutcode.PRODUCT_NIET_IN_OPDRACHT),
            (
                lambda: meld_stop(**start, einddatum=date(2026, 3, 2), reden="31", door=nemer),
                Foutcode.STOP_ZONDER_START,
            ),
        ]
        for handeling, code in gevallen:
            with pytest.raises(DomainError) as fout:
                handeling()
            assert fout.value.code == code, code
            assert fout.value.message
        assert _zorgtellers() == voor


# --- end to end ---------------------------------------------------------------------------------


def _geldig(data: bytes, berichttype: str) -> None:
    """XSD and the standard's stylesheet (every rule of iJw 3.2), as the receiver judges."""
    from lxml import etree

    from jeugdregie.ijw.xml.inhoud import controleer_inhoud
    from jeugdregie.ijw.xml.schemas import valideer

    root = etree.fromstring(data)
    valideer(root, berichttype)
    assert controleer_inhoud(root) == []


def _codes(ontvangst) -> list[str]:
    from lxml import etree

    return [c.text for c in etree.fromstring(ontvangst.retour_xml).iter("{*}RetourCode")]


def test_keten_opdracht_tot_monitoring(route, klok):
    """R-R2 end to end (seed 004 MVS, iJw OP261/IV096): assignment + lump sum → schedule → referral
    (no allocation, no JW301) → JW305 start without ToewijzingNummer → a JW323 line for the
    product in the sub-region refused → JW307 stop → terms paid → monitoring figures."""
    from jeugdregie.ijw.models import Bericht
    from jeugdregie.ijw.services.ontvangen import ontvang
    from jeugdregie.jeugdigen.models import Jeugdige
    from jeugdregie.taakgericht.models import Zorgperiode
    from jeugdregie.taakgericht.monitoring import monitoring
    from jeugdregie.taakgericht.services import verwijs_naar_opdracht

    from .builders.ijw.declaratie import _antwoord, jw323, prestatie
    from .builders.taakgericht import start_stop
    from .factories import JeugdigeFactory

    # an allocation of another provider for a Zwolle child, started before the assignment applies
    bestaand = gestart(route)
    jw301_voor = Bericht.objects.filter(berichttype="JW301").count()

    klok(date(2026, 1, 5))
    opdracht = mvs(route, bedrag="1200000.00")  # Zwolle (26.617 young inhabitants) and Kampen (11.000)
    termijnen = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    assert [t.bedrag for t in termijnen] == [Decimal("100000.00")] * 12

    klok(date(2026, 3, 2))
    mila = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Mila", achternaam="Maassluis")
    kees = JeugdigeFactory(gemeente=route["kampen"], voornamen="Kees", achternaam="Kampen")
    verwijs_naar_opdracht(opdracht=opdracht, jeugdige=mila, door=route["gebruikers"]["toegang"])
    verwijs_naar_opdracht(opdracht=opdracht, jeugdige=kees, door=route["gebruikers"]["toegang_kampen"])
    assert Bericht.objects.filter(berichttype="JW301").count() == jw301_voor  # IV096: no allocation message

    nemer = route["gebruikers"]["opdrachtnemer"]
    for kind, gemeente, nummer in [(mila, "zwolle", "TG-1"), (kees, "kampen", "TG-2")]:
        data = start_stop(route, kind, begindatum=date(2026, 3, 2), identificatie=nummer, ontvanger=gemeente)
        _geldig(data, "JW305")
        ontvangst = ontvang(data, door=nemer)
        _geldig(ontvangst.retour_xml, "JW306")
        assert set(_codes(ontvangst)) == {"0200"}
        assert ontvangst.bericht.status == "verwerkt"
    assert Jeugdige.objects.voor_gebruiker(nemer).filter(pk__in=[mila.pk, kees.pk]).count() == 2

    klok(date(2026, 5, 6))
    antwoord = ontvang(jw323(route, [prestatie(bestaand, "R-APRIL")]), door=route["gebruikers"]["aanbieder"])
    assert _antwoord(antwoord)[4] == [("R-APRIL", ["9340"])]
    [regel_] = antwoord.bericht.declaratie.regels.all()
    assert (regel_.status, regel_.afkeur) == ("afgekeurd", "DEC005")
    assert "taakgerichte opdracht 'Jeugdmodel MVS'" in regel_.toelichting

    data = start_stop(route, mila, begindatum=date(2026, 3, 2), einddatum=date(2026, 4, 30), identificatie="TG-3")
    _geldig(data, "JW307")
    ontvangst = ontvang(data, door=nemer)
    _geldig(ontvangst.retour_xml, "JW308")
    assert set(_codes(ontvangst)) == {"0200"}
    assert Zorgperiode.objects.get(jeugdige=mila).einddatum == date(2026, 4, 30)

    for termijn in termijnen[:4]:
        betaal_termijn(termijn, door=route["gebruikers"]["financieel"])

    cijfers = monitoring(opdracht, 2026, op=date(2026, 5, 6))
    # per term: Zwolle 10,000,000 cents × 26617/37617 = 7,075,790.20 → 7,075,790; Kampen
    # 2,924,209.80 → 2,924,210 (the cent left over: larger remainder)
    assert [
        (r.gemeente, r.aandeel, r.gepland, r.betaald, r.te_betalen, r.in_zorg, r.betaald_per_kind)
        for r in cijfers.regels
    ] == [
        (
            "Kampen",
            Decimal("29.24"),
            Decimal("350905.20"),
            Decimal("116968.40"),
            Decimal("233936.80"),
            1,
            Decimal("116968.40"),
        ),
        ("Zwolle", Decimal("70.76"), Decimal("849094.80"), Decimal("283031.60"), Decimal("566063.20"), 0, None),
    ]
    totaal = cijfers.totaal
    assert (totaal.aandeel, totaal.gepland, totaal.betaald, totaal.in_zorg) == (
        Decimal("100.00"),
        Decimal("1200000.00"),
        Decimal("400000.00"),
        1,
    )


# --- 4. the monitoring screen --------------------------------------------------------------------


def _met_schema(route):
    from .factories import GebruikerFactory, RegioFactory

    opdracht = mvs(route, bedrag="1200000.00")
    termijnen = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    andere_regio = RegioFactory(code="rijnmond", naam="Rijnmond")
    route["gebruikers"]["contractmanager_rijnmond"] = GebruikerFactory(
        regio_rol=True, rol="contractmanager", regio=andere_regio
    )
    return opdracht, termijnen


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("contractmanager", 200),
        ("beleid", 200),
        ("financieel", 200),
        ("financieel_kampen", 200),
        ("toegang", 403),
        ("aanbieder", 403),
        ("opdrachtnemer", 403),
        ("huisarts", 403),
        ("contractmanager_rijnmond", 404),
    ],
)
def test_monitoring_per_rol(client, route, rol, status):
    """R-R2, R-P1: finance of the sub-region and the region's roles read the monitoring (figures,
    no child); the toegang, providers and referrers do not; another region's roles find nothing."""
    opdracht, _ = _met_schema(route)
    client.force_login(route["gebruikers"][rol])
    assert client.get(f"/taakgericht/{opdracht.pk}/?jaar=2026").status_code == status
    lijst = client.get("/taakgericht/")
    assert lijst.status_code == (403 if status == 403 else 200)
    if status == 200:
        assert "Jeugdmodel MVS" in lijst.content.decode()


def test_anoniem_wordt_naar_inloggen_gestuurd(client, route):
    """R-P1: no page of the assignments without logging in."""
    opdracht, termijnen = _met_schema(route)
    for url in ("/taakgericht/", f"/taakgericht/{opdracht.pk}/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    assert client.post(f"/taakgericht/termijnen/{termijnen[0].pk}/betalen/").status_code == 302
    assert not Termijn.objects.filter(betaald_op__isnull=False).exists()


def test_monitoring_toont_bedragen_en_exporteert_csv(client, route):
    """R-R2: the screen shows the figures as € 1.234,56 and the CSV has one row per municipality and
    a total; finance pays a term from the screen, once."""
    opdracht, termijnen = _met_schema(route)
    client.force_login(route["gebruikers"]["financieel"])
    with op_de_dag(date(2026, 1, 28)):
        client.post(f"/taakgericht/termijnen/{termijnen[0].pk}/betalen/")
        tweede = client.post(f"/taakgericht/termijnen/{termijnen[0].pk}/betalen/", follow=True)
        assert "al betaald op 28-01-2026" in tweede.content.decode()
        pagina = client.get(f"/taakgericht/{opdracht.pk}/?jaar=2026").content.decode()
    assert "€ 849.094,80" in pagina and "€ 70.757,90" in pagina and "28-01-2026" in pagina
    assert Termijn.objects.filter(betaald_op__isnull=False).count() == 1
    csv = client.get(f"/taakgericht/{opdracht.pk}/?jaar=2026&export=csv").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("Gemeente;Populatieaandeel (%);Gepland;Betaald")
    assert [regel.split(";")[0] for regel in csv[1:]] == ["Kampen", "Zwolle", "Totaal"]


def test_financien_van_een_andere_gemeente_betaalt_niet(client, route):
    """R-R2: finance of a municipality outside the assignment cannot pay its terms."""
    from .factories import GebruikerFactory

    _, termijnen = _met_schema(route)
    client.force_login(GebruikerFactory(financieel_rol=True, gemeente=route["deventer"]))
    assert client.post(f"/taakgericht/termijnen/{termijnen[0].pk}/betalen/").status_code == 404
    assert not Termijn.objects.filter(betaald_op__isnull=False).exists()


def test_productieverantwoording_toont_betaalde_termijnen_per_gemeente(client, route):
    """R-R2 with R-V1: the opdrachtnemer's production statement has a task-based section — terms
    paid instead of declared lines — per municipality; finance of Zwolle sees only Zwolle's."""
    opdracht, termijnen = _met_schema(route)
    betaal_termijn(termijnen[0], door=route["gebruikers"]["financieel"])
    url = f"/verantwoording/productie/{opdracht.aanbieder_id}/2026/"
    client.force_login(route["gebruikers"]["opdrachtnemer"])
    pagina = client.get(url).content.decode()
    assert "Taakgericht bekostigd" in pagina
    assert "€ 849.094,80" in pagina and "€ 350.905,20" in pagina and "€ 70.757,90" in pagina
    client.force_login(route["gebruikers"]["financieel"])
    pagina = client.get(url).content.decode()
    assert "€ 849.094,80" in pagina and "€ 350.905,20" not in pagina


def test_jw305_aan_de_verkeerde_gemeente_of_zonder_opdracht_geeft_9019(route, klok):
    """R-R2, iJw IV096/TR019: a start without ToewijzingNummer for a Kampen child addressed to
    Zwolle, and one for a product no assignment of the sender covers, are refused with 9019 and
    the Dutch reason; nothing is recorded."""
    from jeugdregie.ijw.services.ontvangen import ontvang
    from jeugdregie.taakgericht.models import Zorgperiode
    from jeugdregie.taakgericht.services import verwijs_naar_opdracht

    from .builders.taakgericht import start_stop
    from .factories import JeugdigeFactory

    klok(date(2026, 3, 2))
    opdracht = mvs(route)
    kees = JeugdigeFactory(gemeente=route["kampen"], voornamen="Kees", achternaam="Kampen")
    verwijs_naar_opdracht(opdracht=opdracht, jeugdige=kees, door=route["gebruikers"]["toegang_kampen"])
    nemer = route["gebruikers"]["opdrachtnemer"]
    verkeerd = ontvang(start_stop(route, kees, begindatum=date(2026, 3, 2), ontvanger="zwolle"), door=nemer)
    assert "9019" in _codes(verkeerd)
    assert "stuur de start en stop aan die gemeente" in verkeerd.bericht.fouten[0]["toelichting"]
    geen = ontvang(
        start_stop(route, kees, begindatum=date(2026, 3, 2), code="45A04", identificatie="TG-9", ontvanger="kampen"),
        door=nemer,
    )
    assert "9019" in _codes(geen)
    assert "geen taakgerichte opdracht voor product 45A04" in geen.bericht.fouten[0]["toelichting"]
    assert not Zorgperiode.objects.exists()


def test_opdrachtbedrag_weigert_nul_jaar_buiten_looptijd_en_na_het_schema(route):
    """R-R2: a lump sum is more than € 0,00, for a year the assignment runs, and fixed once the
    year's schedule exists; each refusal leaves the amount as it was."""
    from jeugdregie.taakgericht.models import Opdrachtbedrag
    from jeugdregie.taakgericht.services import stel_opdrachtbedrag_vast

    opdracht = mvs(route, bedrag="1200")
    beheerder = route["gebruikers"]["contractmanager"]
    stel_betaalschema_op(opdracht, 2026, door=beheerder)
    for jaar, bedrag, code in [
        (2027, "0", Foutcode.BEDRAG_ONGELDIG),
        (2027, "veel", Foutcode.BEDRAG_ONGELDIG),
        (2025, "1200", Foutcode.JAAR_ONGELDIG),
        (2026, "2400", Foutcode.SCHEMA_BESTAAT),
    ]:
        with pytest.raises(DomainError) as fout:
            stel_opdrachtbedrag_vast(opdracht=opdracht, jaar=jaar, bedrag=bedrag, door=beheerder)
        assert fout.value.code == code
    assert list(Opdrachtbedrag.objects.values_list("jaar", "bedrag")) == [(2026, Decimal("1200.00"))]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_betalen_betaalt_een_termijn_een_keer(route):
    """R-R2: two finance users pay the same term at once (PostgreSQL, two connections): the row
    lock lets one through and refuses the other as already paid."""
    import threading

    from django.db import connection

    opdracht = mvs(route, bedrag="1200")
    [termijn, *_] = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    uitkomsten, start = [], threading.Barrier(2)

    def betaal(wie):
        try:
            start.wait()
            betaal_termijn(termijn, door=route["gebruikers"][wie])
            uitkomsten.append("betaald")
        except DomainError as fout:
            uitkomsten.append(fout.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=betaal, args=(wie,)) for wie in ("financieel", "financieel_kampen")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == sorted(["betaald", Foutcode.AL_BETAALD.value])
    assert Opdrachtgebeurtenis.objects.filter(soort="betaald").count() == 1


# --- 5. outputgericht: a price per trajectory, declared once ------------------------------------


def test_outputgericht_product_eenmaal_per_toewijzing_met_volume_1(route):
    """R-R2, iJw OP261 outputgericht: one line with volume 1 for the trajectory is approved; a
    second line for the same allocation and product (another month) and a volume other than 1 are
    refused; after the first is credited a corrected line passes."""
    from jeugdregie.declaraties.models import Declaratieregel

    from .builders.declaraties import creditregel

    Product.objects.filter(code="45A03").update(bekostiging=Bekostiging.OUTPUTGERICHT)
    toewijzing = gestart(route)
    juli = datetime(2026, 7, 6, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    eerste = declareer(route, [regel(toewijzing, "O1", uren="1")], nummer="D-O1", ingediend_op=juli)
    assert _afkeur(eerste) == [("goedgekeurd", "", "")]
    tweede = declareer(
        route,
        [regel(toewijzing, "O2", uren="1", maand=(2026, 5)), regel(toewijzing, "O3", uren="2", maand=(2026, 6))],
        nummer="D-O2",
        ingediend_op=juli,
    )
    assert _afkeur(tweede) == [("afgekeurd", "DEC021", "9389"), ("afgekeurd", "DEC013", "")]
    assert "een traject wordt één keer gedeclareerd" in tweede.regels.get(referentie="O2").toelichting
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("86.00")
    debet = Declaratieregel.objects.get(referentie="O1")
    opnieuw = declareer(
        route,
        [creditregel(debet, "C1"), regel(toewijzing, "O4", uren="1", maand=(2026, 5))],
        nummer="D-O3",
        ingediend_op=juli,
    )
    assert _afkeur(opnieuw) == [("goedgekeurd", "", ""), ("goedgekeurd", "", "")]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("86.00")
