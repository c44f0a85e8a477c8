"""Which declarations a batch takes, which lines it pays, and their net amount (SPEC §8).

The period of a batch is the calendar month in which the declarations were *submitted*
(``Declaratie.ingediend_op``), in Dutch local time: from the first of the month 00:00
Europe/Amsterdam up to (not including) the first of the next month. Moments are not business
periods, so these bounds are half-open (common/periods.py is about inclusive dates).

A batch takes whole declarations (a ``Batchdeclaratie`` row each) and pays their approved
lines: ``betaalde_regels`` is the one definition of "the lines of a batch (or of one post)"."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, DecimalField, F, Q, QuerySet, Sum, When
from django.utils import timezone

from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratie, Declaratieregel

TIJDZONE = timezone.get_default_timezone()  # settings.TIME_ZONE, Europe/Amsterdam
BEDRAG = DecimalField(max_digits=14, decimal_places=2)


def maandgrenzen(jaar: int, maand: int) -> tuple[datetime, datetime]:
    """Aware bounds [begin, einde) of a calendar month in Europe/Amsterdam."""
    begin = datetime(jaar, maand, 1, tzinfo=TIJDZONE)
    einde = datetime(jaar + maand // 12, maand % 12 + 1, 1, tzinfo=TIJDZONE)
    return begin, einde


def in_maand_q(gemeente_id: int, jaar: int, maand: int, *, via: str = "") -> Q:
    """Declarations of the municipality submitted in the month (``via="declaratie__"``: the
    lines of those declarations)."""
    begin, einde = maandgrenzen(jaar, maand)
    return Q(
        **{
            f"{via}gemeente_id": gemeente_id,
            f"{via}ingediend_op__gte": begin,
            f"{via}ingediend_op__lt": einde,
        }
    )


def declaraties_van_maand(gemeente_id: int, jaar: int, maand: int) -> QuerySet[Declaratie]:
    """Every declaration of the municipality submitted in the month: what its batch takes."""
    return Declaratie.objects.filter(in_maand_q(gemeente_id, jaar, maand))


def declaraties_van_batch(batch_id: int) -> QuerySet[Declaratie]:
    """The declarations a batch has taken (``Batchdeclaratie``)."""
    return Declaratie.objects.filter(batchdeclaratie__betaalbatch_id=batch_id)


def betaalde_regels(batch_id: int, aanbieder_id: int | None = None) -> QuerySet[Declaratieregel]:
    """The lines a batch pays: the approved lines of its declarations (of one provider: the
    lines of that provider's post). Rejected lines of those declarations are in no post."""
    regels = Declaratieregel.objects.filter(
        declaratie__batchdeclaratie__betaalbatch_id=batch_id, status=RegelStatus.GOEDGEKEURD
    )
    return regels if aanbieder_id is None else regels.filter(aanbieder_id=aanbieder_id)


def open_regels(gemeente_id: int, jaar: int, maand: int) -> QuerySet[Declaratieregel]:
    """Approved lines of the municipality and month whose declaration is in no batch."""
    return Declaratieregel.objects.filter(
        in_maand_q(gemeente_id, jaar, maand, via="declaratie__"),
        status=RegelStatus.GOEDGEKEURD,
        declaratie__batchdeclaratie__isnull=True,
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
