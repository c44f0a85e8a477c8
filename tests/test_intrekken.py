"""Withdrawing an allocation before care starts (lifecycle toegewezen → ingetrokken; iJw CS335):
only the toegang of its municipality, only before the start; the provider is told and the
outbox sends the allocation once as deleted."""

from datetime import date

import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import trek_toewijzing_in
from jeugdregie.verwijzingen.models import Gebeurtenis, Melding

from .builders.route import gestart, screen, verwijs


def toegewezen(route) -> Toewijzing:
    verwijzing = verwijs(route)
    screen(route, verwijzing)
    return Toewijzing.objects.get(verwijzing=verwijzing)


def test_toegang_trekt_toewijzing_in_voor_de_start(route):
    """The toegang withdraws; status ingetrokken, an event row and a notice to the provider."""
    toewijzing = toegewezen(route)
    trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    toewijzing.refresh_from_db()
    assert toewijzing.status == "ingetrokken"
    assert Gebeurtenis.objects.filter(object_id=toewijzing.pk, gebeurtenis="toewijzing_ingetrokken").count() == 1
    melding = Melding.objects.get(aan_aanbieder=route["aanbieder"], onderwerp__contains="ingetrokken")
    assert melding.jeugdige == toewijzing.jeugdige


@pytest.mark.parametrize("wie", ["toegang_andere_gemeente", "aanbieder", "financieel"])
def test_alleen_de_toegang_van_de_gemeente_trekt_in(route, wie):
    """R-A2: another municipality's toegang, the provider or finance cannot withdraw; nothing changes."""
    toewijzing = toegewezen(route)
    with pytest.raises(DomainError) as fout:
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"][wie])
    assert fout.value.code == "TW011"
    toewijzing.refresh_from_db()
    assert toewijzing.status == "toegewezen"
    assert not Gebeurtenis.objects.filter(gebeurtenis="toewijzing_ingetrokken").exists()


def test_gestarte_zorg_kan_niet_worden_ingetrokken(route):
    """A started allocation ends by a stop of care (R-H3), not by a withdrawal."""
    toewijzing = gestart(route)
    with pytest.raises(DomainError, match="kan niet meer") as fout:
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    assert fout.value.code == "TW010"
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.startdatum_zorg) == ("gestart", date(2026, 3, 9))


def test_intrekken_via_de_pagina(client, route):
    toewijzing = toegewezen(route)
    client.force_login(route["gebruikers"]["toegang"])
    pagina = client.get(toewijzing.verwijzing.get_absolute_url()).content.decode()
    assert f"/route/toewijzingen/{toewijzing.pk}/intrekken/" in pagina
    antwoord = client.post(f"/route/toewijzingen/{toewijzing.pk}/intrekken/", {"bevestig": "on"})
    assert antwoord.status_code == 302
    toewijzing.refresh_from_db()
    assert toewijzing.status == "ingetrokken"


def test_aanbieder_ziet_geen_intrekknop_en_mag_niet_posten(client, route):
    toewijzing = toegewezen(route)
    client.force_login(route["gebruikers"]["aanbieder"])
    assert "intrekken" not in client.get(toewijzing.verwijzing.get_absolute_url()).content.decode()
    assert client.post(f"/route/toewijzingen/{toewijzing.pk}/intrekken/", {"bevestig": "on"}).status_code == 403
    toewijzing.refresh_from_db()
    assert toewijzing.status == "toegewezen"
