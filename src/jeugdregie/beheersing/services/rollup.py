"""Filling the rollup (issue 6 §9, R-K1; issue 18): every indicator × period kind × dimension
combination computed from the operational data and stored in ``Cijfer``. A full rebuild covers
the whole history (with progress); the incremental refresh recomputes only the months queued
after approvals (``markeer`` → ``werk_bij``), with their quarter and year.

How the cells are computed (ADR 0011): each indicator's source is one queryset of *partial
cells* — per month × municipality × provider × category, and for an indicator with a distinct
count × the counted key (the young person) — with the numerator and denominator aggregated so
far. The engine (``rekenkern``: DuckDB over a copy of the tables those querysets read) runs it
for the whole years concerned and turns it into every stored cell with one ``GROUPING SETS``
aggregate per period kind: ``SUM`` for sums and plain counts (every source row lies in exactly
one partial cell), ``COUNT(DISTINCT key)`` for distinct counts, so a young person in two months
or with two providers still counts once in the quarter or in the total. The values equal a
query per cell on the source. The cells are written back through Django's connection, one
transaction per indicator and range; a run never overwrites the cells of a run that read the
source after it (the reading number, ``Verversing.lezing``)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache

from django.apps import apps
from django.db import connection, connections, models, transaction
from django.db.models import Case, F, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import timezone

from jeugdregie.common.tijd import datum_van
from jeugdregie.common.vaste_query import VasteQuery
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..constants import Periodesoort
from ..indicatoren.basis import DIMENSIES, KOLOM, Indicator
from ..indicatoren.kosten import gesloten_toewijzingen
from ..indicatoren.register import ALLE_INDICATOREN
from ..indicatoren.velden import Periodebegin
from ..models import Cijfer, VerouderdePeriode, Verversing
from .rekenkern import Cellen, Rekenkern, tabellen_van

Voortgang = Callable[[str], None]


def periodebegin(dag: date, soort: str) -> date:
    if soort == Periodesoort.JAAR:
        return date(dag.year, 1, 1)
    if soort == Periodesoort.KWARTAAL:
        return date(dag.year, 3 * ((dag.month - 1) // 3) + 1, 1)
    return dag.replace(day=1)


def periode_einde(begin: date, soort: str) -> date:
    """The last day (inclusive) of the period that starts on ``begin``."""
    maanden = {Periodesoort.MAAND: 1, Periodesoort.KWARTAAL: 3, Periodesoort.JAAR: 12}[Periodesoort(soort)]
    jaar, maand = divmod(begin.month - 1 + maanden, 12)
    return date(begin.year + jaar, maand + 1, 1) - timedelta(days=1)


def kwartaallabel(begin: date) -> str:
    """The one name of a quarter on every page and export: ``2025-K3``."""
    return f"{begin.year}-K{(begin.month - 1) // 3 + 1}"


def _onderscheiden(aggregaat) -> bool:
    return bool(getattr(aggregaat, "distinct", False))


def sleutel(indicator: Indicator) -> str | None:
    """The field an indicator counts distinctly (both its distinct counts count the same one)."""
    aggregaten = (indicator.bron.teller, indicator.bron.noemer)
    velden = {e.get_source_expressions()[0].name for e in aggregaten if _onderscheiden(e)}
    if len(velden) > 1:
        raise ValueError(f"{indicator.code}: tel één veld onderscheiden, niet {sorted(velden)}")
    return next(iter(velden), None)


def _deel(aggregaat, veld: str | None):
    """The aggregate of a partial cell: sums and plain counts as they are; a distinct count of the
    key becomes 1 when this key counts in the cell (its filter holds), else 0."""
    if not _onderscheiden(aggregaat):
        return aggregaat
    telt = Q(**{f"{veld}__isnull": False}) & (aggregaat.filter or Q())
    return Max(Case(When(telt, then=Value(1)), default=Value(0), output_field=IntegerField()))


def _dimensie(waarde):
    """A dimension of the partial cells; NULL for one the source lacks (never grouped by)."""
    if waarde is None:
        return Value(None, output_field=IntegerField())
    return F(waarde) if isinstance(waarde, str) else waarde


def _deelcellen(indicator: Indicator, begin: date, einde: date) -> QuerySet:
    """The partial cells of [begin, einde]: per month × dimensions (× the key); a dimension the
    source lacks (a split by purchasing level or funding variant) is NULL in every one."""
    bron, veld = indicator.bron, sleutel(indicator)
    perioden = {f"p_{soort}": Periodebegin(bron.datum, soort) for soort in Periodesoort}
    dims = {KOLOM[d]: _dimensie(getattr(bron, d)) for d in DIMENSIES}
    extra = {"k": F(veld)} if veld else {}
    return (
        bron.queryset()
        .filter(**{f"{bron.datum}__range": (begin, einde)})
        .annotate(**perioden, **dims, **extra)
        .values(*perioden, *dims, *extra)
        .annotate(t=_deel(bron.teller, veld), n=_deel(bron.noemer, veld))
        .order_by()
    )


class Ingehaald(Exception):
    """A run that read the source later has written meanwhile: this run's cells would be older."""


BEGIN = date.min  # a full rebuild's first day: the whole history, whatever its first data
POGINGEN = 3  # readings of one run before it gives up (each overtaken by a later run)
BLOK = 5000  # ids per DELETE (SQLite's limit on parameters)


def _lezing() -> int:
    """A new reading number, taken before the engine copies the source (issue 18): a run that
    reads later has a higher number, and no run overwrites cells written by a higher one."""
    Verversing.objects.get_or_create(pk=1)
    with transaction.atomic():
        Verversing.objects.filter(pk=1).update(lezing=F("lezing") + 1)
        return Verversing.objects.values_list("lezing", flat=True).get(pk=1)


def _perioden(van: date, tot: date) -> dict[str, tuple[date, date]]:
    """Per period kind the first and last start of the periods that overlap [van, tot]."""
    return {soort: (periodebegin(van, soort), periodebegin(tot, soort)) for soort in Periodesoort}


def _jaren(indicator: Indicator, van: date, tot: date) -> QuerySet:
    """The partial cells of the whole years of [van, tot]: a quarter or a year is computed from
    all its months, whichever of them changed."""
    return _deelcellen(indicator, date(van.year, 1, 1), date(tot.year, 12, 31))


@dataclass
class _Run:
    """One reading of the source: its number, its engine, its own writes so far, and how far its
    copy of the stored cells can be trusted — ``volledig`` once another run wrote after the copy
    (each write then replaces its periods whole); ``geschreven``: the indicators this run has
    written (a second range of one of them, overlapping in its year, replaces whole too)."""

    lezing: int
    kern: Rekenkern
    schrijvingen: int = 0
    volledig: bool = False
    geschreven: set[str] = field(default_factory=set)


def _bereken(run: _Run, indicator: Indicator, van: date, tot: date) -> int:
    """Replace the indicator's months, quarters and years that overlap [van, tot] by the engine's
    cells (``_cellen``, then ``_schrijf``); the number of cells."""
    cellen = _cellen(run.kern, indicator, van, tot)
    _schrijf(run, indicator, cellen)
    return cellen.aantal


def _cellen(kern: Rekenkern, indicator: Indicator, van: date, tot: date, deel: QuerySet | None = None) -> Cellen:
    """The engine's cells of the months, quarters and years that overlap [van, tot]; ``deel``:
    the run's ``_jaren`` of that range, if it has it (the engine compiled it for its copy)."""
    onderscheiden = (_onderscheiden(indicator.bron.teller), _onderscheiden(indicator.bron.noemer))
    if deel is None:
        deel = _jaren(indicator, van, tot)
    return kern.cellen(indicator.code, deel, onderscheiden, _perioden(van, tot), indicator.bron.groeperingen)


def _schrijf(run: _Run, indicator: Indicator, cellen: Cellen, vrij: threading.Event | None = None) -> None:
    """Write ``cellen`` in place of the stored cells of their periods, in one transaction —
    unless a run with a later reading wrote first (``Ingehaald``). While no one but this run has
    written since its copy of the stored cells, only the cells that changed are deleted and
    inserted (a nightly rebuild rewrites almost nothing). The run's writes happen in this order,
    one at a time (``_reken``: in its writing thread). ``vrij`` is set when the engine is no
    longer needed: the file is written, or the write failed."""
    try:
        _schrijf_cellen(run, indicator, cellen, vrij)
    finally:
        if vrij:
            vrij.set()


def _schrijf_cellen(run: _Run, indicator: Indicator, cellen: Cellen, vrij: threading.Event | None) -> None:
    run.kern.verbind()
    verversing = Verversing.objects.filter(pk=1, geschreven__lte=run.lezing)
    schrijf = {"geschreven": run.lezing, "schrijvingen": F("schrijvingen") + 1}
    with transaction.atomic():
        # The writers' turn: one statement takes the row lock, checks the reading and, for the
        # difference, that every write since the copy was this run's own.
        kopie = run.kern.schrijvingen_bij_kopie
        verschil = kopie is not None and not run.volledig and indicator.code not in run.geschreven
        eigen = (kopie or 0) + run.schrijvingen  # the count if every write since the copy was this run's
        if verschil and verversing.filter(schrijvingen=eigen).update(**schrijf):
            weg, erbij = run.kern.verschil(indicator.code, cellen)
            for blok in range(0, len(weg), BLOK):
                Cijfer.alle.filter(pk__in=weg[blok : blok + BLOK])._raw_delete(Cijfer.alle.db)
            run.kern.voeg_toe(erbij, vrij)
        elif verversing.update(**schrijf):
            run.volledig = run.volledig or verschil  # another run wrote since the copy
            for soort, reeks in cellen.perioden.items():
                Cijfer.alle.filter(indicator=indicator.code, periodesoort=soort, periode__range=reeks).delete()
            run.kern.voeg_toe(cellen.tabel, vrij)
        else:
            raise Ingehaald
    run.schrijvingen += 1
    run.geschreven.add(indicator.code)
    run.kern.vergeet(cellen)


class _Schrijver:
    """The thread that writes a run's cells, one indicator after another, while the engine
    computes the next (the database's work of taking the cells — index inserts, the commit —
    then overlaps the engine's). It has its own database connection, closed when the run ends;
    leaving waits for the write under way."""

    def __enter__(self) -> _Schrijver:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rollup-schrijver")
        return self

    def schrijf(self, run: _Run, indicator: Indicator, cellen: Cellen) -> Future:
        """Start writing ``cellen``; back once the write has what it needs from the engine (its
        file), so the caller computes the next indicator while the database takes these."""
        vrij = threading.Event()
        taak = self.pool.submit(_schrijf, run, indicator, cellen, vrij)
        vrij.wait()
        return taak

    def __exit__(self, *fout) -> None:
        self.pool.submit(connections.close_all)  # in the thread: its own connection
        self.pool.shutdown(wait=True)


def volgt_declaraties(indicator: Indicator) -> bool:
    """Whether the indicator reads the declarations or the budget ledger: its figures move when
    declarations are approved, so the incremental refresh recomputes it."""
    tabellen = {
        model._meta.db_table
        for label in ("declaraties", "budgetten")
        for model in apps.get_app_config(label).get_models()
    }
    query = indicator.bron.rijen(Periodesoort.MAAND, date.min, date.min, indicator.bron.groeperingen[0]).query
    return any(tabel.table_name in tabellen for tabel in query.alias_map.values())


def _te_lezen(werk: Sequence[tuple[Indicator, Sequence[tuple[date, date]]]]) -> dict:
    """Per table the date column and the whole years the run recomputes, where every indicator
    of the run names the table once, as its own table selected by its own date field: a
    refresh then copies only those years of the declaration lines. A table read in a join or a
    subquery (a re-entry within twelve months looks past the year) is copied whole."""
    jaren = sorted({(date(van.year, 1, 1), date(tot.year, 12, 31)) for _i, reeksen in werk for van, tot in reeksen})
    if jaren and jaren[0][0] == BEGIN:  # a full rebuild reads every row: whole tables, scanned on every core
        return {}
    kolommen: dict[str, set[str | None]] = {}
    for indicator, reeksen in werk:
        deel = _jaren(indicator, *reeksen[0])
        tabellen = tabellen_van(deel)
        velden = {veld.name: veld.column for veld in deel.model._meta.concrete_fields}
        kolom = velden.get(indicator.bron.datum)  # None: an annotation or a field across a relation
        for tabel in set(tabellen):
            enkel = tabel == deel.model._meta.db_table and tabellen.count(tabel) == 1
            kolommen.setdefault(tabel, set()).add(kolom if enkel else None)
    return {t: (k.pop(), jaren) for t, k in kolommen.items() if len(k) == 1 and None not in k}


def _reken(werk: Sequence[tuple[Indicator, Sequence[tuple[date, date]]]], voortgang: Voortgang | None) -> int:
    """Each indicator's ranges computed by one engine that read the source once, each written
    by the run's writing thread while the engine computes the next. Overtaken by a run that read
    later, it reads again and goes on with what it had not written (at most ``POGINGEN``)."""
    stukken = [(indicator, van, tot) for indicator, reeksen in werk for van, tot in reeksen]
    aantal = 0

    def klaar(stuk, cellen: Cellen, taak: Future) -> int:
        taak.result()  # the write's own error, or Ingehaald
        stukken.remove(stuk)
        if voortgang and all(s[0].code != stuk[0].code for s in stukken):
            voortgang(stuk[0].code)
        return cellen.aantal

    for _ in range(POGINGEN):
        lezing = _lezing()
        over = _per_indicator(stukken)
        # _jaren depends on the years of a range only: a range in the years of the first range of
        # its indicator takes the queryset the engine compiled for its copy
        jaren = {(i.code, r[0][0].year, r[0][1].year): _jaren(i, *r[0]) for i, r in over}
        with Rekenkern(list(jaren.values()), _te_lezen(over), _stand(over)) as kern, _Schrijver() as schrijver:
            run = _Run(lezing, kern)
            try:
                lopend = None
                for stuk in list(stukken):
                    indicator, van, tot = stuk
                    deel = jaren.get((indicator.code, van.year, tot.year))
                    cellen = _cellen(kern, *stuk, deel)  # while the previous is being written
                    if lopend:
                        aantal += klaar(*lopend)
                    lopend = (stuk, cellen, schrijver.schrijf(run, stuk[0], cellen))
                if lopend:
                    aantal += klaar(*lopend)
                return aantal
            except Ingehaald:
                continue
    raise Ingehaald


def _per_indicator(stukken) -> list[tuple[Indicator, list[tuple[date, date]]]]:
    per: dict[str, tuple[Indicator, list[tuple[date, date]]]] = {}
    for indicator, van, tot in stukken:
        per.setdefault(indicator.code, (indicator, []))[1].append((van, tot))
    return list(per.values())


def _stand(werk: Sequence[tuple[Indicator, Sequence[tuple[date, date]]]]) -> tuple:
    """Which stored cells the engine copies: the run's indicators, in the periods it recomputes
    — per range and kind the first and last start, as ``_cellen`` computes them — or, for a full
    rebuild (a range from the calendar's first day), in every period (``None``)."""
    codes = [indicator.code for indicator, _r in werk]
    if any(van == BEGIN for _i, reeksen in werk for van, _tot in reeksen):
        return codes, None
    perioden = {
        (str(soort), *grenzen)
        for _i, reeksen in werk
        for van, tot in reeksen
        for soort, grenzen in _perioden(van, tot).items()
    }
    return codes, sorted(perioden)


def ververs(
    *, van: date, tot: date, indicatoren: Iterable[Indicator] | None = None, voortgang: Voortgang | None = None
) -> int:
    """Recompute every period (month, quarter, year) that overlaps [van, tot]. One
    transaction per indicator replaces its rows, so a reader never sees half a period."""
    werk = [(indicator, [(van, tot)]) for indicator in indicatoren or ALLE_INDICATOREN]
    aantal = _reken(werk, voortgang)
    _stempel()
    return aantal


def reeksen(maanden: Sequence[date], *, per_jaar: bool) -> list[tuple[date, date]]:
    """The queued months (first days, sorted) as the ranges a refresh recomputes, never the span
    between two far-apart months (issue 18 §2): runs of consecutive months; with ``per_jaar``
    (an indicator with a distinct count, which reads a queued month's whole year anyway) also
    the queued months of one year together, from its first to its last. Consecutive months
    across a year end stay one range; ``_bereken`` takes a distinct count one year at a time.
    Each range is (first day, last day) inclusive."""
    uitkomst: list[tuple[date, date]] = []
    for maand in sorted(set(maanden)):
        if uitkomst:
            van, tot = uitkomst[-1]
            volgende = periode_einde(periodebegin(tot, Periodesoort.MAAND), Periodesoort.MAAND) + timedelta(days=1)
            if maand == volgende or (per_jaar and maand.year == van.year):
                uitkomst[-1] = (van, periode_einde(maand, Periodesoort.MAAND))
                continue
        uitkomst.append((maand, periode_einde(maand, Periodesoort.MAAND)))
    return uitkomst


def bouw_opnieuw(*, voortgang: Voortgang | None = None) -> int:
    """Full rebuild over the whole history: every period from the first day the calendar has to
    today (no query for the first data; the engine copies the tables whole)."""
    van, tot = BEGIN, timezone.localdate()
    claim = _claim()  # what is queued now is in the rebuild; what is queued meanwhile stays
    Cijfer.alle.exclude(indicator__in=[i.code for i in ALLE_INDICATOREN]).delete()  # codes no longer defined
    aantal = ververs(van=van, tot=tot, voortgang=voortgang)
    VerouderdePeriode.objects.filter(claim=claim).delete()
    Verversing.objects.filter(pk=1).update(volledig=timezone.now())
    return aantal


def _claim() -> str:
    """Claim every queued month for this run (also those of a run that was killed: its claim
    is taken over; two runs computing one month is harmless, the readings order their writes)."""
    claim = uuid.uuid4().hex
    VerouderdePeriode.objects.update(claim=claim)
    return claim


def markeer(dagen: Iterable[date], *, route: bool = False) -> None:
    """Queue the months of ``dagen`` for recomputation (cheap; called after approvals, and with
    ``route`` after a decision of the client route). A month queued without ``route`` is
    recomputed for the indicators that follow the declarations only (``volgt_declaraties``); a
    ``route`` month for every indicator (``werk_bij``) — so every change that moves another
    indicator's figures, or a split cell of one, queues its months with ``route``
    (``markeringen``)."""
    # A date in the calendar's last year (an "open end" written as 9999-12-31) has no period the
    # rollup computes, and its year's end would pass the calendar: it queues nothing.
    maanden = sorted({dag.replace(day=1) for dag in dagen if dag.year < date.max.year})
    if not maanden:
        return
    # A month already queued and taken by a running refresh loses its claim: that run read
    # before this change, so the month stays queued after it. One statement, atomic on its own
    # (after an intake's commit it runs in autocommit: one round trip, benchmark W2).
    ops, tabel = connection.ops, connection.ops.quote_name(VerouderdePeriode._meta.db_table)
    nu = ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {tabel} (maand, route, sinds, claim) VALUES "
            + ", ".join(["(%s, %s, %s, NULL)"] * len(maanden))
            + " ON CONFLICT (maand, route) DO UPDATE SET claim = NULL",
            [w for maand in maanden for w in (ops.adapt_datefield_value(maand), route, nu)],
        )


# After every intake (one declaration per call as uploads arrive): compiled once (common.vaste_query).
_GESLOTEN = VasteQuery(
    lambda ids, op: gesloten_toewijzingen(op).filter(pk__any=ids).values_list("gesloten_op", flat=True)
)


def markeer_declaraties(verwerkt: Verwerkt) -> None:
    """After a committed declaration intake (``declaraties.gebeurtenissen.Verwerkt``, subscribed
    in ``jeugdregie/abonnementen.py``):
    queue the months of the decided lines, and the month in which each allocation whose ledger
    moved closed, if it has (budget utilisation and client price are dated there)."""
    gesloten = _GESLOTEN(sorted(verwerkt.toewijzingen), timezone.localdate())
    markeer([*verwerkt.dagen, *gesloten])


@cache
def _gelezen_modellen() -> dict[str, type[models.Model]]:
    """The models whose tables an indicator reads, by model name (``Gebeurtenis.objecttype``)."""
    dag = date(2000, 1, 1)  # any: only the tables are asked
    tabellen = {t for indicator in ALLE_INDICATOREN for t in tabellen_van(_jaren(indicator, dag, dag))}
    return {str(m._meta.model_name): m for m in apps.get_models() if m._meta.db_table in tabellen}


def markeer_gebeurtenis(gebeurtenis: GebeurtenisVastgelegd) -> None:
    """After a committed decision of the client route (``verwijzingen.besluiten.
    GebeurtenisVastgelegd``: a start or stop of care, a screening, a request, a placement, a
    withdrawal, a correction; subscribed in ``jeugdregie/abonnementen.py``) on an object an
    indicator reads: queue, as route months, the month of every date the decision touches —
    each date and moment of the object as it is now and of the objects one link away that an
    indicator reads (a request's referral, a referral's allocations and screenings: an
    allocation's request counts in the month it closed), each date or moment the event row
    records (a correction records the date it withdrew) and the day of the decision (§2)."""
    gelezen = _gelezen_modellen()
    model = gelezen.get(gebeurtenis.objecttype)
    if model is None:
        return
    zelf = model._default_manager.filter(pk=gebeurtenis.object_id)
    dagen = _datums(model, zelf)
    for veld in model._meta.get_fields():
        doel = veld.related_model
        if doel is None or veld.many_to_many or doel not in gelezen.values():
            continue
        if isinstance(veld, models.ForeignKey):  # this object points there
            verwant = doel._default_manager.filter(pk__in=zelf.values(veld.name))
        elif isinstance(veld, models.ForeignObjectRel):  # that model points here
            verwant = doel._default_manager.filter(**{veld.field.name: gebeurtenis.object_id})
        else:
            continue
        dagen += _datums(doel, verwant)
    rij = Gebeurtenis.objects.filter(pk=gebeurtenis.gebeurtenis_id).values_list("gegevens", "tijdstip").first()
    gegevens, tijdstip = rij or ({}, timezone.now())
    dagen += [d for w in (gegevens or {}).values() if isinstance(w, str) for d in [_iso_datum(w)] if d]
    markeer([*dagen, datum_van(tijdstip)], route=True)


def _datums(model: type[models.Model], rijen: QuerySet) -> list[date]:
    """Every date and moment (as its Amsterdam date) of ``rijen``."""
    velden = [v.name for v in model._meta.concrete_fields if isinstance(v, models.DateField)]
    if not velden:
        return []
    waarden = [w for rij in rijen.values_list(*velden)[:50] for w in rij if w]
    return [datum_van(w) if isinstance(w, datetime) else w for w in waarden]


def _iso_datum(tekst: str) -> date | None:
    """A date or a moment written in the event row (ISO 8601), as its Amsterdam date."""
    try:
        if len(tekst) == 10:
            return date.fromisoformat(tekst)
        if len(tekst) > 10 and tekst[4] == "-" and tekst[10] in "T ":
            moment = datetime.fromisoformat(tekst)
            return datum_van(moment) if timezone.is_aware(moment) else moment.date()
    except ValueError:
        return None
    return None


def werk_bij(*, voortgang: Voortgang | None = None) -> int:
    """Process the queue: recompute the queued months with their quarters and years — a month
    queued by an intake for the indicators that follow declarations, one queued by the route
    for every indicator — per run of consecutive months (per year for a distinct count,
    ``reeksen``), so a late correction years back costs its own months, not the span up to the
    current one. One query when the queue is empty. Run by the background task
    ``jeugdregie.rollup_wachtrij`` (after each intake and every few minutes) and ``manage.py
    beheersing ververs``, never inside a request (issue 17 part B). The months are claimed, not
    removed: they leave the queue when the run succeeded, unless a decision queued them again
    meanwhile; a failed or killed run leaves them for the next."""
    if not VerouderdePeriode.objects.exists():
        return 0
    claim = _claim()
    wachtrij = list(VerouderdePeriode.objects.filter(claim=claim).values_list("maand", "route"))
    if not wachtrij:
        return 0
    route = sorted({maand for maand, r in wachtrij if r})
    alle = sorted({maand for maand, _r in wachtrij})
    werk = []
    for indicator in ALLE_INDICATOREN:
        maanden = alle if volgt_declaraties(indicator) else route
        if maanden:
            werk.append((indicator, reeksen(maanden, per_jaar=sleutel(indicator) is not None)))
    aantal = _reken(werk, voortgang)
    VerouderdePeriode.objects.filter(claim=claim).delete()
    _stempel()
    return aantal


def _stempel() -> None:
    data_tot = Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD).aggregate(m=Max("einddatum"))["m"]
    Verversing.objects.update_or_create(pk=1, defaults={"data_tot": data_tot, "bijgewerkt": timezone.now()})


def stand() -> Verversing | None:
    return Verversing.objects.filter(pk=1).first()


def oudste_in_wachtrij() -> VerouderdePeriode | None:
    """The queue entry waiting longest (readiness: the queue's lag)."""
    return VerouderdePeriode.objects.order_by("sinds").first()
