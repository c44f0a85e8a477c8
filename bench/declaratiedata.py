"""Benchmark data for declarations (issue 4 §10): allocations with five years of approved monthly
declaration lines, and the input of one more month to validate (W2) and pay (W4).

Two sizes (and ``klein``, 3 municipalities, 20 providers, 2,000 young people, to check that
the bench runs and that service and statement agree):
- ``nationaal`` (PostgreSQL): 342 municipalities, 3,000 providers, 1 M young people, 2 M
  allocations with a keuzebudget, ≈29 M approved lines 2022-01…2026-12;
- ``regionaal`` (SQLite or PostgreSQL): the 11 municipalities of IJsselland's size, 60 providers,
  42 k young people, 84 k allocations, ≈1.25 M lines.

Every allocation is ambulant (a keuzebudget, herstel) for one tariff group product, begins on a
random day of a random month (uniform over the 60 months) and runs 6–27 months; the budget is
9.3 × the product tariff per month, and each month 5–9 hours are declared, so closed budgets end
at ≈75% used. Each young person has two allocations, each municipality twenty providers. Tariffs
are the illustrative catalog ones. Rows get their ids up front and go in by COPY (PostgreSQL) or
executemany (SQLite), one transaction per chunk of allocations. Only what the checks read is
made: no residence history, referrers or results.

Every provider has a contract from 2022 for the seven tariff groups and is registered on them
(R-T2, R-B8), so the lines pass the contract checks as they do in a region.

Every allocation has its budget ledger as the services leave it (R-B7): the keuzebudget allocated
and committed (``toegewezen = vastgelegd``, what ``bedrag_van`` gives), the history approved, and
released (``vrijgevallen`` = the unspent rest, ``vrijgegeven_op``) when the region's declaration
window after the allocation's end had closed by the day before the month to validate is submitted
(``manage.py budgetten vrijgeven`` run daily: released on the first day after the window).
Not on SQLite: there the check constraint ``budgetstand_binnen_budget`` compares in floating
point and refuses many exactly released ledgers (934.44 <= 1234.56 - 300.12 is false in doubles;
``geef_vrij`` fails on them the same way), so those ledgers stay open past their window and the
intake refuses their lines DEC022 by the date alone.

The month to validate is 2027-01: one line per allocation active then, submitted on
2027-02-10, with about 2.6% erroneous lines (wrong amount, unknown product, reused reference,
a period already declared, another provider's allocation, a budget overrun, a product outside
the contract, a period not from the first of the month), and late lines for allocations that
ended in 2026-10…12: another tariff group in their last month, refused DEC022 when the window
has closed (the ledger released), approved when it is still open."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.db import connection, transaction
from tqdm import tqdm

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.common.bulk import schrijf_rijen
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import JEUGDWET, Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio
from jeugdregie.organisaties.regelset import regels as regelset_op
from jeugdregie.organisaties.regelset import registreer_regio
from jeugdregie.synthese.bulk import Tabel, herstel_reeksen
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bedrag import bedrag_van
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing

EERSTE_MAAND = date(2022, 1, 1)
MAANDEN = 60  # 2022-01 … 2026-12
DOELMAAND = date(2027, 1, 1)
INGEDIEND = datetime(2027, 2, 10, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
TG = [f"45A0{n}" for n in range(1, 8)]
AANBIEDERS_PER_GEMEENTE = 20
CHUNK = 20_000  # allocations per transaction
#: The release job ran every day up to the day before the month to validate is submitted.
VRIJGAVE_TOT = INGEDIEND.date() - timedelta(days=1)


def vrijgegeven_op(einde: date, termijn_dagen: int) -> date | None:
    """The day the daily release job released a ledger whose allocation ended on ``einde`` (the
    first day after the window, as ``budgetten.services.grootboek.te_vrijgeven`` selects it), or
    None when that day is after ``VRIJGAVE_TOT``."""
    op = einde + timedelta(days=termijn_dagen + 1)
    return op if op <= VRIJGAVE_TOT else None


@dataclass(frozen=True)
class Schaal:
    naam: str
    gemeenten: int
    aanbieders: int
    jeugdigen: int

    @property
    def toewijzingen(self) -> int:
        return 2 * self.jeugdigen

    @property
    def stap(self) -> int:
        return max(1, self.aanbieders // self.gemeenten)


SCHALEN = {
    "nationaal": Schaal("nationaal", 342, 3000, 1_000_000),
    "regionaal": Schaal("regionaal", 11, 60, 42_000),
    "klein": Schaal("klein", 3, 20, 2_000),  # a quick check that the bench runs and both sides agree
}


def _maand(index: int) -> date:
    return EERSTE_MAAND + relativedelta(months=index)


def _h(t: int, k: int) -> int:
    """A cheap deterministic hash of (allocation, purpose), the same in Python and in SQL
    (``(t * 2654435761 + k * 40503) >> 7``), so PostgreSQL can generate the same data by itself."""
    return (t * 2654435761 + k * 40503) >> 7


def _uren(t: int, m: int) -> int:
    """5–9 hours in history month m (0…59; 60 is the month to validate) of allocation t."""
    return 5 + _h(t, 100 + m) % 5


@dataclass(frozen=True)
class Toewijzingsplan:
    t: int
    jeugdige: int
    gemeente: int
    aanbieder: int
    begindatum: date
    einddatum: date
    product: int  # index in TG

    def maanden(self) -> range:
        """Indexes of the history months with lines (up to 2026-12)."""
        eerste = (self.begindatum.year - 2022) * 12 + self.begindatum.month - 1
        laatste = min((self.einddatum.year - 2022) * 12 + self.einddatum.month - 1, MAANDEN - 1)
        return range(eerste, laatste + 1)


def plan(schaal: Schaal, t: int) -> Toewijzingsplan:
    """Allocation t (1…n), as ``_PLAN_SQL`` computes it too."""
    jeugdige = (t - 1) % schaal.jeugdigen + 1
    gemeente = (jeugdige * 7) % schaal.gemeenten + 1
    aanbieder = ((gemeente - 1) * schaal.stap + _h(t, 1) % AANBIEDERS_PER_GEMEENTE) % schaal.aanbieders + 1
    begin = _maand(_h(t, 2) % MAANDEN) + timedelta(days=_h(t, 3) % 28)
    einde = begin + relativedelta(months=6 + _h(t, 4) % 22) - timedelta(days=1)
    return Toewijzingsplan(t, jeugdige, gemeente, aanbieder, begin, einde, _h(t, 5) % 7)


def plannen(schaal: Schaal):
    for t in range(1, schaal.toewijzingen + 1):
        yield plan(schaal, t)


def _contracten(schaal: Schaal, regio: Regio, product_ids: list[int]) -> None:
    """R-T2/R-B8: a contract per provider from 2022 (open-ended) for the tariff groups, with a
    registration on each (the intake pays a tariff group only to a provider registered on it)."""
    begin = EERSTE_MAAND
    Contract.objects.bulk_create(
        [
            Contract(pk=a, aanbieder_id=a, regio=regio, nummer=f"BENCH-{a}", begindatum=begin)
            for a in range(1, schaal.aanbieders + 1)
        ],
        batch_size=2000,
    )
    for model in (ContractProduct, Inschrijving):
        model.objects.bulk_create(
            [
                model(contract_id=a, product_id=p, begindatum=begin)
                for a in range(1, schaal.aanbieders + 1)
                for p in product_ids
            ],
            batch_size=5000,
        )
    herstel_reeksen([Contract, ContractProduct, Inschrijving])


def laad(schaal: Schaal) -> dict[str, int]:
    """Write the whole data set into an empty, migrated database with the catalog loaded."""
    producten = {p.code: p for p in Product.objects.filter(code__in=TG)}
    tarieven = [producten[c].tarief_op(EERSTE_MAAND).bedrag for c in TG]
    product_ids = [producten[c].pk for c in TG]
    with transaction.atomic():
        regio = registreer_regio(code=f"bench-{schaal.naam}", naam=f"Benchmark {schaal.naam}")
        gemeenten = Tabel(Gemeente, ("regio_id", "cbs_code", "naam", "inwoners", "jeugdigen"))
        for g in range(1, schaal.gemeenten + 1):
            inwoners = 20_000 + (g * 7919) % 180_000
            gemeenten.rij(regio.pk, f"{g:04d}", f"Gemeente {g}", inwoners, inwoners // 5, pk=g)
        gemeenten.laad()
        aanbieders = Tabel(Aanbieder, ("agb_code", "naam", "categorie", "regio_id"))
        for a in range(1, schaal.aanbieders + 1):
            aanbieders.rij(f"{10_000_000 + a:08d}", f"Aanbieder {a}", "jo", regio.pk, pk=a)
        aanbieders.laad()
        herstel_reeksen([Gemeente, Aanbieder])
        _contracten(schaal, regio, [producten[c].pk for c in TG])
    termijn = regelset_op(regio, JEUGDWET).declaratietermijn_dagen  # R-R1: its one version, the first
    vrijgeven = connection.vendor == "postgresql"  # see the module docstring
    nu = datetime(2021, 12, 1, tzinfo=ZoneInfo("UTC"))
    with transaction.atomic():
        jeugdigen = Tabel(Jeugdige, ("bsn", "voornamen", "achternaam", "geboortedatum", "geslacht", "aangemaakt"))
        for j in tqdm(range(1, schaal.jeugdigen + 1), desc="jeugdigen", unit_scale=True, mininterval=2):
            geboren = date(2006, 1, 1) + timedelta(days=j % 6500)
            jeugdigen.rij(f"{j:09d}", "Bench", f"Jeugdige {j}", geboren, "0", nu, pk=j)
        jeugdigen.laad()
        herstel_reeksen([Jeugdige])

    # Declarations (one per provider, municipality and month with lines) before their lines.
    sleutels: set[tuple[int, int, int]] = set()
    for plan in tqdm(plannen(schaal), total=schaal.toewijzingen, desc="declaraties", unit_scale=True):
        for m in plan.maanden():
            sleutels.add((plan.aanbieder, plan.gemeente, m))
    declaratie_id = {}
    with transaction.atomic():
        declaraties = Tabel(
            Declaratie,
            (
                "aanbieder_id",
                "gemeente_id",
                "nummer",
                "bron",
                "inhoud_hash",
                "ingediend_op",
                "periode_einde",
                "dagen_na_periode",
            ),
        )
        for pk, (a, g, m) in enumerate(sorted(sleutels), start=1):
            einde = _maand(m + 1) - timedelta(days=1)
            ingediend = datetime.combine(einde + timedelta(days=12), datetime.min.time(), tzinfo=ZoneInfo("UTC"))
            declaraties.rij(a, g, f"H{_maand(m):%Y%m}-{g}", "api", "", ingediend, einde, 12, pk=pk)
            declaratie_id[(a, g, m)] = pk
        declaraties.laad()
    del sleutels

    regel_kolommen = [f.column for f in Declaratieregel._meta.concrete_fields]
    regel_id = 0
    plan_iter = plannen(schaal)
    with tqdm(total=schaal.toewijzingen, desc="toewijzingen en regels", unit_scale=True) as voortgang:
        while True:
            blok = [p for _, p in zip(range(CHUNK), plan_iter, strict=False)]
            if not blok:
                break
            with transaction.atomic():
                verwijzingen = Tabel(
                    Verwijzing,
                    (
                        "jeugdige_id",
                        "gemeente_id",
                        "verwijzer_type",
                        "aanbieder_id",
                        "datum",
                        "status",
                        "aangemaakt",
                        "motivering_afwijking",
                    ),
                )
                budgetten = Tabel(Keuzebudget, ("verwijzing_id", "soort", "bedrag", "begindatum", "einddatum"))
                toewijzingen = Tabel(
                    Toewijzing,
                    (
                        "verwijzing_id",
                        "jeugdige_id",
                        "gemeente_id",
                        "aanbieder_id",
                        "soort",
                        "keuzebudget_id",
                        "begindatum",
                        "einddatum",
                        "status",
                        "startdatum_zorg",
                        "stopdatum_zorg",
                        "aangemaakt",
                    ),
                )
                standen = Tabel(
                    Budgetstand,
                    ("toewijzing_id", "toegewezen", "vastgelegd", "goedgekeurd", "vrijgevallen", "vrijgegeven_op"),
                )
                regels = []
                for p in blok:
                    tarief = tarieven[p.product]
                    maanden_totaal = (
                        (p.einddatum.year - p.begindatum.year) * 12 + p.einddatum.month - p.begindatum.month + 1
                    )
                    budget = (tarief * Decimal("9.3") * maanden_totaal).quantize(Decimal("0.01"))
                    gestopt = p.einddatum < DOELMAAND
                    verwijzingen.rij(
                        p.jeugdige,
                        p.gemeente,
                        "02",
                        p.aanbieder,
                        p.begindatum - timedelta(days=14),
                        "geaccepteerd",
                        nu,
                        "",
                        pk=p.t,
                    )
                    budgetten.rij(p.t, "herstel", budget, p.begindatum, p.einddatum, pk=p.t)
                    toewijzingen.rij(
                        p.t,
                        p.jeugdige,
                        p.gemeente,
                        p.aanbieder,
                        "keuzebudget",
                        p.t,
                        p.begindatum,
                        p.einddatum,
                        "gestopt" if gestopt else "gestart",
                        p.begindatum,
                        p.einddatum if gestopt else None,
                        nu,
                        pk=p.t,
                    )
                    besteed = Decimal("0")
                    for m in p.maanden():
                        begin = max(_maand(m), p.begindatum)
                        einde = min(_maand(m + 1) - timedelta(days=1), p.einddatum)
                        uren = _uren(p.t, m)
                        bedrag = tarief * uren
                        besteed += bedrag
                        regel_id += 1
                        regels.append(
                            (
                                regel_id,
                                declaratie_id[(p.aanbieder, p.gemeente, m)],
                                p.aanbieder,
                                f"H{p.t}-{_maand(m):%Y%m}",
                                m + 1,
                                p.jeugdige,
                                p.t,
                                product_ids[p.product],
                                begin,
                                einde,
                                Decimal(uren),
                                "uur",
                                bedrag,
                                "D",
                                None,
                                "goedgekeurd",
                                "",
                                "",
                                "",
                            )
                        )
                    toegewezen = bedrag_van(
                        keuzebudget_bedrag=budget,
                        soort="keuzebudget",
                        product=None,
                        volume=None,
                        begin=p.begindatum,
                        einde=p.einddatum,
                        regio_id=None,  # a keuzebudget: no tariff
                    )
                    # Stopped allocations stopped on their end date: the window runs from einddatum.
                    vrij = vrijgegeven_op(p.einddatum, termijn) if vrijgeven else None
                    rest = toegewezen - besteed if vrij else Decimal("0")
                    standen.rij(p.t, toegewezen, toegewezen, besteed, rest, vrij, pk=p.t)
                for tabel in (verwijzingen, budgetten, toewijzingen, standen):
                    tabel.laad()
                schrijf_rijen(Declaratieregel._meta.db_table, regel_kolommen, regels)
            voortgang.update(len(blok))
    herstel_reeksen([Verwijzing, Keuzebudget, Toewijzing, Budgetstand, Declaratie, Declaratieregel])
    with connection.cursor() as cursor:
        totaal = (
            "(SELECT SUM(r.bedrag) FROM declaraties_declaratieregel r "
            "WHERE r.declaratie_id = declaraties_declaratie.id)"
        )
        cursor.execute(f"UPDATE declaraties_declaratie SET ingediend_bedrag = {totaal}, goedgekeurd_bedrag = {totaal}")
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return {"toewijzingen": schaal.toewijzingen, "regels": regel_id, "declaraties": len(declaratie_id)}


def _h_sql(k: int) -> str:
    return f"((p.t * 2654435761 + {k} * 40503) >> 7)"


def laad_postgresql(schaal: Schaal) -> dict[str, int]:
    """The same data as ``laad``, generated inside PostgreSQL (``INSERT … SELECT`` over
    ``generate_series``, the plan by the same hash), in chunks of allocations so the deferred
    foreign-key checks stay small. Far faster than building 29 M rows in Python."""
    producten = {p.code: p for p in Product.objects.filter(code__in=TG)}
    G, A, J, N = schaal.gemeenten, schaal.aanbieders, schaal.jeugdigen, schaal.toewijzingen
    with transaction.atomic():
        regio = registreer_regio(code=f"bench-{schaal.naam}", naam=f"Benchmark {schaal.naam}")
        gemeenten = Tabel(Gemeente, ("regio_id", "cbs_code", "naam", "inwoners", "jeugdigen"))
        for g in range(1, G + 1):
            inwoners = 20_000 + (g * 7919) % 180_000
            gemeenten.rij(regio.pk, f"{g:04d}", f"Gemeente {g}", inwoners, inwoners // 5, pk=g)
        gemeenten.laad()
        aanbieders = Tabel(Aanbieder, ("agb_code", "naam", "categorie", "regio_id"))
        for a in range(1, A + 1):
            aanbieders.rij(f"{10_000_000 + a:08d}", f"Aanbieder {a}", "jo", regio.pk, pk=a)
        aanbieders.laad()
        herstel_reeksen([Gemeente, Aanbieder])
        _contracten(schaal, regio, [producten[c].pk for c in TG])
    termijn = regelset_op(regio, JEUGDWET).declaratietermijn_dagen  # R-R1: its one version, the first
    tg = ", ".join(f"({i}, {producten[c].pk}, {producten[c].tarief_op(EERSTE_MAAND).bedrag})" for i, c in enumerate(TG))
    maand = "(date '2022-01-01' + make_interval(months => m))::date"
    stappen = [
        (
            "plan",
            f"""
        DROP TABLE IF EXISTS bench_plan;
        CREATE UNLOGGED TABLE bench_plan AS
        SELECT p.t, p.j, p.g, ((p.g - 1) * {schaal.stap} + {_h_sql(1)} % {AANBIEDERS_PER_GEMEENTE}) % {A} + 1 AS a,
               p.b AS begindatum,
               ((p.b + make_interval(months => (6 + {_h_sql(4)} % 22)::int))::date - 1) AS einddatum,
               ({_h_sql(5)} % 7)::int AS pi
        FROM (
          SELECT q.t, q.j, (q.j * 7) % {G} + 1 AS g,
                 (date '2022-01-01'
                  + make_interval(months => ((((q.t * 2654435761 + 2 * 40503) >> 7) % 60)::int)))::date
                 + (((q.t * 2654435761 + 3 * 40503) >> 7) % 28)::int AS b
          FROM (SELECT t::bigint AS t, (t - 1) % {J} + 1 AS j FROM generate_series(1, {N}) t) q
        ) p;
        ALTER TABLE bench_plan ADD COLUMN m_begin int, ADD COLUMN m_eind int, ADD COLUMN maanden int;
        UPDATE bench_plan SET
          m_begin = (extract(year FROM begindatum)::int - 2022) * 12 + extract(month FROM begindatum)::int - 1,
          m_eind = least((extract(year FROM einddatum)::int - 2022) * 12 + extract(month FROM einddatum)::int - 1,
                         {MAANDEN - 1}),
          maanden = (extract(year FROM einddatum)::int - extract(year FROM begindatum)::int) * 12
                    + extract(month FROM einddatum)::int - extract(month FROM begindatum)::int + 1;
        DROP TABLE IF EXISTS bench_tg;
        CREATE UNLOGGED TABLE bench_tg (pi int, product_id bigint, tarief numeric(12,2));
        INSERT INTO bench_tg VALUES {tg};
        """,
        ),
        (
            "jeugdigen",
            f"""
        INSERT INTO jeugdigen_jeugdige (id, bsn, voornamen, achternaam, geboortedatum, geslacht, aangemaakt)
        SELECT j, lpad(j::text, 9, '0'), 'Bench', 'Jeugdige ' || j, date '2006-01-01' + j % 6500, '0',
               timestamptz '2021-12-01 00:00+00'
        FROM generate_series(1, {J}) j
        """,
        ),
        (
            "verwijzingen en budgetten",
            """
        INSERT INTO toewijzingen_verwijzing (id, verwijzer_type, datum, status, grond_18plus, is_verlenging, aangemaakt,
               aanbieder_id, gemeente_id, jeugdige_id, motivering_afwijking, via_huisartsroute)
        SELECT t, '02', begindatum - 14, 'geaccepteerd', '', false, timestamptz '2021-12-01 00:00+00', a, g, j, '',
               false
        FROM bench_plan;
        INSERT INTO toewijzingen_keuzebudget (id, soort, is_offerte, bedrag, begindatum, einddatum, verwijzing_id)
        SELECT p.t, 'herstel', false, round(tg.tarief * 9.3 * p.maanden, 2), p.begindatum, p.einddatum, p.t
        FROM bench_plan p JOIN bench_tg tg ON tg.pi = p.pi
        """,
        ),
        (
            "toewijzingen",
            f"""
        INSERT INTO toewijzingen_toewijzing (id, soort, begindatum, einddatum, status, startdatum_zorg, stopdatum_zorg,
               reden_beeindiging, resultaatscore, resultaat_toelichting, aangemaakt, aanbieder_id, gemeente_id,
               jeugdige_id, keuzebudget_id, verwijzing_id, ambulant_onvoldoende, maatregel, plaatsing, toekomstplan,
               woonvorm, vervolg_toelichting)
        SELECT t, 'keuzebudget', begindatum, einddatum,
               CASE WHEN einddatum < date '{DOELMAAND}' THEN 'gestopt' ELSE 'gestart' END, begindatum,
               CASE WHEN einddatum < date '{DOELMAAND}' THEN einddatum END, '', '', '',
               timestamptz '2021-12-01 00:00+00', a, g, j, t, t, false, '', '', false, '', ''
        FROM bench_plan
        """,
        ),
        (
            "declaraties",
            f"""
        INSERT INTO declaraties_declaratie (id, nummer, bron, inhoud_hash, ingediend_op, periode_einde,
               dagen_na_periode, ingediend_bedrag, goedgekeurd_bedrag, aanbieder_id, gemeente_id)
        SELECT ((a - 1) * {G} + (g - 1)) * {MAANDEN} + m + 1, 'H' || to_char({maand}, 'YYYYMM') || '-' || g, 'api',
               '', (({maand} + interval '1 month')::date + 11)::timestamp AT TIME ZONE 'UTC',
               ({maand} + interval '1 month')::date - 1, 12, 0, 0, a, g
        FROM (SELECT DISTINCT a, g, m FROM bench_plan p, generate_series(p.m_begin, p.m_eind) m) x
        """,
        ),
    ]
    blok = 100_000
    for begin in range(1, N + 1, blok):
        stappen.append(
            (
                f"regels {begin:,}–{min(begin + blok - 1, N):,}",
                f"""
        INSERT INTO declaraties_declaratieregel (id, declaratie_id, aanbieder_id, referentie, volgnummer, jeugdige_id,
               toewijzing_id, product_id, begindatum, einddatum, volume, eenheid, bedrag, debet_credit, status, afkeur,
               retourcode, toelichting)
        SELECT nextval('declaraties_declaratieregel_id_seq'), ((p.a - 1) * {G} + (p.g - 1)) * {MAANDEN} + m + 1, p.a,
               'H' || p.t || '-' || to_char({maand}, 'YYYYMM'), m + 1, p.j, p.t, tg.product_id,
               greatest({maand}, p.begindatum), least(({maand} + interval '1 month')::date - 1, p.einddatum),
               x.uren, 'uur', x.uren * tg.tarief, 'D', 'goedgekeurd', '', '', ''
        FROM bench_plan p
        JOIN bench_tg tg ON tg.pi = p.pi
        CROSS JOIN LATERAL generate_series(p.m_begin, p.m_eind) m
        CROSS JOIN LATERAL (SELECT 5 + ((p.t * 2654435761 + (100 + m) * 40503) >> 7) % 5 AS uren) x
        WHERE p.t BETWEEN {begin} AND {begin + blok - 1}
        """,
            )
        )
    stappen += [
        (
            "budgetstanden",
            f"""
        INSERT INTO declaraties_budgetstand (id, toewijzing_id, toegewezen, vastgelegd, goedgekeurd, vrijgevallen,
               vrijgegeven_op)
        SELECT k.id, k.id, k.bedrag, k.bedrag, s.som,
               CASE WHEN x.op <= date '{VRIJGAVE_TOT}' THEN k.bedrag - s.som ELSE 0 END,
               CASE WHEN x.op <= date '{VRIJGAVE_TOT}' THEN x.op END
        FROM toewijzingen_keuzebudget k
        JOIN toewijzingen_toewijzing t ON t.id = k.id
        CROSS JOIN LATERAL (SELECT coalesce(t.stopdatum_zorg, t.einddatum) + {termijn} + 1 AS op) x
        JOIN (SELECT toewijzing_id, sum(bedrag) AS som FROM declaraties_declaratieregel GROUP BY toewijzing_id) s
          ON s.toewijzing_id = k.id
        """,
        ),
        (
            "declaratietotalen",
            """
        UPDATE declaraties_declaratie d SET ingediend_bedrag = s.som, goedgekeurd_bedrag = s.som
        FROM (SELECT declaratie_id, sum(bedrag) AS som FROM declaraties_declaratieregel GROUP BY declaratie_id) s
        WHERE s.declaratie_id = d.id
        """,
        ),
    ]
    # Load the lines without their indexes and constraints, then build them once (as a bulk load
    # would): maintaining nine indexes and six foreign keys row by row takes far longer.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'declaraties_declaratieregel'::regclass AND contype IN ('f', 'u')"
        )
        beperkingen = cursor.fetchall()
        for naam, _ in beperkingen:
            cursor.execute(f'ALTER TABLE declaraties_declaratieregel DROP CONSTRAINT "{naam}"')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'declaraties_declaratieregel' AND indexname NOT LIKE '%%pkey'"
        )
        indexen = cursor.fetchall()
        for naam, _ in indexen:
            cursor.execute(f'DROP INDEX "{naam}"')
    stappen.insert(
        -2,
        (
            "indexen en sleutels regels",
            ";\n".join(
                [definitie for _, definitie in indexen]
                + [f'ALTER TABLE declaraties_declaratieregel ADD CONSTRAINT "{n}" {d}' for n, d in beperkingen]
            ),
        ),
    )
    for naam, sql in tqdm(stappen, desc="laden (PostgreSQL)", unit="stap"):
        begin = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
        tqdm.write(f"  {naam}: {time.perf_counter() - begin:,.0f} s")
    herstel_reeksen([Jeugdige, Verwijzing, Keuzebudget, Toewijzing, Budgetstand, Declaratie, Declaratieregel])
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_plan; DROP TABLE bench_tg; ANALYZE")
        cursor.execute(
            "SELECT (SELECT count(*) FROM declaraties_declaratieregel), (SELECT count(*) FROM declaraties_declaratie)"
        )
        regels, declaraties = cursor.fetchone()
    return {"toewijzingen": N, "regels": regels, "declaraties": declaraties}


def invoer_doelmaand(schaal: Schaal, seed: int = 42) -> dict[tuple[int, int], list[RegelInvoer]]:
    """The lines of 2027-01 per (provider, municipality), with ≈2% deliberate errors."""
    rng = random.Random(seed + 1)
    laat_rng = random.Random(seed + 2)  # its own stream: the other errors stay where they were
    maandeinde = DOELMAAND + relativedelta(months=1) - timedelta(days=1)
    per_declaratie: dict[tuple[int, int], list[RegelInvoer]] = {}
    bsn = lambda j: f"{j:09d}"  # noqa: E731
    vorige = None
    for p in plannen(schaal):
        if LAAT_VAN <= p.einddatum < DOELMAAND and laat_rng.random() < LAAT_KANS:
            per_declaratie.setdefault((p.aanbieder, p.gemeente), []).append(_late_regel(p, bsn(p.jeugdige)))
        if not (p.begindatum <= maandeinde and p.einddatum >= DOELMAAND):
            continue
        tarief_code = TG[p.product]
        begin = max(DOELMAAND, p.begindatum)
        einde = min(maandeinde, p.einddatum)
        uren = Decimal(_uren(p.t, MAANDEN))
        tarief = _TARIEF[tarief_code]
        regel = dict(
            referentie=f"H{p.t}-202701",
            bsn=bsn(p.jeugdige),
            toewijzing=p.t,
            product=tarief_code,
            begindatum=begin,
            einddatum=einde,
            volume=uren,
            eenheid="uur",
            bedrag=tarief * uren,
        )
        fout = rng.random()
        if fout < 0.005:
            regel["bedrag"] += Decimal("1.00")  # DEC015
        elif fout < 0.008:
            regel["product"] = "99X99"  # DEC004
        elif fout < 0.011:
            regel["referentie"] = f"H{p.t}-202612"  # DEC018 (if that month was declared)
        elif fout < 0.014 and p.begindatum < date(2026, 12, 1):
            regel.update(
                begindatum=date(2026, 12, 1), einddatum=date(2026, 12, 31), referentie=f"X{p.t}-202612"
            )  # DEC021 (or outside the allocation)
        elif fout < 0.017 and vorige is not None and vorige.aanbieder != p.aanbieder:
            regel.update(toewijzing=vorige.t, bsn=bsn(vorige.jeugdige))  # DEC001: another provider's
        elif fout < 0.02:
            regel.update(volume=Decimal(400), bedrag=tarief * 400)  # DEC016: over the keuzebudget
        elif fout < 0.023:
            regel.update(product="41D01", bedrag=_TARIEF["41D01"] * uren)  # DEC023: dagverblijf is not contracted
        elif fout < 0.026 and begin == DOELMAAND:
            regel.update(begindatum=DOELMAAND + timedelta(days=1))  # DEC025: not from the first (TR387)
        per_declaratie.setdefault((p.aanbieder, p.gemeente), []).append(RegelInvoer(**regel))
        vorige = p
    return per_declaratie


#: Late lines (DEC022): allocations that ended from this day up to the month to validate; with the
#: default window of 91 days those that ended before 2026-11-11 are past it. Only these three
#: months, so the intake's context (read from the earliest line's first day) grows by two months
#: (the DEC021 lines already reach back to 2026-12), not by years.
LAAT_VAN = date(2026, 10, 1)
LAAT_KANS = 0.05


def _late_regel(p: Toewijzingsplan, bsn: str) -> RegelInvoer:
    """A line for the last month of an ended allocation, for the next tariff group (that month is
    declared for its own, DEC021), whole month as TR387/TR388 ask."""
    code = TG[(p.product + 1) % len(TG)]
    uren = Decimal(_uren(p.t, MAANDEN + 1))
    return RegelInvoer(
        referentie=f"L{p.t}-{p.einddatum:%Y%m}",
        bsn=bsn,
        toewijzing=p.t,
        product=code,
        begindatum=max(p.einddatum.replace(day=1), p.begindatum),
        einddatum=p.einddatum,
        volume=uren,
        eenheid="uur",
        bedrag=_TARIEF[code] * uren,
    )


_TARIEF: dict[str, Decimal] = {}


def laad_tarieven() -> None:
    for code in [*TG, "41D01"]:
        _TARIEF[code] = Product.objects.get(code=code).tarief_op(DOELMAAND).bedrag
