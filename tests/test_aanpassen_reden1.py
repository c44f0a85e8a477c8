"""R-A5: the toegang refusing a "keuzebudget onjuist" request (R-A4 reason 1) is the toegang's
decision, not a refusal by the provider at screening: recorded on the adjustment, the referral
not accepted, the R-S3 follow-up opened and the referrer notified; the refusal indicators of
screening (CON05, CON06) and the contract signals (R-S4) do not count it."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from jeugdregie.beheersing.constants import Periodesoort
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.services import cijfers, rollup
from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import (
    Aanpassingsaanvraag,
    Contractsignaal,
    Screening,
    Toewijzing,
    Weigeringsopvolging,
)
from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden
from jeugdregie.verwijzingen.models import Keuzebudget, Melding, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.aanpassen import aanvraag, besluit
from .builders.route import DATUM, screen, verwijs

HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)
OPVOLGING = "Weigeringen die opvolging vragen"


def _post(client, gebruiker, url, data):
    client.force_login(gebruiker)
    return client.post(url, data, content_type="application/json")


def _huisartsverwijzing(route) -> Verwijzing:
    """A GP's referral for a product the provider is registered on: a refusal by the provider
    at screening would raise a contract signal (R-S4)."""
    return verwijs(route, door="huisarts", budget=HERSTEL_2, product_indicatie=Product.objects.get(code="45A03"))


def test_afwijzing_reden_1_via_api_is_besluit_van_de_toegang(client, route, klok):
    """R-A5, R-S3: through the API the provider asks for another keuzebudget at screening and the
    toegang refuses: the referral is not accepted, without a Screening row or contract signal;
    the follow-up opens on the adjustment and the GP who referred is notified. Nothing is
    allocated or booked, and the provider can no longer screen."""
    gebruikers = route["gebruikers"]
    verwijzing = _huisartsverwijzing(route)
    klok(date(2026, 3, 3))
    antwoord = _post(
        client,
        gebruikers["aanbieder"],
        f"/api/v1/verwijzingen/{verwijzing.pk}/aanpassing/",
        {"reden": "1", "toelichting": "Past niet bij de hulpvraag.", "gevraagd_bedrag": "4500.00"},
    )
    assert antwoord.status_code == 201, antwoord.content
    aid = antwoord.json()["id"]
    klok(date(2026, 3, 5))
    antwoord = _post(
        client,
        gebruikers["toegang"],
        f"/api/v1/aanpassingen/{aid}/besluit/",
        {"besluit": "afgewezen", "motivering": "Herstel 2 past; zoek een andere aanbieder."},
    )
    assert antwoord.status_code == 200, antwoord.content
    assert (antwoord.json()["status"], antwoord.json()["besluit_op"]) == ("afgewezen", "2026-03-05")

    verwijzing.refresh_from_db()
    assert verwijzing.status == "niet_geaccepteerd"
    assert not Screening.objects.exists() and not Contractsignaal.objects.exists()
    opvolging = Weigeringsopvolging.objects.get()
    assert (opvolging.aanpassing_id, opvolging.screening_id, opvolging.gemeente, opvolging.open) == (
        aid,
        None,
        route["zwolle"],
        True,
    )
    melding = Melding.objects.get()
    assert (melding.aan_verwijzer, melding.aan_gemeente, melding.onderwerp) == (
        route["huisarts"],
        None,
        f"Verwijzing {verwijzing.pk} niet geaccepteerd: de toegang wees aanpassing {aid} (keuzebudget onjuist) af",
    )
    assert not Toewijzing.objects.exists() and not Budgetmutatie.objects.exists()
    assert [b.bedrag for b in Keuzebudget.objects.all()] == [Decimal("1500.00")]

    lijst = next(w for w in werkvoorraden(gebruikers["toegang"], op=date(2026, 3, 5)) if w.titel == OPVOLGING)
    assert lijst.items == [opvolging]
    client.force_login(gebruikers["toegang"])
    pagina = client.get(f"/route/verwijzingen/{verwijzing.pk}/").content.decode()
    assert f"de toegang wees op 05-03-2026 aanpassingsaanvraag {aid} (keuzebudget onjuist) af" in pagina

    screening = _post(
        client,
        gebruikers["aanbieder"],
        f"/api/v1/verwijzingen/{verwijzing.pk}/screening/",
        {"uitkomst": "geaccepteerd"},
    )
    assert screening.status_code == 400 and screening.json()["fouten"][0]["code"] == "TW010"
    assert not Screening.objects.exists() and not Toewijzing.objects.exists()

    gesloten = _post(
        client,
        gebruikers["toegang"],
        f"/api/v1/verwijzingen/{verwijzing.pk}/opvolging/",
        {"afsluiting": "Andere aanbieder gevonden met de jeugdige."},
    )
    assert gesloten.status_code == 200, gesloten.content
    body = gesloten.json()
    assert (body["verwijzing"], body["door_toegang"], body["open"], body["afsluiting"]) == (
        verwijzing.pk,
        True,
        False,
        "Andere aanbieder gevonden met de jeugdige.",
    )


@pytest.mark.django_db(transaction=True)  # issue 18: the rollup's engine reads committed data
def test_afwijzing_reden_1_telt_niet_als_weigering_bij_screening(route):
    """R-A5 with R-S2 (CON05, CON06): in March 2026 one provider refused at screening and the
    toegang refused one "keuzebudget onjuist" request; only the first is a refusal at screening."""
    geweigerd = verwijs(route)
    screen(route, geweigerd, uitkomst="te_zwaar")
    andere = verwijs(route, aanbieder="andere_aanbieder")
    vraag = aanvraag(route, andere, AanpassingReden.KEUZEBUDGET_ONJUIST, op=DATUM, door="andere_aanbieder")
    besluit(route, vraag, AanpassingStatus.AFGEWEZEN, op=date(2026, 3, 10))
    assert Verwijzing.objects.filter(status="niet_geaccepteerd").count() == 2

    indicatoren = [REGISTER["CON05"], REGISTER["CON06"]]
    rollup.ververs(van=date(2026, 1, 1), tot=date(2026, 12, 31), indicatoren=indicatoren)
    maart = date(2026, 3, 1)
    assert cijfers.cel(REGISTER["CON05"], Periodesoort.MAAND, maart).waarde == Decimal("1")
    assert cijfers.cel(REGISTER["CON06"], Periodesoort.MAAND, maart).waarde == Decimal("100")


def test_migratie_verplaatst_oude_weigeringen_van_de_toegang(route):
    """R-A5, migration 0006: a refusal stored the old way (a Screening row 'zwaarwegend' by the
    toegang) moves to the adjustment with its open follow-up; a provider's own refusal stays."""
    migratie = importlib.import_module("jeugdregie.toewijzingen.migrations.0006_weigering_door_toegang_en_afwijking")
    oud = verwijs(route)
    vraag = aanvraag(route, oud, AanpassingReden.KEUZEBUDGET_ONJUIST, op=DATUM)
    Aanpassingsaanvraag.objects.filter(pk=vraag.pk).update(status="afgewezen", besluit_op=DATUM)
    Verwijzing.objects.filter(pk=oud.pk).update(status="niet_geaccepteerd")
    screening = Screening.objects.create(
        verwijzing=oud, uitkomst="zwaarwegend", datum=DATUM, toelichting=migratie.TOEGANG_REDEN_1
    )
    Weigeringsopvolging.objects.create(screening=screening, gemeente=route["zwolle"])
    eigen = verwijs(route, aanbieder="andere_aanbieder")
    screen(route, eigen, uitkomst="zwaarwegend", door="andere_aanbieder", toelichting="Geen plek in de groep.")

    migratie.verplaats_weigeringen_van_de_toegang(apps, None)

    assert list(Screening.objects.values_list("verwijzing_id", flat=True)) == [eigen.pk]
    assert set(Weigeringsopvolging.objects.values_list("screening__verwijzing_id", "aanpassing_id", "open")) == {
        (None, vraag.pk, True),
        (eigen.pk, None, True),
    }
