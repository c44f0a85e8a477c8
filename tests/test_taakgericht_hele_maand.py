"""R-B8 with R-R2: the whole-month rule (iJw TR387/TR388) at a change of funding variant. When a
task-based assignment begins or ends within a month for a municipality and product that are
declared per line outside it, its first task-based day (and the day after it ends) is a boundary
of a line like an allocation's own begin and end — so every day that is not task-based can be
declared, and no line is paid for a task-based day (``regelcontrole._hele_maand`` with
``taakgericht.variant.niet_taakgericht_stuk``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdregie.catalogus.models import Product
from jeugdregie.declaraties.services.context import Context, ToewijzingRij
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.declaraties.services.regelcontrole import Afwijzing, _hele_maand, _niet_taakgericht
from jeugdregie.taakgericht.variant import Opdrachtperiode

from .builders.declaraties import _afkeur, declareer, regel
from .builders.route import gestart
from .builders.taakgericht import mvs

JULI = datetime(2026, 7, 6, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _mei(toewijzing, referentie, begin, einde):
    dagen = Decimal(einde - begin + 1)
    return regel(
        toewijzing,
        referentie,
        uren=str(dagen),
        maand=(2026, 5),
        begindatum=date(2026, 5, begin),
        einddatum=date(2026, 5, einde),
    )


@pytest.mark.parametrize(
    ("begin", "einde", "verwacht", "fragment"),
    [
        (1, 14, ("goedgekeurd", "", ""), ""),
        (1, 31, ("afgekeurd", "DEC005", "9340"), "op 15-05-2026"),
        (1, 20, ("afgekeurd", "DEC005", "9340"), "in een regel tot en met 14-05-2026"),
        (1, 10, ("afgekeurd", "DEC026", "9388"), "moet eindigen op 14-05-2026: de dag vóór de taakgerichte opdracht"),
        (3, 14, ("afgekeurd", "DEC025", "9387"), "moet beginnen op 01-05-2026"),
    ],
)
def test_opdracht_begint_midden_in_de_maand(route, begin, einde, verwacht, fragment):
    """R-B8/R-R2: the assignment begins on 15 May for Zwolle; May 1–14 is declared (the day before
    its first task-based day ends the line, TR388), a line reaching 15 May is refused naming that
    day (DEC005), and a line stopping short of 14 May or beginning after 1 May is not a whole
    stretch (TR387/TR388, naming the date)."""
    toewijzing = gestart(route)
    mvs(route, gemeenten=("zwolle",), begindatum=date(2026, 5, 15))
    declaratie = declareer(route, [_mei(toewijzing, "M1", begin, einde)], ingediend_op=JULI)
    assert _afkeur(declaratie) == [verwacht]
    assert fragment in declaratie.regels.get().toelichting


@pytest.mark.parametrize(
    ("begin", "einde", "verwacht", "fragment"),
    [
        (16, 31, ("goedgekeurd", "", ""), ""),
        (1, 31, ("afgekeurd", "DEC005", "9340"), "op 01-05-2026"),
        (17, 31, ("afgekeurd", "DEC025", "9387"), "moet beginnen op 16-05-2026: de dag na het einde van de"),
        (16, 30, ("afgekeurd", "DEC026", "9388"), "moet eindigen op 31-05-2026"),
    ],
)
def test_opdracht_eindigt_midden_in_de_maand(route, begin, einde, verwacht, fragment):
    """R-B8/R-R2: the assignment ends on 15 May: from 16 May the product is declared per line again
    (the day after it ended begins the line, TR387)."""
    toewijzing = gestart(route)
    mvs(route, gemeenten=("zwolle",), einddatum=date(2026, 5, 15))
    declaratie = declareer(route, [_mei(toewijzing, "M1", begin, einde)], ingediend_op=JULI)
    assert _afkeur(declaratie) == [verwacht]
    assert fragment in declaratie.regels.get().toelichting


def test_zonder_opdracht_blijft_de_hele_maand_de_regel(route):
    """TR387/TR388 unchanged without an assignment: May 1–14 is not a whole month."""
    toewijzing = gestart(route)
    declaratie = declareer(route, [_mei(toewijzing, "M1", 1, 14)], ingediend_op=JULI)
    assert _afkeur(declaratie) == [("afgekeurd", "DEC026", "9388")]
    assert "moet eindigen op 31-05-2026: de laatste dag van de maand" in declaratie.regels.get().toelichting


# --- the property, on the pure checks --------------------------------------------------------

PRODUCT = Product(pk=1, code="45A03", naam="45A03", eenheid="uur", bekostiging="inspanningsgericht")
MAAND = (date(2026, 5, 1), date(2026, 5, 31))


def _toewijzing(begin: date, einde: date) -> ToewijzingRij:
    return ToewijzingRij(
        pk=1,
        aanbieder_id=1,
        gemeente_id=1,
        jeugdige_id=1,
        bsn="999990019",
        soort="product",
        status="actueel",
        begindatum=begin,
        einddatum=einde,
        stopdatum_zorg=None,
        product_id=None,
        product_eenheid=None,
        keuzebudget_id=None,
        keuzebudget_soort=None,
        keuzebudget_begindatum=None,
        keuzebudget_bedrag=None,
        volume=None,
        regio_id=1,
    )


@st.composite
def _wereld(draw):
    """Up to three non-overlapping assignments around May 2026 (as ``leg_opdracht_vast``
    guarantees) and an allocation from April to June or within May."""
    grenzen = sorted(draw(st.lists(st.integers(-5, 36), min_size=0, max_size=6, unique=True)))
    perioden = []
    for i in range(0, len(grenzen) - 1, 2):
        begin = date(2026, 5, 1) + timedelta(days=grenzen[i])
        einde = date(2026, 5, 1) + timedelta(days=grenzen[i + 1])
        open_einde = i + 2 >= len(grenzen) - 1 and draw(st.booleans())
        perioden.append(Opdrachtperiode(i + 1, f"Opdracht {i + 1}", begin, None if open_einde else einde))
    a, b = sorted(draw(st.lists(st.integers(-10, 40), min_size=2, max_size=2)))
    return tuple(perioden), date(2026, 5, 1) + timedelta(days=a), date(2026, 5, 1) + timedelta(days=b)


def _betaalbaar(begin: date, einde: date, toewijzing: ToewijzingRij, ctx: Context) -> bool:
    invoer = RegelInvoer("R", "999990019", 1, "45A03", begin, einde, Decimal(1), "uur", Decimal(86))
    try:
        _hele_maand(invoer, toewijzing, ctx)
        _niet_taakgericht(invoer, toewijzing, PRODUCT, ctx)
    except Afwijzing:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(_wereld())
def test_elke_vrije_dag_precies_een_keer_declarabel_geen_taakgerichte_dag(wereld):
    """R-B8 with R-R2, for random assignments and allocations in May: (1) no line that passes
    covers a task-based day; (2) every allocated day of May that is not task-based lies in a line
    that passes; (3) the lines that pass do not overlap (one line per stretch, TR387/TR388)."""
    perioden, toewijzing_begin, toewijzing_einde = wereld
    van, tot = max(MAAND[0], toewijzing_begin), min(MAAND[1], toewijzing_einde)
    if van > tot:
        return
    toewijzing = _toewijzing(toewijzing_begin, toewijzing_einde)
    ctx = Context(
        aanbieder_id=1,
        gemeente_id=1,
        vandaag=date(2026, 7, 1),
        toewijzingen={1: toewijzing},
        producten={"45A03": PRODUCT},
        opdrachtperioden={(1, 1): perioden} if perioden else {},
    )
    dagen = [van + timedelta(days=n) for n in range((tot - van).days + 1)]

    def taakgericht(dag: date) -> bool:
        return any(p.bevat(dag) for p in perioden)

    regels = [(b, e) for b in dagen for e in dagen if b <= e and _betaalbaar(b, e, toewijzing, ctx)]
    gedekt = [d for b, e in regels for d in dagen if b <= d <= e]
    assert not any(taakgericht(d) for d in gedekt)
    assert set(gedekt) == {d for d in dagen if not taakgericht(d)}
    assert len(gedekt) == len(set(gedekt))
