"""Review of issue 20, the handover (R-D3) and its money (R-B7).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from datetime import date

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.overdracht.models import Overdracht
from jeugdregie.overdracht.services import beeindig_oude_toewijzing, rond_overdracht_af

from .builders.route import gestart, verwijs


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


def test_na_beeindiging_bij_verhuizing_blijft_het_hele_budget_vastgelegd_bij_de_oude_gemeente(route):
    """R-D3 with R-B7/R-V3: the move ends Zwolle's keuzebudget allocation on 31 May; the ledger is
    told ``BedragGewijzigd`` with the *unchanged* amount (``toewijzingen/services/beeindigen.py``),
    so Zwolle keeps the whole amount committed for months in which Deventer is responsible
    and, after its own referral, commits again: the same child's June–December counts as a
    commitment in both municipalities' budget control until Zwolle's release after the
    declaration window. The commitment of an ended allocation should cover its own period only."""
    toewijzing = gestart(route)
    voor = Budgetstand.objects.get(toewijzing=toewijzing).vastgelegd
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    overdracht = Overdracht.objects.get(jeugdige=route["jeugdige_zwolle"])
    beeindig_oude_toewijzing(regel=overdracht.regels.get(), door=route["gebruikers"]["toegang"])
    verwijs(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_zwolle"], datum=date(2026, 6, 1))

    toewijzing.refresh_from_db()
    assert toewijzing.einddatum == date(2026, 5, 31)
    na = Budgetstand.objects.get(toewijzing=toewijzing).vastgelegd
    assert na < voor, f"Zwolle still commits {na} for an allocation that ended after 3 of its months"
