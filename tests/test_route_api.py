"""REST API of the client route: the same services, scoped like the UI (issue 3 §6)."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.toewijzingen.models import Screening, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing


def _post(client, gebruiker, url, data):
    client.force_login(gebruiker)
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def verwijzing_via_api(client, route):
    antwoord = _post(
        client,
        route["gebruikers"]["toegang"],
        "/api/v1/verwijzingen/",
        {
            "jeugdige": route["jeugdige_zwolle"].pk,
            "aanbieder": route["aanbieder"].agb_code,
            "resultaten": ["Zara slaapt weer door."],
            "soort": "herstel",
            "niveau": 3,
            "datum": "2026-03-02",
        },
    )
    assert antwoord.status_code == 201, antwoord.content
    return antwoord.json()


def test_volledige_route_via_api(client, route, verwijzing_via_api, klok):
    """Referral → screening → start → adjustment (reason 3) → decision → stop, through the API.
    Filing and decision dates are the server's (R-B9)."""
    gebruikers, vid = route["gebruikers"], verwijzing_via_api["id"]
    assert verwijzing_via_api["keuzebudget"]["bedrag"] == "3000.00"
    klok(date(2026, 3, 3))
    antwoord = _post(
        client, gebruikers["aanbieder"], f"/api/v1/verwijzingen/{vid}/screening/", {"uitkomst": "geaccepteerd"}
    )
    assert antwoord.json()["status"] == "geaccepteerd"
    assert Screening.objects.get().datum == date(2026, 3, 3)
    klok(date(2026, 3, 9))
    antwoord = _post(
        client, gebruikers["aanbieder"], f"/api/v1/verwijzingen/{vid}/start/", {"startdatum": "2026-03-09"}
    )
    assert antwoord.json()["status"] == "gestart"
    tid = antwoord.json()["id"]
    klok(date(2026, 5, 1))
    antwoord = _post(
        client,
        gebruikers["aanbieder"],
        f"/api/v1/verwijzingen/{vid}/aanpassing/",
        {
            "reden": "3",
            "toelichting": "Gezin verhuisd, meer begeleiding nodig.",
            "gevraagd_bedrag": "4500.00",
            "besproken_met_toegang": True,
        },
    )
    assert antwoord.status_code == 201 and antwoord.json()["te_laat"] is False
    assert antwoord.json()["ingediend_op"] == "2026-05-01"
    aid = antwoord.json()["id"]
    klok(date(2026, 5, 5))
    antwoord = _post(
        client,
        gebruikers["toegang_andere_gemeente"],
        f"/api/v1/aanpassingen/{aid}/besluit/",
        {"besluit": "toegekend", "motivering": "Akkoord."},
    )
    assert antwoord.status_code == 404  # outside that municipality's scope
    antwoord = _post(
        client,
        gebruikers["toegang"],
        f"/api/v1/aanpassingen/{aid}/besluit/",
        {"besluit": "toegekend", "motivering": "Akkoord."},
    )
    assert (antwoord.json()["status"], antwoord.json()["besluit_op"]) == ("toegekend", "2026-05-05")
    client.force_login(gebruikers["aanbieder"])
    assert client.get(f"/api/v1/toewijzingen/{tid}/").json()["keuzebudget"]["bedrag"] == "4500.00"
    antwoord = _post(
        client,
        gebruikers["aanbieder"],
        f"/api/v1/toewijzingen/{tid}/stop/",
        {
            "stopdatum": "2026-03-01",
            "reden": "31",
            "resultaatscore": "behaald",
            "overleg_met_verwijzer": True,
        },
    )
    assert antwoord.status_code == 400 and antwoord.json()["fouten"][0]["code"] == "TW016"
    antwoord = _post(
        client,
        gebruikers["aanbieder"],
        f"/api/v1/toewijzingen/{tid}/stop/",
        {
            "stopdatum": "2026-11-30",
            "reden": "31",
            "resultaatscore": "behaald",
            "overleg_met_verwijzer": True,
        },
    )
    assert antwoord.json()["status"] == "gestopt"
    assert Toewijzing.objects.get().stopdatum_zorg == date(2026, 11, 30)


def test_ongeldige_verwijzing_geeft_400_en_verandert_niets(client, route):
    antwoord = _post(
        client,
        route["gebruikers"]["toegang"],
        "/api/v1/verwijzingen/",
        {
            "jeugdige": route["jeugdige_zwolle"].pk,
            "aanbieder": route["aanbieder"].agb_code,
            "resultaten": ["x"],
            "soort": "herstel",
            "datum": "2026-03-02",
        },
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0]["code"] == "TW003"  # offerte without an amount
    assert not Verwijzing.objects.exists()


@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        ("toegang", True),
        ("aanbieder", True),
        ("toegang_andere_gemeente", False),
        ("andere_aanbieder", False),
        ("huisarts", False),
        ("gi", False),
    ],
)
def test_route_is_gescoped(client, route, verwijzing_via_api, rol, ziet):
    """R-P1 for the route endpoints: municipality, provider and referrer of the referral only
    (finance is refused the route altogether: tests/test_permissiematrix.py)."""
    client.force_login(route["gebruikers"][rol])
    detail = client.get(f"/api/v1/verwijzingen/{verwijzing_via_api['id']}/")
    lijst = client.get("/api/v1/verwijzingen/").json()
    assert detail.status_code == (200 if ziet else 404)
    assert lijst["count"] == (1 if ziet else 0)
    gelukt = AuditRegel.objects.filter(objecttype="verwijzingen.Verwijzing", actie="lezen", uitkomst="gelukt")
    assert gelukt.exists() == ziet


def test_andere_aanbieder_kan_niet_screenen_via_api(client, route, verwijzing_via_api):
    antwoord = _post(
        client,
        route["gebruikers"]["andere_aanbieder"],
        f"/api/v1/verwijzingen/{verwijzing_via_api['id']}/screening/",
        {"uitkomst": "geaccepteerd"},
    )
    assert antwoord.status_code == 404
    assert Verwijzing.objects.get().status == "te_screenen"


def test_werkvoorraden_op_de_startpagina(client, route, verwijzing_via_api):
    """Issue 3 §4: the provider sees 'te screenen', the toegang 'wachten op screening'."""
    client.force_login(route["gebruikers"]["aanbieder"])
    inhoud = client.get("/").content.decode()
    assert 'Te screenen <span class="aantal">(1)</span>' in inhoud
    assert 'Te starten <span class="aantal">(0)</span>' in inhoud
    client.force_login(route["gebruikers"]["toegang"])
    assert 'Verwijzingen die wachten op screening <span class="aantal">(1)</span>' in client.get("/").content.decode()
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert 'Verwijzingen die wachten op screening <span class="aantal">(0)</span>' in client.get("/").content.decode()


def test_budget_bij_8_wekenpunt_op_werkvoorraad(route):
    """R-A3: the provider's worklist warns before the 8-week point."""
    from decimal import Decimal

    from jeugdregie.catalogus.models import Product
    from jeugdregie.toewijzingen.models import Levering
    from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden

    from .builders.route import gestart

    toewijzing = gestart(route)
    voorraad = {w.titel: w for w in werkvoorraden(route["gebruikers"]["aanbieder"], op=date(2026, 4, 30))}
    assert voorraad["Budgetten bij het 8-wekenpunt"].items == []
    Levering.objects.create(
        toewijzing=toewijzing,
        product=Product.objects.get(code="45A03"),
        maand=date(2026, 4, 1),
        volume=Decimal("20"),
        bedrag=Decimal("1720.00"),
    )
    voorraad = {w.titel: w for w in werkvoorraden(route["gebruikers"]["aanbieder"], op=date(2026, 4, 30))}
    assert voorraad["Budgetten bij het 8-wekenpunt"].items == [toewijzing]
