"""Filling the rollup (issue 6 §9, R-K1): every indicator × period kind × dimension combination
computed from the operational data by SQL aggregates and stored in ``Cijfer``. A full rebuild
covers the whole history (with progress); the incremental refresh recomputes only the months
queued after approvals (``markeer`` → ``werk_bij``), with their quarter and year.

How the cells are computed, all in SQL (no row passes through Python). The source is read once
per indicator into a temporary table of *partial cells*: per month × municipality × provider ×
category — and, for an indicator with a distinct count, × the counted key (the young person) —
with the numerator and denominator aggregated so far. Every stored cell (each grouping of the
dimensions, for months, quarters and years) is then one ``INSERT … SELECT`` aggregate over that
table: ``SUM`` for sums and plain counts (every source row lies in exactly one partial cell),
``COUNT(DISTINCT key)`` for distinct counts, so a young person in two months or with two
providers still counts once in the quarter or in the total; the keyed partial cells are first
reduced per quarter and per year (a third and an eighth of the rows nationally). The values
equal a query per cell on the source; the work is one read of the source instead of 24."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.utils import timezone

from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.verwijzingen.models import Verwijzing

from ..constants import ALLE, Periodesoort
from ..indicatoren.basis import GROEPERINGEN, KOLOM, Indicator
from ..indicatoren.kosten import gesloten_toewijzingen
from ..indicatoren.register import INDICATOREN
from ..indicatoren.velden import Periodebegin
from ..models import Cijfer, VerouderdePeriode, Verversing

Voortgang = Callable[[str], None]
FIJNST = GROEPERINGEN[0]  # ("gemeente", "aanbieder", "categorie")
TUSSEN = "beheersing_tussenstand"  # the temporary table of partial cells
# PostgreSQL settings of a rollup transaction: its sorts stay in memory, and no JIT compilation
# (it costs more than it saves on these few, large statements).
INSTELLINGEN = {"work_mem": "1GB", "jit": "off"}


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


def _deelcellen(indicator: Indicator, begin: date, einde: date) -> QuerySet:
    """The partial cells of [begin, einde]: per month × dimensions (× the key)."""
    bron, veld = indicator.bron, sleutel(indicator)
    perioden = {f"p_{soort}": Periodebegin(bron.datum, soort) for soort in Periodesoort}
    dims = {KOLOM[d]: F(w) if isinstance(w, str) else w for d in FIJNST for w in [getattr(bron, d)]}
    extra = {"k": F(veld)} if veld else {}
    return (
        bron.queryset()
        .filter(**{f"{bron.datum}__range": (begin, einde)})
        .annotate(**perioden, **dims, **extra)
        .values(*perioden, *dims, *extra)
        .annotate(t=_deel(bron.teller, veld), n=_deel(bron.noemer, veld))
        .order_by()
    )


def _datum(kolom: str) -> str:
    return f"CAST({kolom} AS date)" if connection.vendor == "postgresql" else kolom


def _voeg_in(cursor, code: str, soort: str, dims: Sequence[str], bron: str, sommen: tuple, perioden: tuple) -> int:
    """``INSERT INTO cijfer … SELECT`` one grouping of the periods ``perioden`` (first and last
    start, inclusive) of one period kind, aggregated from the partial cells in ``bron``."""
    groep = [f"p_{soort}", *(KOLOM[d] for d in dims)]
    selectie = [
        "%s",
        "%s",
        _datum(f"p_{soort}"),
        KOLOM["gemeente"] if "gemeente" in dims else "NULL",
        KOLOM["aanbieder"] if "aanbieder" in dims else "NULL",
        f"COALESCE({KOLOM['categorie']}, %s)" if "categorie" in dims else "%s",
        f"COALESCE({sommen[0].format('t')}, 0)",
        f"COALESCE({sommen[1].format('n')}, 0)",
    ]
    tabel = connection.ops.quote_name(Cijfer._meta.db_table)
    doel = "indicator, periodesoort, periode, gemeente_id, aanbieder_id, categorie, teller, noemer"
    cursor.execute(
        f"INSERT INTO {tabel} ({doel}) SELECT {', '.join(selectie)} FROM {bron} "
        f"WHERE p_{soort} BETWEEN %s AND %s GROUP BY {', '.join(groep)}",
        [code, str(soort), ALLE, *(p.isoformat() for p in perioden)],
    )
    return cursor.rowcount


def _herleid(cursor, naam: str, bron: str, perioden: Sequence[str], binnen: Sequence[str]) -> None:
    """A temporary table of keyed partial cells per coarser period: ``bron``'s rows per period
    × dimensions × key taken together (``binnen``: the amount summed, the 0/1 distinct flag
    maximised), so the key's rows in three months become one row in the quarter."""
    groep = ", ".join([*perioden, *KOLOM.values(), "k"])
    cursor.execute(
        f"CREATE TEMPORARY TABLE {naam} AS SELECT {groep}, {binnen[0].format('t')} AS t, "
        f"{binnen[1].format('n')} AS n FROM {bron} GROUP BY {groep}"
    )
    _analyseer(cursor, naam)


def _analyseer(cursor, tabel: str) -> None:
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {tabel}")  # temporary tables are never auto-analysed


def _bewaarde_maanden(code: str, jaren: tuple[date, date], maanden: tuple[date, date]) -> QuerySet:
    """The stored finest month cells of ``jaren`` outside ``maanden``, shaped as partial cells:
    of an additive indicator they are exactly that, so its quarters and years need no re-read."""
    return (
        Cijfer.objects.filter(
            indicator=code,
            periodesoort=Periodesoort.MAAND,
            periode__range=jaren,
            gemeente__isnull=False,
            aanbieder__isnull=False,
        )
        .exclude(categorie=ALLE)
        .exclude(periode__range=maanden)
        .values(
            p_maand=F("periode"),
            p_kwartaal=Periodebegin("periode", Periodesoort.KWARTAAL),
            p_jaar=Periodebegin("periode", Periodesoort.JAAR),
            **{KOLOM["gemeente"]: F("gemeente_id"), KOLOM["aanbieder"]: F("aanbieder_id")},
            **{KOLOM["categorie"]: F("categorie"), "t": F("teller"), "n": F("noemer")},
        )
        .order_by()
    )


def _vul(cursor, rijen: QuerySet, kolommen: list[str]) -> None:
    sql, params = rijen.query.sql_with_params()
    selectie = ", ".join(_datum(f"bron.{k}") if k.startswith("p_") else f"bron.{k}" for k in kolommen)
    cursor.execute(f"INSERT INTO {TUSSEN} ({', '.join(kolommen)}) SELECT {selectie} FROM ({sql}) bron", params)


def _bereken(indicator: Indicator, van: date, tot: date) -> int:
    """Replace the indicator's months, quarters and years that overlap [van, tot]. The partial
    cells: of an additive indicator the source's over those months plus the stored months of the
    rest of those years; with a distinct count the source's over the whole years, per key, and
    reduced per quarter and per year (each period kind aggregates the smallest table that still
    holds its keys), one year at a time (no period crosses a year, and a year's partial cells
    sort in memory where the whole history's would not). Then per period kind 8 aggregates over
    them."""
    veld = sleutel(indicator)
    if veld and van.year != tot.year:
        return sum(
            _bereken(indicator, max(van, date(jaar, 1, 1)), min(tot, date(jaar, 12, 31)))
            for jaar in range(van.year, tot.year + 1)
        )
    maanden = periodebegin(van, Periodesoort.MAAND), periode_einde(periodebegin(tot, Periodesoort.MAAND), "maand")
    jaren = periodebegin(van, Periodesoort.JAAR), periode_einde(periodebegin(tot, Periodesoort.JAAR), "jaar")
    kolommen = ["p_maand", "p_kwartaal", "p_jaar", *KOLOM.values(), "t", "n"]
    aggregaten = (indicator.bron.teller, indicator.bron.noemer)
    sommen = tuple(
        "COUNT(DISTINCT CASE WHEN {0} = 1 THEN k END)" if _onderscheiden(e) else "SUM({0})" for e in aggregaten
    )
    bronnen = dict.fromkeys(Periodesoort, TUSSEN)
    aantal = 0
    with connection.cursor() as cursor:
        tekst = "varchar(20)"
        if connection.vendor == "postgresql":
            for naam, waarde in INSTELLINGEN.items():
                cursor.execute(f"SET LOCAL {naam} = '{waarde}'")
            tekst = 'varchar(20) COLLATE "C"'  # byte order: the category sorts without locale rules
        cursor.execute(
            f"CREATE TEMPORARY TABLE {TUSSEN} (p_maand date, p_kwartaal date, p_jaar date, d_gemeente bigint, "
            f"d_aanbieder bigint, d_categorie {tekst}, k bigint, t numeric, n numeric)"
        )
        if veld:
            _vul(cursor, _deelcellen(indicator, *jaren), [*kolommen, "k"])
            _analyseer(cursor, TUSSEN)
            binnen = tuple("MAX({0})" if _onderscheiden(e) else "SUM({0})" for e in aggregaten)
            bronnen[Periodesoort.KWARTAAL] = f"{TUSSEN}_kwartaal"
            bronnen[Periodesoort.JAAR] = f"{TUSSEN}_jaar"
            _herleid(cursor, bronnen[Periodesoort.KWARTAAL], TUSSEN, ["p_kwartaal", "p_jaar"], binnen)
            _herleid(cursor, bronnen[Periodesoort.JAAR], bronnen[Periodesoort.KWARTAAL], ["p_jaar"], binnen)
        else:
            _vul(cursor, _deelcellen(indicator, *maanden), kolommen)
            _vul(cursor, _bewaarde_maanden(indicator.code, jaren, maanden), kolommen)
        for soort in Periodesoort:
            perioden = periodebegin(van, soort), periodebegin(tot, soort)
            Cijfer.objects.filter(indicator=indicator.code, periodesoort=soort, periode__range=perioden).delete()
            for dims in GROEPERINGEN:
                aantal += _voeg_in(cursor, indicator.code, soort, dims, bronnen[soort], sommen, perioden)
        for naam in dict.fromkeys(bronnen.values()):  # on an error the rollback drops them (DDL is transactional)
            cursor.execute(f"DROP TABLE {naam}")
    return aantal


def volgt_declaraties(indicator: Indicator) -> bool:
    """Whether the indicator reads the declarations or the budget ledger: its figures move when
    declarations are approved, so the incremental refresh recomputes it."""
    tabellen = {
        model._meta.db_table
        for label in ("declaraties", "budgetten")
        for model in apps.get_app_config(label).get_models()
    }
    query = indicator.bron.rijen(Periodesoort.MAAND, date.min, date.min, FIJNST).query
    return any(tabel.table_name in tabellen for tabel in query.alias_map.values())


def ververs(
    *, van: date, tot: date, indicatoren: Iterable[Indicator] | None = None, voortgang: Voortgang | None = None
) -> int:
    """Recompute every period (month, quarter, year) that overlaps [van, tot]. One
    transaction per indicator replaces its rows, so a reader never sees half a period; writers
    of the rollup take turns on the ``Verversing`` row (two refreshes never interleave rows)."""
    Verversing.objects.get_or_create(pk=1)
    aantal = 0
    for indicator in indicatoren or INDICATOREN:
        aantal += _herbereken(indicator, van, tot)
        if voortgang:
            voortgang(indicator.code)
    _stempel()
    return aantal


def _herbereken(indicator: Indicator, van: date, tot: date) -> int:
    """One indicator's periods that overlap [van, tot], replaced in one transaction."""
    with transaction.atomic():
        if connection.features.has_select_for_update:
            list(Verversing.objects.select_for_update().filter(pk=1).values_list("pk", flat=True))
        return _bereken(indicator, van, tot)


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


def _bereik() -> tuple[date, date]:
    """The span of the operational data: the first referral or line to today."""
    vandaag = timezone.localdate()
    eerste = [
        Verwijzing.objects.aggregate(m=Min("datum"))["m"],
        Declaratieregel.objects.aggregate(m=Min("begindatum"))["m"],
    ]
    return min([d for d in eerste if d] or [vandaag]), vandaag


def bouw_opnieuw(*, voortgang: Voortgang | None = None) -> int:
    """Full rebuild over the whole history."""
    van, tot = _bereik()
    with transaction.atomic():
        VerouderdePeriode.objects.all().delete()
        Cijfer.objects.exclude(indicator__in=[i.code for i in INDICATOREN]).delete()  # codes no longer defined
    aantal = ververs(van=van, tot=tot, voortgang=voortgang)
    Verversing.objects.filter(pk=1).update(volledig=timezone.now())
    return aantal


def markeer(dagen: Iterable[date]) -> None:
    """Queue the months of ``dagen`` for recomputation (cheap; called after approvals)."""
    maanden = {dag.replace(day=1) for dag in dagen}
    VerouderdePeriode.objects.bulk_create([VerouderdePeriode(maand=m) for m in sorted(maanden)], ignore_conflicts=True)


def markeer_declaraties(verwerkt: Verwerkt) -> None:
    """After a committed declaration intake (``declaraties.gebeurtenissen.Verwerkt``, subscribed
    in ``jeugdregie/abonnementen.py``):
    queue the months of the decided lines, and the month in which each allocation whose ledger
    moved closed, if it has (budget utilisation and client price are dated there)."""
    gesloten = gesloten_toewijzingen().filter(pk__any=verwerkt.toewijzingen).values_list("gesloten_op", flat=True)
    markeer([*verwerkt.dagen, *gesloten])


def werk_bij(*, voortgang: Voortgang | None = None) -> int:
    """Process the queue: recompute, for the indicators that follow declarations, the queued
    months with their quarters and years — per run of consecutive months (per year for a
    distinct count, ``reeksen``), so a late correction years back costs its own months, not the
    span up to the current one. One query when the queue is empty. Run by the
    background task ``jeugdregie.rollup_wachtrij`` (after each intake and every few minutes) and
    ``manage.py beheersing ververs``, never inside a request (issue 17 part B). Months leave the
    queue before they are computed, so an approval committed meanwhile queues them again. The
    figures of the allocation route (starts, stops, screenings, requests) follow with the full
    rebuild."""
    if not VerouderdePeriode.objects.exists():
        return 0
    with transaction.atomic():
        maanden = list(
            VerouderdePeriode.objects.select_for_update(skip_locked=True)
            .order_by("maand")
            .values_list("maand", flat=True)
        )
        VerouderdePeriode.objects.filter(maand__in=maanden).delete()
    if not maanden:
        return 0
    indicatoren = [indicator for indicator in INDICATOREN if volgt_declaraties(indicator)]
    Verversing.objects.get_or_create(pk=1)
    aantal = 0
    try:
        for indicator in indicatoren:
            for van, tot in reeksen(maanden, per_jaar=sleutel(indicator) is not None):
                aantal += _herbereken(indicator, van, tot)
            if voortgang:
                voortgang(indicator.code)
    except BaseException:
        markeer(maanden)
        raise
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
