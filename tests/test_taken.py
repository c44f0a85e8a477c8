"""Issue 17 part B: the Celery tasks (jeugdregie/taken) run their services, are idempotent, do a
job once when two workers take it (the database lease), are on the beat schedule, and
/gereedheid/ reports the broker, the queue lag and the last nightly run. In-process here; the
tests with Redis and real worker processes are tests/test_taken_redis.py."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from jeugdregie import abonnementen
from jeugdregie.beheersing import grafieken
from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode, Verversing
from jeugdregie.beheersing.services import rollup
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.celery import app
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.ijw.models import Bericht, Uitboxverwerking
from jeugdregie.ijw.services import uitbox
from jeugdregie.taken import slot, tasks
from jeugdregie.taken.models import Taakslot, Taakuitvoering, Uitkomst
from jeugdregie.toewijzingen.services import stop_zorg

from .builders.declaraties import declareer, regel
from .builders.route import gestart, screen, verwijs


def _cijfers():
    velden = ("indicator", "periodesoort", "periode", "gemeente", "aanbieder", "categorie", "teller", "noemer")
    return sorted(Cijfer.objects.values_list(*velden), key=repr)


@pytest.mark.django_db(transaction=True)  # issue 18: the rollup's engine reads committed data
def test_wachtrijtaak_rekent_de_gemarkeerde_maanden_en_tweede_keer_niets(route):
    """Issue 6 §9 in the background: the task takes the queue; run again it finds nothing."""
    declareer(route, [regel(gestart(route), "R1", uren="10")])
    rollup.markeer([date(2026, 4, 30)])
    eerste = tasks.rollup_wachtrij()
    assert eerste["uitkomst"] == "klaar" and eerste["aantal"] > 0
    assert not VerouderdePeriode.objects.exists()
    na_eerste = _cijfers()
    assert tasks.rollup_wachtrij() == {"taak": tasks.ROLLUP_WACHTRIJ, "uitkomst": "klaar", "aantal": 0}
    assert _cijfers() == na_eerste
    assert Taakslot.objects.get(taak=tasks.ROLLUP_WACHTRIJ).bezet_tot is None  # the lease is given back


def _kwartaalcellen(route, waarden: dict) -> list[Cijfer]:
    """KOS05 cells of the route's provider per quarter (``{start: percentage}``), the rollup
    stamped, and an empty chart cache."""
    cellen = [
        Cijfer.objects.create(
            indicator="KOS05",
            periodesoort=Periodesoort.KWARTAAL,
            periode=periode,
            aanbieder=route["aanbieder"],
            categorie=ALLE,
            teller=Decimal(waarde),
            noemer=Decimal("100"),
        )
        for periode, waarde in waarden.items()
    ]
    Verversing.objects.create(pk=1, data_tot=date(2025, 12, 31), bijgewerkt=timezone.now())
    caches["grafieken"].clear()
    return cellen


def _tel_tekeningen(monkeypatch) -> list[int]:
    """A list that grows by one for every chart matplotlib draws."""
    getekend: list[int] = []
    echt = grafieken._figuur
    monkeypatch.setattr(grafieken, "_figuur", lambda: getekend.append(1) or echt())
    return getekend


def test_grafiekentaak_tekent_de_scorekaarten_vooraf_en_de_pagina_tekent_niets(client, route, monkeypatch, settings):
    """Issue 17 part B: the worker draws the scorecards' charts into the shared cache; the page
    then draws none, and a second run draws nothing new."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1  # hand-made cells without population rows
    _kwartaalcellen(route, {date(2025, 7, 1): "75", date(2025, 10, 1): "72.5"})
    getekend = _tel_tekeningen(monkeypatch)
    uitslag = tasks.grafieken_vooraf()
    assert uitslag["uitkomst"] == "klaar" and uitslag["aantal"] == len(getekend) > 0
    assert tasks.grafieken_vooraf()["aantal"] == uitslag["aantal"]
    assert len(getekend) == uitslag["aantal"]  # the second run drew nothing
    client.force_login(route["gebruikers"]["contractmanager"])
    inhoud = client.get(f"/beheersing/aanbieders/{route['aanbieder'].pk}/scorekaart/").content.decode()
    assert "<svg" in inhoud
    assert len(getekend) == uitslag["aantal"]  # nor did the page


def test_na_nieuwe_cijfers_toont_de_pagina_de_vorige_grafiek_tot_de_worker_tekent(client, route, monkeypatch, settings):
    """Issue 17 §5 (no page waits for background work): figures change after the charts were
    drawn; the scorecard draws nothing in the request but shows the last chart of each place
    with a note; once the worker drew the charts of the new figures, the page shows those."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1
    (cel,) = _kwartaalcellen(route, {date(2025, 10, 1): "75"})
    getekend = _tel_tekeningen(monkeypatch)
    assert tasks.grafieken_vooraf()["aantal"] > 0
    voor = len(getekend)
    client.force_login(route["gebruikers"]["contractmanager"])
    pagina = f"/beheersing/aanbieders/{route['aanbieder'].pk}/scorekaart/"
    oud = client.get(pagina).content.decode()
    assert "grafiek-verouderd" not in oud

    Cijfer.objects.filter(pk=cel.pk).update(teller=Decimal("40"))  # a refresh moved the figure
    inhoud = client.get(pagina).content.decode()
    assert len(getekend) == voor  # nothing drawn in the request
    assert "<svg" in inhoud and "grafiek-verouderd" in inhoud
    assert "75,0" in inhoud.split("grafiek-verouderd")[0]  # the earlier chart (its text lists the values)

    tasks.grafieken_vooraf()
    assert len(getekend) > voor  # the worker drew the new figures
    nieuw = client.get(pagina).content.decode()
    assert "grafiek-verouderd" not in nieuw and "40,0" in nieuw


@pytest.mark.django_db(transaction=True)  # issue 18: the rollup's engine reads committed data
def test_nachtelijke_herberekening_stempelt_en_geeft_tweemaal_hetzelfde(route):
    """The nightly full rebuild records its success (Verversing.volledig, for /gereedheid/);
    a second run leaves the same figures."""
    declareer(route, [regel(gestart(route), "R1", uren="10")])
    assert tasks.rollup_volledig()["uitkomst"] == "klaar"
    eerste = Verversing.objects.get(pk=1).volledig
    assert eerste is not None
    cijfers = _cijfers()
    assert cijfers
    assert tasks.rollup_volledig()["uitkomst"] == "klaar"
    assert _cijfers() == cijfers
    assert Taakslot.objects.get(taak=tasks.ROLLUP_VOLLEDIG).laatste_succes is not None


def test_budgettaak_geeft_na_de_termijn_eenmaal_vrij(route, klok):
    """R-B7: the daily task releases the rest after the declaration window, never twice."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing)])
    klok(date(2026, 4, 30))  # the stop reported on its day (a later report moves the window, R-B7)
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 4, 30),
        reden="31",
        resultaatscore="behaald",
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )
    klok(date(2026, 7, 31))
    assert tasks.budgetten_vrijgeven()["aantal"] == 1
    vrijgevallen = Budgetstand.objects.get(toewijzing=toewijzing).vrijgevallen
    assert vrijgevallen == Decimal("2140.00")
    assert tasks.budgetten_vrijgeven()["aantal"] == 0
    assert Budgetstand.objects.get(toewijzing=toewijzing).vrijgevallen == vrijgevallen


def test_uitboxtaak_maakt_elk_bericht_eenmaal(route, klok, monkeypatch):
    """Issue 5 §3: the catch-up makes the message of a decision once; run again, nothing new."""
    klok(date(2026, 5, 1))
    monkeypatch.setattr(uitbox, "vandaag", lambda: date(2026, 5, 1))
    screen(route, verwijs(route))  # the test transaction never commits: no after-commit run
    assert not Bericht.objects.exists()
    assert tasks.ijw_uitbox()["aantal"] == 1
    assert tasks.ijw_uitbox()["aantal"] == 0
    assert Bericht.objects.count() == 1 and Uitboxverwerking.objects.count() == 1


def test_bewaringstaak_is_zonder_instelling_een_proefdraai(route):
    """R-P7: without JEUGDREGIE_BEWARING_UITVOEREN the nightly task only reports."""
    assert settings.JEUGDREGIE_BEWARING_UITVOEREN is False
    jeugdige = route["jeugdige_zwolle"]
    eerste = tasks.bewaring_opschonen()
    assert eerste["uitkomst"] == "klaar"
    assert tasks.bewaring_opschonen() == eerste
    jeugdige.refresh_from_db()
    assert jeugdige.achternaam == route["jeugdige_zwolle"].achternaam and jeugdige.bsn


@pytest.mark.django_db
def test_tweede_worker_met_dezelfde_taak_doet_niets_zolang_het_slot_bezet_is():
    """Two workers given the same job: the one without the lease does nothing and records it;
    an expired lease (a killed worker) is free again."""
    token = slot.neem("proef", duur=timedelta(minutes=5))
    assert token and slot.neem("proef", duur=timedelta(minutes=5)) is None
    gedaan = []
    assert slot.eenmaal("proef", lambda: gedaan.append(1) or 1, duur=timedelta(minutes=5))["uitkomst"] == "bezet"
    assert gedaan == []
    Taakslot.objects.filter(taak="proef").update(bezet_tot=timezone.now() - timedelta(seconds=1))
    assert slot.eenmaal("proef", lambda: gedaan.append(1) or 1, duur=timedelta(minutes=5))["uitkomst"] == "klaar"
    assert gedaan == [1]
    assert list(Taakuitvoering.objects.order_by("id").values_list("uitkomst", "aantal")) == [("bezet", 0), ("klaar", 1)]


@pytest.mark.django_db
def test_mislukte_taak_geeft_het_slot_terug_zonder_succes():
    def kapot() -> int:
        raise RuntimeError("stuk")

    with pytest.raises(RuntimeError):
        slot.eenmaal("proef", kapot, duur=timedelta(minutes=5))
    rij = Taakslot.objects.get(taak="proef")
    assert rij.bezet_tot is None and rij.laatste_succes is None
    assert Taakuitvoering.objects.get().uitkomst == "mislukt"


def test_beat_schema_noemt_de_taken_met_hun_tijden():
    schema = {naam: (regel["task"], regel["schedule"]) for naam, regel in settings.CELERY_BEAT_SCHEDULE.items()}
    assert schema == {
        "rollup-wachtrij": ("jeugdregie.rollup_wachtrij", 300.0),
        "ijw-uitbox": ("jeugdregie.ijw_uitbox", 600.0),
        "rollup-volledig": ("jeugdregie.rollup_volledig", crontab(hour=2, minute=30)),
        "budgetten-vrijgeven": ("jeugdregie.budgetten_vrijgeven", crontab(hour=3, minute=30)),
        "bewaring-opschonen": ("jeugdregie.bewaring_opschonen", crontab(hour=4, minute=0)),
        "grafieken-vooraf": ("jeugdregie.grafieken_vooraf", crontab(hour=6, minute=0)),
        "termijnherinneringen": ("jeugdregie.termijnherinneringen", crontab(hour=7, minute=0)),
        "taakruns-opruimen": ("jeugdregie.taakruns_opruimen", crontab(hour=4, minute=30)),
    }
    app.loader.import_default_modules()
    assert {taak for taak, _ in schema.values()} <= set(app.tasks)
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


@pytest.mark.django_db
def test_taakruns_ouder_dan_de_bewaartermijn_worden_opgeruimd(settings):
    """The run log keeps ``JEUGDREGIE_TAAKRUNS_BEWAARDAGEN`` days; older runs go, newer stay,
    and the cleanup's own run is recorded like any other."""
    settings.JEUGDREGIE_TAAKRUNS_BEWAARDAGEN = 30
    nu = timezone.now()
    for dagen in (45, 31, 29, 1):
        Taakuitvoering.objects.create(
            taak="proef", begonnen=nu - timedelta(days=dagen), geeindigd=nu, uitkomst=Uitkomst.KLAAR
        )
    uitslag = tasks.taakruns_opruimen()
    assert uitslag["uitkomst"] == "klaar" and uitslag["aantal"] == 2
    overgebleven = Taakuitvoering.objects.filter(taak="proef").values_list("begonnen", flat=True)
    assert sorted((nu - b).days for b in overgebleven) == [1, 29]
    assert Taakuitvoering.objects.filter(taak=tasks.TAAKRUNS_OPRUIMEN, uitkomst="klaar").count() == 1
    assert tasks.taakruns_opruimen()["aantal"] == 0  # again: nothing older left


def test_intake_vraagt_na_de_commit_een_worker_voor_de_wachtrij(route, monkeypatch, django_capture_on_commit_callbacks):
    """Issue 17 part B: after a committed intake the months are queued and the task is sent."""
    assert abonnementen.NA_COMMIT[Verwerkt] == [rollup.markeer_declaraties, tasks.na_declaraties]
    verzonden = []
    monkeypatch.setattr(tasks.rollup_wachtrij, "delay", lambda: verzonden.append(1))
    toewijzing = gestart(route)
    with django_capture_on_commit_callbacks(execute=True):
        declareer(route, [regel(toewijzing, "R1", uren="10")])
    assert VerouderdePeriode.objects.exists()
    assert verzonden == [1]


@pytest.mark.django_db
def test_gereedheid_meldt_de_achterstand_van_de_wachtrij_en_de_nachtelijke_run(client):
    rollup.markeer([date(2026, 4, 1)])
    VerouderdePeriode.objects.update(sinds=timezone.now() - timedelta(minutes=45))
    Verversing.objects.create(pk=1, volledig=timezone.now() - timedelta(hours=40))
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 200  # neither is critical
    controles = antwoord.json()["controles"]
    assert controles["rollup_wachtrij"] == {
        "ok": False,
        "kritiek": False,
        "reden": "De wachtrij van de stuurinformatie staat langer dan 30 minuten stil; draait de worker?",
        "wachtrij_minuten": 45.0,
    }
    assert controles["nachtelijke_verversing"]["ok"] is False
    assert controles["nachtelijke_verversing"]["leeftijd_uren"] == 40.0

    VerouderdePeriode.objects.all().delete()
    Verversing.objects.update(volledig=timezone.now())
    controles = client.get("/gereedheid/").json()["controles"]
    assert controles["rollup_wachtrij"] == {"ok": True, "kritiek": False, "wachtrij_minuten": 0}
    assert controles["nachtelijke_verversing"]["ok"] is True


@pytest.mark.django_db
@override_settings(JEUGDREGIE_BROKER_INGEBOUWD=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_onbereikbare_broker_wordt_gemeld_maar_houdt_gereedheid_niet_tegen(client):
    """The web pages work without the broker and the tasks catch up when it is back: an
    outage is reported (for an alert), the web tier stays in rotation."""
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 200
    assert antwoord.json()["status"] == "gereed"
    assert antwoord.json()["controles"]["broker"] == {
        "ok": False,
        "kritiek": False,
        "reden": "Controle mislukt (OperationalError).",
    }
