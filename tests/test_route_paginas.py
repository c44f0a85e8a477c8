"""The Dutch screens of the client route (issue 3 §5): every operation through the pages, with
the services' messages shown on the form and nothing changed on bad input."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from .factories import AanbiederFactory, JeugdigeFactory

VANDAAG = timezone.localdate()


def _login(client, route, wie):
    client.force_login(route["gebruikers"][wie])
    return client


def _verwijs(client, route, **extra):
    data = {
        "bsn": route["jeugdige_zwolle"].bsn,
        "aanbieder": route["aanbieder"].pk,
        "resultaten": "Zara gaat weer naar school.\nRust thuis.",
        "soort": "herstel",
        "niveau": "3",
        "datum": VANDAAG.isoformat(),
    }
    data.update(extra)
    return client.post("/route/verwijzingen/nieuw/", data)


def test_toegang_verwijst_met_keuzebudget_en_ziet_uitleg(client, route):
    """R-T1/R-T4: results + a standard keuzebudget; the chooser shows the SPEC §4.2 guidance."""
    _login(client, route, "toegang")
    pagina = client.get("/route/verwijzingen/nieuw/").content.decode()
    assert "Welk keuzebudget past?" in pagina and "3000" in pagina.replace(".", "").replace(",", "")
    antwoord = _verwijs(client, route)
    verwijzing = Verwijzing.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/route/verwijzingen/{verwijzing.pk}/"
    assert [r.omschrijving for r in verwijzing.resultaten.all()] == ["Zara gaat weer naar school.", "Rust thuis."]
    assert (verwijzing.keuzebudget.niveau, verwijzing.verwijzer_type) == (3, "01")
    detail = client.get(antwoord["Location"]).content.decode()
    assert "Zara gaat weer naar school." in detail and "Te screenen" in detail


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        ({"niveau": "offerte", "offerte_bedrag": ""}, "Vul het bedrag van het offerte-keuzebudget in"),
        ({"resultaten": "  "}, "Dit veld is vereist"),
        (
            {"niveau": "offerte", "offerte_bedrag": "5000", "einddatum": (VANDAAG - timedelta(days=1)).isoformat()},
            "voor",
        ),
        ({"bsn": "123456782"}, "Geen jeugdige met dit BSN"),
    ],
)
def test_foute_invoer_op_het_scherm(client, route, extra, melding):
    """Bad input: a clear Dutch message, nothing stored (offerte without amount, R-T5; end before start)."""
    _login(client, route, "toegang")
    antwoord = _verwijs(client, route, **extra)
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Verwijzing.objects.exists()


def test_buiten_doelgroep_op_het_scherm(client, route):
    """R-T3: 18+ without a ground is refused with a message, nothing stored."""
    volwassen = JeugdigeFactory(gemeente=route["zwolle"], geboortedatum=VANDAAG.replace(year=VANDAAG.year - 19))
    _login(client, route, "toegang")
    antwoord = _verwijs(client, route, bsn=volwassen.bsn)
    assert antwoord.status_code == 200 and "Geef de grond voor hulp na 18 jaar op" in antwoord.content.decode()
    assert not Verwijzing.objects.exists()


def test_gi_bepaling_altijd_offerte(client, route):
    """R-T7: the GI screen refuses a standard level and accepts an offerte."""
    _login(client, route, "gi")
    pagina = client.get("/route/verwijzingen/nieuw/").content.decode()
    assert "Bepaling jeugdhulp (GI)" in pagina
    bsn = route["jeugdige_deventer"].bsn
    assert "Een GI verwijst altijd met een offerte-keuzebudget" in _verwijs(client, route, bsn=bsn).content.decode()
    antwoord = _verwijs(client, route, bsn=bsn, niveau="offerte", offerte_bedrag="6400")
    assert antwoord.status_code == 302
    assert Verwijzing.objects.get().keuzebudget.is_offerte


def test_aanbieder_verzoek_met_keuze_huisarts(client, route):
    """R-T6: the provider's request carries the GP's choice: herstel 2 or 4 only. It is a
    submission for the toegang (R-P4); the toegang's honouring keeps the GP as referrer."""
    from jeugdregie.verwijzingen.models import Aanmelding
    from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding

    _login(client, route, "aanbieder")
    extra = {"verwijzer": route["huisarts"].pk, "keuze_door_verwijzer": "on"}
    assert "De huisarts kiest keuzebudget herstel 2" in _verwijs(client, route, **extra).content.decode()
    assert _verwijs(client, route, niveau="4", **extra).status_code == 302
    assert not Verwijzing.objects.exists()
    honoreer_aanmelding(aanmelding=Aanmelding.objects.get(), door=route["gebruikers"]["toegang"])
    assert Verwijzing.objects.get().verwijzer_type == "02"


def test_keuzelijst_alleen_gecontracteerd(client, route):
    """R-S5: only contracted providers; registered ones marked."""
    ongecontracteerd = AanbiederFactory(naam="Zonder Contract BV")
    _login(client, route, "toegang")
    from jeugdregie.catalogus.models import Product

    product = Product.objects.get(code="45A03")
    inhoud = client.get(f"/route/keuzelijst/?product={product.pk}").content.decode()
    assert route["aanbieder"].naam in inhoud and route["andere_aanbieder"].naam in inhoud
    assert ongecontracteerd.naam not in inhoud
    rij = inhoud.split(route["aanbieder"].naam)[1].split("</tr>")[0]
    assert "ja" in rij
    nieuw = client.get(f"/route/verwijzingen/nieuw/?product={product.pk}").content.decode()
    assert ongecontracteerd.naam not in nieuw and f"{route['aanbieder'].naam} (ingeschreven)" in nieuw


def _geaccepteerd(client, route):
    _login(client, route, "toegang")
    _verwijs(client, route)
    verwijzing = Verwijzing.objects.get()
    _login(client, route, "aanbieder")
    client.post(f"/route/verwijzingen/{verwijzing.pk}/screening/", {"uitkomst": "geaccepteerd"})
    return verwijzing


def test_start_zonder_acceptatie_geweigerd(client, route):
    """R-H1 on screen: a start of care without acceptance."""
    _login(client, route, "toegang")
    _verwijs(client, route)
    verwijzing = Verwijzing.objects.get()
    _login(client, route, "aanbieder")
    antwoord = client.post(f"/route/verwijzingen/{verwijzing.pk}/start/", {"startdatum": VANDAAG})
    assert antwoord.status_code == 200 and "nadat de aanbieder de verwijzing" in antwoord.content.decode()
    assert not Toewijzing.objects.exists()


def test_route_door_de_schermen(client, route):
    """R-S1, R-H1, R-H2, R-A4 reason 3, R-A5: screen, start, plan, adjust, decide through the pages."""
    verwijzing = _geaccepteerd(client, route)
    toewijzing = Toewijzing.objects.get()
    assert client.post(f"/route/verwijzingen/{verwijzing.pk}/start/", {"startdatum": VANDAAG}).status_code == 302
    resultaten = list(verwijzing.resultaten.all())
    plan = {"opgesteld_op": VANDAAG, "met_jeugdige": "on"} | {f"aanpak_{r.pk}": "Wekelijks gesprek" for r in resultaten}
    assert client.post(f"/route/toewijzingen/{toewijzing.pk}/plan/", plan).status_code == 302
    assert toewijzing.hulpverleningsplan.afspraken.count() == 2
    antwoord = client.post(
        f"/route/verwijzingen/{verwijzing.pk}/aanpassing/",
        {
            "reden": "3",
            "toelichting": "Gezin verhuisd; meer begeleiding nodig.",
            "besproken_met_toegang": "on",
            "gevraagd_bedrag": "4500",
        },
    )
    assert antwoord.status_code == 302
    aanvraag = Aanpassingsaanvraag.objects.get()
    _login(client, route, "toegang_andere_gemeente")
    assert client.post(f"/route/aanpassingen/{aanvraag.pk}/", {"besluit": "toegekend"}).status_code == 404
    _login(client, route, "toegang")
    zonder = client.post(f"/route/aanpassingen/{aanvraag.pk}/", {"besluit": "toegekend"})
    assert zonder.status_code == 200 and "Motiveer het besluit." in zonder.content.decode()
    antwoord = client.post(
        f"/route/aanpassingen/{aanvraag.pk}/",
        {
            "besluit": "toegekend",
            "motivering": "Past bij de nieuwe situatie.",
            "toegekend_bedrag": "4500",
        },
    )
    assert antwoord.status_code == 302
    verwijzing.keuzebudget.refresh_from_db()
    assert str(verwijzing.keuzebudget.bedrag) == "4500.00"


def test_stop_voor_start_geweigerd(client, route):
    """R-H3 on screen: a stop before the start changes nothing."""
    verwijzing = _geaccepteerd(client, route)
    client.post(f"/route/verwijzingen/{verwijzing.pk}/start/", {"startdatum": VANDAAG})
    toewijzing = Toewijzing.objects.get()
    antwoord = client.post(
        f"/route/toewijzingen/{toewijzing.pk}/stop/",
        {
            "stopdatum": VANDAAG - timedelta(days=1),
            "reden": "31",
            "resultaatscore": "behaald",
            "overleg_met_verwijzer": "on",
        },
    )
    assert antwoord.status_code == 200 and "voor de start van de zorg" in antwoord.content.decode()
    toewijzing.refresh_from_db()
    assert toewijzing.status == "gestart"


def test_wonen_zorgtoewijzing_op_het_scherm(client, route):
    """R-W1/R-W3 through the page; an end date past one year is refused. R-W10: the form is chosen
    on the page apart from the intensity (intensity 5 recorded as respijtzorg)."""
    from jeugdregie.catalogus.models import Product

    _login(client, route, "toegang")
    data = {
        "bsn": route["jeugdige_zwolle"].bsn,
        "ambulant_onvoldoende": "on",
        "product": Product.objects.get(code="44W05").pk,
        "woonvorm": "respijtzorg",
        "aanbieder": route["aanbieder"].pk,
        "begindatum": date(2026, 3, 2),
        "einddatum": date(2027, 3, 2),
        "resultaten": "Veilig wonen",
        "plaatsing": "vrijwillig",
    }
    te_lang = client.post("/route/wonen/nieuw/", data)
    assert te_lang.status_code == 200 and "maximaal een jaar" in te_lang.content.decode()
    data["einddatum"] = date(2027, 3, 1)
    antwoord = client.post("/route/wonen/nieuw/", data)
    assert antwoord.status_code == 302
    assert Toewijzing.objects.get().soort == "wonen_verblijf"
    detail = client.get(antwoord["Location"]).content.decode()
    assert "Zorgtoewijzing Wonen/Verblijf" in detail and "Respijtzorg · Vrijwillig" in detail


def test_andere_aanbieder_ziet_verwijzing_niet(client, route):
    """R-P1: another provider, another municipality: 404 on the referral page."""
    _login(client, route, "toegang")
    _verwijs(client, route)
    verwijzing = Verwijzing.objects.get()
    for wie in ("andere_aanbieder", "toegang_andere_gemeente"):
        _login(client, route, wie)
        assert client.get(f"/route/verwijzingen/{verwijzing.pk}/").status_code == 404
        assert route["jeugdige_zwolle"].achternaam not in client.get("/route/").content.decode()
    _login(client, route, "aanbieder")
    assert route["jeugdige_zwolle"].achternaam in client.get("/route/").content.decode()
    export = client.get("/route/?export=csv").content.decode()
    assert route["jeugdige_zwolle"].achternaam in export


def test_werkvoorraad_op_home_linkt_naar_verwijzing(client, route):
    """Issue 3 §4: the provider's 'te screenen' item links to the referral."""
    _login(client, route, "toegang")
    _verwijs(client, route)
    verwijzing = Verwijzing.objects.get()
    _login(client, route, "aanbieder")
    assert f'href="/route/verwijzingen/{verwijzing.pk}/"' in client.get("/").content.decode()
