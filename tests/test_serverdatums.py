"""R-B9: the server owns time. Every date a rule depends on (filing, request, decision) is set
by the server when it happens, as a Europe/Amsterdam date; a client that still sends one is
refused. Regression tests through the API and the iJw receiver, with the server's clock frozen
(Amsterdam is UTC+2 in summer: 22:30 UTC is already the next day there)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.toewijzingen.constants import AanpassingReden
from jeugdregie.toewijzingen.forms import ScreeningForm
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Contractsignaal, Screening, Toewijzing
from jeugdregie.toewijzingen.services import dien_aanpassing_in, screen_verwijzing
from jeugdregie.verwijzingen.models import Gebeurtenis, Keuzebudget, Verwijzing
from jeugdregie.wonen.models import Verblijfsverzoek

from .builders.aanpassen import _lever, aanvraag
from .builders.ijw.uitgaand import producten, uit
from .builders.ijw.wijziging import codes, jw317, stuur, wijziging
from .builders.route import _beoordeel, _meld, _verzoek_body, gestart, verwijs
from .builders.wonen import wonen

ZES_MAANDEN = (
    "'Hulp slaat niet aan' kan tot uiterlijk 6 maanden na de start van de hulp (09-09-2026). Neem "
    "contact op met de toegang."
)


def _post(client, gebruiker, url, data):
    client.force_login(gebruiker)
    return client.post(url, data, content_type="application/json")


def _aanpassing(client, route, toewijzing, **velden):
    body = {"reden": "2", "toelichting": "Andere aanpak nodig.", "gevraagd_bedrag": "4500.00", **velden}
    url = f"/api/v1/verwijzingen/{toewijzing.verwijzing_id}/aanpassing/"
    return _post(client, route["gebruikers"]["aanbieder"], url, body)


def _stand():
    """What a refusal must leave untouched: requests, their events, budgets and the ledger."""
    return (
        list(Aanpassingsaanvraag.objects.values_list("id", "status", "ingediend_op", "besluit_op")),
        Gebeurtenis.objects.filter(objecttype="aanpassingsaanvraag").count(),
        [b.bedrag for b in Keuzebudget.objects.order_by("id")],
        Budgetmutatie.objects.count(),
    )


def test_indieningsdatum_is_de_datum_in_amsterdam(route, klok):
    """R-B9: 31 March 23:30 UTC is 1 April 01:30 in Amsterdam; the filing date is 1 April."""
    toewijzing = gestart(route)
    klok(datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    gedaan = dien_aanpassing_in(
        verwijzing=toewijzing.verwijzing,
        reden=AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        toelichting="Verhuisd.",
        besproken_met_toegang=True,
        gevraagd_bedrag="4500",
        door=route["gebruikers"]["aanbieder"],
    )
    assert gedaan.ingediend_op == date(2026, 4, 1)


def test_eigen_indieningsdatum_via_api_wordt_geweigerd_en_de_serverdatum_telt(client, route, klok):
    """R-B9, R-A4 reason 2: on 10 September (care started 9 March) a provider sending an earlier
    filing date is refused for sending it; without it the server's date counts, past the 6 months."""
    toewijzing = gestart(route)
    klok(date(2026, 9, 10))
    voor = _stand()

    antwoord = _aanpassing(client, route, toewijzing, datum="2026-05-01")
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "datum": [
            "Laat 'datum' weg: de server legt de indieningsdatum vast op het moment dat uw verzoek binnenkomt (R-B9)."
        ]
    }
    assert _stand() == voor

    antwoord = _aanpassing(client, route, toewijzing)
    assert antwoord.status_code == 400
    assert antwoord.json() == {"fouten": [{"code": "TW013", "melding": ZES_MAANDEN, "veld": "reden"}]}
    assert _stand() == voor


def test_acht_wekenpunt_telt_vanaf_de_serverdatum_via_api(client, route, klok):
    """R-A3, R-B9: with this spend the budget is reached too soon for a request on 31 May; an
    earlier date sent by the provider is refused, the request is filed on 31 May and marked late."""
    toewijzing = gestart(route)
    for maand, uren in ((date(2026, 3, 1), 6), (date(2026, 4, 1), 6), (date(2026, 5, 1), 15)):
        _lever(toewijzing, maand, uren)
    klok(date(2026, 5, 31))
    voor = _stand()
    assert _aanpassing(client, route, toewijzing, ingediend_op="2026-04-30").status_code == 400
    assert _stand() == voor

    antwoord = _aanpassing(client, route, toewijzing)
    assert antwoord.status_code == 201, antwoord.content
    assert (antwoord.json()["ingediend_op"], antwoord.json()["te_laat"]) == ("2026-05-31", True)


def test_jw317_ontvangen_na_middernacht_in_amsterdam_telt_op_die_dag(route, klok):
    """R-B9, R-A4 reason 2, through the iJw receiver: received 9 September 22:30 UTC = 10 September
    00:30 in Amsterdam, one day past the 6 months; refused on the Verzoek class, nothing stored.
    An hour earlier (23:30 on 9 September in Amsterdam) it is filed on 9 September."""
    toewijzing = gestart(route)
    klok(datetime(2026, 9, 9, 22, 30, tzinfo=UTC))
    voor = _stand()
    te_laat = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    assert codes(te_laat, "Verzoek") == [["0001"]]
    assert te_laat.bericht.fouten[0]["toelichting"] == f"{ZES_MAANDEN} (TW013)"
    assert te_laat.bericht.status == "afgekeurd" and _stand() == voor

    klok(datetime(2026, 9, 9, 21, 30, tzinfo=UTC))
    op_tijd = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)], identificatie="317-2"))
    assert codes(op_tijd, "Verzoek") == [["0200"]]
    assert Aanpassingsaanvraag.objects.get().ingediend_op == date(2026, 9, 9)


def test_eigen_besluitdatum_via_api_wordt_geweigerd_en_de_serverdatum_telt(client, route, klok):
    """R-B9, R-A5: the decision date is the server's Amsterdam date (4 May 22:30 UTC = 5 May);
    a decision date sent by the toegang is refused and changes nothing."""
    vraag = aanvraag(route, gestart(route).verwijzing, AanpassingReden.HULP_SLAAT_NIET_AAN)
    url = f"/api/v1/aanpassingen/{vraag.pk}/besluit/"
    klok(datetime(2026, 5, 4, 22, 30, tzinfo=UTC))
    voor = _stand()
    antwoord = _post(
        client,
        route["gebruikers"]["toegang"],
        url,
        {"besluit": "afgewezen", "motivering": "Nee.", "datum": "2026-05-01"},
    )
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "datum": [
            "Laat 'datum' weg: de server legt de besluitdatum vast op het moment dat uw verzoek binnenkomt (R-B9)."
        ]
    }
    assert _stand() == voor

    antwoord = _post(client, route["gebruikers"]["toegang"], url, {"besluit": "afgewezen", "motivering": "Nee."})
    assert (antwoord.status_code, antwoord.json()["besluit_op"]) == (200, "2026-05-05")
    assert [b.bedrag for b in Keuzebudget.objects.all()] == [Decimal("3000.00")]


def test_eigen_aanvraagdatum_crisisopvolging_via_api_wordt_geweigerd(client, crisis, klok):
    """R-B9, R-C2: crisisopvolging started Friday 24 April, so the request is due by Thursday
    30 April (Koningsdag). On 4 May a provider stating 28 April is refused; the server's date
    counts and the request is late."""
    klok(date(2026, 5, 4))
    melding = _meld(client, crisis)
    _beoordeel(client, crisis, melding)
    url = f"/api/v1/crisismeldingen/{melding['id']}/crisisopvolging/"
    dienst = crisis["gebruikers"]["crisisdienst"]
    antwoord = _post(client, dienst, url, _verzoek_body(crisis, ingediend_op="2026-04-28"))
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "ingediend_op": [
            "Laat 'ingediend_op' weg: de server legt de aanvraagdatum vast op het moment dat uw "
            "verzoek binnenkomt (R-B9)."
        ]
    }
    assert not Crisisopvolgingsverzoek.objects.exists()

    antwoord = _post(client, dienst, url, _verzoek_body(crisis))
    assert antwoord.status_code == 201, antwoord.content
    verzoek = antwoord.json()
    assert (verzoek["startdatum"], verzoek["ingediend_op"], verzoek["uiterlijk"], verzoek["te_laat"]) == (
        "2026-04-24",
        "2026-05-04",
        "2026-04-30",
        True,
    )


def test_crisisopvolging_drie_werkdagen_in_amsterdam(client, crisis, klok):
    """R-B9, R-C2: 30 April 22:30 UTC is 1 May 00:30 in Amsterdam, past the deadline of 30 April."""
    melding = _meld(client, crisis)
    _beoordeel(client, crisis, melding)
    klok(datetime(2026, 4, 30, 22, 30, tzinfo=UTC))
    url = f"/api/v1/crisismeldingen/{melding['id']}/crisisopvolging/"
    antwoord = _post(client, crisis["gebruikers"]["crisisdienst"], url, _verzoek_body(crisis))
    assert antwoord.status_code == 201, antwoord.content
    assert (antwoord.json()["ingediend_op"], antwoord.json()["te_laat"]) == ("2026-05-01", True)


def test_crisisopvolging_die_nog_moet_beginnen_wordt_geweigerd(client, crisis, klok):
    """R-C2: the provider states when the crisisopvolging started; it cannot start after the
    request (24 April 23:00 in Amsterdam, start 25 April)."""
    melding = _meld(client, crisis)
    _beoordeel(client, crisis, melding)
    klok(datetime(2026, 4, 24, 21, 0, tzinfo=UTC))
    url = f"/api/v1/crisismeldingen/{melding['id']}/crisisopvolging/"
    antwoord = _post(client, crisis["gebruikers"]["crisisdienst"], url, _verzoek_body(crisis, startdatum="2026-04-25"))
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"] == [
        {
            "code": "TW022",
            "melding": "De aanvraag volgt op de start van de crisisopvolging: kies een startdatum tot en met vandaag "
            "(24-04-2026).",
            "veld": "startdatum",
        }
    ]
    assert not Crisisopvolgingsverzoek.objects.exists()


def test_eigen_aanvraagmoment_bed_via_api_wordt_geweigerd(client, route):
    """R-B9, R-W6: the request time that starts the 24-hour norm is the server's."""
    toewijzing = wonen(route)
    url = f"/api/v1/toewijzingen/{toewijzing.pk}/bed/"
    antwoord = _post(client, route["gebruikers"]["toegang"], url, {"aangevraagd_op": "2026-03-02T14:00:00+01:00"})
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "aangevraagd_op": [
            "Laat 'aangevraagd_op' weg: de server legt het aanvraagmoment vast op het moment dat uw "
            "verzoek binnenkomt (R-B9)."
        ]
    }
    assert not Verblijfsverzoek.objects.exists()


def _screeningstand():
    """What a refused screening must leave untouched."""
    return (
        list(Verwijzing.objects.values_list("id", "status")),
        Screening.objects.count(),
        Contractsignaal.objects.count(),
        Toewijzing.objects.count(),
        Gebeurtenis.objects.filter(gebeurtenis="verwijzing_gescreend").count(),
        Budgetmutatie.objects.count(),
    )


def test_screeningsdatum_is_de_datum_in_amsterdam(route, klok):
    """R-B9, R-S4: a refusal at 00:30 on 1 May in Amsterdam (30 April 22:30 UTC) is screened on
    1 May; the contract signal (provider registered for TG3) carries that date too."""
    verwijzing = verwijs(route, product_indicatie=Product.objects.get(code="45A03"))
    klok(datetime(2026, 4, 30, 22, 30, tzinfo=UTC))
    screening = screen_verwijzing(verwijzing=verwijzing, uitkomst="te_licht", door=route["gebruikers"]["aanbieder"])
    assert (screening.datum, Contractsignaal.objects.get().datum) == (date(2026, 5, 1), date(2026, 5, 1))


def test_eigen_screeningsdatum_via_api_wordt_geweigerd_en_de_serverdatum_telt(client, route, klok):
    """R-B9: a provider sending a screening date is refused for sending it and nothing changes;
    without it the server's Amsterdam date counts (2 March 23:30 UTC = 3 March 00:30)."""
    verwijzing = verwijs(route)
    url = f"/api/v1/verwijzingen/{verwijzing.pk}/screening/"
    klok(datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    voor = _screeningstand()

    antwoord = _post(client, route["gebruikers"]["aanbieder"], url, {"uitkomst": "geaccepteerd", "datum": "2026-03-02"})
    assert antwoord.status_code == 400
    assert antwoord.json() == {
        "datum": [
            "Laat 'datum' weg: de server legt de screeningsdatum vast op het moment dat uw verzoek binnenkomt (R-B9)."
        ]
    }
    assert _screeningstand() == voor

    antwoord = _post(client, route["gebruikers"]["aanbieder"], url, {"uitkomst": "geaccepteerd"})
    assert (antwoord.status_code, antwoord.json()["status"]) == (200, "geaccepteerd")
    assert Screening.objects.get().datum == date(2026, 3, 3)


def test_screeningsformulier_vraagt_geen_datum_en_de_serverdatum_telt(client, route, klok):
    """R-B9 on screen: the form has no date; a date posted anyway is ignored, the server's counts."""
    assert "datum" not in ScreeningForm().fields
    verwijzing = verwijs(route)
    klok(date(2026, 3, 4))
    client.force_login(route["gebruikers"]["aanbieder"])
    antwoord = client.post(
        f"/route/verwijzingen/{verwijzing.pk}/screening/", {"uitkomst": "geaccepteerd", "datum": "2026-03-02"}
    )
    assert antwoord.status_code == 302
    assert Screening.objects.get().datum == date(2026, 3, 4)


def test_screenen_voor_de_verwijsdatum_wordt_geweigerd(route, klok):
    """R-B9: a referral dated 1 April cannot be screened on the server's date of 31 March;
    nothing changes."""
    verwijzing = verwijs(route, datum=date(2026, 4, 1))
    klok(date(2026, 3, 31))
    voor = _screeningstand()
    with pytest.raises(DomainError) as fout:
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    assert fout.value.as_dict() == {
        "code": "TW002",
        "melding": "De verwijzing gaat in op 01-04-2026: screen de verwijzing vanaf die dag (vandaag is het "
        "31-03-2026).",
        "veld": "verwijzing",
    }
    assert _screeningstand() == voor


def test_jw301_toewijzingsdatum_is_de_datum_in_amsterdam(route, klok, django_capture_on_commit_callbacks):
    """R-B9, OP033x1: accepted at 00:30 on 1 May in Amsterdam (30 April 22:30 UTC); the JW301
    carries Toewijzingsdatum 1 May and Toewijzingstijd 00:30:00, not the UTC date of 30 April."""
    klok(datetime(2026, 4, 30, 22, 30, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):
        verwijzing = verwijs(route)
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"]["aanbieder"])
    (bericht,) = uit(Berichttype.JW301)
    ((regel,),) = [producten(bericht)]
    assert (regel["Toewijzingsdatum"], regel["Toewijzingstijd"]) == ("2026-05-01", "00:30:00")
    assert Toewijzing.objects.get().aangemaakt == datetime(2026, 4, 30, 22, 30, tzinfo=UTC)


def test_amsterdamse_maand_in_sql_gelijk_aan_zoneinfo(db):
    """R-B9: ``Maand(moment=True)`` (native SQL on both databases) gives the Amsterdam month of
    a moment, as zoneinfo does: every 15 minutes around each month end of 2024–2027 (where the
    UTC and Amsterdam months differ), around the summer-time changes, and mid-month."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from django.db.models import DateField, DateTimeField, Value

    from jeugdregie.common.tijd import Maand
    from jeugdregie.organisaties.models import Regio

    amsterdam = ZoneInfo("Europe/Amsterdam")
    Regio.objects.create(code="t", naam="t")
    momenten = []
    for jaar in range(2024, 2028):
        for maand in range(1, 13):
            eerste = datetime(jaar + maand // 12, maand % 12 + 1, 1, tzinfo=UTC)
            momenten += [eerste + timedelta(minutes=15 * k) for k in range(-12, 4)]  # 21:00 … 00:45 UTC
            momenten.append(datetime(jaar, maand, 15, 12, tzinfo=UTC))
        for dag in (date(jaar, 3, 31), date(jaar, 10, 31)):  # around the last Sundays of March and October
            zondag = dag - timedelta(days=(dag.weekday() + 1) % 7)
            momenten += [
                datetime(zondag.year, zondag.month, zondag.day, tzinfo=UTC) + timedelta(hours=h) for h in range(-2, 5)
            ]
    verschillend = 0
    for moment in momenten:
        verwacht = moment.astimezone(amsterdam).date().replace(day=1)
        verschillend += verwacht != moment.date().replace(day=1)
        uitkomst = Regio.objects.annotate(
            m=Maand(Value(moment, output_field=DateTimeField()), moment=True)
        ).values_list("m", flat=True)[0]
        assert uitkomst == verwacht, moment
    assert verschillend >= 4 * 12 * 4  # the test does reach the hours where the months differ
    dag = Regio.objects.annotate(m=Maand(Value(date(2026, 2, 28), output_field=DateField()))).values_list(
        "m", flat=True
    )[0]
    assert dag == date(2026, 2, 1)
