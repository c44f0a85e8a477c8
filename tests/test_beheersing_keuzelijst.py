"""Provider information in the toegang's choice list while referring (R-K7): tariff groups used,
average duration, share of results achieved, and a running temporary client stop (R-K6)."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from jeugdregie import abonnementen
from jeugdregie.beheersing.services.keuzeinfo import beantwoord, bereken
from jeugdregie.beheersing.services.maatregelen import registreer_maatregel, rond_maatregel_af
from jeugdregie.toewijzingen.services import stop_zorg
from jeugdregie.verwijzingen.services.keuzelijst import Aanbiederinfovraag, aanbiederinfo

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .factories import JeugdigeFactory

OP = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """These tests check the figures on two trajectories; with the default threshold they would
    read "minder dan 5 trajecten". Suppression is tested in tests/test_beheersing_onthulling.py."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


def _stop(route, toewijzing, stopdatum, score):
    return stop_zorg(
        toewijzing=toewijzing,
        stopdatum=stopdatum,
        reden="31",
        resultaatscore=score,
        overleg_met_verwijzer=True,
        door=route["gebruikers"]["aanbieder"],
    )


@pytest.fixture
def met_gegevens(route):
    """The provider: a TG3 line approved in April 2026; two trajectories started 2026-03-09 and
    stopped after 52 days (behaald) and 71 days (niet behaald)."""
    eerste = gestart(route)
    declareer(route, [regel(eerste, uren="10")])
    _stop(route, eerste, date(2026, 4, 30), "behaald")
    tweede = gestart(route, jeugdige=JeugdigeFactory(gemeente=route["zwolle"]))
    _stop(route, tweede, date(2026, 5, 19), "niet_behaald")
    return route


def _stop_maatregel(route, van=date(2026, 5, 1), tot=date(2026, 6, 30)):
    return registreer_maatregel(
        aanbieder=route["aanbieder"],
        soort="clientenstop",
        indicator="SIG02",
        periodesoort="kwartaal",
        periode=date(2026, 1, 1),
        besluit="Tijdelijk geen nieuwe cliënten tot het verbeterplan loopt.",
        besluit_op=date(2026, 4, 20),
        opvolgdatum=date(2026, 6, 15),
        stop_van=van,
        stop_tot=tot,
        door=route["gebruikers"]["contractmanager"],
    )


def _teksten(info, aanbieder):
    return [str(r) for r in info[aanbieder.pk]]


def test_keuzelijst_toont_tariefgroepen_duur_en_resultaten(met_gegevens):
    """R-K7: tariff groups of approved lines (last 12 months), average duration (52 and 71 days
    → 62 rounded half up) and the share behaald (1 of 2); a provider without data: geen gegevens."""
    route = met_gegevens
    info = aanbiederinfo([route["aanbieder"], route["andere_aanbieder"]], datum=OP)
    assert _teksten(info, route["aanbieder"]) == [
        "Tariefgroepen: TG3",
        "Gemiddelde duur: 62 dagen (n=2)",
        "Resultaten behaald: 50% (n=2)",
    ]
    assert _teksten(info, route["andere_aanbieder"]) == [
        "Tariefgroepen: geen gegevens",
        "Gemiddelde duur: geen gegevens",
        "Resultaten behaald: geen gegevens",
    ]


def test_keuzelijst_kijkt_twaalf_maanden_terug(met_gegevens):
    """R-K7: lines and stops older than 12 months before the day of the list no longer count."""
    info = bereken([met_gegevens["aanbieder"]], date(2027, 6, 1))
    assert [r.tekst for r in info[met_gegevens["aanbieder"].pk]] == ["geen gegevens"] * 3


def test_keuzelijstpagina_toont_informatie_en_exporteert_die(client, met_gegevens):
    """R-K7: the toegang's choice-list page and its export show the information per provider."""
    client.force_login(met_gegevens["gebruikers"]["toegang"])
    pagina = client.get("/route/keuzelijst/", {"datum": OP.isoformat()}).content.decode()
    assert "Tariefgroepen: TG3" in pagina and "62 dagen (n=2)" in pagina and "50% (n=2)" in pagina
    export = client.get("/route/keuzelijst/", {"datum": OP.isoformat(), "export": "csv"}).content.decode()
    assert "Tariefgroepen: TG3; Gemiddelde duur: 62 dagen (n=2); Resultaten behaald: 50% (n=2)" in export


def test_clientenstop_staat_in_keuzelijst_zolang_hij_loopt(client, route):
    """R-K6/R-K7: a temporary client stop warns in the choice list on its first and last day, not
    before or after it (inclusive period), and not for another provider."""
    _stop_maatregel(route)
    client.force_login(route["gebruikers"]["toegang"])
    waarschuwing = "tijdelijke cliëntenstop t/m 30-06-2026"
    for dag, verwacht in [("2026-04-30", False), ("2026-05-01", True), ("2026-06-30", True), ("2026-07-01", False)]:
        pagina = client.get("/route/keuzelijst/", {"datum": dag}).content.decode()
        assert (waarschuwing in pagina) is verwacht, dag
        assert pagina.count(waarschuwing) <= 1
    info = aanbiederinfo([route["aanbieder"], route["andere_aanbieder"]], datum=date(2026, 6, 1))
    eerste = info[route["aanbieder"].pk][0]
    assert (eerste.label, eerste.tekst, eerste.waarschuwing) == (
        "Let op",
        "tijdelijke cliëntenstop t/m 30-06-2026",
        True,
    )
    assert not any(r.waarschuwing for r in info[route["andere_aanbieder"].pk])


def test_afgeronde_clientenstop_waarschuwt_niet_meer(route):
    """R-K6: closing the measure ends the warning, even within its period."""
    maatregel = _stop_maatregel(route)
    rond_maatregel_af(
        maatregel=maatregel,
        datum=date(2026, 5, 20),
        uitkomst="Verbeterplan op orde; stop opgeheven.",
        door=route["gebruikers"]["contractmanager"],
    )
    info = aanbiederinfo([route["aanbieder"]], datum=date(2026, 6, 1))
    assert not any(r.waarschuwing for r in info[route["aanbieder"].pk])


def test_verwijsformulier_toont_informatie_bij_de_aanbieders(client, met_gegevens, monkeypatch):
    """R-K7: the referral form's provider choices carry the information and the client-stop warning
    (after the waiting time, R-S6)."""
    _stop_maatregel(met_gegevens)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: OP)
    client.force_login(met_gegevens["gebruikers"]["toegang"])
    pagina = client.get("/route/verwijzingen/nieuw/").content.decode()
    naam = met_gegevens["aanbieder"].naam
    assert (
        f"{naam} — Wachttijd: onbekend; Let op: tijdelijke cliëntenstop t/m 30-06-2026; Tariefgroepen: TG3; "
        "Gemiddelde duur: 62 dagen (n=2); Resultaten behaald: 50% (n=2)"
    ) in pagina
    assert f"{met_gegevens['andere_aanbieder'].naam} — Wachttijd: onbekend; Tariefgroepen: geen gegevens" in pagina


def test_keuzelijst_heeft_een_uitbreidingspunt_en_toewijzingen_importeert_beheersing_niet():
    """STYLE.md §Layout: the earlier stage (toewijzingen) never imports beheersing; beheersing
    answers the choice list's question, listed once in jeugdregie/abonnementen.py (R-K7, issue 16 §1)."""
    assert abonnementen.VRAGEN[Aanbiederinfovraag] == [beantwoord]
    bron = Path(__file__).resolve().parents[1] / "src" / "jeugdregie" / "toewijzingen"
    importeert = re.compile(r"^\s*(from|import)\s+\S*beheersing", re.MULTILINE)
    importeurs = [p.name for p in bron.rglob("*.py") if importeert.search(p.read_text(encoding="utf-8"))]
    assert importeurs == []
