"""R-P4, R-T6 (issue 19 §4 opened the referral form to the GP): a referral the GP registers itself
gives the GP neither sight of the child nor news about it; only a municipal decision does. Found
by the review of issue 19: a GP referred a child it had no relation with, the provider accepted in
good faith, and the GP could read the child's page and dossier; and the GP's inbox told a known
BSN from an unknown one. Both kept as regression tests."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import ScreeningUitkomst
from jeugdregie.toewijzingen.services.screenen import screen_verwijzing
from jeugdregie.verwijzingen.models import Melding, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.route import verwijs
from .factories import JeugdigeFactory
from .klok import op_de_dag

DATUM = date(2026, 3, 2)
HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)  # a GP's choice (R-T6)


def _verwijs_als_huisarts(client, route, bsn: str) -> None:
    client.force_login(route["gebruikers"]["huisarts"])
    with op_de_dag(DATUM):
        antwoord = client.post(
            "/route/verwijzingen/nieuw/",
            {
                "bsn": bsn,
                "aanbieder": route["aanbieder"].pk,
                "resultaten": "Weer naar school.",
                "soort": "herstel",
                "niveau": "2",
                "datum": DATUM.isoformat(),
            },
        )
    assert antwoord.status_code == 302


def test_huisarts_krijgt_geen_zicht_door_een_eigen_verwijzing(client, route):
    """A GP with no relation to a child refers it by BSN; the provider accepts. The GP still
    cannot read the child: not its page, not its dossier, not in the register."""
    vreemd = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Vera", achternaam="Vreemdeling")
    huisarts = route["gebruikers"]["huisarts"]
    _verwijs_als_huisarts(client, route, vreemd.bsn)
    verwijzing = Verwijzing.objects.get(jeugdige=vreemd)
    assert verwijzing.aangemaakt_door == huisarts
    with op_de_dag(DATUM):
        screen_verwijzing(
            verwijzing=verwijzing, uitkomst=ScreeningUitkomst.GEACCEPTEERD, door=route["gebruikers"]["aanbieder"]
        )
    assert not Jeugdige.objects.voor_gebruiker(huisarts).filter(pk=vreemd.pk).exists()
    assert client.get(f"/jeugdigen/{vreemd.pk}/").status_code == 404
    assert client.get(f"/jeugdigen/{vreemd.pk}/dossier/").status_code == 404
    # the provider, whose acceptance it was, does see the child it now cares for
    assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["aanbieder"]).filter(pk=vreemd.pk).exists()


def test_toegang_die_de_huisarts_verwijzing_registreert_geeft_de_huisarts_zicht(route):
    """The municipal decision still does: the toegang registers the GP's referral (the GP as
    referrer); once the provider accepts, the GP sees the child."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    verwijzing = verwijs(route, jeugdige=kind, verwijzer=route["huisarts"], budget=HERSTEL_2)
    with op_de_dag(DATUM):
        screen_verwijzing(
            verwijzing=verwijzing, uitkomst=ScreeningUitkomst.GEACCEPTEERD, door=route["gebruikers"]["aanbieder"]
        )
    assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["huisarts"]).filter(pk=kind.pk).exists()


@pytest.mark.parametrize("bekend", [True, False], ids=["bekend-bsn", "onbekend-bsn"])
def test_inbox_van_de_huisarts_verraadt_niet_of_een_bsn_bekend_is(client, route, bekend):
    """A refusal of the GP's own referral goes to the toegang, not to the GP: its inbox and the
    count in its navigation are the same for a known and an unknown BSN."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    _verwijs_als_huisarts(client, route, kind.bsn if bekend else "111222333")
    for verwijzing in Verwijzing.objects.filter(jeugdige=kind):
        with op_de_dag(DATUM):
            screen_verwijzing(
                verwijzing=verwijzing,
                uitkomst=ScreeningUitkomst.TE_ZWAAR,
                door=route["gebruikers"]["aanbieder"],
                toelichting="Te zwaar voor onze expertise.",
            )
    inbox = client.get("/meldingen/").content.decode()
    assert inbox.count('class="melding-rij') == 0
    assert not Melding.objects.filter(aan_verwijzer=route["huisarts"]).exists()
    if bekend:  # the toegang follows the refusal up, and hears of it
        assert Melding.objects.filter(aan_gemeente=route["zwolle"], onderwerp__contains="niet geaccepteerd").exists()
