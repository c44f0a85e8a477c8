"""R-D3: a move during ambulant care hands the case over (old allocation ended through the normal
end service with the iJw message the standard prescribes, the new municipality allocates);
disputes between municipalities are recorded with their outcome."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.common.errors import DomainError
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.services import uitbox
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Geschil, Overdracht
from jeugdregie.overdracht.services import (
    beeindig_oude_toewijzing,
    beslis_geschil,
    bevestig_verhuisdatum,
    registreer_geschil,
    rond_overdracht_af,
)
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.declaraties import TZ, declareer, regel
from .builders.ijw.uitgaand import producten, uit
from .builders.route import gestart, screen, verwijs
from .builders.wonen import wonen
from .klok import op_de_dag

VERHUISD = date(2026, 6, 1)
NA_JUNI = datetime(2026, 7, 6, 10, 0, tzinfo=TZ)


def _verhuis(route, per=VERHUISD):
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=per)
    return Overdracht.objects.filter(jeugdige=route["jeugdige_zwolle"]).first()


def _bevestig(route, overdracht):
    """R-D3: the new municipality confirms the moving day (care already given passes to it)."""
    return bevestig_verhuisdatum(overdracht=overdracht, door=route["gebruikers"]["toegang_andere_gemeente"])


def test_verhuizing_tijdens_ambulante_hulp_opent_overdracht_voor_beide_gemeenten(route):
    """R-D3: the move opens a handover from Zwolle to Deventer naming the running allocation."""
    toewijzing = gestart(route)
    overdracht = _verhuis(route)
    assert (overdracht.van_gemeente, overdracht.naar_gemeente, overdracht.verhuisdatum, overdracht.status) == (
        route["zwolle"],
        route["deventer"],
        VERHUISD,
        "open",
    )
    assert [r.toewijzing_id for r in overdracht.regels.all()] == [toewijzing.pk]
    for wie in ("toegang", "toegang_andere_gemeente"):
        assert list(Overdracht.objects.voor_gebruiker(route["gebruikers"][wie])) == [overdracht]
    for wie in ("aanbieder", "huisarts", "gi", "financieel", "beheerder"):
        assert not Overdracht.objects.voor_gebruiker(route["gebruikers"][wie]).exists()


def test_geen_overdracht_tijdens_verblijf_of_zonder_lopende_hulp(route):
    """R-D3: during a stay the municipality of before the stay stays responsible for all care, so
    a move hands nothing over; without running care there is nothing to hand over."""
    gestart(route)
    wonen(route)
    assert _verhuis(route) is None
    assert not Overdracht.objects.exists()


def test_zonder_lopende_hulp_geen_overdracht(route):
    assert _verhuis(route) is None


def test_oude_gemeente_beeindigt_de_toewijzing_met_jw301_reden_verhuizing(
    route, klok, monkeypatch, django_capture_on_commit_callbacks
):
    """R-D3 with iJw JZ002: the old allocation ends the day before the moving day through the
    normal end service; the outbox sends it once more with that Einddatum and RedenWijziging 07
    (Verhuizing naar een andere gemeente), valid against the XSD. The ledger keeps the amount."""
    klok(date(2026, 6, 2))  # decisions on the message's day: a later Toewijzingsdatum fails TR134
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing = gestart(route)
    monkeypatch.setattr(uitbox, "vandaag", lambda: date(2026, 6, 2))
    overdracht = _verhuis(route)
    (rij,) = overdracht.regels.all()
    _bevestig(route, overdracht)
    with django_capture_on_commit_callbacks(execute=True):
        beeindig_oude_toewijzing(regel=rij, door=route["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.status) == (date(2026, 5, 31), "gestart")
    rij.refresh_from_db()
    assert rij.beeindigd_op == date(2026, 6, 2)
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_beeindigd")
    assert gebeurtenis.gegevens["reden"] == "verhuizing"
    bericht = uit(Berichttype.JW301)[-1]
    assert bericht.oorzaak == f"gebeurtenis:{gebeurtenis.pk}"
    (product,) = producten(bericht)
    assert (product["ToewijzingNummer"], product["Einddatum"], product["RedenWijziging"]) == (
        str(toewijzing.pk),
        "2026-05-31",
        "07",
    )
    assert Budgetstand.objects.get(toewijzing=toewijzing).toegewezen == toewijzing.keuzebudget.bedrag


def test_nog_niet_gestarte_toewijzing_na_de_verhuisdatum_wordt_ingetrokken(route):
    """R-D3: an allocation that would only begin on or after the moving day is withdrawn (13)."""
    verwijzing = verwijs(route, datum=date(2026, 6, 15))
    screen(route, verwijzing, op=date(2026, 6, 15))
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    overdracht = _verhuis(route)
    _bevestig(route, overdracht)  # today is past 15 June: its days from the move on have come
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    assert toewijzing.status == "ingetrokken"


def test_beeindigen_geweigerd_als_goedgekeurde_zorg_na_de_einddatum_ligt(route):
    """R-D3 with R-B7: approved care in June after the new end (31 May) makes the declarations'
    guard refuse the end; nothing changes, the handover line stays open."""
    toewijzing = gestart(route)
    juni = declareer(route, [regel(toewijzing, "J1", maand=(2026, 6))], nummer="D-JUNI", ingediend_op=NA_JUNI)
    assert [r.status for r in juni.regels.all()] == ["goedgekeurd"]
    overdracht = _verhuis(route)
    rij = overdracht.regels.get()
    with pytest.raises(DomainError):
        beeindig_oude_toewijzing(regel=rij, door=route["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    rij.refresh_from_db()
    assert toewijzing.einddatum != date(2026, 5, 31)
    assert rij.beeindigd_op is None
    assert not Gebeurtenis.objects.filter(gebeurtenis="toewijzing_beeindigd").exists()


@pytest.mark.parametrize("wie", ["toegang_andere_gemeente", "aanbieder", "huisarts", "financieel"])
def test_alleen_de_oude_gemeente_beeindigt(route, wie):
    """R-D3: the new municipality, a provider, a GP or finance cannot end the old allocation."""
    toewijzing = gestart(route)
    rij = _verhuis(route).regels.get()
    einde = Toewijzing.objects.get(pk=toewijzing.pk).einddatum
    with pytest.raises(DomainError):
        beeindig_oude_toewijzing(regel=rij, door=route["gebruikers"][wie])
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == einde
    assert not Gebeurtenis.objects.filter(gebeurtenis="toewijzing_beeindigd").exists()


def test_nieuwe_gemeente_wijst_toe_en_rondt_af(route):
    """R-D3: the new municipality's toegang may close only after the old allocations ended, and
    then names its own referral from the moving day (the normal route)."""
    gestart(route)
    overdracht = _verhuis(route)
    deventer = route["gebruikers"]["toegang_andere_gemeente"]
    with pytest.raises(DomainError, match="nog niet alle toewijzingen"):
        rond_overdracht_af(overdracht=overdracht, door=deventer, toelichting="Hulp loopt bij dezelfde aanbieder door.")
    _bevestig(route, overdracht)
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    nieuw = verwijs(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_zwolle"], datum=VERHUISD)
    assert nieuw.gemeente_id == route["deventer"].pk
    with pytest.raises(DomainError):  # the old municipality does not close it
        rond_overdracht_af(overdracht=overdracht, door=route["gebruikers"]["toegang"], nieuwe_verwijzing=nieuw)
    with pytest.raises(DomainError, match="geen nieuwe hulp"):
        rond_overdracht_af(overdracht=overdracht, door=deventer)
    assert Overdracht.objects.get().status == "open"
    rond_overdracht_af(overdracht=overdracht, door=deventer, nieuwe_verwijzing=nieuw)
    overdracht.refresh_from_db()
    assert (overdracht.status, overdracht.nieuwe_verwijzing, overdracht.afgerond_door) == ("afgerond", nieuw, deventer)
    assert AuditRegel.objects.filter(objecttype="overdracht.Overdracht", object_id=str(overdracht.pk)).count() == 4


def test_geschil_tussen_gemeenten_met_uitkomst(route):
    """R-D3: a dispute about who is responsible is recorded with its outcome; empty input and
    other parties are refused with nothing saved."""
    gestart(route)
    overdracht = _verhuis(route)
    deventer = route["gebruikers"]["toegang_andere_gemeente"]
    with pytest.raises(DomainError, match="Beschrijf"):
        registreer_geschil(overdracht=overdracht, omschrijving="  ", door=deventer)
    with pytest.raises(DomainError):
        registreer_geschil(
            overdracht=overdracht, omschrijving="Woont feitelijk nog in Zwolle.", door=route["gebruikers"]["aanbieder"]
        )
    assert not Geschil.objects.exists()
    geschil = registreer_geschil(overdracht=overdracht, omschrijving="Woont feitelijk nog in Zwolle.", door=deventer)
    with pytest.raises(DomainError, match="uitkomst"):
        beslis_geschil(geschil=geschil, uitkomst="weet niet", toelichting="x", door=route["gebruikers"]["toegang"])
    beslis_geschil(
        geschil=geschil,
        uitkomst="nieuwe_gemeente",
        toelichting="BRP-inschrijving in Deventer is juist.",
        door=route["gebruikers"]["toegang"],
    )
    geschil.refresh_from_db()
    assert (geschil.status, geschil.uitkomst, geschil.ingediend_door_gemeente) == (
        "beslist",
        "nieuwe_gemeente",
        route["deventer"],
    )
    with pytest.raises(DomainError, match="kan niet meer"):
        beslis_geschil(geschil=geschil, uitkomst="oude_gemeente", toelichting="x", door=deventer)


def test_bedragen_onveranderd_na_verhuizing(route):
    """R-D3 with R-B7: the handover itself moves no money; the ledger of the old allocation keeps
    its amount until the end service shortens the period."""
    toewijzing = gestart(route)
    voor = Budgetstand.objects.get(toewijzing=toewijzing).toegewezen
    _verhuis(route)
    assert Budgetstand.objects.get(toewijzing=toewijzing).toegewezen == voor
    assert voor > Decimal("0")


def test_paginas_voor_beide_gemeenten_en_niemand_anders(client, route):
    """R-D3 with R-P4: the old municipality's toegang ends the allocation on the page; the new
    one sees the handover and the address history but cannot end; a provider, finance and an
    anonymous visitor get nothing."""
    toewijzing = gestart(route)
    overdracht = _verhuis(route)
    rij = overdracht.regels.get()
    url = overdracht.get_absolute_url()
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    pagina = client.get(url).content.decode()
    assert "Beëindigen per verhuisdatum" not in pagina and "Adresgeschiedenis" in pagina
    assert "Woonadres (BRP) op de dag zelf" in pagina
    assert client.post(f"{url}beeindigen/", {"regel": rij.pk}).status_code == 403
    for wie in ("aanbieder", "financieel", "huisarts"):
        client.force_login(route["gebruikers"][wie])
        assert client.get(url).status_code == 403
        assert client.post(f"{url}beeindigen/", {"regel": rij.pk}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum != date(2026, 5, 31)
    # R-D3: care already given passes to Deventer: Deventer confirms the moving day first; the
    # old municipality waits (no end button) and cannot confirm its own date
    client.force_login(route["gebruikers"]["toegang"])
    pagina = client.get(url).content.decode()
    assert "Beëindigen per verhuisdatum" not in pagina and "Wacht op de bevestiging" in pagina
    assert client.post(f"{url}bevestigen/").status_code == 403
    for wie in ("aanbieder", "financieel"):
        client.force_login(route["gebruikers"][wie])
        assert client.post(f"{url}bevestigen/").status_code == 403
    assert Overdracht.objects.get(pk=overdracht.pk).verhuisdatum_bevestigd_op is None
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert "Verhuisdatum bevestigen</button>" in client.get(url).content.decode()
    antwoord = client.post(f"{url}bevestigen/", follow=True)
    assert "De verhuisdatum is bevestigd" in antwoord.content.decode()
    client.force_login(route["gebruikers"]["toegang"])
    assert "Beëindigen per verhuisdatum" in client.get(url).content.decode()
    assert client.post(f"{url}beeindigen/", {"regel": rij.pk}).status_code == 302
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == date(2026, 5, 31)


def test_werkvoorraden_van_beide_gemeenten(route):
    """R-D3: the old municipality's worklist asks to end the allocation (due the day before the
    move), the new one's to allocate; after the end only the new one's remains."""
    from jeugdregie.overdracht.werkvoorraad import werkvoorraden

    gestart(route)
    overdracht = _verhuis(route)
    zwolle, deventer = route["gebruikers"]["toegang"], route["gebruikers"]["toegang_andere_gemeente"]
    (oud,) = werkvoorraden(zwolle, op=date(2026, 6, 2))
    with op_de_dag(date(2026, 6, 2)):
        (item,) = oud.werkitems(zwolle)
    assert (oud.slug, item.uiterlijk, item.verstreken) == ("overdracht-beeindigen", date(2026, 5, 31), True)
    assert "wacht op bevestiging van de verhuisdatum door Deventer" in item.onderwerp
    assert [w.slug for w in werkvoorraden(deventer, op=date(2026, 6, 2))] == ["overdracht-toewijzen"]
    assert werkvoorraden(route["gebruikers"]["aanbieder"], op=date(2026, 6, 2)) == []
    with op_de_dag(date(2026, 6, 2)):
        (nieuw,) = werkvoorraden(deventer, op=date(2026, 6, 2))
        assert nieuw.werkitems(deventer)[0].onderwerp.startswith("Verhuisdatum bevestigen")
        bevestig_verhuisdatum(overdracht=overdracht, door=deventer)
        (nieuw,) = werkvoorraden(deventer, op=date(2026, 6, 2))
        assert nieuw.werkitems(deventer)[0].onderwerp.startswith("Opnieuw toewijzen")
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=zwolle)
    assert werkvoorraden(zwolle, op=date(2026, 6, 2)) == []


def test_verhuizing_via_de_pagina_opent_de_overdracht(client, route):
    """R-D3: the toegang records the move on the child's page; the handover opens. Another
    municipality's toegang (no sight: 404), a provider (403) and an invalid date change nothing."""
    gestart(route)
    url = f"/jeugdigen/{route['jeugdige_zwolle'].pk}/verhuizing/"
    gegevens = {"gemeente": route["deventer"].pk, "per": "2026-06-01"}
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert client.post(url, gegevens).status_code == 404
    client.force_login(route["gebruikers"]["aanbieder"])
    assert client.post(url, gegevens).status_code == 403
    client.force_login(route["gebruikers"]["toegang"])
    fout = client.post(url, {"gemeente": route["deventer"].pk, "per": "2000-01-01"})
    assert fout.status_code == 200 and "De verhuisdatum moet na" in fout.content.decode()
    assert not Overdracht.objects.exists()
    assert route["jeugdige_zwolle"].woonplaatsen.count() == 1
    assert client.post(url, gegevens).status_code == 302
    assert Overdracht.objects.get().naar_gemeente == route["deventer"]


def test_verhuizing_door_een_ander_dan_de_toegang_geweigerd(route):
    """R-D3: the service refuses a move by a user who is not the child's toegang; nothing changes."""
    with pytest.raises(DomainError):
        registreer_verhuizing(
            jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=VERHUISD, door=route["gebruikers"]["gi"]
        )
    assert route["jeugdige_zwolle"].woonplaatsen.count() == 1


def test_menu_toont_overdrachten_alleen_aan_de_toegang(route):
    """R-D3 with R-P4: the menu asks the page's own policy."""
    from jeugdregie.portaal.navigatie import links_voor

    for wie, verwacht in [("toegang", True), ("toegang_andere_gemeente", True), ("aanbieder", False),
                          ("financieel", False), ("beheerder", False), ("gi", False)]:  # fmt: skip
        titels = [str(link.titel) for link in links_voor(route["gebruikers"][wie])]
        assert ("Overdrachten" in titels) == verwacht, wie


def test_werkvoorraad_op_de_startpagina_en_de_eigen_pagina(client, route):
    """R-D3: the old municipality's home page and full worklist page show the item; the new
    municipality has no such list (its own is 'opnieuw toewijzen')."""
    gestart(route)
    _verhuis(route)
    client.force_login(route["gebruikers"]["toegang"])
    assert "Verhuisd: toewijzingen beëindigen" in client.get("/").content.decode()
    assert client.get("/werk/overdracht-beeindigen/").status_code == 200
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert client.get("/werk/overdracht-beeindigen/").status_code in (403, 404)
    assert client.get("/werk/overdracht-toewijzen/").status_code == 200


@pytest.mark.parametrize(
    ("product", "volume", "omvang_na", "bedrag_na"),
    [
        ("46C02", "40", Decimal("40"), Decimal("4400.00")),  # hours: the ceiling stays
        # a crisis bed is Verblijf (R-W7): not handed over, tests/test_verblijf_regel.py
    ],
)
def test_crisisopvolging_over_de_verhuisdatum_wordt_overgedragen_en_beeindigd(
    crisis, klok, monkeypatch, django_capture_on_commit_callbacks, product, volume, omvang_na, bedrag_na
):
    """R-D3 (gap of round 1): crisis follow-up of the old municipality that runs past the moving
    day is part of the handover like a keuzebudget; the old toegang ends it through the normal end
    service: Einddatum = moving day − 1, JW301 with RedenWijziging 07 (valid against the XSD), the
    ledger follows the allocated amount of the shorter period (R-B7)."""
    from jeugdregie.crisis.services import besluit_crisisopvolging
    from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag

    from .builders.crisis import aanvraag, beoordeel, meld

    klok(date(2026, 6, 2))
    verzoek = aanvraag(crisis, beoordeel(crisis, meld(crisis)), ingediend_op=date(2026, 4, 27), product=product)
    with django_capture_on_commit_callbacks(execute=True):
        besluit_crisisopvolging(
            verzoek=verzoek,
            toekennen=True,
            einddatum=date(2026, 6, 30),
            volume=volume,
            door=crisis["gebruikers"]["toegang"],
        )
    verzoek.refresh_from_db()
    toewijzing = verzoek.toewijzing
    monkeypatch.setattr(uitbox, "vandaag", lambda: date(2026, 6, 2))
    overdracht = _verhuis(crisis)
    assert overdracht is not None, "crisis follow-up running past the move must be handed over"
    (rij,) = overdracht.regels.all()
    assert rij.toewijzing_id == toewijzing.pk
    _bevestig(crisis, overdracht)
    with django_capture_on_commit_callbacks(execute=True):
        beeindig_oude_toewijzing(regel=rij, door=crisis["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    assert (toewijzing.einddatum, toewijzing.volume, toewijzing.status) == (date(2026, 5, 31), omvang_na, "gestart")
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_beeindigd", object_id=toewijzing.pk)
    bericht = uit(Berichttype.JW301)[-1]
    assert bericht.oorzaak == f"gebeurtenis:{gebeurtenis.pk}"
    (regelproduct,) = producten(bericht)
    assert (regelproduct["ToewijzingNummer"], regelproduct["Einddatum"], regelproduct["RedenWijziging"]) == (
        str(toewijzing.pk),
        "2026-05-31",
        "07",
    )
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert stand.toegewezen == toegewezen_bedrag(toewijzing) == bedrag_na
    rond_overdracht_af(
        overdracht=overdracht,
        door=crisis["gebruikers"]["toegang_andere_gemeente"],
        toelichting="Crisis gestabiliseerd; geen vervolg nodig in Deventer.",
    )
    assert Overdracht.objects.get().status == "afgerond"


def test_demo_legt_een_geschil_vast_via_de_service(route):
    """R-D3 in the demo (gap of round 1): ``manage.py overdracht_demo`` has the new municipality's
    toegang dispute the demo handover through ``registreer_geschil`` (audit-logged), once."""
    from io import StringIO

    from django.core.management import call_command

    gestart(route)
    overdracht = _verhuis(route)
    assert route["zwolle"].cbs_code == "0193"
    uit = StringIO()
    call_command("overdracht_demo", stdout=uit)
    geschil = Geschil.objects.get()
    assert (geschil.overdracht, geschil.ingediend_door, geschil.status) == (
        overdracht,
        route["gebruikers"]["toegang_andere_gemeente"],
        "open",
    )
    assert AuditRegel.objects.filter(objecttype="overdracht.Geschil", object_id=str(geschil.pk)).exists()
    call_command("overdracht_demo", stdout=uit)
    assert Geschil.objects.count() == 1
    assert "staat er al" in uit.getvalue()


def test_verhuizing_achteraf_met_goedgekeurde_zorg_na_de_verhuisdatum(client, route, klok):
    """R-D3 with R-B7 (round-1 gap 4; runs on SQLite and PostgreSQL): a move recorded in July
    with 1 June as its date, while June care was already approved on the old allocation. The move
    itself is a fact and is recorded (the handover opens); the handover line says what to correct;
    ending the old allocation is refused with that Dutch message and nothing changes (allocation,
    ledger, events, outbox, notifications); once the provider credited the June line, it ends."""
    from jeugdregie.budgetten.models import Budgetmutatie
    from jeugdregie.ijw.models import Bericht
    from jeugdregie.verwijzingen.models import Melding

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "J1", maand=(2026, 6))], nummer="D-JUNI", ingediend_op=NA_JUNI)
    klok(date(2026, 7, 10))
    overdracht = _verhuis(route)  # recorded on 10 July, moving day 1 June
    rij = overdracht.regels.get()
    zwolle = route["gebruikers"]["toegang"]
    _bevestig(route, overdracht)

    def toestand():
        stand = Budgetstand.objects.get(toewijzing=toewijzing)
        return (
            Toewijzing.objects.values_list("einddatum", "status", "volume").get(pk=toewijzing.pk),
            (stand.toegewezen, stand.vastgelegd, stand.goedgekeurd),
            Budgetmutatie.objects.count(),
            Gebeurtenis.objects.count(),
            Bericht.objects.count(),
            Melding.objects.count(),
            overdracht.regels.filter(beeindigd_op__isnull=False).count(),
        )

    voor = toestand()
    for wie in (zwolle, route["gebruikers"]["toegang_andere_gemeente"]):
        client.force_login(wie)
        pagina = client.get(overdracht.get_absolute_url()).content.decode()
        assert "al zorg na 31-05-2026 goedgekeurd (regel J1" in pagina and "crediteren" in pagina
    with pytest.raises(DomainError, match=r"regel J1, 01-06-2026 t/m 30-06-2026\).*crediteren") as fout:
        beeindig_oude_toewijzing(regel=rij, door=zwolle)
    assert "kies een latere datum" not in fout.value.message  # the date is fixed by the move
    client.force_login(zwolle)
    antwoord = client.post(f"{overdracht.get_absolute_url()}beeindigen/", {"regel": rij.pk}, follow=True)
    assert "crediteren" in antwoord.content.decode()
    assert toestand() == voor
    with pytest.raises(DomainError, match="nog niet alle toewijzingen"):
        rond_overdracht_af(overdracht=overdracht, door=route["gebruikers"]["toegang_andere_gemeente"], toelichting="x")

    declareer(
        route,
        [regel(toewijzing, "C1", maand=(2026, 6), debet_credit="C", credit_referentie="J1")],
        nummer="D-CREDIT",
        ingediend_op=datetime(2026, 7, 10, 11, 0, tzinfo=TZ),
    )
    client.force_login(zwolle)
    assert "crediteren" not in client.get(overdracht.get_absolute_url()).content.decode()
    beeindig_oude_toewijzing(regel=rij, door=zwolle)
    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 5, 31)
    assert Gebeurtenis.objects.filter(gebeurtenis="toewijzing_beeindigd", object_id=toewijzing.pk).count() == 1


def test_toewijzing_na_een_aangekondigde_verhuizing_komt_in_de_overdracht(route, klok):
    """R-D3 (found by tests/test_overdracht_eigenschappen.py): the move is registered ahead (per
    1 June, on 20 May); Zwolle, still responsible, allocates on 21 May a keuzebudget that runs a
    year. The allocation joins the handover of that move (opened now), so Zwolle ends it per
    31 May and Deventer takes over; without running care at the move there was no handover."""
    klok(date(2026, 5, 20))
    assert _verhuis(route) is None
    klok(date(2026, 5, 21))
    verwijzing = verwijs(route, datum=date(2026, 5, 21))
    screen(route, verwijzing, op=date(2026, 5, 21))
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    assert toewijzing.einddatum > VERHUISD
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    assert (overdracht.van_gemeente, overdracht.naar_gemeente, overdracht.verhuisdatum) == (
        route["zwolle"],
        route["deventer"],
        VERHUISD,
    )
    assert [r.toewijzing_id for r in overdracht.regels.all()] == [toewijzing.pk]
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == date(2026, 5, 31)


def test_overdracht_toont_geen_woonplaatsen_na_de_verhuizing(client, route):
    """R-P4 need-to-know with R-D3 (issue 20 review): after the child moved on again, the handover
    page of the first move shows the residences up to its moving day only, to both municipalities:
    not the later move, nor the end date that would reveal it."""
    gestart(route)
    overdracht = _verhuis(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["zwolle"], per=date(2026, 9, 1))
    for wie in ("toegang", "toegang_andere_gemeente"):
        client.force_login(route["gebruikers"][wie])
        pagina = client.get(overdracht.get_absolute_url()).content.decode()
        assert "01-06-2026" in pagina and "31-05-2026" in pagina
        assert "01-09-2026" not in pagina and "31-08-2026" not in pagina
