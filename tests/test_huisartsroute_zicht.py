"""R-P4, R-T6, R-S3 (issue 19 §4 opened the referral form to the GP): a GP referring a child it has
no running relation with submits; the toegang decides, as for a provider's submission. Found by
the review of issue 19: a GP referred a child it had no relation with, the provider accepted in
good faith, and the allocation gave the GP the child's page and dossier; and the refusal
notification R-S3 requires told the GP that a BSN is known. Kept as regression tests."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import ScreeningUitkomst
from jeugdregie.toewijzingen.services.screenen import screen_verwijzing
from jeugdregie.verwijzingen.models import Aanmelding, Melding, Verwijzing
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
    """A GP with no relation to a child refers it by BSN: it becomes a submission for the toegang
    of the child's municipality, no referral; the GP cannot read the child."""
    vreemd = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Vera", achternaam="Vreemdeling")
    huisarts = route["gebruikers"]["huisarts"]
    _verwijs_als_huisarts(client, route, vreemd.bsn)
    assert not Verwijzing.objects.filter(jeugdige=vreemd).exists()
    aanmelding = Aanmelding.objects.get(bsn=vreemd.bsn)
    assert aanmelding.gemeente == route["zwolle"] and aanmelding.besluit_op is None
    assert not Jeugdige.objects.voor_gebruiker(huisarts).filter(pk=vreemd.pk).exists()
    assert client.get(f"/jeugdigen/{vreemd.pk}/").status_code == 404
    assert client.get(f"/jeugdigen/{vreemd.pk}/dossier/").status_code == 404


def test_huisarts_verwijst_een_eigen_patient_direct(client, route):
    """A child the GP already has a running relation with (a municipal decision gave it) is
    referred at once, and the refusal is told to the GP (R-S3)."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    eerdere = verwijs(route, jeugdige=kind, verwijzer=route["huisarts"], budget=HERSTEL_2)
    assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["huisarts"]).filter(pk=kind.pk).exists()
    with op_de_dag(DATUM):
        screen_verwijzing(
            verwijzing=eerdere,
            uitkomst=ScreeningUitkomst.TE_ZWAAR,
            door=route["gebruikers"]["aanbieder"],
            toelichting="Te zwaar voor onze expertise.",
        )
    assert Melding.objects.filter(aan_verwijzer=route["huisarts"], onderwerp__contains="niet geaccepteerd").exists()
    _verwijs_als_huisarts(client, route, kind.bsn)
    assert Verwijzing.objects.filter(jeugdige=kind).count() == 2


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
def test_huisarts_ziet_bij_bekend_en_onbekend_bsn_hetzelfde(client, route, bekend):
    """R-P4: the GP's submission, its overview and its inbox look the same whether or not the BSN
    is in the register: no referral is screened before the toegang decides."""
    kind = JeugdigeFactory(gemeente=route["zwolle"])
    _verwijs_als_huisarts(client, route, kind.bsn if bekend else "111222333")
    assert not Verwijzing.objects.filter(jeugdige=kind).exists()
    overzicht = client.get("/route/aanmeldingen/").content.decode()
    assert "Ontvangen" in overzicht
    inbox = client.get("/meldingen/").content.decode()
    assert inbox.count('class="melding-rij') == 0
    assert not Melding.objects.filter(aan_verwijzer=route["huisarts"]).exists()
