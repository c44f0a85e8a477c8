"""REST API of declarations (issue 4 §5): intake through the same validation service as the upload
(R-B2), replay-safe (R-B5), DEC100 conflict as 409, scoped reads (R-P1) with audit rows (R-P2),
and the R-B5 budget overview."""

from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.constants import VASTLEGGINGEN
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.declaraties.models import Declaratie, Declaratieregel

from .builders.declaraties import body, declareer, post, regel, regel_json
from .builders.route import gestart
from .factories import GebruikerFactory


@pytest.fixture
def toewijzing(route):
    return gestart(route)


def niets_veranderd():
    """Declarations, lines and spend bookings (the allocation's commitment, R-B7, is not a change)."""
    besteed = Budgetmutatie.objects.exclude(soort__in=VASTLEGGINGEN)
    return (Declaratie.objects.count(), Declaratieregel.objects.count(), besteed.count())


def test_aanmaken_geeft_uitkomst_per_regel(client, route, toewijzing):
    """R-B2: 201 with the outcome per line: status, code, retourcode and what to fix."""
    inzending = body(route, regel_json(toewijzing, "R1"), regel_json(toewijzing, "R2", maand=(2026, 5), uren="-2"))
    antwoord = post(client, route, inzending)
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert (data["nummer"], data["gemeente"], data["aanbieder"], data["bron"]) == (
        "API-1",
        "0193",
        route["aanbieder"].agb_code,
        "api",
    )
    assert (data["goedgekeurd_bedrag"], data["aantal_goedgekeurd"], data["aantal_afgekeurd"]) == ("860.00", 1, 1)
    goed, fout = data["regels"]
    assert (goed["status"], goed["afkeur"], goed["product"], goed["jeugdige"]) == (
        "goedgekeurd",
        "",
        "45A03",
        route["jeugdige_zwolle"].pk,
    )
    assert (fout["status"], fout["afkeur"], fout["retourcode"]) == ("afgekeurd", "DEC013", "")
    assert fout["afkeur_omschrijving"] == "Volume ongeldig" and "groter zijn dan 0" in fout["toelichting"]
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")
    assert AuditRegel.objects.filter(actie="aanmaken", objecttype="declaraties.Declaratie").count() == 1


def test_herhaling_geeft_dezelfde_uitkomst_en_keurt_niets_dubbel_goed(client, route, toewijzing):
    """R-B5: the same body again → 200 with the first outcome; nothing approved twice."""
    inzending = body(route, regel_json(toewijzing, "R1"), regel_json(toewijzing, "R2", product="99X99"))
    eerste = post(client, route, inzending)
    voor = niets_veranderd()
    tweede = post(client, route, inzending)
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    assert tweede.json() == eerste.json()
    assert niets_veranderd() == voor
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")


def test_zelfde_nummer_andere_inhoud_is_conflict(client, route, toewijzing):
    """DEC100: the number was used with other lines → 409 with the code and a Dutch message; nothing stored."""
    post(client, route, body(route, regel_json(toewijzing, "R1")))
    voor = niets_veranderd()
    antwoord = post(client, route, body(route, regel_json(toewijzing, "R1", uren="9")))
    assert antwoord.status_code == 409
    [fout] = antwoord.json()["fouten"]
    assert (fout["code"], fout["veld"]) == ("DEC100", "nummer") and "andere regels" in fout["melding"]
    assert niets_veranderd() == voor


@pytest.mark.parametrize(
    ("wijzig", "veld"),
    [
        (lambda b: b["regels"][0].update(begindatum="01-04-2026"), "regels"),
        (lambda b: b["regels"][0].update(volume="tien"), "regels"),
        (lambda b: b.update(gemeente="Zwolle"), "gemeente"),
        (lambda b: b.pop("nummer"), "nummer"),
        (lambda b: b["regels"][0].update(debet_credit="X"), "regels"),
    ],
    ids=["datum", "volume", "gemeente", "nummer", "debet-credit"],
)
def test_typefouten_door_de_serializer(client, route, toewijzing, wijzig, veld):
    """Input shape is the serializer's: 400 naming the field, nothing stored."""
    inzending = body(route, regel_json(toewijzing))
    wijzig(inzending)
    antwoord = post(client, route, inzending)
    assert antwoord.status_code == 400 and veld in antwoord.json()
    assert niets_veranderd() == (0, 0, 0)


@pytest.mark.parametrize(
    ("inzending", "wie", "code"),
    [
        (
            lambda route, tw: body(route, regel_json(tw), gemeente="zwolle") | {"gemeente": "9999"},
            "aanbieder",
            "DEC121",
        ),
        (lambda route, tw: body(route), "aanbieder", "DEC102"),
        (lambda route, tw: body(route, regel_json(tw)), "financieel", "DEC101"),
    ],
    ids=["gemeente-onbekend", "geen-regels", "geen-aanbieder"],
)
def test_weigeringen_van_de_service(client, route, toewijzing, inzending, wie, code):
    antwoord = post(client, route, inzending(route, toewijzing), wie=wie)
    assert antwoord.status_code == 400 and antwoord.json()["fouten"][0]["code"] == code
    assert niets_veranderd() == (0, 0, 0)


@override_settings(DECLARATIE_MAX_UPLOAD_BYTES=500)
def test_te_groot_bericht_wordt_geweigerd_voordat_het_wordt_gelezen(client, route, toewijzing):
    """DEC110 also for the API: the size is checked on Content-Length, before the body is parsed."""
    antwoord = post(client, route, body(route, *(regel_json(toewijzing, f"R{i}") for i in range(5))))
    assert antwoord.status_code == 400
    [fout] = antwoord.json()["fouten"]
    assert fout["code"] == "DEC110" and "de grens is 1 kB" in fout["melding"]
    assert niets_veranderd() == (0, 0, 0)


def test_regel_voor_client_van_andere_aanbieder_via_api(client, route, toewijzing):
    """R-B2/TR338: another provider's client: rejected, nothing approved, the ledger untouched."""
    antwoord = post(client, route, body(route, regel_json(toewijzing)), wie="andere_aanbieder")
    assert antwoord.status_code == 201
    [uitkomst] = antwoord.json()["regels"]
    assert (uitkomst["status"], uitkomst["afkeur"], uitkomst["retourcode"]) == ("afgekeurd", "DEC001", "9338")
    assert niets_veranderd()[2] == 0 and not Budgetstand.objects.exclude(goedgekeurd=0).exists()


# --- reads --------------------------------------------------------------------------------------


@pytest.fixture
def ingediend(route, toewijzing):
    return declareer(route, [regel(toewijzing)], nummer="D-LEES", ingediend_op=timezone.now())


@pytest.fixture
def financieel_deventer(route):
    return GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])


@pytest.mark.parametrize(
    ("wie", "aantal"),
    [("aanbieder", 1), ("toegang", 1), ("financieel", 1), ("andere_aanbieder", 0), ("financieel_deventer", 0)],
)
def test_lijst_gescoped(client, route, ingediend, financieel_deventer, wie, aantal):
    client.force_login(financieel_deventer if wie == "financieel_deventer" else route["gebruikers"][wie])
    data = client.get("/api/v1/declaraties/").json()
    assert data["count"] == aantal
    if aantal:
        assert data["results"][0]["nummer"] == "D-LEES" and "regels" not in data["results"][0]


@pytest.mark.parametrize("wie", ["andere_aanbieder", "toegang_andere_gemeente", "financieel_deventer"])
def test_detail_van_een_ander_is_404(client, route, ingediend, financieel_deventer, wie):
    """R-P1: another provider or another municipality's user (toegang, finance) → 404, and the
    refusal is logged."""
    client.force_login(financieel_deventer if wie == "financieel_deventer" else route["gebruikers"][wie])
    assert client.get(f"/api/v1/declaraties/{ingediend.pk}/").status_code == 404
    assert AuditRegel.objects.filter(objecttype="declaraties.Declaratie", uitkomst="geweigerd").count() == 1


def test_detail_met_regels_wordt_gelogd(client, route, ingediend):
    """R-P2: reading a declaration's lines writes an audit row."""
    client.force_login(route["gebruikers"]["financieel"])
    data = client.get(f"/api/v1/declaraties/{ingediend.pk}/").json()
    assert [r["referentie"] for r in data["regels"]] == ["R1"]
    rij = AuditRegel.objects.get(actie="lezen", objecttype="declaraties.Declaratie")
    assert (rij.object_id, rij.rol) == (str(ingediend.pk), "financieel")


@pytest.mark.parametrize("wie", ["contractmanager", "beheerder"])
def test_rollen_zonder_persoonsgegevens_niet_in_de_declaratie_api(client, route, ingediend, wie):
    client.force_login(route["gebruikers"][wie])
    assert client.get("/api/v1/declaraties/").status_code == 403
    assert client.get(f"/api/v1/declaraties/{ingediend.pk}/").status_code == 403


def test_anoniem_geen_toegang(client, route, ingediend):
    assert client.get("/api/v1/declaraties/").status_code in (401, 403)
    assert client.post("/api/v1/declaraties/", {}, content_type="application/json").status_code in (401, 403)
    assert client.get("/api/v1/budgetten/").status_code in (401, 403)


# --- budget overview ------------------------------------------------------------------------------


def test_budgetoverzicht_financieel(client, route, ingediend):
    """R-B5: committed, spent, released and available for the user's municipality at a date."""
    client.force_login(route["gebruikers"]["financieel"])
    data = client.get("/api/v1/budgetten/").json()
    assert data == [
        {
            "gemeente": "0193",
            "naam": "Zwolle",
            "op": timezone.localdate().isoformat(),
            "vastgelegd": "3000.00",
            "besteed": "860.00",
            "vrijgevallen": "0.00",
            "beschikbaar": "2140.00",
        }
    ]
    [eerder] = client.get("/api/v1/budgetten/?op=2026-01-01").json()
    assert (eerder["op"], eerder["besteed"]) == ("2026-01-01", "0.00")
    assert client.get("/api/v1/budgetten/?op=gisteren").status_code == 400


def test_budgetoverzicht_regio_en_weigeringen(client, route, ingediend):
    client.force_login(route["gebruikers"]["beleid"])
    assert [r["naam"] for r in client.get("/api/v1/budgetten/").json()] == ["Deventer", "Zwolle"]
    for wie in ("aanbieder", "beheerder"):
        client.force_login(route["gebruikers"][wie])
        assert client.get("/api/v1/budgetten/").status_code == 403
