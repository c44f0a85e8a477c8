"""DuckDB side of benchmark W3 (issue 6 §11): the operational tables exported once into a DuckDB
file, and the scorecard and municipality-comparison figures hand-written in DuckDB SQL over them.

The export is what an analyst would do offline (DuckDB's sqlite/postgres scanners need a
download): ``COPY (SELECT …) TO STDOUT (FORMAT csv)`` on PostgreSQL, Python's csv module on
SQLite, then ``read_csv`` with the column types of the Django fields into a DuckDB file. Only the
columns the figures read are exported.

The SQL below is written by hand from the indicator definitions in SPEC §11.3 /
``beheersing/indicatoren/*`` (not generated from them): per indicator its source rows, the date
that places a row in a period, municipality, provider, product category, and
numerator/denominator aggregates. ``VANDAAG`` is the day the rollup was built (closed
allocations are those closed by then).

Two uses: the scorecard and comparison figures (``scorekaart_sql``, ``vergelijking_sql``), and
every cell the rollup stores (``cellen_sql``, issue 18 §3), compared cell by cell with
``beheersing_cijfer`` (``exporteer_cijfers``, ``vergelijk_cellen``). Checked against a
``genereer_regio --schaal 1`` region too, whose data feeds all 23 indicators (the benchmark's
declarations data has no screenings, stays, adjustment or crisis requests): 2,212,233 cells, no
difference."""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

# DuckDB table: (Django model, fields). Models by label so the DuckDB process needs no Django.
TABELLEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "regel": (
        "declaraties.Declaratieregel",
        (
            "id",
            "declaratie",
            "aanbieder",
            "jeugdige",
            "toewijzing",
            "product",
            "begindatum",
            "einddatum",
            "bedrag",
            "debet_credit",
            "status",
        ),
    ),
    "declaratie": ("declaraties.Declaratie", ("id", "gemeente", "periode_einde", "dagen_na_periode")),
    "product": ("catalogus.Product", ("id", "onderdeel")),
    "toewijzing": (
        "toewijzingen.Toewijzing",
        (
            "id",
            "verwijzing",
            "jeugdige",
            "gemeente",
            "aanbieder",
            "soort",
            "keuzebudget",
            "einddatum",
            "status",
            "startdatum_zorg",
            "stopdatum_zorg",
            "vervolgzorg",
            "resultaatscore",
            "reden_beeindiging",
            "woonvorm",
        ),
    ),
    "verwijzing": (
        "verwijzingen.Verwijzing",
        ("id", "gemeente", "aanbieder", "product_indicatie", "datum", "is_verlenging"),
    ),
    "keuzebudget": ("verwijzingen.Keuzebudget", ("id", "bedrag", "is_offerte")),
    "budgetstand": ("budgetten.Budgetstand", ("toewijzing", "vastgelegd", "goedgekeurd", "vrijgevallen")),
    "screening": ("toewijzingen.Screening", ("id", "verwijzing", "datum", "uitkomst")),
    "verblijfsverzoek": ("wonen.Verblijfsverzoek", ("id", "toewijzing", "aangevraagd_op", "geplaatst_op")),
    "aanpassing": ("toewijzingen.Aanpassingsaanvraag", ("id", "verwijzing", "ingediend_op", "te_laat", "status")),
    "crisisverzoek": (
        "crisis.Crisisopvolgingsverzoek",
        ("id", "gemeente", "aanbieder", "product", "ingediend_op", "te_laat"),
    ),
    "gemeente": ("organisaties.Gemeente", ("id", "regio", "jeugdigen")),
}


def _duck_type(veld) -> str:
    from django.db import models

    if isinstance(veld, (models.ForeignKey, models.AutoField, models.IntegerField)):
        return "BIGINT"
    if isinstance(veld, models.DecimalField):
        return f"DECIMAL({veld.max_digits},{veld.decimal_places})"
    if isinstance(veld, models.DateTimeField):
        return "TIMESTAMPTZ"
    if isinstance(veld, models.DateField):
        return "DATE"
    if isinstance(veld, models.BooleanField):
        return "BOOLEAN"
    return "VARCHAR"


def exporteer(map_: Path, duck_pad: Path) -> dict[str, tuple[int, float]]:
    """Every table of ``TABELLEN`` to CSV and into the DuckDB file; per table (rows, seconds)."""
    import duckdb
    from django.apps import apps
    from tqdm import tqdm

    duck_pad.unlink(missing_ok=True)
    duck = duckdb.connect(str(duck_pad))
    duck.execute("SET TimeZone = 'UTC'")  # SQLite keeps moments as naive UTC text
    resultaat = {}
    for naam, (label, veldnamen) in tqdm(TABELLEN.items(), desc="export naar DuckDB", unit="tabel"):
        begin = time.perf_counter()
        model = apps.get_model(label)
        velden = [model._meta.get_field(v) for v in veldnamen]
        kolommen = [v.column for v in velden]
        bestand = map_ / f"{naam}.csv"
        _naar_csv(f"SELECT {', '.join(kolommen)} FROM {model._meta.db_table}", kolommen, bestand)
        typen = ", ".join(f"'{k}': '{_duck_type(v)}'" for k, v in zip(kolommen, velden, strict=True))
        duck.execute(
            f"CREATE TABLE {naam} AS SELECT * FROM read_csv('{bestand}', header = true, columns = {{{typen}}})"
        )
        aantal = duck.execute(f"SELECT count(*) FROM {naam}").fetchone()[0]
        bestand.unlink()
        resultaat[naam] = (aantal, time.perf_counter() - begin)
    duck.execute("CHECKPOINT")
    duck.close()
    return resultaat


def _naar_csv(select: str, kolommen: list[str], bestand: Path) -> None:
    """The rows of ``select`` (on Django's connection) into a CSV file with a header."""
    from django.db import connection

    with connection.cursor() as cursor, open(bestand, "wb" if connection.vendor == "postgresql" else "w") as uit:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for blok in copy:
                    uit.write(blok)
        else:
            schrijver = csv.writer(uit)
            schrijver.writerow(kolommen)
            cursor.execute(select)
            while rijen := cursor.fetchmany(50_000):
                schrijver.writerows(rijen)


CIJFERKOLOMMEN = {
    "indicator": "VARCHAR",
    "periodesoort": "VARCHAR",
    "periode": "DATE",
    "gemeente_id": "BIGINT",
    "aanbieder_id": "BIGINT",
    "categorie": "VARCHAR",
    "teller": "DOUBLE",
    "noemer": "DOUBLE",
}


def exporteer_cijfers(bestand: Path) -> int:
    """The product's rollup table (``beheersing_cijfer``) as it stands, into a CSV file; rows. Only
    the totals over the split by purchasing level and funding variant (issue 22; ``Cijfer.objects``):
    the hand-written figures compute those."""
    from django.db import connection

    from jeugdregie.beheersing.models import Cijfer

    tabel = connection.ops.quote_name(Cijfer._meta.db_table)
    totalen = "WHERE inkoop = '' AND bekostiging = ''"
    _naar_csv(f"SELECT {', '.join(CIJFERKOLOMMEN)} FROM {tabel} {totalen}", list(CIJFERKOLOMMEN), bestand)
    return Cijfer.objects.count()


@dataclass(frozen=True)
class Figuur:
    """One indicator by hand: ``bron`` is FROM … WHERE …; ``datum``, ``gemeente``, ``aanbieder``,
    ``categorie`` (the product category, NULL when unknown) expressions over it;
    ``teller``/``noemer`` aggregates; ``ratio``: value = teller / noemer × ``schaal`` (else
    teller); ``per_1000``: an amount or count, normalised per 1,000 young inhabitants between
    municipalities."""

    code: str
    bron: str
    datum: str
    gemeente: str
    aanbieder: str
    categorie: str
    teller: str
    noemer: str
    ratio: bool = True
    schaal: int = 1
    per_1000: bool = False


_REGELS = "regel r JOIN declaratie d ON d.id = r.declaratie_id LEFT JOIN product p ON p.id = r.product_id"
# The category of an allocation (of its kind), and of a referral (of its indicated product's part):
# Wonen/Verblijf, crisis, else ambulant.
_CATEGORIE_T = (
    "CASE {t}.soort WHEN 'wonen_verblijf' THEN 'wonen_verblijf' WHEN 'crisisopvolging' THEN 'crisis' "
    "ELSE 'ambulant' END"
)
_CATEGORIE_V = (
    "CASE vp.onderdeel WHEN 'wonen_verblijf' THEN 'wonen_verblijf' WHEN 'crisis' THEN 'crisis' ELSE 'ambulant' END"
)
_GOED = f"FROM {_REGELS} WHERE r.status = 'goedgekeurd'"
_IN_ZORG = f"{_GOED} AND r.debet_credit = 'D'"
_GETEKEND = "SUM(CASE WHEN r.debet_credit = 'C' THEN -r.bedrag ELSE r.bedrag END)"
# Closed by VANDAAG: care stopped or end date passed, never withdrawn ones; dated when closed.
_GESLOTEN = "(t.status = 'gestopt' OR t.einddatum < DATE '{vandaag}') AND t.status <> 'ingetrokken'"
_GESLOTEN_OP = "COALESCE(t.stopdatum_zorg, t.einddatum)"
_BUDGETTEN = (
    "FROM toewijzing t JOIN keuzebudget k ON k.id = t.keuzebudget_id "
    "LEFT JOIN budgetstand s ON s.toewijzing_id = t.id "
    f"WHERE {_GESLOTEN} AND t.soort = 'keuzebudget'"
)
# One budget's share: round(goedgekeurd / bedrag, 4) half up, in cents and integers.
_AANDEEL = (
    "SUM(FLOOR((2 * ROUND(COALESCE(s.goedgekeurd, 0) * 100) * 10000 + ROUND(k.bedrag * 100)) "
    "/ (2 * ROUND(k.bedrag * 100))) / 10000)"
)
_AANVRAGEN = (
    "LEFT JOIN (SELECT verwijzing_id, count(*) AS n FROM aanpassing {filter} GROUP BY verwijzing_id) a "
    "ON a.verwijzing_id = t.verwijzing_id"
)
_GESTOPT = "FROM toewijzing t WHERE t.status = 'gestopt' AND t.stopdatum_zorg IS NOT NULL"
_HERINSTROOM = (
    "EXISTS (SELECT 1 FROM toewijzing l JOIN verwijzing lv ON lv.id = l.verwijzing_id "
    "WHERE l.jeugdige_id = t.jeugdige_id AND NOT lv.is_verlenging "
    "AND l.startdatum_zorg > t.stopdatum_zorg "
    "AND l.startdatum_zorg <= CAST(t.stopdatum_zorg + INTERVAL 12 MONTH AS DATE) "
    "AND l.id <> COALESCE(t.vervolgzorg_id, 0))"
)
_SCREENINGS = (
    "FROM screening sc JOIN verwijzing v ON v.id = sc.verwijzing_id "
    "LEFT JOIN product vp ON vp.id = v.product_indicatie_id "
    "WHERE sc.uitkomst IN ('geaccepteerd', 'te_zwaar', 'te_licht', 'zwaarwegend')"
)
_WEIGERING = "sc.uitkomst IN ('te_zwaar', 'te_licht', 'zwaarwegend')"
_T = {"gemeente": "t.gemeente_id", "aanbieder": "t.aanbieder_id", "categorie": _CATEGORIE_T.format(t="t")}
_R = {"gemeente": "d.gemeente_id", "aanbieder": "r.aanbieder_id", "datum": "r.begindatum", "categorie": "p.onderdeel"}
# All lines, approved and rejected: a line without a recognised product takes its allocation's category.
_ALLE_REGELS = f"FROM {_REGELS} LEFT JOIN toewijzing rt ON rt.id = r.toewijzing_id WHERE true"
_R_ALLE = {**_R, "categorie": f"COALESCE(p.onderdeel, {_CATEGORIE_T.format(t='rt')})"}

FIGUREN: list[Figuur] = [
    # kwaliteit
    Figuur(
        "KWA01",
        f"{_GESTOPT} AND t.resultaatscore <> ''",
        "t.stopdatum_zorg",
        **_T,
        teller="count(*) FILTER (WHERE t.resultaatscore = 'behaald')",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "KWA02",
        _GESTOPT,
        "t.stopdatum_zorg",
        **_T,
        teller=f"count(*) FILTER (WHERE {_HERINSTROOM})",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "KWA03",
        _GESTOPT,
        "t.stopdatum_zorg",
        **_T,
        teller="count(*) FILTER (WHERE t.reden_beeindiging = '31')",
        noemer="count(*)",
        schaal=100,
    ),
    # kosten
    Figuur("KOS01", _GOED, **_R, teller=_GETEKEND, noemer="count(*)", ratio=False, per_1000=True),
    Figuur("KOS02", _GOED, **_R, teller=_GETEKEND, noemer="count(DISTINCT r.jeugdige_id)"),
    Figuur(
        "KOS03",
        f"FROM toewijzing t LEFT JOIN budgetstand s ON s.toewijzing_id = t.id "
        f"WHERE {_GESLOTEN} AND t.startdatum_zorg IS NOT NULL",
        _GESLOTEN_OP,
        **_T,
        teller="SUM(s.goedgekeurd)",
        noemer="count(*)",
    ),
    Figuur(
        "KOS04",
        f"{_BUDGETTEN} AND s.vastgelegd IS NOT NULL",
        _GESLOTEN_OP,
        **_T,
        teller="SUM(s.vrijgevallen)",
        noemer="SUM(s.vastgelegd)",
        schaal=100,
    ),
    # KOS05 (issue 21): the mean of each closed standard budget's utilisation, each share rounded
    # half up to 4 decimals in whole numbers as the product does; KOS05O the same over offertes.
    Figuur(
        "KOS05",
        f"{_BUDGETTEN} AND NOT k.is_offerte",
        _GESLOTEN_OP,
        **_T,
        teller=_AANDEEL,
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "KOS05O", f"{_BUDGETTEN} AND k.is_offerte", _GESLOTEN_OP, **_T, teller=_AANDEEL, noemer="count(*)", schaal=100
    ),
    # continuïteit
    Figuur(
        "CON01",
        "FROM toewijzing t WHERE t.startdatum_zorg IS NOT NULL",
        "t.startdatum_zorg",
        **_T,
        teller="count(*)",
        noemer="count(*)",
        ratio=False,
        per_1000=True,
    ),
    Figuur(
        "CON02",
        "FROM toewijzing t JOIN verwijzing v ON v.id = t.verwijzing_id WHERE t.startdatum_zorg IS NOT NULL",
        "t.startdatum_zorg",
        **_T,
        teller="SUM(date_diff('day', v.datum, t.startdatum_zorg))",
        noemer="count(*)",
    ),
    Figuur(
        "CON03",
        "FROM toewijzing t WHERE t.stopdatum_zorg IS NOT NULL",
        "t.stopdatum_zorg",
        **_T,
        teller="count(*)",
        noemer="count(*)",
        ratio=False,
        per_1000=True,
    ),
    Figuur(
        "CON04",
        "FROM verblijfsverzoek b JOIN toewijzing t ON t.id = b.toewijzing_id WHERE b.geplaatst_op IS NOT NULL",
        "CAST(timezone('Europe/Amsterdam', b.geplaatst_op) AS DATE)",
        **_T,
        teller="SUM(round((epoch(b.geplaatst_op) - epoch(b.aangevraagd_op)) / 3600, 2))",
        noemer="count(*)",
    ),
    Figuur(
        "CON05",
        _SCREENINGS,
        "sc.datum",
        "v.gemeente_id",
        "v.aanbieder_id",
        _CATEGORIE_V,
        teller=f"count(*) FILTER (WHERE {_WEIGERING})",
        noemer="count(*)",
        ratio=False,
        per_1000=True,
    ),
    Figuur(
        "CON06",
        _SCREENINGS,
        "sc.datum",
        "v.gemeente_id",
        "v.aanbieder_id",
        _CATEGORIE_V,
        teller=f"count(*) FILTER (WHERE {_WEIGERING})",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "CON07",
        _IN_ZORG,
        **_R,
        teller="count(DISTINCT r.jeugdige_id) FILTER (WHERE p.onderdeel = 'wonen_verblijf')",
        noemer="count(DISTINCT r.jeugdige_id)",
        schaal=100,
    ),
    Figuur(
        "CON08",
        f"{_IN_ZORG.replace('WHERE', 'JOIN toewijzing t ON t.id = r.toewijzing_id WHERE')} "
        "AND t.soort = 'wonen_verblijf' AND t.woonvorm IN ('pleegzorg', 'gezinshuis', 'leefgroep', 'verblijf')",
        **_R,
        teller="count(DISTINCT r.jeugdige_id) FILTER (WHERE t.woonvorm IN ('pleegzorg', 'gezinshuis'))",
        noemer="count(DISTINCT r.jeugdige_id)",
        schaal=100,
    ),
    # werkprocessen
    Figuur(
        "WER01",
        _BUDGETTEN.replace("WHERE", _AANVRAGEN.format(filter="") + " WHERE"),
        _GESLOTEN_OP,
        **_T,
        teller="SUM(COALESCE(a.n, 0))",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "WER02",
        "FROM aanpassing a JOIN verwijzing v ON v.id = a.verwijzing_id WHERE true",
        "a.ingediend_op",
        "v.gemeente_id",
        "v.aanbieder_id",
        "'ambulant'",
        teller="count(*) FILTER (WHERE a.te_laat)",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "WER03",
        "FROM crisisverzoek c JOIN product cp ON cp.id = c.product_id WHERE true",
        "c.ingediend_op",
        "c.gemeente_id",
        "c.aanbieder_id",
        "cp.onderdeel",
        teller="count(*) FILTER (WHERE c.te_laat)",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "WER04",
        _ALLE_REGELS,
        **_R_ALLE,
        teller="SUM(d.dagen_na_periode + date_diff('day', r.einddatum, d.periode_einde))",
        noemer="count(*)",
    ),
    Figuur(
        "WER05",
        _ALLE_REGELS,
        **_R_ALLE,
        teller="count(*) FILTER (WHERE r.status = 'afgekeurd')",
        noemer="count(*)",
        schaal=100,
    ),
    Figuur(
        "WER06",
        f"{_GESTOPT} AND t.startdatum_zorg IS NOT NULL",
        "t.stopdatum_zorg",
        **_T,
        teller="SUM(date_diff('day', t.startdatum_zorg, t.stopdatum_zorg))",
        noemer="count(*)",
    ),
    Figuur(
        "WER07",
        _BUDGETTEN.replace(
            "WHERE", _AANVRAGEN.format(filter="WHERE status IN ('toegekend', 'deels_toegekend')") + " WHERE"
        ),
        _GESLOTEN_OP,
        **_T,
        teller="SUM(COALESCE(a.n, 0))",
        noemer="count(*)",
    ),
]
FIGUUR = {f.code: f for f in FIGUREN}


def _waarde(f: Figuur) -> str:
    if not f.ratio:
        return "teller"
    return f"CASE WHEN noemer = 0 THEN NULL ELSE teller / noemer * {f.schaal} END"


def _deel(f: Figuur, *, van: date, tot: date, vandaag: date, gemeente: bool, extra: str = "") -> str:
    """One indicator's cells per quarter (and per municipality plus the region if ``gemeente``)."""
    groep = "GROUPING SETS ((periode, gemeente), (periode))" if gemeente else "periode"
    kolom = f"{f.gemeente} AS gemeente" if gemeente else "NULL AS gemeente"
    bron = f.bron.format(vandaag=vandaag.isoformat())
    return (
        f"SELECT '{f.code}' AS code, periode, gemeente, {_waarde(f)} AS waarde FROM ("
        f"SELECT CAST(date_trunc('quarter', {f.datum}) AS DATE) AS periode, {kolom}, "
        f"COALESCE({f.teller}, 0) AS teller, COALESCE({f.noemer}, 0) AS noemer {bron} "
        f"AND {f.datum} BETWEEN DATE '{van}' AND DATE '{tot}' {extra} GROUP BY {groep})"
    )


def scorekaart_sql(codes: list[str], *, aanbieder: int, van: date, tot: date, vandaag: date) -> str:
    """R-K3: one provider's cells per quarter over [van, tot] (all municipalities and categories)."""
    delen = [
        _deel(
            FIGUUR[c],
            van=van,
            tot=tot,
            vandaag=vandaag,
            gemeente=False,
            extra=f"AND {FIGUUR[c].aanbieder} = {aanbieder}",
        )
        for c in codes
    ]
    return "\nUNION ALL\n".join(delen)


def vergelijking_sql(codes: list[str], *, van: date, tot: date, vandaag: date, per: dict[str, int | None]) -> str:
    """R-K4: per municipality of the region and for the region (gemeente NULL), per quarter; values
    of amounts and counts per ``per[code]`` young inhabitants (None: the value itself)."""
    delen = []
    for code in codes:
        f = FIGUUR[code]
        deel = _deel(f, van=van, tot=tot, vandaag=vandaag, gemeente=True)
        factor = per.get(code) if f.per_1000 else None
        waarde = "c.waarde" if factor is None else f"c.waarde * {factor} / NULLIF(j.jeugdigen, 0)"
        delen.append(
            f"SELECT c.code, c.periode, c.gemeente, {waarde} AS waarde FROM ({deel}) c "
            "JOIN (SELECT id AS gemeente, jeugdigen FROM gemeente WHERE regio_id = $regio "
            "UNION ALL SELECT NULL, SUM(jeugdigen) FROM gemeente WHERE regio_id = $regio) j "
            "ON j.gemeente IS NOT DISTINCT FROM c.gemeente"
        )
    return "\nUNION ALL\n".join(delen)


# --- every cell of the rollup (issue 18 §3) ------------------------------------------------------------

PERIODESOORTEN = {"maand": "month", "kwartaal": "quarter", "jaar": "year"}
DIMENSIES = {"gemeente": "cel_gemeente", "aanbieder": "cel_aanbieder", "categorie": "cel_categorie"}
# The first day of the data, as the rollup takes it: the first referral or declaration line.
_EERSTE = "(SELECT least((SELECT min(datum) FROM verwijzing), (SELECT min(begindatum) FROM regel)))"


def onderscheiden(f: Figuur) -> bool:
    """Whether the indicator counts distinct young people (KOS02, CON07, CON08)."""
    return "DISTINCT" in f"{f.teller} {f.noemer}".upper()


def _groeperingen() -> str:
    """Every period kind × every subset of the three dimensions: 24 grouping sets."""
    sets = []
    for periode in PERIODESOORTEN:
        for aantal in range(len(DIMENSIES), -1, -1):
            for dims in combinations(DIMENSIES.values(), aantal):
                sets.append(f"(cel_{periode}, {', '.join(dims)})" if dims else f"(cel_{periode})")
    return f"GROUPING SETS ({', '.join(sets)})"


def _cellen_deel(f: Figuur, *, vandaag: date) -> str:
    """One indicator's cells, shaped as the rollup stores them: the period kind and its first day,
    NULL for an ungrouped municipality or provider, '' (all) for an ungrouped category or an
    unknown one, teller and noemer with 0 for none. The span is the rollup's: its rows from the
    first month of the data to the end of this month (with a distinct count: from the first
    year to the end of this year, since the rollup reads a distinct count's whole years), and
    its periods from the period of the first day of the data to the period of today."""
    vandaag_sql = f"DATE '{vandaag.isoformat()}'"
    eenheid = "year" if onderscheiden(f) else "month"
    onder = f"CAST(date_trunc('{eenheid}', {_EERSTE}) AS DATE)"
    boven = f"CAST(date_trunc('{eenheid}', {vandaag_sql}) + INTERVAL 1 {eenheid} - INTERVAL 1 day AS DATE)"
    perioden = ", ".join(
        f"CAST(date_trunc('{eenheid}', {f.datum}) AS DATE) AS cel_{soort}" for soort, eenheid in PERIODESOORTEN.items()
    )
    soort = (
        "CASE WHEN GROUPING(cel_maand) = 0 THEN 'maand' WHEN GROUPING(cel_kwartaal) = 0 THEN 'kwartaal' ELSE 'jaar' END"
    )
    binnen = " OR ".join(
        f"(periodesoort = '{s}' AND periode BETWEEN CAST(date_trunc('{e}', {_EERSTE}) AS DATE) "
        f"AND CAST(date_trunc('{e}', {vandaag_sql}) AS DATE))"
        for s, e in PERIODESOORTEN.items()
    )
    bron = f.bron.format(vandaag=vandaag.isoformat())
    return (
        f"SELECT * FROM (SELECT '{f.code}' AS indicator, {soort} AS periodesoort, "
        "COALESCE(cel_maand, cel_kwartaal, cel_jaar) AS periode, "
        "cel_gemeente AS gemeente_id, cel_aanbieder AS aanbieder_id, COALESCE(cel_categorie, '') AS categorie, "
        f"CAST(COALESCE({f.teller}, 0) AS DOUBLE) AS teller, CAST(COALESCE({f.noemer}, 0) AS DOUBLE) AS noemer, "
        f"{perioden}, {f.gemeente} AS cel_gemeente, {f.aanbieder} AS cel_aanbieder, "
        f"{f.categorie} AS cel_categorie {bron} AND {f.datum} BETWEEN {onder} AND {boven} "
        f"GROUP BY {_groeperingen()}) WHERE {binnen}"
    )


def cellen_sql(*, vandaag: date, codes: list[str] | None = None) -> str:
    """Every cell the rollup stores (``beheersing_cijfer``): each indicator × month, quarter and
    year × the 8 groupings of municipality, provider and category, in one statement; columns
    indicator, periodesoort, periode, gemeente_id, aanbieder_id, categorie, teller, noemer."""
    figuren = [f for f in FIGUREN if codes is None or f.code in codes]
    return "\nUNION ALL\n".join(
        "SELECT indicator, periodesoort, periode, gemeente_id, aanbieder_id, categorie, teller, noemer "
        f"FROM ({_cellen_deel(f, vandaag=vandaag)})"
        for f in figuren
    )


SLEUTEL = "indicator, periodesoort, periode, gemeente_id, aanbieder_id, categorie"


def vergelijk_cellen(con, ons: str, duck: str, *, toon: int = 40) -> dict:
    """Every cell of the tables ``ons`` (the product's) and ``duck``, matched on their key. A key
    may hold two cells (an unknown category is stored as '', like all categories), so cells are
    matched as a multiset: per key in order of teller and noemer. Equal within 1e-9 relative
    (1e-6 absolute): SQLite sums amounts in floating point. Returns the counts and the first
    ``toon`` mismatches."""
    genummerd = "SELECT *, row_number() OVER (PARTITION BY {s} ORDER BY teller, noemer) AS nr FROM {t}"
    verschil = "abs(o.{k} - d.{k}) > greatest(1e-6, 1e-9 * greatest(abs(o.{k}), abs(d.{k})))"
    sleutel = [*(k.strip() for k in SLEUTEL.split(",")), "nr"]
    gelijk = " AND ".join(f"o.{k} IS NOT DISTINCT FROM d.{k}" for k in sleutel)
    rijen = con.execute(
        f"WITH o AS ({genummerd.format(s=SLEUTEL, t=ons)}), d AS ({genummerd.format(s=SLEUTEL, t=duck)}) "
        f"SELECT COALESCE(o.indicator, d.indicator), COALESCE(o.periodesoort, d.periodesoort), "
        "COALESCE(o.periode, d.periode), COALESCE(o.gemeente_id, d.gemeente_id), "
        "COALESCE(o.aanbieder_id, d.aanbieder_id), COALESCE(o.categorie, d.categorie), "
        "o.teller, o.noemer, d.teller, d.noemer "
        f"FROM o FULL OUTER JOIN d ON {gelijk} "
        f"WHERE o.nr IS NULL OR d.nr IS NULL OR {verschil.format(k='teller')} OR {verschil.format(k='noemer')} "
        "ORDER BY 1, 2, 3, 4, 5, 6"
    ).fetchall()
    per_indicator = dict(con.execute(f"SELECT indicator, count(*) FROM {ons} GROUP BY 1 ORDER BY 1").fetchall())
    dubbel = con.execute(
        f"SELECT count(*) FROM (SELECT {SLEUTEL} FROM {ons} GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0]
    return {
        "ons": con.execute(f"SELECT count(*) FROM {ons}").fetchone()[0],
        "duckdb": con.execute(f"SELECT count(*) FROM {duck}").fetchone()[0],
        "dubbele_sleutels": dubbel,
        "per_indicator": per_indicator,
        "verschillen": len(rijen),
        "voorbeelden": [
            f"  {i} {s} {p} gemeente {g} aanbieder {a} categorie '{c}': ons {ot}/{on}, DuckDB {dt}/{dn}"
            for i, s, p, g, a, c, ot, on, dt, dn in rijen[:toon]
        ],
    }
