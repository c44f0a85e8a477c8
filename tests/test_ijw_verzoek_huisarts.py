"""R-T6/R-T8 on every route: a provider's JW315 request carrying a GP's referral, honoured by
the toegang, keeps the GP as referrer, and the GP-route rules apply: at most keuzebudget
herstel 4 (R-T6) and no second GP-route referral (R-T8), unless the toegang records why it
deviates. The request arrives through the iJw receiver; the toegang answers on its pages."""

from decimal import Decimal

import pytest

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import honoreer_verzoek

from .builders.ijw.verzoek import _ongewijzigd, product, stuur
from .builders.route import verwijs

BOVEN_PLAFOND = (
    "Via de huisartsroute is het keuzebudget hooguit herstel 4 (€ 4.500,00); een ander budget kan alleen de toegang "
    "kiezen. Wijkt u af, leg dan de motivering vast."
)
TWEEDE = (
    "Deze jeugdige heeft een lopend of recent traject via de huisartsroute: een tweede verwijzing of een verlenging "
    "via de huisarts kan alleen met de toegang. Had u contact, leg dan uw toestemming vast op de pagina van de "
    "jeugdige. Wijkt u af, leg dan de motivering vast."
)


def _huisartsverzoek(route, **extra) -> Toewijzingsverzoek:
    """A JW315 for Zara with one product referred by the route's GP (COD327 02, by AGB code)."""
    gp = product("HA-1", zorgverlener=route["huisarts"].agb_code, **extra)
    ontvangst = stuur(route, bsn=route["jeugdige_zwolle"].bsn, producten=[gp])
    assert ontvangst.retour.retourcodes == ["0200"], ontvangst.bericht.fouten
    return Toewijzingsverzoek.objects.get(referentie_aanbieder="HA-1")


def _honoreer(client, route, verzoek, niveau, **extra):
    client.force_login(route["gebruikers"]["toegang"])
    velden = {"resultaten": "Zara slaapt weer door.", "soort": "herstel", "niveau": niveau, "datum": "2026-04-01"}
    return client.post(f"/route/verzoeken/{verzoek.pk}/honoreren/", velden | extra)


def test_gehonoreerd_huisartsverzoek_houdt_de_huisarts_als_verwijzer(client, route):
    """R-T6: the referral the toegang registers for a GP's request names the GP as referrer."""
    verzoek = _huisartsverzoek(route)
    antwoord = _honoreer(client, route, verzoek, "2")
    assert antwoord.status_code == 302
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.verwijzer_type, verwijzing.verwijzer, verwijzing.motivering_afwijking) == (
        "02",
        route["huisarts"],
        "",
    )
    assert (verwijzing.keuzebudget.niveau, verwijzing.keuzebudget.bedrag) == (2, Decimal("1500.00"))
    verzoek.refresh_from_db()
    assert (verzoek.status, verzoek.verwijzing) == ("gehonoreerd", verwijzing)


def test_boven_het_huisartsplafond_alleen_met_motivering(client, route):
    """R-T6: above herstel 4 the toegang is refused until it records a motivation; then the
    referral keeps the GP and carries the motivation."""
    verzoek = _huisartsverzoek(route)
    zonder = _honoreer(client, route, verzoek, "5")
    assert zonder.status_code == 200
    assert zonder.context["form"].errors == {"motivering_afwijking": [BOVEN_PLAFOND]}
    _ongewijzigd(verzoek)
    assert not Verwijzing.objects.exists()

    motivering = "Specialistische GGZ met gezinsbehandeling; herstel 4 is te krap."
    assert _honoreer(client, route, verzoek, "5", motivering_afwijking=motivering).status_code == 302
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.verwijzer_type, verwijzing.verwijzer, verwijzing.keuzebudget.bedrag) == (
        "02",
        route["huisarts"],
        Decimal("7500.00"),
    )
    assert verwijzing.motivering_afwijking == motivering
    gebeurtenis = Gebeurtenis.objects.get(objecttype="verwijzing", gebeurtenis="verwijzing_geregistreerd")
    assert gebeurtenis.gegevens["afwijking_huisartsroute"] is True


def test_tweede_huisartsroute_alleen_met_motivering(client, route):
    """R-T8: Zara already has a GP's referral; honouring a second GP-route request needs the
    toegang's recorded motivation."""
    # the first GP referral at the other provider: at this one a second keuzebudget waits for its
    # screening first (TW026, issue 15 §3)
    eerste = verwijs(
        route,
        door="huisarts",
        aanbieder="andere_aanbieder",
        budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
    )
    verzoek = _huisartsverzoek(route)
    zonder = _honoreer(client, route, verzoek, "2")
    assert zonder.context["form"].errors == {"motivering_afwijking": [TWEEDE]}
    _ongewijzigd(verzoek)
    assert list(Verwijzing.objects.all()) == [eerste]

    antwoord = _honoreer(client, route, verzoek, "2", motivering_afwijking="Besproken met de huisarts en het gezin.")
    assert antwoord.status_code == 302
    assert Verwijzing.objects.exclude(pk=eerste.pk).get().verwijzer_type == "02"


def test_verzoek_toont_het_huisartsplafond(client, route):
    """R-T6, R-T8: the worklist marks the GP-route request; its page warns of the cap, of a
    requested budget above it and of an earlier GP-route referral."""
    verwijs(route, door="huisarts", budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2))
    gp = product(
        "HA-1", code="", categorie="45", omvang=False, budget="600000", zorgverlener=route["huisarts"].agb_code
    )
    gemeente = product("GM-1", "41D01", verwijzer="01")  # another category than the GP budget (TR386)
    stuur(route, bsn=route["jeugdige_zwolle"].bsn, producten=[gp, gemeente])
    client.force_login(route["gebruikers"]["toegang"])

    lijst = client.get("/route/verzoeken/").content.decode()
    assert lijst.count("huisartsroute: hooguit herstel 4<") == 1

    huisarts = Toewijzingsverzoek.objects.get(referentie_aanbieder="HA-1")
    pagina = client.get(f"/route/verzoeken/{huisarts.pk}/").content.decode()
    assert 'id="huisartsroute"' in pagina and "hooguit niveau 4" in pagina
    assert "Het gevraagde budget ligt boven dit plafond." in pagina
    assert "Deze jeugdige heeft een lopend of recent traject via de huisartsroute" in pagina
    assert "motivering_afwijking" in client.get(f"/route/verzoeken/{huisarts.pk}/honoreren/").content.decode()

    andere = Toewijzingsverzoek.objects.get(referentie_aanbieder="GM-1")
    assert 'id="huisartsroute"' not in client.get(f"/route/verzoeken/{andere.pk}/").content.decode()
    assert "motivering_afwijking" not in client.get(f"/route/verzoeken/{andere.pk}/honoreren/").content.decode()


def test_eigen_verwijzing_koppelen_aan_huisartsverzoek_wordt_geweigerd(route):
    """R-T6: linking the toegang's own referral (referrer: gemeente) to a GP's request would drop
    the GP as referrer and the GP-route rules; refused, the request stays open."""
    verzoek = _huisartsverzoek(route)
    eigen = verwijs(route)
    with pytest.raises(DomainError) as fout:
        honoreer_verzoek(verzoek=verzoek, verwijzing=eigen, door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW032" and "zodat de regels van de huisartsroute gelden." in fout.value.message
    _ongewijzigd(verzoek)


def test_toegang_registreert_huisartsverwijzing_via_api_met_motivering(client, route):
    """R-T6 through the API: the toegang registering a GP's referral keeps the GP as referrer;
    above the GP's options it needs a motivation (TW004 on motivering_afwijking)."""
    body = {
        "jeugdige": route["jeugdige_zwolle"].pk,
        "aanbieder": route["aanbieder"].agb_code,
        "verwijzer": route["huisarts"].agb_code,
        "resultaten": ["Zara slaapt weer door."],
        "soort": "herstel",
        "niveau": 5,
        "datum": "2026-03-02",
    }
    client.force_login(route["gebruikers"]["toegang"])
    zonder = client.post("/api/v1/verwijzingen/", body, content_type="application/json")
    assert zonder.status_code == 400
    assert zonder.json()["fouten"] == [{"code": "TW004", "melding": BOVEN_PLAFOND, "veld": "motivering_afwijking"}]
    assert not Verwijzing.objects.exists()

    met = client.post(
        "/api/v1/verwijzingen/",
        body | {"motivering_afwijking": "Zware GGZ-problematiek."},
        content_type="application/json",
    )
    assert met.status_code == 201, met.content
    assert (met.json()["verwijzer_type"], met.json()["verwijzer"], met.json()["motivering_afwijking"]) == (
        "02",
        route["huisarts"].pk,
        "Zware GGZ-problematiek.",
    )
