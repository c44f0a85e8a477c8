"""Review of issue 20, disputes between municipalities (R-D3: "disputes between municipalities
recorded with their outcome").

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Geschil, Overdracht
from jeugdregie.overdracht.services import beslis_geschil, registreer_geschil

from .builders.route import gestart


def test_gemeente_die_het_geschil_indient_beslist_het_alleen_in_eigen_voordeel(route):
    """R-D3: a dispute between two municipalities about who is responsible is settled by both (an
    agreement) or by an arbiter; ``policies.mag_geschil_beslissen`` lets *either* toegang record
    the outcome alone, including the one that filed the dispute. Deventer files "Zara woont
    feitelijk nog in Zwolle" and, one click later, records the outcome "oude gemeente"
    (Zwolle pays) — Zwolle has no say and the record claims a settled dispute."""
    gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    overdracht = Overdracht.objects.get()
    deventer = route["gebruikers"]["toegang_andere_gemeente"]
    geschil = registreer_geschil(
        overdracht=overdracht, omschrijving="Zara woont feitelijk nog in Zwolle.", door=deventer
    )
    with pytest.raises(DomainError):
        beslis_geschil(geschil=geschil, uitkomst="oude_gemeente", toelichting="Wij vinden van wel.", door=deventer)
    assert Geschil.objects.get(pk=geschil.pk).status == "open"
