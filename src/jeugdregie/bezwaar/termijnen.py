"""The Awb deadlines of a bezwaar (R-D2), as pure functions of dates: no database, no clock.

- **Bezwaartermijn** (Awb 6:7, 6:8 lid 1): six weeks, starting the day after the letter was
  sent (bekendgemaakt). Counting six weeks from that day, the last day is the sending day plus
  42 days.
- **Algemene termijnenwet** (Atw 1, 3): a legal term whose last day is a Saturday, a Sunday or an
  Atw feast day ends on the next day that is none of these. The Atw's feast days differ from the
  ``holidays`` package's Dutch list (``common.periods``): Good Friday is *not* one, 5 May is one
  *every* year. So they are listed here, from 2014 (King's Day on 27 April, 26 April when the 27th
  is a Sunday); earlier years are outside this product's life.
- **Tijdigheid** (Awb 6:9): an objection is on time when received before the term ends, or, sent
  by post, when posted before the end and received no later than a week after it.
- **Beslistermijn** (Awb 7:10 lid 1): six weeks, twelve when an advisory committee (Awb 7:13)
  advises, counted from the day after the objection term ended; for an objection received after
  that (late), from the day after its receipt. Once extendable by six weeks (Awb 7:10 lid 2),
  before it runs out.
- **Beroepstermijn** (Awb 6:7 with 6:8): six weeks from the day after the decision on the
  objection was sent, the same reckoning as the objection term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from dateutil.easter import easter

ZES_WEKEN = timedelta(weeks=6)
TWAALF_WEKEN = timedelta(weeks=12)
#: Awb 6:9 lid 2: a posted objection still counts when received within a week after the term.
POSTWEEK = timedelta(weeks=1)
#: Awb 7:10 lid 2: the one extension the administration may decide itself.
VERDAGING = ZES_WEKEN
#: The worklist asks to decide on an extension when this little of the decision term is left.
VERDAGEN_VANAF = timedelta(weeks=2)


@cache
def atw_feestdagen(jaar: int) -> frozenset[date]:
    """The Atw art. 3 feast days of ``jaar`` (from 2014) that are not a Sunday by definition:
    New Year's Day, Easter Monday, King's Day, 5 May, Ascension Day, Whit Monday, both
    Christmas days."""
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # on a Sunday it is celebrated the day before
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen + timedelta(days=1),
            koningsdag,
            date(jaar, 5, 5),
            pasen + timedelta(days=39),
            pasen + timedelta(days=50),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_atw_werkdag(dag: date) -> bool:
    """Not a Saturday, Sunday or Atw feast day."""
    return dag.weekday() < 5 and dag not in atw_feestdagen(dag.year)


def atw_einde(laatste_dag: date) -> date:
    """Atw art. 1: the last day of a legal term moved to the next working day when needed."""
    dag = laatste_dag
    while not is_atw_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def einde_bezwaartermijn(verzonden_op: date) -> date:
    """Awb 6:7, 6:8 lid 1 with the Atw: the last day an objection to a letter sent on
    ``verzonden_op`` is on time."""
    return atw_einde(verzonden_op + ZES_WEKEN)


def is_tijdig(*, verzonden_op: date, ontvangen_op: date, ter_post_op: date | None = None) -> bool:
    """Awb 6:9: received by the end of the term, or posted by then and received within a week
    after it. An objection received before the letter was sent is premature (6:10), not late."""
    einde = einde_bezwaartermijn(verzonden_op)
    if ontvangen_op <= einde:
        return True
    return ter_post_op is not None and ter_post_op <= einde and ontvangen_op <= einde + POSTWEEK


def begin_beslistermijn(*, verzonden_op: date, ontvangen_op: date) -> date:
    """Awb 7:10 lid 1: the day after the objection term ended; for an objection received later,
    the day after its receipt."""
    return max(einde_bezwaartermijn(verzonden_op), ontvangen_op) + timedelta(days=1)


def einde_beslistermijn(
    *, verzonden_op: date, ontvangen_op: date, adviescommissie: bool = False, verdaagd: bool = False
) -> date:
    """Awb 7:10: six weeks (twelve with an advisory committee) from ``begin_beslistermijn``, plus
    six when extended once; the last day moved by the Atw."""
    duur = (TWAALF_WEKEN if adviescommissie else ZES_WEKEN) + (VERDAGING if verdaagd else timedelta(0))
    return atw_einde(
        begin_beslistermijn(verzonden_op=verzonden_op, ontvangen_op=ontvangen_op) - timedelta(days=1) + duur
    )


def einde_beroepstermijn(beslissing_verzonden_op: date) -> date:
    """Awb 6:7, 6:8: the last day to appeal to the court against the decision on the objection."""
    return einde_bezwaartermijn(beslissing_verzonden_op)


@dataclass(frozen=True)
class Termijnen:
    """Every date of one objection, computed once from the facts (all set by the server)."""

    einde_bezwaartermijn: date
    tijdig: bool
    begin_beslistermijn: date
    einde_beslistermijn: date
    #: the latest end an extension could give (None once extended: no second one, Awb 7:10 lid 2)
    einde_na_verdaging: date | None


def termijnen(
    *,
    verzonden_op: date,
    ontvangen_op: date,
    ter_post_op: date | None = None,
    adviescommissie: bool = False,
    verdaagd: bool = False,
) -> Termijnen:
    feiten = {"verzonden_op": verzonden_op, "ontvangen_op": ontvangen_op}
    return Termijnen(
        einde_bezwaartermijn=einde_bezwaartermijn(verzonden_op),
        tijdig=is_tijdig(**feiten, ter_post_op=ter_post_op),
        begin_beslistermijn=begin_beslistermijn(**feiten),
        einde_beslistermijn=einde_beslistermijn(**feiten, adviescommissie=adviescommissie, verdaagd=verdaagd),
        einde_na_verdaging=None
        if verdaagd
        else einde_beslistermijn(**feiten, adviescommissie=adviescommissie, verdaagd=True),
    )


def mag_verdagen(*, op: date, einde: date, al_verdaagd: bool) -> bool:
    """Awb 7:10 lid 2: once, and only while the decision term still runs."""
    return not al_verdaagd and op <= einde
