"""Issue 19 §1: worklists that lead to work. Each item names the child (initials and age), the
other party, what is due and since when; overdue first and marked in words; every card links to
the full list (filtered, 50 a page, exported); an item is assigned to a colleague with a note.
Scoped as the home page (R-P4): another municipality or provider reaches neither the items nor
their notes."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.common.tijd import vandaag
from jeugdregie.portaal import werk_views
from jeugdregie.portaal.models import Werktoewijzing
from jeugdregie.toewijzingen.werkitem import Werkitem, initialen, op_volgorde
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import zet_in_onderzoek

from .builders.ijw import verzoek as jw315
from .builders.route import verwijs
from .factories import GebruikerFactory, JeugdigeFactory


@pytest.fixture
def verwijzingen(route):
    """Nine referrals of Zwolle children (Z.Z., born the same day) to the provider, waiting for
    screening; the oldest first."""
    kind = route["jeugdige_zwolle"]
    kinderen = [kind] + [
        JeugdigeFactory(
            gemeente=route["zwolle"], voornamen="Zoë", achternaam="Zwolsma", geboortedatum=kind.geboortedatum
        )
        for _ in range(8)
    ]
    return [verwijs(route, jeugdige=k, datum=date(2026, 3, 2 + i)) for i, k in enumerate(kinderen)]


def _leeftijd(route) -> int:
    return leeftijd_op(route["jeugdige_zwolle"].geboortedatum, vandaag())


def test_initialen_van_de_jeugdige():
    class Kind:
        voornamen, achternaam = "Zara Anne", "de Vries"

    assert initialen(Kind()) == "Z.A.d.V."


def test_volgorde_te_laat_eerst_dan_vroegste_termijn_dan_oudste():
    def item(pk, **velden):
        return Werkitem(soort="x", pk=pk, url="", onderwerp=str(pk), **velden)

    lijst = [
        item(1, sinds=date(2026, 1, 1)),
        item(2, uiterlijk=date(2026, 5, 1)),
        item(3, uiterlijk=date(2026, 4, 1), verstreken=True),
        item(4, uiterlijk=date(2026, 4, 20)),
    ]
    assert [i.pk for i in op_volgorde(lijst)] == [3, 4, 2, 1]


def test_kaart_noemt_kind_leeftijd_gemeente_en_sinds_en_linkt_naar_alle(client, route, verwijzingen):
    """The provider's card shows 8 of its 9 referrals, each with initials and age, the municipality
    and since when, and 'Alle 9 tonen'."""
    client.force_login(route["gebruikers"]["aanbieder"])
    thuis = client.get("/").content.decode()
    kaart = thuis[thuis.index("Te screenen") :]
    kaart = kaart[: kaart.index("</section>")]
    assert "(9)" in kaart and kaart.count("<li") == 8
    assert f"Z.Z. ({_leeftijd(route)} jaar) · Zwolle · sinds 02-03-2026" in kaart
    assert f"Verwijzing {verwijzingen[0].pk} screenen" in kaart
    assert f"Verwijzing {verwijzingen[8].pk} screenen" not in kaart  # the newest is on the full list
    assert 'href="/werk/te-screenen/">Alle 9 tonen' in kaart
    assert "Zwolsma" not in thuis


def test_lijst_pagineert_filtert_en_exporteert(client, route, verwijzingen, monkeypatch):
    monkeypatch.setattr(werk_views, "PER_PAGINA", 5)
    client.force_login(route["gebruikers"]["aanbieder"])
    eerste = client.get("/werk/te-screenen/").content.decode()
    assert "Pagina 1 van 2" in eerste and eerste.count('name="sleutel"') == 5
    tweede = client.get("/werk/te-screenen/?page=2").content.decode()
    assert tweede.count('name="sleutel"') == 4 and f"Verwijzing {verwijzingen[8].pk} screenen" in tweede

    gezocht = client.get(f"/werk/te-screenen/?q={verwijzingen[3].pk}").content.decode()
    assert gezocht.count('name="sleutel"') == 1 and f'value="verwijzing:{verwijzingen[3].pk}"' in gezocht

    export = client.get("/werk/te-screenen/?export=csv")
    rijen = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:4] == ["Onderwerp", "Jeugdige", "Leeftijd", "Andere partij"]
    assert len(rijen) == 10 and rijen[1][1:5] == ["Z.Z.", str(_leeftijd(route)), "Zwolle", "02-03-2026"]
    assert rijen[1][6] == "nee"
    xlsx = client.get("/werk/te-screenen/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats") and xlsx.content[:2] == b"PK"
    assert AuditRegel.objects.filter(actie="exporteren", objecttype="portaal.Werkvoorraad").count() == 2


def test_aantal_is_het_ware_aantal(route, verwijzingen):
    from jeugdregie.portaal.policies.werkvoorraad import werkvoorraad_van

    lijst = werkvoorraad_van(route["gebruikers"]["aanbieder"], "te-screenen")
    assert lijst.aantal == Verwijzing.objects.filter(aanbieder=route["aanbieder"]).count() == 9
    assert len(lijst.werkitems(route["gebruikers"]["aanbieder"], limiet=8)) == 8


@pytest.mark.parametrize(
    ("wie", "pad", "status"),
    [
        ("toegang", "/werk/te-screenen/", 403),  # the provider's list is not the toegang's
        ("financieel", "/werk/verwijzingen-screening/", 403),
        ("beheerder", "/werk/verwijzingen-screening/", 403),
        ("andere_aanbieder", "/werk/te-screenen/", 200),  # its own list, without the other's items
        ("toegang_andere_gemeente", "/werk/verwijzingen-screening/", 200),
        ("toegang", "/werk/bestaat-niet/", 403),
    ],
)
def test_lijst_alleen_van_eigen_organisatie(client, route, verwijzingen, wie, pad, status):
    client.force_login(route["gebruikers"][wie])
    antwoord = client.get(pad)
    assert antwoord.status_code == status
    inhoud = antwoord.content.decode()
    assert f"Verwijzing {verwijzingen[0].pk}" not in inhoud and "Z.Z." not in inhoud


def test_anoniem_wordt_naar_inloggen_gestuurd(client, route):
    antwoord = client.get("/werk/te-screenen/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    antwoord = client.post("/werk/te-screenen/toewijzen/", {"sleutel": "verwijzing:1"})
    assert antwoord.status_code == 302 and not Werktoewijzing.objects.exists()


def _wijs_toe(client, gebruiker, slug, sleutel, **data):
    client.force_login(gebruiker)
    return client.post(f"/werk/{slug}/toewijzen/", {"sleutel": sleutel, **data}, follow=True)


def test_toewijzen_aan_collega_met_notitie(client, route, verwijzingen):
    toegang = route["gebruikers"]["toegang"]
    collega = GebruikerFactory(rol=Rol.TOEGANG, gemeente=route["zwolle"], first_name="Kees", last_name="Collega")
    verwijzing = verwijzingen[0]
    antwoord = _wijs_toe(
        client,
        toegang,
        "verwijzingen-screening",
        f"verwijzing:{verwijzing.pk}",
        toegewezen_aan=collega.pk,
        notitie="Bel de aanbieder over de wachttijd.",
    )
    assert "Toewijzing en notitie opgeslagen." in antwoord.content.decode()
    rij = Werktoewijzing.objects.get()
    assert (rij.soort, rij.object_id, rij.organisatie) == (
        "verwijzing",
        verwijzing.pk,
        f"gemeente:{route['zwolle'].pk}",
    )
    assert (rij.toegewezen_aan, rij.notitie, rij.gewijzigd_door) == (
        collega,
        "Bel de aanbieder over de wachttijd.",
        toegang,
    )
    audit = AuditRegel.objects.filter(objecttype="portaal.Werktoewijzing").get()
    assert audit.actie == "aanmaken" and audit.gebruiker_id == toegang.pk and "wachttijd" not in audit.details

    thuis = client.get("/").content.decode()
    assert "toegewezen aan Kees Collega" in thuis and "Bel de aanbieder over de wachttijd." in thuis

    client.force_login(collega)
    mijn = client.get("/werk/verwijzingen-screening/?toegewezen=mij").content.decode()
    assert mijn.count('name="sleutel"') == 1 and f'value="verwijzing:{verwijzing.pk}"' in mijn
    niemand = client.get("/werk/verwijzingen-screening/?toegewezen=niemand").content.decode()
    assert niemand.count('name="sleutel"') == 8

    # the provider works on the same referral in its own organisation: it sees no note of the toegang
    client.force_login(route["gebruikers"]["aanbieder"])
    # (the note itself: the provider's menu has its own page "Wachttijden", R-S6)
    assert "Bel de aanbieder over de wachttijd." not in client.get("/werk/te-screenen/").content.decode()
    assert "Bel de aanbieder over de wachttijd." not in client.get("/").content.decode()
    assert "Kees Collega" not in client.get("/").content.decode()


@pytest.mark.parametrize("ontvanger", ["toegang_andere_gemeente", "financieel", "aanbieder"])
def test_toewijzen_buiten_eigen_organisatie_of_rol_wordt_geweigerd(client, route, verwijzingen, ontvanger):
    """Another municipality's toegang, finance of the same municipality, a provider: refused,
    nothing written."""
    antwoord = _wijs_toe(
        client,
        route["gebruikers"]["toegang"],
        "verwijzingen-screening",
        f"verwijzing:{verwijzingen[0].pk}",
        toegewezen_aan=route["gebruikers"][ontvanger].pk,
        notitie="Graag oppakken.",
    )
    assert "alleen toewijzen aan een collega van uw eigen organisatie" in antwoord.content.decode()
    assert not Werktoewijzing.objects.exists()
    assert not AuditRegel.objects.filter(objecttype="portaal.Werktoewijzing").exists()


@pytest.mark.parametrize(
    ("wie", "slug"), [("toegang_andere_gemeente", "verwijzingen-screening"), ("andere_aanbieder", "te-screenen")]
)
def test_andere_organisatie_kan_item_niet_toewijzen(client, route, verwijzingen, wie, slug):
    antwoord = _wijs_toe(client, route["gebruikers"][wie], slug, f"verwijzing:{verwijzingen[0].pk}", notitie="x")
    assert "staat niet (meer) op deze werkvoorraad" in antwoord.content.decode()
    assert not Werktoewijzing.objects.exists()


def test_andere_rol_bereikt_het_toewijzen_niet(client, route, verwijzingen):
    """A list of another role is refused, and the refusal is in the audit log (NEN 7513)."""
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post("/werk/te-screenen/toewijzen/", {"sleutel": f"verwijzing:{verwijzingen[0].pk}"})
    assert antwoord.status_code == 403 and not Werktoewijzing.objects.exists()
    geweigerd = AuditRegel.objects.get(objecttype="portaal.Werkvoorraad", uitkomst="geweigerd")
    assert geweigerd.gebruiker_id == route["gebruikers"]["toegang"].pk and "te-screenen" in geweigerd.details


def test_toewijzen_zegt_niet_welke_gebruikers_bestaan(client, route, verwijzingen):
    """Another organisation's user and an id nobody has get the same answer: the form is no
    oracle for accounts (found by the review of issue 19)."""
    client.force_login(route["gebruikers"]["toegang"])
    sleutel = f"verwijzing:{verwijzingen[0].pk}"
    antwoorden = [
        client.post("/werk/verwijzingen-screening/toewijzen/", {"sleutel": sleutel, "toegewezen_aan": pk})
        for pk in (route["gebruikers"]["toegang_andere_gemeente"].pk, 987654, "abc")
    ]
    assert {(a.status_code, a["Location"]) for a in antwoorden} == {(302, "/werk/verwijzingen-screening/")}
    assert not Werktoewijzing.objects.exists()


@pytest.mark.parametrize(
    "notitie", ["BSN 123456782", "bsn 123 456 782 bellen", "123.45.6782", "123,456,782", "123/456/782", "123_456_782"]
)
def test_notitie_met_bsn_wordt_geweigerd(client, route, verwijzingen, notitie):
    antwoord = _wijs_toe(
        client,
        route["gebruikers"]["toegang"],
        "verwijzingen-screening",
        f"verwijzing:{verwijzingen[0].pk}",
        notitie=notitie,
    )
    assert "Zet geen BSN of ander nummer van 9 cijfers in een notitie" in antwoord.content.decode()
    assert not Werktoewijzing.objects.exists()


def test_notitie_te_lang_wordt_geweigerd_en_gewone_notitie_mag(client, route, verwijzingen):
    toegang = route["gebruikers"]["toegang"]
    sleutel = f"verwijzing:{verwijzingen[0].pk}"
    antwoord = _wijs_toe(client, toegang, "verwijzingen-screening", sleutel, notitie="x" * 501)
    assert "De notitie is te lang" in antwoord.content.decode() and not Werktoewijzing.objects.exists()
    _wijs_toe(client, toegang, "verwijzingen-screening", sleutel, notitie="Verwijzing 26242, telefoon 0612345678.")
    assert Werktoewijzing.objects.get().notitie == "Verwijzing 26242, telefoon 0612345678."


def test_te_laat_bovenaan_gemarkeerd_en_te_filteren(client, route, klok):
    """OP274: of two JW315 requests the overdue one (5 working days passed) comes first, marked
    in words; the one in onderzoek (8 weeks) is not overdue. 'Alleen te laat' keeps the first."""
    klok(date(2026, 4, 1))
    jw315.stuur(route)
    eerste, tweede = Toewijzingsverzoek.objects.order_by("id")
    zet_in_onderzoek(verzoek=eerste, door=route["gebruikers"]["toegang"])
    klok(date(2026, 4, 20))
    client.force_login(route["gebruikers"]["toegang"])
    pagina = client.get("/werk/verzoeken-om-toewijzing/").content.decode()
    assert pagina.index(f'value="toewijzingsverzoek:{tweede.pk}"') < pagina.index(
        f'value="toewijzingsverzoek:{eerste.pk}"'
    )
    assert pagina.count('<strong class="te-laat">te laat</strong>') == 1 and "(in onderzoek)" in pagina
    assert "10-04-2026" in pagina  # the due date of the overdue one
    te_laat = client.get("/werk/verzoeken-om-toewijzing/?te_laat=1").content.decode()
    assert te_laat.count('name="sleutel"') == 1 and f'value="toewijzingsverzoek:{tweede.pk}"' in te_laat


def test_crisismelding_te_beoordelen_binnen_vier_uur_met_gemaskeerd_bsn(client, crisis):
    """R-C3: the crisisdienst's report is due 4 hours after the report and overdue after; the
    crisisdienst sees the BSN it reported, masked, never the register's name (R-P4)."""
    from .builders.crisis import meld

    melding = meld(crisis)
    dienst = crisis["gebruikers"]["crisisdienst"]
    client.force_login(dienst)
    pagina = client.get("/werk/crisismeldingen/").content.decode()
    assert f"Crisismelding {melding.pk} beoordelen vóór 25-04-2026 02:30" in pagina
    assert f"BSN *****{melding.bsn[5:]}" in pagina and melding.bsn not in pagina
    assert '<strong class="te-laat">te laat</strong>' in pagina  # long past by the real clock
    assert crisis["jeugdige_zwolle"].achternaam not in pagina


def test_startpagina_met_kinderen_op_de_kaarten_wordt_gelogd(client, route, verwijzingen):
    """R-P2, R-P6: the cards name children (initials, age), so the home page logs the read, one
    row naming the young people shown; a home page whose cards name no child logs nothing."""
    client.force_login(route["gebruikers"]["aanbieder"])
    assert client.get("/").status_code == 200
    regel = AuditRegel.objects.get(actie="zoeken", objecttype="portaal.Werkvoorraad")
    assert regel.gebruiker_id == route["gebruikers"]["aanbieder"].pk and "startpagina" in regel.details
    assert set(regel.jeugdigen.values_list("client_id", flat=True)) == {v.jeugdige_id for v in verwijzingen[:8]}

    client.force_login(route["gebruikers"]["financieel"])
    assert client.get("/").status_code == 200
    assert AuditRegel.objects.filter(objecttype="portaal.Werkvoorraad").count() == 1
