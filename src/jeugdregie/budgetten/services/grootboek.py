"""The whole life of an allocation's budget ledger (R-B7), driven by the toegang's decisions.

- ``bij_toewijzing``: committed when the toegang allocates (``toewijzingen.besluiten.Toegewezen``).
- ``bij_bedragwijziging``: a granted adjustment or a shortened period sets a new total.
- ``bij_intrekking``: a withdrawal withdraws what is not spent.
- ``bij_bedragwijziging``/``bij_stop`` with an end dated in the past: the declaration window
  counts from the day that end was recorded (``termijn_vanaf``; ``sluitdatum``), so an end fixed
  after the fact never closes the window on care the provider declared, or still may declare,
  for the days before it. Found by the random sequences of tests/test_overdracht_eigenschappen.py.
- ``geef_vrij`` / ``geef_verlopen_vrij``: after the allocation ended **and** the region's
  declaration window closed, the unspent rest is released (a scheduled job; idempotent).

The subscribers run inside the deciding service's transaction (``jeugdregie/abonnementen.py``);
each locks the ledger row first, so an intake for the same allocation waits for the decision or
the decision for the intake. A change that would break the invariant
(``goedgekeurd + vrijgevallen ≤ vastgelegd ≤ toegewezen``) raises a DomainError and the whole
decision is undone; the database check constraints are the second guard."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, DateField, F, Q, When
from django.db.models.expressions import Combinable

from jeugdregie.common import opmaak
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd, Ingetrokken, Toegewezen, ZorgGestopt
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Foutcode, Mutatiesoort
from ..models import Budgetmutatie, Budgetstand

logger = logging.getLogger(__name__)
NUL = Decimal("0.00")


def _gelockt(toewijzing_id: int) -> Budgetstand | None:
    return Budgetstand.objects.select_for_update().filter(toewijzing_id=toewijzing_id).first()


def _boek(toewijzing_id: int, soort: Mutatiesoort, bedrag: Decimal, op: date) -> None:
    Budgetmutatie.objects.create(toewijzing_id=toewijzing_id, soort=soort, bedrag=bedrag, datum=op)


@transaction.atomic
def open_grootboek(*, toewijzing_id: int, bedrag: Decimal, op: date) -> Budgetstand:
    """R-B7: commit the allocated amount. Idempotent: a ledger that exists is returned as it is
    (a replayed decision commits nothing twice)."""
    bedrag = euro(bedrag)
    if bedrag < 0:
        raise DomainError(Foutcode.ONDER_BESTEED, "Een toegewezen bedrag kan niet negatief zijn.", field="bedrag")
    bestaand = _gelockt(toewijzing_id)
    if bestaand is not None:
        return bestaand
    stand = Budgetstand.objects.create(toewijzing_id=toewijzing_id, toegewezen=bedrag, vastgelegd=bedrag)
    _boek(toewijzing_id, Mutatiesoort.VASTGELEGD, bedrag, op)
    return stand


def bij_toewijzing(besluit: Toegewezen) -> None:
    open_grootboek(toewijzing_id=besluit.toewijzing_id, bedrag=besluit.bedrag, op=besluit.op)


@transaction.atomic
def bij_bedragwijziging(besluit: BedragGewijzigd) -> None:
    """A new allocated total (granted adjustment, or a period shortened by OP257). Never below
    what is already approved or released, never after the release."""
    bedrag = euro(besluit.bedrag)
    stand = _gelockt(besluit.toewijzing_id)
    if stand is None:
        open_grootboek(toewijzing_id=besluit.toewijzing_id, bedrag=bedrag, op=besluit.op)
        return
    if Toewijzing.objects.filter(pk=besluit.toewijzing_id, status=ToewijzingStatus.INGETROKKEN).exists():
        raise DomainError(
            Foutcode.INGETROKKEN,
            "Deze toewijzing is ingetrokken: haar budget kan niet meer worden gewijzigd. Wijs zo nodig opnieuw toe.",
            field="bedrag",
        )
    if stand.vrijgegeven_op is not None:
        raise DomainError(
            Foutcode.AL_VRIJGEGEVEN,
            f"Het budget van deze toewijzing is op {stand.vrijgegeven_op:%d-%m-%Y} vrijgegeven: de declaratietermijn "
            "was verstreken. Wijs zo nodig opnieuw toe.",
            field="bedrag",
        )
    gebonden = stand.goedgekeurd + stand.vrijgevallen
    if bedrag < gebonden:
        raise DomainError(
            Foutcode.ONDER_BESTEED,
            f"Het nieuwe bedrag ({opmaak.euro(bedrag)}) is lager dan wat al is goedgekeurd ({opmaak.euro(gebonden)}). "
            f"Kies een bedrag van minstens {opmaak.euro(gebonden)}, of laat de aanbieder eerst crediteren.",
            field="bedrag",
        )
    verschil = bedrag - stand.vastgelegd
    Budgetstand.objects.filter(pk=stand.pk).update(toegewezen=bedrag, vastgelegd=bedrag)
    if verschil:
        _boek(besluit.toewijzing_id, Mutatiesoort.GEWIJZIGD, verschil, besluit.op)
    if besluit.einddatum is not None and besluit.vorige_einddatum is not None:
        _einde_vastgelegd(stand, einde=besluit.einddatum, vorige=besluit.vorige_einddatum, op=besluit.op)


def _einde_vastgelegd(stand: Budgetstand, *, einde: date, vorige: date, op: date) -> None:
    """R-B7: an earlier end (``einde`` < ``vorige``) recorded on ``op`` but dated before it (a move
    or a stop after the fact): the window counts from ``op``, so care before the end can still be
    declared. Never later than the window already counted from (the earlier end, or an earlier
    recording): a stop, withdrawn and reported again, can never keep a window open."""
    if not einde < vorige or not einde < op:
        return
    tot_nu = max(vorige, stand.termijn_vanaf or vorige)
    vanaf = min(op, tot_nu)
    if vanaf > einde and vanaf != stand.termijn_vanaf:
        Budgetstand.objects.filter(pk=stand.pk).update(termijn_vanaf=vanaf)


@transaction.atomic
def bij_stop(besluit: ZorgGestopt) -> None:
    stand = _gelockt(besluit.toewijzing_id)
    if stand is not None:
        _einde_vastgelegd(stand, einde=besluit.stopdatum, vorige=besluit.vorige_einde, op=besluit.op)


@transaction.atomic
def bij_intrekking(besluit: Ingetrokken) -> None:
    """The commitment that is not spent is withdrawn (before care started: all of it)."""
    stand = _gelockt(besluit.toewijzing_id)
    if stand is None:
        return
    rest = stand.vastgelegd - stand.goedgekeurd - stand.vrijgevallen
    if rest > 0:
        Budgetstand.objects.filter(pk=stand.pk).update(vastgelegd=F("vastgelegd") - rest)
        _boek(besluit.toewijzing_id, Mutatiesoort.INGETROKKEN, -rest, besluit.op)


def einde_q():
    """The day an allocation ended, as an expression: the stop of care when care was stopped,
    otherwise the allocation's own end date."""
    return Case(
        When(
            Q(toewijzing__status=ToewijzingStatus.GESTOPT) & Q(toewijzing__stopdatum_zorg__isnull=False),
            then=F("toewijzing__stopdatum_zorg"),
        ),
        default=F("toewijzing__einddatum"),
        output_field=DateField(),
    )


def termijnbegin_q():
    """The day the declaration window counts from, as an expression on a ledger: the end
    (``einde_q``), or the later day on which an end after the fact was recorded."""
    return Case(
        When(Q(termijn_vanaf__isnull=False) & Q(termijn_vanaf__gt=einde_q()), then=F("termijn_vanaf")),
        default=einde_q(),
        output_field=DateField(),
    )


def termijnbegin(einde: date, termijn_vanaf: date | None) -> date:
    """R-B7: the day the declaration window counts from (``termijnbegin_q`` in Python); the rule
    set valid on this day gives the window's length (R-R1)."""
    return max(einde, termijn_vanaf or einde)


def sluitdatum(einde: date, termijn_vanaf: date | None, termijn_dagen: int) -> date:
    """R-B7: the last day on which a line of the allocation can be approved: the region's
    declaration window after the end, or after the day an end dated in the past was recorded."""
    return termijnbegin(einde, termijn_vanaf) + timedelta(days=termijn_dagen)


@transaction.atomic
def geef_vrij(*, toewijzing_id: int, op: date) -> Decimal:
    """R-B5/R-B7: release what is committed and not spent to the municipality (never to the
    provider), and close the ledger for later lines. Idempotent: a second call releases nothing
    more; a credit approved after the release is released by the next call."""
    stand = _gelockt(toewijzing_id)
    if stand is None:
        return NUL
    rest = stand.vastgelegd - stand.goedgekeurd - stand.vrijgevallen
    wijziging: dict[str, date | Combinable] = {} if stand.vrijgegeven_op else {"vrijgegeven_op": op}
    if rest > 0:
        wijziging["vrijgevallen"] = F("vrijgevallen") + rest
        _boek(toewijzing_id, Mutatiesoort.VRIJGEVALLEN, rest, op)
    if wijziging:
        Budgetstand.objects.filter(pk=stand.pk).update(**wijziging)
    return max(rest, NUL)


@dataclass(frozen=True)
class Vrijgave:
    """What one run of the release job did."""

    grootboeken: int
    bedrag: Decimal


def te_vrijgeven(*, op: date):
    """The ledgers whose allocation ended and whose region's declaration window closed before
    ``op``, and that are open or got a credit back since their release."""
    ids: list[int] = []
    tijdlijn = Tijdlijn.alle()
    for regio_id in tijdlijn.versies:
        # R-R1: the window of the rule set valid on the day it counts from (``termijnbegin``), the
        # same version ``sluitdatum``'s callers read: one query per version of the region
        for van, tot, versie in tijdlijn.perioden(regio_id):
            periode = Q(termijnbegin__lt=op - timedelta(days=versie.declaratietermijn_dagen))
            if van is not None:
                periode &= Q(termijnbegin__gte=van)
            if tot is not None:
                periode &= Q(termijnbegin__lt=tot)
            ids += (
                Budgetstand.objects.filter(toewijzing__gemeente__regio_id=regio_id)
                .alias(termijnbegin=termijnbegin_q())
                .filter(
                    periode & (Q(vrijgegeven_op__isnull=True) | Q(vastgelegd__gt=F("goedgekeurd") + F("vrijgevallen")))
                )
                .values_list("toewijzing_id", flat=True)
            )
    return sorted(ids)


def geef_verlopen_vrij(*, op: date) -> Vrijgave:
    """The scheduled release (R-B7): each ledger in its own short transaction, so a killed run
    leaves every ledger either released or untouched, and a rerun finishes the rest."""
    aantal, totaal = 0, NUL
    for toewijzing_id in te_vrijgeven(op=op):
        with transaction.atomic():
            totaal += geef_vrij(toewijzing_id=toewijzing_id, op=op)
        aantal += 1
    if aantal:
        logger.info("budget_vrijgegeven", extra={"velden": {"grootboeken": aantal, "op": op.isoformat()}})
    return Vrijgave(grootboeken=aantal, bedrag=totaal)
