"""Which declaration lines a batch pays, and their net amount (SPEC §8).

The period of a batch is the calendar month in which the declarations were *submitted*
(``Declaratie.ingediend_op``), in Dutch local time: from the first of the month 00:00
Europe/Amsterdam up to (not including) the first of the next month. Moments are not business
periods, so these bounds are half-open (common/periods.py is about inclusive dates)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Case, DecimalField, F, Q, QuerySet, Sum, When

from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel

TIJDZONE = ZoneInfo("Europe/Amsterdam")
BEDRAG = DecimalField(max_digits=14, decimal_places=2)


def maandgrenzen(jaar: int, maand: int) -> tuple[datetime, datetime]:
    """Aware bounds [begin, einde) of a calendar month in Europe/Amsterdam."""
    begin = datetime(jaar, maand, 1, tzinfo=TIJDZONE)
    einde = datetime(jaar + maand // 12, maand % 12 + 1, 1, tzinfo=TIJDZONE)
    return begin, einde


def in_maand_q(gemeente_id: int, jaar: int, maand: int) -> Q:
    """Lines of declarations of the municipality submitted in the month."""
    begin, einde = maandgrenzen(jaar, maand)
    return Q(
        declaratie__gemeente_id=gemeente_id,
        declaratie__ingediend_op__gte=begin,
        declaratie__ingediend_op__lt=einde,
    )


def open_regels(gemeente_id: int, jaar: int, maand: int) -> QuerySet[Declaratieregel]:
    """Approved, not yet paid lines of the municipality and month: what a batch pays."""
    return Declaratieregel.objects.filter(
        in_maand_q(gemeente_id, jaar, maand), status=RegelStatus.GOEDGEKEURD, betaalpost__isnull=True
    )


def netto(veld: str = "") -> Sum:
    """Σ debit − Σ credit of the lines (a credit line carries a positive amount, COD043 "C")."""
    return Sum(
        Case(
            When(**{f"{veld}debet_credit": DebetCredit.CREDIT}, then=-F(f"{veld}bedrag")),
            default=F(f"{veld}bedrag"),
            output_field=BEDRAG,
        ),
        output_field=BEDRAG,
    )
