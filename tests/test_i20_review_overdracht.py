"""Review of issue 20, the handover (R-D3) and its money (R-B7).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

import pytest

from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import beeindig_oude_toewijzing, rond_overdracht_af

from .builders.route import gestart


@pytest.mark.xfail(
    strict=True,
    reason="open (issue 20): a move dated before a started allocation's first day leaves its handover line "
    "unendable; ending needs a lifecycle decision (removal of a started allocation, JZ002 13)",
)
def test_verhuizing_met_datum_voor_het_begin_van_de_zorg_blokkeert_de_overdracht_voorgoed(route):
    """R-D3, a move dated in the past: the BRP move of Zara to Deventer on 1 February 2026 reaches
    the toegang in April; meanwhile Zwolle allocated on 2 March and care started on 9 March.
    Recording the move opens a handover naming that allocation (``lopende_ambulante_toewijzingen``:
    einddatum ≥ moving day). Ending it: ``beeindig_bij_verhuizing`` computes an end (31 January)
    before the allocation's start and, because care has started, refuses ("De verhuisdatum ligt
    voor het begin van deze toewijzing"). No other action removes the line, and
    ``rond_overdracht_af`` refuses while a line is open: the handover can never be closed, the
    old municipality's worklist item stays overdue for ever, and Zwolle's allocation for a child
    it was never responsible for keeps running."""
    toewijzing = gestart(route)
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 2, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    assert [r.toewijzing_id for r in overdracht.regels.all()] == [toewijzing.pk]

    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    deventer = route["gebruikers"]["toegang_andere_gemeente"]
    rond_overdracht_af(overdracht=overdracht, door=deventer, toelichting="Hulp loopt via Deventer.")
    assert Overdracht.objects.get(pk=overdracht.pk).status == "afgerond"
