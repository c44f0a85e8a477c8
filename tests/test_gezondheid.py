"""Issue 17 §4: liveness, readiness and metrics (src/jeugdregie/gezondheid, docs/ops/monitoring.md).
No login, no personal data, no secret in any answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from jeugdregie.beheersing.models import Verversing
from jeugdregie.gezondheid import controles

TOKEN = "t" * 40


def _teller(tekst: str, naam: str, **labels: str) -> float:
    for familie in text_string_to_metric_families(tekst):
        for monster in familie.samples:
            if monster.name == naam and all(monster.labels.get(k) == v for k, v in labels.items()):
                return monster.value
    return 0.0


def test_gezondheid_antwoordt_zonder_database_en_zonder_login(client):
    """Liveness touches no database: this test has no database access (no django_db mark), so
    any query would raise."""
    antwoord = client.get("/gezondheid/")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}
    assert antwoord["X-Request-ID"]
    assert "no-store" in antwoord["Cache-Control"]


@pytest.mark.django_db
def test_gereedheid_is_gereed_op_gemigreerde_database(client):
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 200
    assert antwoord.json() == {
        "status": "gereed",
        "controles": {
            "database": {"ok": True, "kritiek": True},
            "migraties": {"ok": True, "kritiek": True},
            # never refreshed: reported, but not critical for readiness
            "beheersing_ververst": {
                "ok": False,
                "kritiek": False,
                "reden": "De stuurinformatie is nog nooit ververst.",
                "bijgewerkt": None,
            },
            # issue 17 part B: no external broker in the suite's settings (in-memory)
            "broker": {"ok": True, "kritiek": False, "broker": "ingebouwd"},
            "rollup_wachtrij": {"ok": True, "kritiek": False, "wachtrij_minuten": 0},
            "nachtelijke_verversing": {
                "ok": False,
                "kritiek": False,
                "reden": "De nachtelijke herberekening is nog nooit geslaagd.",
                "volledig": None,
            },
        },
    }


@pytest.mark.django_db
def test_gereedheid_503_met_reden_bij_openstaande_migratie(client):
    """An upgrade whose migrations have not run yet: the new processes are not ready."""
    laatste = MigrationRecorder.Migration.objects.filter(app="beheersing").order_by("-name").first()
    laatste.delete()
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 503
    inhoud = antwoord.json()
    assert inhoud["status"] == "niet_gereed"
    assert inhoud["controles"]["migraties"] == {
        "ok": False,
        "kritiek": True,
        "reden": "1 migratie(s) nog niet uitgevoerd; draai 'manage.py migrate'.",
        "openstaand": 1,
    }
    assert inhoud["controles"]["database"] == {"ok": True, "kritiek": True}


@pytest.mark.django_db
def test_gereedheid_503_als_database_faalt_zonder_de_foutmelding_te_tonen(client, monkeypatch):
    """A broken check counts as failed; the driver's message (host, user, password) stays out."""

    def onbereikbaar():
        raise OperationalError('could not connect to server "db.intern" user=jeugdregie password=geheim')

    kapot = [controles.Controle("database", onbereikbaar), *controles.CONTROLES[1:]]
    monkeypatch.setattr(controles, "CONTROLES", kapot)
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 503
    assert antwoord.json()["controles"]["database"] == {
        "ok": False,
        "kritiek": True,
        "reden": "Controle mislukt (OperationalError).",
    }
    tekst = antwoord.content.decode()
    assert "geheim" not in tekst and "db.intern" not in tekst


@pytest.fixture
def bewaard(settings):
    """The production value of the readiness cache, emptied before and after the test."""
    settings.JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN = 10.0
    controles.vergeet_bewaarde_gereedheid()
    yield
    controles.vergeet_bewaarde_gereedheid()


@pytest.mark.django_db
def test_gereedheid_draait_de_controles_hoogstens_eens_per_tien_seconden(client, monkeypatch, bewaard):
    """Probes every few seconds from several balancers: within the cache time the kept answer
    is given (no queries, no migration graph); after it the checks run again."""
    klok = [1000.0]
    monkeypatch.setattr(controles.time, "monotonic", lambda: klok[0])
    gedraaid: list[int] = []
    echt = controles.gereedheid
    monkeypatch.setattr(controles, "gereedheid", lambda: gedraaid.append(1) or echt())

    eerste = client.get("/gereedheid/")
    assert eerste.status_code == 200 and gedraaid == [1]
    Verversing.objects.create(pk=1, bijgewerkt=timezone.now())
    klok[0] += 9.9
    tweede = client.get("/gereedheid/")
    assert gedraaid == [1] and tweede.json() == eerste.json()  # the kept result, still "nooit ververst"
    klok[0] += 0.2
    derde = client.get("/gereedheid/")
    assert gedraaid == [1, 1]
    assert derde.json()["controles"]["beheersing_ververst"]["ok"] is True


@pytest.mark.django_db
def test_gereedheid_bewaart_ook_een_503(client, monkeypatch, bewaard):
    """A not-ready answer is kept as well (a failing database is not asked again per probe)."""
    laatste = MigrationRecorder.Migration.objects.filter(app="beheersing").order_by("-name").first()
    laatste.delete()
    assert client.get("/gereedheid/").status_code == 503
    laatste.save()
    assert client.get("/gereedheid/").status_code == 503
    controles.vergeet_bewaarde_gereedheid()
    assert client.get("/gereedheid/").status_code == 200


@pytest.mark.django_db
def test_verouderde_stuurinformatie_wordt_gemeld_maar_houdt_gereedheid_niet_tegen(client):
    Verversing.objects.create(pk=1, bijgewerkt=timezone.now() - timedelta(hours=40))
    antwoord = client.get("/gereedheid/")
    assert antwoord.status_code == 200
    ververst = antwoord.json()["controles"]["beheersing_ververst"]
    assert ververst["ok"] is False and ververst["kritiek"] is False
    assert ververst["reden"] == "De stuurinformatie is ouder dan 36 uur."
    assert ververst["leeftijd_uren"] == 40.0

    Verversing.objects.filter(pk=1).update(bijgewerkt=timezone.now() - timedelta(hours=2))
    ververst = client.get("/gereedheid/").json()["controles"]["beheersing_ververst"]
    assert ververst["ok"] is True and ververst["leeftijd_uren"] == 2.0 and "reden" not in ververst


def test_metrics_bestaat_niet_zonder_token(client):
    with override_settings(JEUGDREGIE_METRICS_TOKEN=""):
        assert client.get("/metrics").status_code == 404


def test_metrics_weigert_zonder_of_met_verkeerd_token(client):
    with override_settings(JEUGDREGIE_METRICS_TOKEN=TOKEN):
        zonder = client.get("/metrics")
        verkeerd = client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "x" * 40)
    assert zonder.status_code == 401 and verkeerd.status_code == 401
    assert zonder["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"jeugdregie_http" not in zonder.content + verkeerd.content


def test_metrics_in_prometheus_formaat_telt_verzoeken_per_route(client):
    with override_settings(JEUGDREGIE_METRICS_TOKEN=TOKEN):
        voor = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
        client.get("/gezondheid/")
        client.get("/gezondheid/")
        antwoord = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"
    na = antwoord.content.decode()
    labels = {"route": "gezondheid:gezondheid", "methode": "GET", "status": "200"}
    assert (
        _teller(na, "jeugdregie_http_verzoeken_total", **labels)
        - _teller(voor, "jeugdregie_http_verzoeken_total", **labels)
        == 2
    )
    assert _teller(na, "jeugdregie_http_duur_seconden_count", route="gezondheid:gezondheid") >= 2


def test_gunicorn_instellingen_komen_uit_de_omgeving(monkeypatch, tmp_path):
    import runpy
    from pathlib import Path

    monkeypatch.setenv("JEUGDREGIE_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("JEUGDREGIE_WEB_WORKERS", "3")
    monkeypatch.setenv("JEUGDREGIE_WEB_TIMEOUT", "45")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    instellingen = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
    assert instellingen["bind"] == ["0.0.0.0:9000"]
    assert (instellingen["workers"], instellingen["timeout"], instellingen["threads"]) == (3, 45, 1)
    assert instellingen["wsgi_app"] == "jeugdregie.config.wsgi:application"
