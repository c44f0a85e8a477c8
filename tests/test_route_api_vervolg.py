"""REST API of the rest of the client route: Wonen/Verblijf, matching and bed, crisis, HSWV, plan,
delivery, budget forecast, refusal follow-up and the choice list. The same services as the UI,
scoped through ApiMixin; refusals come back as Dutch ``fouten`` and change nothing."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan, Voortgang
from jeugdregie.organisaties.services import registreer_contract
from jeugdregie.toewijzingen.models import Levering, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.services import start_zorg
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.wonen.models import Matching, Verblijfsverzoek

from .builders.route import TZ, _beoordeel, _meld, _melding_body, _post, _verzoek_body, gestart, screen, verwijs
from .builders.wonen import BEGIN, wonen
from .factories import AanbiederFactory, GebruikerFactory


def _get(client, gebruiker, url):
    client.force_login(gebruiker)
    return client.get(url)


def _fout(antwoord, code, veld):
    """The one Dutch refusal of a service, as the API returns it."""
    assert antwoord.status_code == 400, antwoord.content
    (fout,) = antwoord.json()["fouten"]
    assert (fout["code"], fout["veld"]) == (code, veld)
    return fout["melding"]


def _wonen_gestart(route):
    toewijzing = wonen(route)
    return start_zorg(verwijzing=toewijzing.verwijzing, startdatum=BEGIN, door=route["gebruikers"]["aanbieder"])


# --- Wonen/Verblijf -------------------------------------------------------------------------


def _wonen_body(route, **extra):
    return {
        "jeugdige": route["jeugdige_zwolle"].pk,
        "aanbieder": route["aanbieder"].agb_code,
        "product": "44W05",
        "begindatum": "2026-03-02",
        "einddatum": "2027-03-01",
        "ambulant_onvoldoende": True,
        "resultaten": ["Veilig wonen en naar school."],
        **extra,
    }


def test_toegang_wijst_wonen_toe_via_api(client, route):
    """R-W1/R-W3: the toegang allocates one of the ten intensities for at most a year."""
    antwoord = _post(client, route["gebruikers"]["toegang"], "/api/v1/toewijzingen/wonen/", _wonen_body(route))
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert (data["soort"], data["product"], data["woonvorm"], data["plaatsing"], data["status"]) == (
        "wonen_verblijf",
        "44W05",
        "leefgroep",
        "vrijwillig",
        "toegewezen",
    )
    assert (data["begindatum"], data["einddatum"], data["gemeente"]) == ("2026-03-02", "2027-03-01", "0193")
    assert Toewijzing.objects.get().pk == data["id"]


@pytest.mark.parametrize("rol", ["aanbieder", "huisarts"])
def test_andere_rol_kan_wonen_niet_toewijzen_via_api(client, route, rol):
    """R-W1: any other referrer can only request Wonen/Verblijf at the toegang."""
    antwoord = _post(client, route["gebruikers"][rol], "/api/v1/toewijzingen/wonen/", _wonen_body(route))
    assert "kunnen die alleen aanvragen bij de toegang" in _fout(antwoord, "TW011", "door")
    assert not Toewijzing.objects.exists() and not Verwijzing.objects.exists()


def test_wonen_langer_dan_een_jaar_en_andere_gemeente_geweigerd_via_api(client, route):
    """R-W3: at most one year; R-P1: another municipality cannot reach the young person."""
    toegang = route["gebruikers"]["toegang"]
    antwoord = _post(client, toegang, "/api/v1/toewijzingen/wonen/", _wonen_body(route, einddatum="2027-03-02"))
    assert "maximaal een jaar: tot en met 01-03-2027." in _fout(antwoord, "TW017", "einddatum")
    antwoord = _post(
        client, route["gebruikers"]["toegang_andere_gemeente"], "/api/v1/toewijzingen/wonen/", _wonen_body(route)
    )
    assert antwoord.status_code == 404
    assert not Toewijzing.objects.exists() and not Verwijzing.objects.exists()


def test_intensiteit_wijzigen_via_api(client, route):
    """R-W8: a change of intensity needs the referrer's consent; only the own toegang decides."""
    toewijzing = wonen(route)
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/intensiteit/"
    body = {"product": "44W04", "ingangsdatum": "2026-06-01", "met_verhuizing": True}
    zonder = _post(client, route["gebruikers"]["toegang"], url, {**body, "toestemming_verwijzer": False})
    assert "toestemming van de verwijzer" in _fout(zonder, "TW017", "toestemming_verwijzer")
    andere = _post(client, route["gebruikers"]["toegang_andere_gemeente"], url, {**body, "toestemming_verwijzer": True})
    assert andere.status_code == 404
    buiten = _post(
        client,
        route["gebruikers"]["toegang"],
        url,
        {**body, "ingangsdatum": "2026-03-02", "toestemming_verwijzer": True},
    )
    assert "OP257" in _fout(buiten, "TW002", "ingangsdatum")
    assert list(Toewijzing.objects.values_list("product__code", "einddatum")) == [("44W05", date(2027, 3, 1))]
    antwoord = _post(client, route["gebruikers"]["toegang"], url, {**body, "toestemming_verwijzer": True})
    assert antwoord.status_code == 201
    assert (antwoord.json()["product"], antwoord.json()["begindatum"]) == ("44W04", "2026-06-01")
    assert Toewijzing.objects.get(pk=toewijzing.pk).einddatum == date(2026, 5, 31)


def test_onbekend_product_geeft_nederlandse_fout(client, route):
    antwoord = _post(
        client, route["gebruikers"]["toegang"], "/api/v1/toewijzingen/wonen/", _wonen_body(route, product="99X99")
    )
    assert "bestaat niet in de catalogus" in _fout(antwoord, "CAT003", "product")
    assert not Toewijzing.objects.exists()


# --- Matching and bed -----------------------------------------------------------------------


def test_matching_via_api(client, route):
    """R-W5: the provider records start and end of matching; a leefgroep is motivated."""
    toewijzing = wonen(route)
    aanbieder = route["gebruikers"]["aanbieder"]
    antwoord = _post(client, aanbieder, f"/api/v1/toewijzingen/{toewijzing.pk}/matching/", {"startdatum": "2026-03-02"})
    assert antwoord.status_code == 201
    assert antwoord.json()["startdatum"] == "2026-03-02" and antwoord.json()["einddatum"] is None
    afronden = f"/api/v1/toewijzingen/{toewijzing.pk}/matching/afronden/"
    antwoord = _post(client, aanbieder, afronden, {"einddatum": "2026-04-15", "voorkeur": "leefgroep"})
    assert "Een leefgroep komt pas na netwerk" in _fout(antwoord, "TW018", "motivering")
    assert Matching.objects.get().einddatum is None
    antwoord = _post(client, aanbieder, afronden, {"einddatum": "2026-04-15", "voorkeur": "netwerk"})
    assert antwoord.status_code == 200
    assert (antwoord.json()["einddatum"], antwoord.json()["voorkeur"]) == ("2026-04-15", "netwerk")
    antwoord = _post(client, aanbieder, afronden, {"einddatum": "2026-04-16", "voorkeur": "netwerk"})
    assert "start eerst een matching" in _fout(antwoord, "TW018", "toewijzing")


def test_matching_alleen_door_eigen_aanbieder_via_api(client, route):
    """R-W5: the provider of the allocation matches; the toegang cannot, another provider sees nothing."""
    toewijzing = wonen(route)
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/matching/"
    assert _post(client, route["gebruikers"]["andere_aanbieder"], url, {"startdatum": "2026-03-02"}).status_code == 404
    antwoord = _post(client, route["gebruikers"]["toegang"], url, {"startdatum": "2026-03-02"})
    assert _fout(antwoord, "TW011", "door") == "Alleen de aanbieder van deze verwijzing kan dit doen."
    assert not Matching.objects.exists()


def test_bed_binnen_24_uur_via_api(client, route, klok):
    """R-W6: the toegang requests the bed, the provider records the placement; >24 hours is flagged.
    R-B9: the request time is the server's moment of the request."""
    toewijzing = wonen(route)
    klok(datetime(2026, 3, 2, 14, 0, tzinfo=TZ))
    antwoord = _post(client, route["gebruikers"]["toegang"], f"/api/v1/toewijzingen/{toewijzing.pk}/bed/", {})
    assert antwoord.status_code == 201
    assert (antwoord.json()["aangevraagd_op"], antwoord.json()["spoed"], antwoord.json()["binnen_24_uur"]) == (
        "2026-03-02T14:00:00+01:00",
        True,
        None,
    )
    plaatsing = f"/api/v1/toewijzingen/{toewijzing.pk}/bed/plaatsing/"
    antwoord = _post(client, route["gebruikers"]["aanbieder"], plaatsing, {"geplaatst_op": "2026-03-02T13:00:00+01:00"})
    assert "voor de aanvraag" in _fout(antwoord, "TW019", "geplaatst_op")
    assert Verblijfsverzoek.objects.get().geplaatst_op is None
    antwoord = _post(client, route["gebruikers"]["aanbieder"], plaatsing, {"geplaatst_op": "2026-03-03T14:01:00+01:00"})
    assert antwoord.status_code == 200
    assert (antwoord.json()["geplaatst_op"], antwoord.json()["binnen_24_uur"]) == ("2026-03-03T14:01:00+01:00", False)


def test_bed_alleen_door_toegang_van_de_gemeente_via_api(client, route):
    """R-W6 with R-A2: the toegang of the municipality requests the bed; the provider cannot."""
    toewijzing = wonen(route)
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/bed/"
    body = {"spoed": True}
    assert _post(client, route["gebruikers"]["toegang_andere_gemeente"], url, body).status_code == 404
    assert "Alleen de toegang van de gemeente beslist hierover" in _fout(
        _post(client, route["gebruikers"]["aanbieder"], url, body), "TW011", "door"
    )
    assert not Verblijfsverzoek.objects.exists()


# --- Stop with follow-up care ----------------------------------------------------------------


def test_verblijf_stopt_alleen_met_vervolgzorg_via_api(client, route):
    """R-W9: Verblijf cannot end while follow-up care is not arranged."""
    toewijzing = _wonen_gestart(route)
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/stop/"
    body = {"stopdatum": "2026-09-30", "reden": "31", "resultaatscore": "behaald", "overleg_met_verwijzer": True}
    aanbieder = route["gebruikers"]["aanbieder"]
    assert "vervolgzorg" in _fout(_post(client, aanbieder, url, body), "TW020", "vervolgzorg")
    andere_jeugdige = gestart(route, jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente")
    antwoord = _post(client, aanbieder, url, {**body, "vervolgzorg": andere_jeugdige.pk})
    assert "vervolgzorg" in _fout(antwoord, "TW020", "vervolgzorg")
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.stopdatum_zorg, toewijzing.vervolgzorg) == ("gestart", None, None)
    vervolg = gestart(route)
    antwoord = _post(client, aanbieder, url, {**body, "vervolgzorg": vervolg.pk})
    assert antwoord.status_code == 200
    assert (antwoord.json()["status"], antwoord.json()["vervolgzorg"]) == ("gestopt", vervolg.pk)


# --- Plan, delivery and forecast -------------------------------------------------------------


def test_plan_en_voortgang_via_api(client, route):
    """R-H2: drawn up with the young person, one approach per result; progress per result."""
    toewijzing = gestart(route, resultaten=["Naar school", "Rust thuis"])
    aanbieder = route["gebruikers"]["aanbieder"]
    resultaten = _get(client, aanbieder, f"/api/v1/toewijzingen/{toewijzing.pk}/resultaten/").json()
    assert [r["omschrijving"] for r in resultaten] == ["Naar school", "Rust thuis"]
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/voortgang/"
    voortgang = {"resultaat": resultaten[0]["id"], "datum": "2026-04-09", "stand": "op_koers"}
    assert "Stel eerst" in _fout(_post(client, aanbieder, url, voortgang), "TW024", "toewijzing")
    aanpak = [{"resultaat": r["id"], "aanpak": f"Aanpak voor {r['omschrijving']}"} for r in resultaten]
    plan = {"opgesteld_op": "2026-03-09", "met_jeugdige": True, "aanpak": aanpak}
    antwoord = _post(client, aanbieder, f"/api/v1/toewijzingen/{toewijzing.pk}/plan/", plan)
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["versie"] == 1
    assert antwoord.json()["afspraken"] == [
        {"resultaat": resultaten[0]["id"], "aanpak": "Aanpak voor Naar school"},
        {"resultaat": resultaten[1]["id"], "aanpak": "Aanpak voor Rust thuis"},
    ]
    antwoord = _post(client, aanbieder, url, voortgang)
    assert antwoord.status_code == 201 and antwoord.json()["stand"] == "op_koers"
    te_vroeg = _post(client, aanbieder, url, {**voortgang, "datum": "2026-03-01"})
    assert "voor het plan (09-03-2026)" in _fout(te_vroeg, "TW024", "datum")
    assert Voortgang.objects.count() == 1


def test_plan_geweigerd_via_api(client, route):
    """R-H2: without the young person, or missing a result, or by another provider: no plan."""
    toewijzing = gestart(route, resultaten=["Naar school", "Rust thuis"])
    ids = list(toewijzing.verwijzing.resultaten.values_list("pk", flat=True))
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/plan/"
    plan = {
        "opgesteld_op": "2026-03-09",
        "met_jeugdige": True,
        "aanpak": [{"resultaat": i, "aanpak": "x"} for i in ids],
    }
    aanbieder = route["gebruikers"]["aanbieder"]
    assert "samen met de jeugdige opgesteld" in _fout(
        _post(client, aanbieder, url, {**plan, "met_jeugdige": False}), "TW024", "met_jeugdige"
    )
    onvolledig = {**plan, "aanpak": plan["aanpak"][:1]}
    assert "ontbreekt voor: Rust thuis" in _fout(_post(client, aanbieder, url, onvolledig), "TW024", "aanpak")
    assert _post(client, route["gebruikers"]["andere_aanbieder"], url, plan).status_code == 404
    assert _fout(_post(client, route["gebruikers"]["toegang"], url, plan), "TW011", "door")
    assert not Hulpverleningsplan.objects.exists()


def test_levering_en_prognose_via_api(client, route):
    """R-A3: delivered volume is the spend source of the forecast; the 8-week point follows."""
    toewijzing = gestart(route)
    aanbieder = route["gebruikers"]["aanbieder"]
    antwoord = _post(
        client,
        aanbieder,
        f"/api/v1/toewijzingen/{toewijzing.pk}/levering/",
        {"product": "45A03", "maand": "2026-04-15", "volume": "20"},
    )
    assert antwoord.status_code == 201, antwoord.content
    assert {k: antwoord.json()[k] for k in ("product", "maand", "volume", "bedrag")} == {
        "product": "45A03",
        "maand": "2026-04-01",
        "volume": "20.00",
        "bedrag": str(Levering.objects.get().bedrag),
    }
    bedrag = Levering.objects.get().bedrag
    antwoord = _get(
        client, route["gebruikers"]["toegang"], f"/api/v1/toewijzingen/{toewijzing.pk}/prognose/?op=2026-04-30"
    )
    assert antwoord.status_code == 200
    # 9 March to 30 April is 53 days of care
    per_dag = bedrag / 53
    uitgeput = date(2026, 4, 30).toordinal() + int((Decimal("3000.00") - bedrag) / per_dag)
    assert antwoord.json() == {
        "op": "2026-04-30",
        "budget": "3000.00",
        "besteed": str(bedrag),
        "per_dag": str(per_dag.quantize(Decimal("0.01"))),
        "uitgeput_op": date.fromordinal(uitgeput).isoformat(),
        "achtwekenpunt": date.fromordinal(uitgeput - 56).isoformat(),
        "benutting": str((bedrag / Decimal("3000.00") * 100).quantize(Decimal("0.1"))),
        # R-A3: registered delivery has no declaration lag to correct; no lines measured yet
        "besteed_geschat": str(bedrag),
        "declaratievertraging_dagen": 0,
    }
    vandaag = _get(client, aanbieder, f"/api/v1/toewijzingen/{toewijzing.pk}/prognose/")
    assert vandaag.status_code == 200 and vandaag.json()["op"] == timezone.localdate().isoformat()


def test_prognose_alleen_voor_keuzebudget_en_eigen_gemeente(client, route):
    """R-A3: a forecast exists for a keuzebudget; another municipality does not reach it."""
    keuzebudget, verblijf = gestart(route), wonen(route)
    assert (
        _get(
            client, route["gebruikers"]["toegang_andere_gemeente"], f"/api/v1/toewijzingen/{keuzebudget.pk}/prognose/"
        ).status_code
        == 404
    )
    antwoord = _get(client, route["gebruikers"]["toegang"], f"/api/v1/toewijzingen/{verblijf.pk}/prognose/")
    assert antwoord.status_code == 404
    assert antwoord.json()["detail"] == "Een budgetprognose bestaat alleen voor een ambulant keuzebudget."


def test_levering_buiten_toewijzing_geweigerd_via_api(client, route):
    """R-W4: treatment is never inside the Wonen tariff; only the provider registers delivery."""
    verblijf = _wonen_gestart(route)
    url = f"/api/v1/toewijzingen/{verblijf.pk}/levering/"
    body = {"product": "45A03", "maand": "2026-03-01", "volume": "4"}
    assert "valt niet onder" in _fout(_post(client, route["gebruikers"]["aanbieder"], url, body), "TW025", "product")
    assert _fout(_post(client, route["gebruikers"]["toegang"], url, body), "TW011", "door")
    assert _post(client, route["gebruikers"]["andere_aanbieder"], url, body).status_code == 404
    assert not Levering.objects.exists()


# --- Refusal follow-up -----------------------------------------------------------------------


def test_opvolging_na_weigering_sluiten_via_api(client, route):
    """R-S3: the toegang closes the follow-up once another provider takes over."""
    verwijzing = verwijs(route)
    screen(route, verwijzing, uitkomst="te_zwaar")
    url = f"/api/v1/verwijzingen/{verwijzing.pk}/opvolging/"
    body = {"afsluiting": "Andere aanbieder neemt over."}
    assert _post(client, route["gebruikers"]["toegang_andere_gemeente"], url, body).status_code == 404
    assert "Alleen de toegang van de gemeente beslist hierover" in _fout(
        _post(client, route["gebruikers"]["aanbieder"], url, body), "TW011", "door"
    )
    leeg = _post(client, route["gebruikers"]["toegang"], url, {"afsluiting": " "})
    assert _fout(leeg, "TW014", "afsluiting") == "Beschrijf hoe de opvolging geregeld is."
    assert Weigeringsopvolging.objects.get().open is True
    antwoord = _post(client, route["gebruikers"]["toegang"], url, body)
    assert antwoord.status_code == 200
    assert {k: antwoord.json()[k] for k in ("verwijzing", "open", "afsluiting")} == {
        "verwijzing": verwijzing.pk,
        "open": False,
        "afsluiting": "Andere aanbieder neemt over.",
    }
    assert _fout(_post(client, route["gebruikers"]["toegang"], url, body), "TW010", "open")


# --- Crisis ----------------------------------------------------------------------------------


def test_crisismelding_zonder_toewijzing_via_api(client, crisis):
    """R-C1: the crisisdienst registers a report by exact BSN; no allocation is needed.
    R-C3: it assesses within 4 hours. R-P4: it gets back the BSN it reported, not the register's
    link; the toegang sees the link."""
    melding = _meld(client, crisis)
    assert (melding["jeugdige"], melding["bsn"], melding["gemeente"], melding["bron"], melding["uitkomst"]) == (
        None,
        crisis["jeugdige_zwolle"].bsn,
        "0193",
        "huisarts",
        "",
    )
    antwoord = _beoordeel(client, crisis, melding, uitkomst="reguliere_hulp")
    assert antwoord.status_code == 200
    assert (antwoord.json()["uitkomst"], antwoord.json()["beoordeeld_op"]) == (
        "reguliere_hulp",
        "2026-04-25T00:30:00+02:00",
    )
    assert not Toewijzing.objects.exists()
    toegang = _get(client, crisis["gebruikers"]["toegang"], "/api/v1/crisismeldingen/").json()
    assert [(m["id"], m["jeugdige"]) for m in toegang["results"]] == [(melding["id"], crisis["jeugdige_zwolle"].pk)]
    assert (
        _get(
            client, crisis["gebruikers"]["toegang_andere_gemeente"], f"/api/v1/crisismeldingen/{melding['id']}/"
        ).status_code
        == 404
    )
    assert _get(client, crisis["gebruikers"]["huisarts"], "/api/v1/crisismeldingen/").status_code == 403


def test_alleen_crisisdienst_meldt_en_een_ongeldig_bsn_wordt_geweigerd_via_api(client, crisis):
    """R-C3: only the crisisdienst itself registers. R-P4: a BSN that is not in the register is
    accepted like a known one (tests/test_aanmeldingen.py proves the answers are the same); a BSN
    that fails the 11-proef is refused for any child, and nothing is stored."""
    antwoord = _post(client, crisis["gebruikers"]["aanbieder"], "/api/v1/crisismeldingen/", _melding_body(crisis))
    assert "Alleen de crisisdienst" in _fout(antwoord, "TW021", "door")
    antwoord = _post(
        client, crisis["gebruikers"]["crisisdienst"], "/api/v1/crisismeldingen/", _melding_body(crisis, bsn="123456788")
    )
    assert "elfproef" in _fout(antwoord, "JGD001", "bsn")
    assert not Crisismelding.objects.exists()


def test_huiselijk_geweld_volgt_veilig_thuis_via_api(client, crisis):
    """R-C4: domestic violence and child abuse follow the Veilig Thuis route."""
    melding = _meld(client, crisis, huiselijk_geweld=True)
    assert "Veilig Thuis" in _fout(_beoordeel(client, crisis, melding), "TW021", "uitkomst")
    assert Crisismelding.objects.get().beoordeeld_op is None
    andere = _post(
        client,
        crisis["gebruikers"]["aanbieder"],
        f"/api/v1/crisismeldingen/{melding['id']}/beoordeling/",
        {
            "beoordeeld_op": "2026-04-25T00:30:00+02:00",
            "hulp_binnen_24_uur": True,
            "uitkomst": "veilig_thuis",
            "afhandeling": "telefonisch",
        },
    )
    assert andere.status_code == 404
    assert _beoordeel(client, crisis, melding, uitkomst="veilig_thuis").json()["uitkomst"] == "veilig_thuis"


def test_crisisopvolging_achteraf_via_api(client, crisis, klok):
    """R-C2: requested within 3 working days (Koningsdag excluded) and allocated retroactively;
    the request date is the server's (R-B9): here 30 April."""
    klok(date(2026, 4, 30))
    melding = _meld(client, crisis)
    _beoordeel(client, crisis, melding)
    url = f"/api/v1/crisismeldingen/{melding['id']}/crisisopvolging/"
    antwoord = _post(client, crisis["gebruikers"]["crisisdienst"], url, _verzoek_body(crisis))
    assert antwoord.status_code == 201, antwoord.content
    verzoek = antwoord.json()
    assert (verzoek["uiterlijk"], verzoek["te_laat"], verzoek["status"], verzoek["product"]) == (
        "2026-04-30",
        False,
        "ingediend",
        "46C02",
    )
    besluit = f"/api/v1/crisisverzoeken/{verzoek['id']}/besluit/"
    body = {"toekennen": True, "einddatum": "2026-06-30", "volume": "40"}
    assert _post(client, crisis["gebruikers"]["toegang_andere_gemeente"], besluit, body).status_code == 404
    assert "Alleen de toegang van de gemeente beslist hierover" in _fout(
        _post(client, crisis["gebruikers"]["crisisdienst"], besluit, body), "TW011", "door"
    )
    afwijzen = _post(client, crisis["gebruikers"]["toegang"], besluit, {"toekennen": False})
    assert _fout(afwijzen, "TW022", "motivering") == "Motiveer de afwijzing."
    assert Crisisopvolgingsverzoek.objects.get().status == "ingediend" and not Toewijzing.objects.exists()
    antwoord = _post(client, crisis["gebruikers"]["toegang"], besluit, body)
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "toegewezen"
    toewijzing = Toewijzing.objects.get(pk=antwoord.json()["toewijzing"])
    assert (toewijzing.soort, toewijzing.begindatum, toewijzing.einddatum, toewijzing.status) == (
        "crisisopvolging",
        date(2026, 4, 24),
        date(2026, 6, 30),
        "gestart",
    )


def test_crisisbed_alleen_als_onvermijdelijk_via_api(client, crisis, klok):
    """R-C3: ambulant spoedhulp first; a crisis bed only if unavoidable (motivated)."""
    klok(date(2026, 4, 27))
    melding = _meld(client, crisis)
    _beoordeel(client, crisis, melding)
    url = f"/api/v1/crisismeldingen/{melding['id']}/crisisopvolging/"
    antwoord = _post(client, crisis["gebruikers"]["crisisdienst"], url, _verzoek_body(crisis, product="46C03"))
    assert "crisisbed alleen als het onvermijdelijk is" in _fout(antwoord, "TW022", "bed_onvermijdelijk")
    assert _post(client, crisis["gebruikers"]["andere_aanbieder"], url, _verzoek_body(crisis)).status_code == 404
    assert not Crisisopvolgingsverzoek.objects.exists()


# --- HSWV ------------------------------------------------------------------------------------

COMPLEX = "Meervoudige problematiek in het gezin; eerdere trajecten bij drie aanbieders vastgelopen."


@pytest.fixture
def hswv(route):
    collectief = AanbiederFactory(naam="HSWV-collectief IJsselland")
    registreer_contract(
        aanbieder=collectief,
        nummer="C-HSWV",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=["50H01", "45A05", "44W05"],
    )
    route["collectief"] = collectief
    route["gebruikers"]["collectief"] = GebruikerFactory(aanbieder_rol=True, aanbieder=collectief)
    return route


def _hswv_body(hswv, jeugdige="jeugdige_zwolle", **extra):
    return {
        "jeugdige": hswv[jeugdige].pk,
        "collectief": hswv["collectief"].agb_code,
        "onderdelen": ["screening", "organiseren"],
        "complexiteit": COMPLEX,
        "begindatum": "2026-05-01",
        **extra,
    }


def _lijst(client, gebruiker, url):
    return [r["id"] for r in _get(client, gebruiker, url).json()["results"]]


def test_toegang_en_gi_zetten_hswv_in_via_api(client, hswv):
    """R-X1: the toegang or a GI calls on the collective; each sees its own inzet, the collective both."""
    g = hswv["gebruikers"]
    antwoord = _post(client, g["toegang"], "/api/v1/hswv/", _hswv_body(hswv))
    assert antwoord.status_code == 201, antwoord.content
    toegang = antwoord.json()
    assert (toegang["verwijzer_type"], toegang["onderdelen"], toegang["status"], toegang["gemeente"]) == (
        "01",
        ["organiseren", "screening"],
        "lopend",
        "0193",
    )
    gi = _post(client, g["gi"], "/api/v1/hswv/", _hswv_body(hswv, jeugdige="jeugdige_deventer")).json()
    assert (gi["verwijzer_type"], gi["verwijzer"]) == ("04", hswv["gi"].agb_code)
    assert _lijst(client, g["toegang"], "/api/v1/hswv/") == [toegang["id"]]
    assert _lijst(client, g["gi"], "/api/v1/hswv/") == [gi["id"]]
    assert sorted(_lijst(client, g["collectief"], "/api/v1/hswv/")) == sorted([toegang["id"], gi["id"]])
    assert _lijst(client, g["aanbieder"], "/api/v1/hswv/") == []
    antwoord = _post(client, g["collectief"], f"/api/v1/hswv/{toegang['id']}/afronden/", {"einddatum": "2026-09-01"})
    assert (antwoord.json()["status"], antwoord.json()["einddatum"]) == ("afgerond", "2026-09-01")


def test_hswv_geweigerd_via_api(client, hswv):
    """R-X1: only the toegang or a GI, for a very complex request; a referrer role has no access."""
    g = hswv["gebruikers"]
    assert "Alleen de toegang of een GI kan het HSWV-collectief inzetten" in _fout(
        _post(client, g["aanbieder"], "/api/v1/hswv/", _hswv_body(hswv)), "TW023", "door"
    )
    leeg = _post(client, g["toegang"], "/api/v1/hswv/", _hswv_body(hswv, complexiteit=""))
    assert "zeer complexe" in _fout(leeg, "TW023", "complexiteit")
    assert _post(client, g["huisarts"], "/api/v1/hswv/", _hswv_body(hswv)).status_code == 403
    assert _post(client, g["toegang_andere_gemeente"], "/api/v1/hswv/", _hswv_body(hswv)).status_code == 404
    assert not HswvInzet.objects.exists()


def test_hswv_afronden_alleen_door_toegang_of_collectief_via_api(client, hswv):
    """R-X1: the GI that called on the collective cannot end it; another provider does not see it."""
    g = hswv["gebruikers"]
    inzet = _post(client, g["gi"], "/api/v1/hswv/", _hswv_body(hswv, jeugdige="jeugdige_deventer")).json()
    url = f"/api/v1/hswv/{inzet['id']}/afronden/"
    assert "rondt de inzet af" in _fout(_post(client, g["gi"], url, {"einddatum": "2026-09-01"}), "TW023", "door")
    assert _post(client, g["andere_aanbieder"], url, {"einddatum": "2026-09-01"}).status_code == 404
    assert HswvInzet.objects.get().status == "lopend"


# --- Choice list -----------------------------------------------------------------------------


def test_keuzelijst_via_api(client, route):
    """R-S5: contracted providers for the product on the date, registered ones first (R-S4)."""
    antwoord = _get(client, route["gebruikers"]["huisarts"], "/api/v1/keuzelijst/?product=45A03&datum=2026-03-02")
    assert antwoord.status_code == 200
    assert [(a["agb_code"], a["ingeschreven"]) for a in antwoord.json()["results"]] == [
        (route["aanbieder"].agb_code, True),
        (route["andere_aanbieder"].agb_code, False),
    ]
    assert route["jeugdige_zwolle"].achternaam not in antwoord.content.decode()
    geen = _get(client, route["gebruikers"]["contractmanager"], "/api/v1/keuzelijst/?product=50H01&datum=2026-03-02")
    assert geen.status_code == 200 and geen.json()["count"] == 0
    voor_contract = _get(client, route["gebruikers"]["huisarts"], "/api/v1/keuzelijst/?product=45A03&datum=2021-12-31")
    assert voor_contract.json()["count"] == 0


def test_keuzelijst_onbekend_product_en_anoniem(client, route):
    """R-S5: an unknown product is refused in Dutch; anonymous users get nothing."""
    assert client.get("/api/v1/keuzelijst/").status_code in (401, 403)
    antwoord = _get(client, route["gebruikers"]["toegang"], "/api/v1/keuzelijst/?product=99X99")
    assert "bestaat niet in de catalogus" in _fout(antwoord, "CAT003", "product")
