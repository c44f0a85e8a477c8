"""R-R2 (issue 22 §2) screens of the task-based funding: the contractmanager records an assignment,
its lump sum and schedule in Dutch forms; the toegang refers a child to the assignment serving its
municipality. Thin pages: the services decide and their message shows on the form; other roles 403."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.catalogus.models import Product
from jeugdregie.taakgericht.models import Opdrachtverwijzing, TaakgerichteOpdracht, Termijn

from .builders.taakgericht import mvs
from .klok import op_de_dag

DAG = date(2026, 3, 2)


def test_contractmanager_legt_opdracht_bedrag_en_schema_vast(client, route):
    """R-R2: a new assignment from the form; the lump sum and the schedule from the monitoring page,
    with the service's refusal (a second schedule) as a message and nothing changed."""
    client.force_login(route["gebruikers"]["contractmanager"])
    with op_de_dag(DAG):
        formulier = client.get("/taakgericht/nieuw/").content.decode()
        assert "Nieuwe taakgerichte opdracht" in formulier and route["deventer"].naam in formulier
        antwoord = client.post(
            "/taakgericht/nieuw/",
            {
                "naam": "Jeugdmodel",
                "aanbieder": route["aanbieder"].pk,
                "gemeenten": [route["deventer"].pk],
                "producten": [Product.objects.get(code="45A03").pk],
                "begindatum": "2026-04-01",
            },
        )
        opdracht = TaakgerichteOpdracht.objects.get(naam="Jeugdmodel")
        assert antwoord.status_code == 302 and antwoord["Location"] == f"/taakgericht/{opdracht.pk}/"
        client.post(f"/taakgericht/{opdracht.pk}/bedrag/", {"jaar": "2026", "bedrag": "1200000"})
        assert client.post(f"/taakgericht/{opdracht.pk}/betaalschema/", {"jaar": "2026"}).status_code == 302
        assert Termijn.objects.filter(opdracht=opdracht, jaar=2026).count() == 12
        pagina = client.get(f"/taakgericht/{opdracht.pk}/?jaar=2026", follow=True).content.decode()
        assert "€ 1.200.000,00" in pagina and "Betaalschema opstellen" in pagina
        tweede = client.post(f"/taakgericht/{opdracht.pk}/betaalschema/", {"jaar": "2026"}, follow=True)
    assert Termijn.objects.filter(opdracht=opdracht, jaar=2026).count() == 12
    assert "al" in tweede.content.decode().lower()  # the service's refusal is shown


def test_de_overlap_met_een_andere_opdracht_staat_op_het_formulier(client, route):
    """R-R2: one (municipality, product) pair under one assignment; the form says what to fix."""
    mvs(route)
    client.force_login(route["gebruikers"]["contractmanager"])
    antwoord = client.post(
        "/taakgericht/nieuw/",
        {
            "naam": "Dubbel",
            "aanbieder": route["aanbieder"].pk,
            "gemeenten": [route["zwolle"].pk],
            "producten": [Product.objects.get(code="45A03").pk],
            "begindatum": "2026-04-01",
        },
    )
    assert antwoord.status_code == 200 and "al onder de opdracht" in antwoord.content.decode()
    assert not TaakgerichteOpdracht.objects.filter(naam="Dubbel").exists()


def test_de_toegang_verwijst_een_inwoner_naar_de_opdracht(client, route):
    """iJw IV096 with R-R2: the toegang of a municipality the assignment serves refers its resident
    by BSN; an unknown BSN is refused on the form; no keuzebudget, no allocation."""
    opdracht = mvs(route)
    client.force_login(route["gebruikers"]["toegang"])
    pagina = client.get("/taakgericht/verwijzen/").content.decode()
    assert "Jeugdmodel MVS" in pagina
    onbekend = client.post("/taakgericht/verwijzen/", {"opdracht": opdracht.pk, "bsn": "000000000"})
    assert onbekend.status_code == 200 and "Geen jeugdige met dit BSN" in onbekend.content.decode()
    goed = client.post("/taakgericht/verwijzen/", {"opdracht": opdracht.pk, "bsn": route["jeugdige_zwolle"].bsn})
    assert goed.status_code == 302
    assert Opdrachtverwijzing.objects.filter(opdracht=opdracht, jeugdige=route["jeugdige_zwolle"]).count() == 1


def test_een_toegang_zonder_opdracht_ziet_er_geen(client, route):
    """R-R2: Deventer is not in the assignment: its toegang's page offers none."""
    mvs(route)
    from jeugdregie.accounts.constants import Rol

    from .factories import GebruikerFactory

    toegang_deventer = GebruikerFactory(rol=Rol.TOEGANG, gemeente=route["deventer"])
    client.force_login(toegang_deventer)
    assert "geen taakgerichte opdracht voor uw gemeente" in client.get("/taakgericht/verwijzen/").content.decode()


@pytest.mark.parametrize("wie", ["aanbieder", "financieel", "beleid", "huisarts"])
def test_beheerpaginas_geweigerd_voor_andere_rollen(client, route, wie):
    """R-R2, "who else could do this?": only the contractmanager and beheerder record assignments;
    only a toegang refers; a post by another role changes nothing."""
    opdracht = mvs(route)
    client.force_login(route["gebruikers"][wie])
    assert client.get("/taakgericht/nieuw/").status_code == 403
    assert client.post(f"/taakgericht/{opdracht.pk}/bedrag/", {"jaar": "2026", "bedrag": "1"}).status_code == 403
    assert client.post(f"/taakgericht/{opdracht.pk}/betaalschema/", {"jaar": "2026"}).status_code == 403
    assert client.get("/taakgericht/verwijzen/").status_code == 403
    assert not opdracht.bedragen.exists() and not Termijn.objects.exists()
