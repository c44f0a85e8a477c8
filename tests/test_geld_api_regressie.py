"""Issue 13 "Why", through the product's most external interface (the REST API), each asserting
the refusal code and that nothing was booked: a late line after the budget was released (R-B7),
and the same nights declared at the old and the new intensity after a dated change (R-B8, OP257).
The API takes the submission moment from the server (R-B9), so these run on today's clock."""

from datetime import date
from decimal import Decimal

from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.catalogus.models import Product
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Inschrijving
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import start_zorg

from .builders.declaraties import _tarief, body, post, regel_json
from .builders.grootboek import stop_volgens_plan
from .builders.route import gestart
from .builders.wonen import BEGIN, wonen


def _besteed(toewijzing) -> list:
    return list(Budgetmutatie.objects.filter(toewijzing=toewijzing).exclude(soort="vastgelegd").values_list("soort"))


def test_late_regel_na_vrijgave_via_api_afgewezen_en_niets_geboekt(client, route, klok):
    """R-B7 (issue 13, first case): care stopped on 30-04-2026, the region's window (91 days)
    closed and the rest was released; a line for April sent through the API today is refused
    DEC022 with retourcode 9369, and the ledger (€ 3,000 committed, € 3,000 released) is untouched."""
    toewijzing = gestart(route)
    stop_volgens_plan(route, toewijzing, date(2026, 4, 30))
    klok(date(2026, 8, 2))  # the window (30-04 + 91 days) closed on 30-07
    assert geef_verlopen_vrij(op=vandaag()).bedrag == Decimal("3000.00")
    antwoord = post(client, route, body(route, regel_json(toewijzing, "LAAT-1", uren="47")))
    assert antwoord.status_code == 201
    [uitkomst] = antwoord.json()["regels"]
    assert (uitkomst["status"], uitkomst["afkeur"], uitkomst["retourcode"]) == ("afgekeurd", "DEC022", "9369")
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert (stand.toegewezen, stand.vastgelegd, stand.goedgekeurd, stand.vrijgevallen) == (
        Decimal("3000.00"),
        Decimal("3000.00"),
        Decimal("0.00"),
        Decimal("3000.00"),
    )
    assert _besteed(toewijzing) == [("vrijgevallen",)]


def test_dezelfde_nachten_na_intensiteitswijziging_via_api_een_keer_betaald(client, route, klok):
    """R-B8/OP257 (issue 13, third case): the toegang changes the intensity from 16-04-2026 through
    the API; April 1–15 is paid on the old allocation at 44W05, April 16–30 on the new one at
    44W04. The same nights sent again at the other intensity are refused (DEC008/TR307: they lie
    outside the old allocation, which now ends on 15-04, and before the new one), nothing booked."""
    Inschrijving.objects.create(
        contract=route["aanbieder"].contract_op(BEGIN), product=Product.objects.get(code="44W04"), begindatum=BEGIN
    )
    oud = wonen(route)
    start_zorg(verwijzing=oud.verwijzing, startdatum=BEGIN, door=route["gebruikers"]["aanbieder"])
    klok(date(2026, 5, 6))  # the decision and the declarations on 6 May 2026 (server time)
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post(
        f"/api/v1/toewijzingen/{oud.pk}/intensiteit/",
        {"product": "44W04", "ingangsdatum": "2026-04-16", "toestemming_verwijzer": True, "met_verhuizing": True},
        content_type="application/json",
    )
    assert antwoord.status_code == 201, antwoord.content
    nieuw = Toewijzing.objects.get(pk=antwoord.json()["id"])

    def nachten(tw, referentie, van, tot, code):
        aantal = (tot - van).days + 1
        return regel_json(
            tw,
            referentie,
            product=code,
            eenheid="etmaal",
            uren=str(aantal),
            begindatum=van,
            einddatum=tot,
            bedrag=aantal * _tarief(code),
        )

    goed = post(
        client,
        route,
        body(
            route,
            nachten(oud, "W1", date(2026, 4, 1), date(2026, 4, 15), "44W05"),
            nachten(nieuw, "W2", date(2026, 4, 16), date(2026, 4, 30), "44W04"),
        ),
    )
    assert [r["status"] for r in goed.json()["regels"]] == ["goedgekeurd", "goedgekeurd"]
    voor = (Budgetstand.objects.get(toewijzing=oud).goedgekeurd, Budgetstand.objects.get(toewijzing=nieuw).goedgekeurd)
    assert voor == (15 * _tarief("44W05"), 15 * _tarief("44W04"))
    dubbel = post(
        client,
        route,
        body(
            route,
            nachten(oud, "W3", date(2026, 4, 16), date(2026, 4, 30), "44W05"),
            nachten(nieuw, "W4", date(2026, 4, 1), date(2026, 4, 15), "44W04"),
            nummer="API-2",
        ),
    )
    assert [(r["status"], r["afkeur"], r["retourcode"]) for r in dubbel.json()["regels"]] == [
        ("afgekeurd", "DEC008", "9307"),
        ("afgekeurd", "DEC008", "9307"),
    ]
    na = (Budgetstand.objects.get(toewijzing=oud).goedgekeurd, Budgetstand.objects.get(toewijzing=nieuw).goedgekeurd)
    assert na == voor
