"""The client route: a referral (`verwijs`), its screening (`screen`), care started on it (`gestart`), and the
referral/notification bodies and calls of the route API. Moved from tests/test_verwijzen.py,
tests/test_screenen_en_zorg.py and tests/test_route_api_vervolg.py."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.toewijzingen.services import screen_verwijzing, start_zorg
from jeugdregie.verwijzingen.services import registreer_verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from ..klok import op_de_dag, op_het_moment

DATUM = date(2026, 3, 2)


HERSTEL_3 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=3)


def verwijs(route, *, door="toegang", jeugdige=None, budget=HERSTEL_3, aanbieder="aanbieder", **extra):
    gebruiker = route["gebruikers"][door]
    return registreer_verwijzing(
        jeugdige=jeugdige or route["jeugdige_zwolle"],
        aanbieder=route[aanbieder],
        resultaten=extra.pop("resultaten", ["Zara gaat weer vijf dagen per week naar school."]),
        budget=budget,
        datum=extra.pop("datum", DATUM),
        door=gebruiker,
        **extra,
    )


def screen(route, verwijzing, uitkomst="geaccepteerd", door="aanbieder", op=DATUM, **extra):
    """Screened on the server's date ``op``: the screening date is the server's (R-B9)."""
    with op_de_dag(op):
        return screen_verwijzing(verwijzing=verwijzing, uitkomst=uitkomst, door=route["gebruikers"][door], **extra)


def gestart(route, **verwijs_extra):
    verwijzing = verwijs(route, **verwijs_extra)
    screen(route, verwijzing, op=verwijzing.datum)
    return start_zorg(verwijzing=verwijzing, startdatum=date(2026, 3, 9), door=route["gebruikers"]["aanbieder"])


TZ = ZoneInfo("Europe/Amsterdam")


GEMELD = datetime(2026, 4, 24, 22, 30, tzinfo=TZ)  # Friday evening before Koningsdag (Mon 27 April)


def _post(client, gebruiker, url, data):
    client.force_login(gebruiker)
    return client.post(url, data, content_type="application/json")


def _melding_body(crisis, **extra):
    return {
        "crisisdienst": crisis["crisisdienst"].agb_code,
        "gemeente": crisis["zwolle"].cbs_code,
        "bron": "huisarts",
        "gemeld_op": GEMELD.isoformat(),
        "bsn": crisis["jeugdige_zwolle"].bsn,
        **extra,
    }


def _meld(client, crisis, **extra):
    """Posted as it comes in: the server's clock at the report's time (R-C5, R-B9)."""
    with op_het_moment(GEMELD):
        antwoord = _post(
            client, crisis["gebruikers"]["crisisdienst"], "/api/v1/crisismeldingen/", _melding_body(crisis, **extra)
        )
    assert antwoord.status_code == 201, antwoord.content
    return antwoord.json()


def _beoordeel(client, crisis, melding, uitkomst="crisisopvolging"):
    return _post(
        client,
        crisis["gebruikers"]["crisisdienst"],
        f"/api/v1/crisismeldingen/{melding['id']}/beoordeling/",
        {
            "beoordeeld_op": "2026-04-25T00:30:00+02:00",
            "hulp_binnen_24_uur": True,
            "uitkomst": uitkomst,
            "afhandeling": "interventie",
        },
    )


def _verzoek_body(crisis, **extra):
    return {
        "aanbieder": crisis["crisisdienst"].agb_code,
        "product": "46C02",
        "startdatum": "2026-04-24",
        **extra,
    }
