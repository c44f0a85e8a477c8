"""JW315 verzoek om toewijzing -> JW316, and the toegang's handling of the request (issue 5 §2;
R-M1). The message is the standard's example (voorbeelden/JW315.xml: Tom de Wit, two
AangevraagdProducten, a municipal and a GP referrer) adapted to the test world: our provider's
AGB code, Zwolle's CBS code, catalogue products and a real end date."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from lxml import etree

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.ijw.constants import Berichtstatus
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden as werkvoorraden
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import screen_verwijzing
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import (
    honoreer_met_verwijzing,
    honoreer_verzoek,
    wijs_verzoek_af,
    zet_in_onderzoek,
)

from .builders.ijw.verzoek import HERSTEL_2, TOM, _ongewijzigd, product, stuur
from .builders.route import verwijs
from .klok import op_de_dag

TITEL = "Verzoeken om toewijzing (JW315)"


def codes(ontvangst) -> dict[str, list[list[str]]]:
    """Retourcodes per berichtklasse of the stored JW316 (Header, Client, AangevraagdProduct)."""
    root = etree.fromstring(ontvangst.retour_xml)
    per_klasse: dict[str, list[list[str]]] = {}
    for lijst in root.iter("{*}RetourCodes"):
        klasse = etree.QName(lijst.getparent()).localname
        per_klasse.setdefault(klasse, []).append([c.text for c in lijst])
    return per_klasse


def verzoek(route, **kwargs) -> Toewijzingsverzoek:
    stuur(route, **kwargs)
    return Toewijzingsverzoek.objects.get(referentie_aanbieder="40A12341234")


def gebeurtenissen(verzoek) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(objecttype="toewijzingsverzoek", object_id=verzoek.pk)
        .order_by("id")
        .values_list("gebeurtenis", flat=True)
    )


# --- JW315 in, JW316 out ----------------------------------------------------------------------------------------------


def test_jw315_zet_verzoek_op_de_werkvoorraad_met_retour_0200(route):
    """Issue 5 §2, R-M1: a valid JW315 puts one request per AangevraagdProduct on the worklist
    of the receiving municipality's toegang and is answered with a schema-valid JW316, 0200 on
    every class. The unknown client is registered from the message, living in Zwolle."""
    ontvangst = stuur(route)

    assert ontvangst.bericht.status == Berichtstatus.VERWERKT
    assert ontvangst.retour.berichttype == "JW316" and is_geldig(etree.fromstring(ontvangst.retour_xml), "JW316")
    assert codes(ontvangst) == {"Header": [["0200"]], "Client": [["0200"]], "AangevraagdProduct": [["0200"], ["0200"]]}
    tom = Jeugdige.objects.get(bsn=TOM)
    assert (tom.voornamen, tom.achternaam, tom.geboortedatum, tom.geslacht) == ("Tom", "de Wit", date(2010, 2, 14), "1")
    assert tom.woonplaats_op(date(2026, 4, 1)).gemeente == route["zwolle"]
    assert ontvangst.bericht.jeugdige_id == tom.pk
    rijen = list(Toewijzingsverzoek.objects.order_by("referentie_aanbieder"))
    assert [(v.referentie_aanbieder, v.product.code, v.productcategorie, v.status) for v in rijen] == [
        ("40A12341234", "45A03", "45", "open"),
        ("40A12341235", "45A04", "45", "open"),
    ]
    eerste = rijen[0]
    assert (eerste.jeugdige, eerste.gemeente, eerste.aanbieder) == (tom, route["zwolle"], route["aanbieder"])
    assert (eerste.ingangsdatum, eerste.einddatum) == (date(2026, 4, 1), date(2027, 3, 31))
    assert (eerste.volume, eerste.eenheid, eerste.frequentie, eerste.budget) == (2, "04", "2", None)
    assert (eerste.verwijzer_type, eerste.verwijzer_zorgverlenercode, rijen[1].verwijzer_naam) == (
        "02",
        "12345678",
        "huisarts",
    )
    assert gebeurtenissen(eerste) == ["verzoek_ontvangen"]
    voorraad = {str(w.titel): w.items for w in werkvoorraden(route["gebruikers"]["toegang"], op=date(2026, 4, 2))}
    assert [item.verzoek for item in voorraad[TITEL]] == rijen
    assert TITEL not in {
        str(w.titel) for w in werkvoorraden(route["gebruikers"]["toegang_andere_gemeente"], op=date(2026, 4, 2))
    }


def test_bekende_client_wordt_niet_overschreven(route):
    """OP039: a known client is found by BSN; the message's name does not overwrite ours."""
    zara = route["jeugdige_zwolle"]
    aantal = Jeugdige.objects.count()
    stuur(route, bsn=zara.bsn)
    zara.refresh_from_db()
    assert Jeugdige.objects.count() == aantal and (zara.voornamen, zara.achternaam) == ("Zara", "Zwolsma")
    assert Toewijzingsverzoek.objects.filter(jeugdige=zara).count() == 2


def test_verzoek_met_budget_per_categorie(route):
    """CD079/CD041/CD077: a request for a budget names only the category; the budget is in
    eurocents (issue 5 §3)."""
    stuur(route, producten=[product("B-1", code="", categorie="45", omvang=False, budget="150000")])
    v = Toewijzingsverzoek.objects.get()
    assert (v.product, v.productcategorie, v.budget, v.volume) == (None, "45", Decimal("1500.00"), None)


def test_tweede_verzoek_terwijl_een_onderhanden_is_krijgt_9374(route):
    """TR374/OP350: only one open request per client per provider. The second message gets 9374
    on Client and 0200 on the products; the whole message is rejected, nothing is stored."""
    stuur(route)
    tweede = stuur(route, "V-2", producten=[product("40A99")])

    assert tweede.bericht.status == Berichtstatus.AFGEKEURD
    assert codes(tweede) == {"Header": [["0200"]], "Client": [["9374"]], "AangevraagdProduct": [["0200"]]}
    assert is_geldig(etree.fromstring(tweede.retour_xml), "JW316")
    assert tweede.bericht.fouten[0]["codes"] == ["9374"] and "TR374" in tweede.bericht.fouten[0]["toelichting"]
    assert Toewijzingsverzoek.objects.count() == 2
    assert not Toewijzingsverzoek.objects.filter(referentie_aanbieder="40A99").exists()


def test_na_afwijzing_mag_een_nieuw_verzoek(route):
    """TR374: a request is under way until a refusal (or an allocation) answers it; after that
    the provider may send a new one. Here one of two products is refused: one is still open."""
    v = verzoek(route)
    wijs_verzoek_af(
        verzoek=v, reden="7", toelichting="Zorginhoudelijk niet passend.", door=route["gebruikers"]["toegang"]
    )
    assert codes(stuur(route, "V-2", producten=[product("40A99")]))["Client"] == [["9374"]]
    andere = Toewijzingsverzoek.objects.get(referentie_aanbieder="40A12341235")
    wijs_verzoek_af(verzoek=andere, reden="3", toelichting="Geen contract.", door=route["gebruikers"]["toegang"])
    ontvangst = stuur(route, "V-3", producten=[product("40A99")])
    assert codes(ontvangst)["Client"] == [["0200"]]
    assert Toewijzingsverzoek.objects.get(referentie_aanbieder="40A99").status == "open"


def test_onbekende_productcode_krijgt_S329(route):
    """TR381: a product code not in the catalogue (or not of its category) gets S329 on that
    AangevraagdProduct, 0200 elsewhere; nothing is stored, not even the new client."""
    ontvangst = stuur(
        route, producten=[product("R-1"), product("R-2", "45Z99"), product("R-3", "45A03", categorie="43")]
    )

    assert codes(ontvangst) == {
        "Header": [["0200"]],
        "Client": [["0200"]],
        "AangevraagdProduct": [["0200"], ["S329"], ["S329"]],
    }
    assert [f["sleutel"] for f in ontvangst.bericht.fouten] == ["R-2", "R-3"]
    assert not Toewijzingsverzoek.objects.exists() and not Jeugdige.objects.filter(bsn=TOM).exists()
    assert not Gebeurtenis.objects.filter(objecttype="toewijzingsverzoek").exists()


def test_gebruikte_referentie_krijgt_9347(route):
    """TR347/OP361: ReferentieAanbieder is unique per provider across messages (9347 on the class)."""
    v = verzoek(route)
    wijs_verzoek_af(verzoek=v, reden="2", toelichting="Past niet.", door=route["gebruikers"]["toegang"])
    andere = Toewijzingsverzoek.objects.get(referentie_aanbieder="40A12341235")
    wijs_verzoek_af(verzoek=andere, reden="2", toelichting="Past niet.", door=route["gebruikers"]["toegang"])
    ontvangst = stuur(route, "V-2", producten=[product("40A12341234"), product("N-1", "45A04")])

    assert codes(ontvangst)["AangevraagdProduct"] == [["9347"], ["0200"]]
    assert Toewijzingsverzoek.objects.count() == 2


def test_dubbele_referentie_in_een_bericht_is_tr383(route):
    """Within one message the standard's stylesheet judges a repeated ReferentieAanbieder: TR383,
    header-only 0001 (the handler's own check would have given 9347 on the class; the standard
    wins, issue 15 §1). Nothing is stored."""
    ontvangst = stuur(route, "V-2", producten=[product("N-1"), product("N-1", "45A04")])

    assert codes(ontvangst) == {"Header": [["0001"]]}
    assert "TR383" in ontvangst.bericht.fouten[0]["toelichting"]
    assert not Toewijzingsverzoek.objects.exists()


def test_ongeldig_bsn_geeft_alleen_header_0001(route):
    """CS002 (issue 5 §7), IV032 level 2: the retour is the header with 0001; nothing stored."""
    ontvangst = stuur(route, bsn="123456789")

    root = etree.fromstring(ontvangst.retour_xml)
    assert [etree.QName(el).localname for el in root] == ["Header"]
    assert codes(ontvangst) == {"Header": [["0001"]]} and is_geldig(root, "JW316")
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD and "CS002" in ontvangst.bericht.fouten[0]["toelichting"]
    assert not Toewijzingsverzoek.objects.exists() and not Jeugdige.objects.filter(bsn="123456789").exists()


@pytest.mark.parametrize(
    ("aangevraagd", "regel"),
    [
        (product("C-1", einde="2026-03-31"), "CS003"),
        # the handler says CD077/CD078; the standard's stylesheet judges first and names CD078
        (product("C-1", budget="1000"), "CD078"),
        (product("C-1", code="", categorie="45", omvang=False, budget="1000", einde=""), "CD075"),
        (product("C-1", omvang=False), "CD041"),
    ],
)
def test_regel_binnen_het_bericht_geeft_0001(route, aangevraagd, regel):
    """IV032 level 2: the conditions inside one AangevraagdProduct give a header-only 0001."""
    ontvangst = stuur(route, producten=[aangevraagd])
    assert codes(ontvangst) == {"Header": [["0001"]]}
    assert regel in ontvangst.bericht.fouten[0]["toelichting"]
    assert not Toewijzingsverzoek.objects.exists() and not Jeugdige.objects.filter(bsn=TOM).exists()


def test_dagtekening_in_de_toekomst_krijgt_8848(route):
    """TR135 (checked by the receiver for every type): a dagtekening after today gets a
    header-only retour with 8848; nothing is stored."""
    ontvangst = stuur(route, dagtekening=date(2099, 1, 1))
    assert codes(ontvangst) == {"Header": [["8848"]]}
    assert not Toewijzingsverzoek.objects.exists() and not Jeugdige.objects.filter(bsn=TOM).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_verzoeken_voor_dezelfde_client_een_wint(route):
    """TR374 under concurrency: two different messages for the same client arrive together; the
    client row lock lets one through, the other gets 9374."""
    zara, start, uitkomsten = route["jeugdige_zwolle"], threading.Barrier(2), []

    def lever(identificatie, ref):
        try:
            start.wait()
            ontvangst = stuur(route, identificatie, bsn=zara.bsn, producten=[product(ref)])
            uitkomsten.append(codes(ontvangst)["Client"])
        finally:
            connection.close()

    threads = [threading.Thread(target=lever, args=(f"G-{i}", f"G-{i}")) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == [[["0200"]], [["9374"]]]
    assert Toewijzingsverzoek.objects.filter(jeugdige=zara).count() == 1


# --- the toegang's decisions (services) -------------------------------------------------------------------------------


def test_toegang_neemt_verzoek_in_onderzoek(route):
    """The toegang of the municipality takes the request under investigation (JW319 follows)."""
    v = zet_in_onderzoek(verzoek=verzoek(route), door=route["gebruikers"]["toegang"])
    v.refresh_from_db()
    assert v.status == "in_onderzoek" and gebeurtenissen(v) == ["verzoek_ontvangen", "verzoek_in_onderzoek"]


@pytest.mark.parametrize("wie", ["toegang_andere_gemeente", "aanbieder", "huisarts"])
def test_alleen_de_toegang_van_de_gemeente_beslist(route, wie):
    """R-A2: another municipality's toegang or a provider cannot investigate, refuse or honour;
    nothing changes."""
    v = verzoek(route)
    door = route["gebruikers"][wie]
    acties = [
        lambda: zet_in_onderzoek(verzoek=v, door=door),
        lambda: wijs_verzoek_af(verzoek=v, reden="3", toelichting="Geen contract.", door=door),
        lambda: honoreer_met_verwijzing(
            verzoek=v, resultaten=["Tom slaapt weer."], budget=HERSTEL_2, datum=date(2026, 4, 1), door=door
        ),
    ]
    for actie in acties:
        with pytest.raises(DomainError) as fout:
            actie()
        assert fout.value.code == "TW011"
    _ongewijzigd(v)
    assert gebeurtenissen(v) == ["verzoek_ontvangen"] and not Verwijzing.objects.exists()


def test_afwijzing_met_reden_en_toelichting(route):
    """WJ759: a refusal records its reason and motivation; the event carries the reason code."""
    v = verzoek(route)
    zet_in_onderzoek(verzoek=v, door=route["gebruikers"]["toegang"])
    wijs_verzoek_af(
        verzoek=v, reden="6", toelichting="Stapeling met lopende hulp.", door=route["gebruikers"]["toegang"]
    )
    v.refresh_from_db()
    assert (v.status, v.reden_afwijzing, v.toelichting) == ("afgewezen", "6", "Stapeling met lopende hulp.")
    assert v.besluit_door == route["gebruikers"]["toegang"] and v.besluit_op is not None
    laatste = Gebeurtenis.objects.filter(objecttype="toewijzingsverzoek", object_id=v.pk).latest("id")
    assert (laatste.gebeurtenis, laatste.gegevens["reden"]) == ("verzoek_afgewezen", "6")


@pytest.mark.parametrize(("reden", "toelichting"), [("6", "  "), ("X", "Onbekende reden.")])
def test_afwijzing_vraagt_reden_en_toelichting(route, reden, toelichting):
    """WJ759: only the listed reasons, and always a motivation (TW033); nothing changes."""
    v = verzoek(route)
    with pytest.raises(DomainError) as fout:
        wijs_verzoek_af(verzoek=v, reden=reden, toelichting=toelichting, door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW033"
    _ongewijzigd(v)


def test_afgewezen_verzoek_kan_niet_meer_in_onderzoek(route):
    """Lifecycle: afgewezen is final."""
    v = verzoek(route)
    wijs_verzoek_af(verzoek=v, reden="3", toelichting="Geen contract.", door=route["gebruikers"]["toegang"])
    with pytest.raises(DomainError) as fout:
        zet_in_onderzoek(verzoek=v, door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW010"
    v.refresh_from_db()
    assert v.status == "afgewezen" and gebeurtenissen(v) == ["verzoek_ontvangen", "verzoek_afgewezen"]


def test_honoreren_registreert_verwijzing_en_toewijzing_draagt_de_referentie(route):
    """Honouring registers the referral for this client and provider; after screening, the
    allocation leads back to the request's ReferentieAanbieder (JW301, TR374)."""
    v = verzoek(route, bsn=route["jeugdige_zwolle"].bsn)
    verwijzing = honoreer_met_verwijzing(
        verzoek=v,
        resultaten=["Zara gaat weer naar school."],
        budget=HERSTEL_2,
        datum=date(2026, 4, 1),
        door=route["gebruikers"]["toegang"],
    )
    v.refresh_from_db()
    assert (v.status, v.verwijzing) == ("gehonoreerd", verwijzing)
    assert (verwijzing.jeugdige, verwijzing.aanbieder, verwijzing.product_indicatie.code) == (
        route["jeugdige_zwolle"],
        route["aanbieder"],
        "45A03",
    )
    assert gebeurtenissen(v) == ["verzoek_ontvangen", "verzoek_gehonoreerd"]
    with op_de_dag(date(2026, 4, 2)):
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    assert toewijzing.verwijzing.toewijzingsverzoek.referentie_aanbieder == "40A12341234"


def test_honoreren_met_verwijzing_van_andere_aanbieder_wordt_geweigerd(route):
    """The referral must be for the same client and provider as the request (TW032)."""
    v = verzoek(route, bsn=route["jeugdige_zwolle"].bsn)
    andere = verwijs(route, aanbieder="andere_aanbieder")
    with pytest.raises(DomainError) as fout:
        honoreer_verzoek(verzoek=v, verwijzing=andere, door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW032"
    _ongewijzigd(v)


def test_honoreren_dat_de_verwijzingsregels_schendt_laat_niets_achter(route):
    """Referral and honouring happen together or not at all: a refused referral (R-T1, no
    result) leaves the request open and no referral behind."""
    v = verzoek(route, bsn=route["jeugdige_zwolle"].bsn)
    with pytest.raises(DomainError) as fout:
        honoreer_met_verwijzing(
            verzoek=v, resultaten=[" "], budget=HERSTEL_2, datum=date(2026, 4, 1), door=route["gebruikers"]["toegang"]
        )
    assert fout.value.code == "TW007"
    _ongewijzigd(v)
    assert not Verwijzing.objects.exists()


# --- pages ------------------------------------------------------------------------------------------------------------


def test_lijst_toont_verzoeken_van_de_eigen_gemeente(client, route):
    """R-P1: the toegang of Zwolle sees Zwolle's open requests; Deventer's toegang does not, and
    cannot open one; a provider has no access to these pages. Reads are audit-logged (R-P2)."""
    v = verzoek(route)
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.get("/route/verzoeken/")
    alle = list(Toewijzingsverzoek.objects.order_by("id"))
    assert antwoord.status_code == 200 and list(antwoord.context["object_list"]) == alle
    assert client.get(f"/route/verzoeken/{v.pk}/").status_code == 200
    gelezen = AuditRegel.objects.filter(actie="lezen", objecttype="verzoeken.Toewijzingsverzoek", object_id=str(v.pk))
    assert gelezen.get().client_id == v.jeugdige_id
    assert TITEL in client.get("/").content.decode()

    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert list(client.get("/route/verzoeken/").context["object_list"]) == []
    assert client.get(f"/route/verzoeken/{v.pk}/").status_code == 404
    assert client.post(f"/route/verzoeken/{v.pk}/onderzoek/").status_code == 404
    client.force_login(route["gebruikers"]["aanbieder"])
    assert client.get("/route/verzoeken/").status_code == 403
    _ongewijzigd(v)


def test_acties_via_de_pagina(client, route):
    """The three answers work from the pages: in onderzoek, afwijzen, honoreren."""
    stuur(route, bsn=route["jeugdige_zwolle"].bsn)
    eerste, tweede = Toewijzingsverzoek.objects.order_by("referentie_aanbieder")
    client.force_login(route["gebruikers"]["toegang"])

    assert client.post(f"/route/verzoeken/{eerste.pk}/onderzoek/").status_code == 302
    eerste.refresh_from_db()
    assert eerste.status == "in_onderzoek"

    leeg = client.post(f"/route/verzoeken/{tweede.pk}/afwijzen/", {"reden": "3", "toelichting": ""})
    assert leeg.status_code == 200 and "toelichting" in leeg.context["form"].errors
    _ongewijzigd(tweede)
    client.post(f"/route/verzoeken/{tweede.pk}/afwijzen/", {"reden": "3", "toelichting": "Geen contract voor 45A04."})
    tweede.refresh_from_db()
    assert (tweede.status, tweede.reden_afwijzing) == ("afgewezen", "3")

    antwoord = client.post(
        f"/route/verzoeken/{eerste.pk}/honoreren/",
        {"resultaten": "Zara gaat weer naar school.", "soort": "herstel", "niveau": "2", "datum": "2026-04-01"},
    )
    eerste.refresh_from_db()
    assert eerste.status == "gehonoreerd" and antwoord.url == eerste.verwijzing.get_absolute_url()
    assert len(client.get("/route/verzoeken/").context["object_list"]) == 0


def test_detail_waarschuwt_bij_andere_woonplaats_en_zonder_contract(client, route):
    """The page points the toegang at WJ759 reasons 8 (woonplaatsbeginsel) and 3 (geen contract,
    OP296) when the client lives elsewhere or the provider has no contract for the product."""
    stuur(route, bsn=route["jeugdige_deventer"].bsn, producten=[product("W-1", "45A06")])
    stuur(route, "V-2", bsn=route["jeugdige_zwolle"].bsn, producten=[product("W-2")])
    client.force_login(route["gebruikers"]["toegang"])
    elders = client.get(f"/route/verzoeken/{Toewijzingsverzoek.objects.get(referentie_aanbieder='W-1').pk}/")
    thuis = client.get(f"/route/verzoeken/{Toewijzingsverzoek.objects.get(referentie_aanbieder='W-2').pk}/")
    assert (elders.context["woont_elders"], elders.context["contract_past"]) == (True, False)
    assert "met de reden ‘Woonplaatsbeginsel’" in elders.content.decode()
    assert "met de reden ‘Geen contract’ of ‘Past niet binnen contract’" in elders.content.decode()
    assert (thuis.context["woont_elders"], thuis.context["contract_past"]) == (False, True)
    assert "met de reden ‘" not in thuis.content.decode()
