"""The phases of bench/declaraties.py, each run in its own process (so peak memory is its own)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import django

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # as in production: no query log in memory (the other benches do the same)

from dateutil.relativedelta import relativedelta  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from tqdm import tqdm  # noqa: E402

from bench import declaratiedata as data  # noqa: E402
from jeugdregie.accounts.constants import Rol  # noqa: E402
from jeugdregie.accounts.models import Gebruiker  # noqa: E402
from jeugdregie.catalogus.models import KeuzebudgetJaar  # noqa: E402
from jeugdregie.common.tijd import datum_van  # noqa: E402
from jeugdregie.declaraties.constants import RETOURCODE  # noqa: E402
from jeugdregie.declaraties.models import Declaratieregel  # noqa: E402
from jeugdregie.declaraties.services.intake import Aanvraag, verwerk_declaraties  # noqa: E402
from jeugdregie.organisaties.models import Aanbieder, Gemeente  # noqa: E402
from jeugdregie.toewijzingen.models import Toewijzing  # noqa: E402
from jeugdregie.toewijzingen.services.levering import ONDERDELEN_PER_SOORT  # noqa: E402

WACHTRIJ = 250  # declarations per call of the queue intake (one transaction)


def laad(schaal: data.Schaal) -> None:
    begin = time.perf_counter()
    telling = data.laad_postgresql(schaal) if connection.vendor == "postgresql" else data.laad(schaal)
    duur = time.perf_counter() - begin
    print(
        f"{schaal.naam}: {telling['toewijzingen']:,} toewijzingen, {telling['declaraties']:,} declaraties, "
        f"{telling['regels']:,} regels in {duur:,.0f} s ({connection.vendor})",
        flush=True,
    )


def _gebruikers(sleutels) -> dict[int, Gebruiker]:
    aanbieders = {a for a, _ in sleutels}
    bestaand = {g.aanbieder_id: g for g in Gebruiker.objects.filter(rol=Rol.AANBIEDER, aanbieder__in=aanbieders)}
    Gebruiker.objects.bulk_create(
        [
            Gebruiker(username=f"bench-{a}", rol=Rol.AANBIEDER, aanbieder_id=a, password="!")
            for a in aanbieders
            if a not in bestaand
        ],
        batch_size=2000,
    )
    return {g.aanbieder_id: g for g in Gebruiker.objects.filter(rol=Rol.AANBIEDER, aanbieder__in=aanbieders)}


def _sql_invoer(invoer) -> None:
    """The same input in a table, for the hand-written statement (not timed)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_invoer")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_invoer (decl int, aanbieder_id bigint, gemeente_id bigint, volgnummer int, "
            "referentie varchar(40), bsn varchar(9), toewijzing bigint, product varchar(10), begindatum date, "
            "einddatum date, volume numeric(10,2), eenheid varchar(12), bedrag numeric(12,2), debet_credit char(1))"
        )
        with cursor.cursor.copy("COPY bench_invoer FROM STDIN") as copy:
            for decl, ((a, g), regels) in enumerate(invoer.items(), start=1):
                for n, r in enumerate(regels, start=1):
                    copy.write_row(
                        (
                            decl,
                            a,
                            g,
                            n,
                            r.referentie,
                            r.bsn,
                            r.toewijzing,
                            r.product,
                            r.begindatum,
                            r.einddatum,
                            r.volume,
                            r.eenheid,
                            r.bedrag,
                            r.debet_credit,
                        )
                    )
        cursor.execute("ANALYZE bench_invoer")


def _sql_statement() -> str:
    """One statement that does the line checks of services/regelcontrole.py and the budget
    ceiling, writes the declarations (with their submitted and approved totals and a content
    hash, as the service does), lines, ledger moves and mutations, and returns the count per
    outcome. It takes the declarations ``decl BETWEEN %(van)s AND %(tot)s`` of ``bench_invoer``:
    all at once, or one per call as uploads and API calls deliver them. R-B7 as the service
    decides it after the line checks: a debit on a released ledger (``vrijgegeven_op``) or
    submitted (Amsterdam date) after the allocation's end (the
    stop of care when stopped, else its end date; or the day an end dated in the past was
    recorded, ``termijn_vanaf``, if later) plus the ``declaratietermijn_dagen`` of the region's
    rule set valid on that day (R-R1; before the first version: the first)
    is refused DEC022; then the budget ceiling on what is available
    (``vastgelegd - goedgekeurd - vrijgevallen``, for every allocation: there is no ledger
    without a commitment any more), by a running sum per allocation over the debits that pass
    the other checks (the service skips a rejected overrun and goes on; with one line per
    allocation, as here, that is the same). Every allocation is assumed to have its ledger (the
    service would open a missing one; ``w2`` checks there is none missing). Debits only: the
    bench input has no credit lines. The R-B8 checks as the service does them:
    the allocated product of a crisisopvolging, whole months (TR387/TR388), contract and
    registration on every day of the line (a gap begins on the line's first day or the day after
    a period ends; ``periode`` holds the periods clipped to their contract), the allocated volume
    of a crisisopvolging in units (DEC017, per allocation and product), and one etmaal a day
    per allocation over every window of days around the line (``nacht``: approved, uncredited
    etmaal debits; like DEC017 and DEC021 here, against the database only)."""
    onderdelen = ", ".join(
        f"('{soort}', '{o}')" for soort, waarden in ONDERDELEN_PER_SOORT.items() for o in sorted(waarden)
    )
    uitgesloten = (
        ", ".join(
            f"({jaar}, {pk})"
            for jaar, pk in KeuzebudgetJaar.duurzaam_uitgesloten.through.objects.values_list(
                "keuzebudgetjaar__jaar", "product_id"
            )
        )
        or "(0, 0)"
    )
    retour = " ".join(f"WHEN '{code}' THEN '{rc}'" for code, rc in RETOURCODE.items())
    return f"""
WITH periode AS NOT MATERIALIZED (
  SELECT 'contract' AS soort, c.aanbieder_id, cp.product_id, greatest(cp.begindatum, c.begindatum) AS van,
         least(cp.einddatum, c.einddatum) AS tot
  FROM organisaties_contractproduct cp JOIN organisaties_contract c ON c.id = cp.contract_id
  UNION ALL
  SELECT 'inschrijving', c.aanbieder_id, i.product_id, greatest(i.begindatum, c.begindatum),
         least(i.einddatum, c.einddatum)
  FROM organisaties_inschrijving i JOIN organisaties_contract c ON c.id = i.contract_id
), nacht AS NOT MATERIALIZED (
  SELECT r.toewijzing_id, r.referentie, r.begindatum, r.einddatum, r.volume FROM declaraties_declaratieregel r
  WHERE r.status = 'goedgekeurd' AND r.debet_credit = 'D'
    AND r.product_id IN (SELECT id FROM catalogus_product WHERE eenheid = 'etmaal')
    AND NOT EXISTS (SELECT 1 FROM declaraties_declaratieregel c WHERE c.credit_van_id = r.id)
), inv AS (
  SELECT i.*, row_number() OVER (ORDER BY i.decl, i.volgnummer) AS rn FROM bench_invoer i
  WHERE i.decl BETWEEN %(van)s AND %(tot)s
), ids AS (
  SELECT decl, nextval(pg_get_serial_sequence('declaraties_declaratie', 'id')) AS id
  FROM (SELECT DISTINCT decl FROM inv) x
), chk AS (
  SELECT inv.*, t.id AS tid, t.aanbieder_id AS t_aanbieder, t.gemeente_id AS t_gemeente, t.jeugdige_id AS t_jeugdige,
         j.bsn AS t_bsn, t.status AS t_status, t.soort, t.product_id AS t_product,
         t.volume AS t_volume,
         t.begindatum AS zb, t.einddatum AS ze,
         t.einddatum - t.begindatum + 1 AS t_dagen,
         p.id AS pid, p.eenheid AS p_eenheid, p.onderdeel, p.bekostiging AS p_bekostiging, tr.bedrag AS tarief,
         (p.onderdeel = 'wonen_verblijf' OR p.tariefgroep_id IS NOT NULL) AS p_inschrijving,
         date_trunc('month', inv.begindatum)::date AS maand,
         (date_trunc('month', inv.begindatum) + interval '1 month - 1 day')::date AS maandeinde,
         kb.soort AS kb_soort, extract(year FROM kb.begindatum)::int AS kb_jaar,
         bs.vastgelegd, bs.goedgekeurd, bs.vrijgevallen, bs.vrijgegeven_op,
         te.termijnbegin + rg.declaratietermijn_dagen AS sluitdatum
  FROM inv
  LEFT JOIN toewijzingen_toewijzing t ON t.id = inv.toewijzing
  LEFT JOIN jeugdigen_jeugdige j ON j.id = t.jeugdige_id
  LEFT JOIN catalogus_product p ON p.code = trim(inv.product)
  LEFT JOIN LATERAL (
    SELECT tf.bedrag FROM catalogus_tarief tf
    WHERE tf.product_id = p.id AND tf.begindatum <= inv.begindatum
      AND (tf.einddatum IS NULL OR tf.einddatum >= inv.begindatum)
    ORDER BY tf.begindatum LIMIT 1) tr ON true
  LEFT JOIN toewijzingen_keuzebudget kb ON kb.id = t.keuzebudget_id
  LEFT JOIN declaraties_budgetstand bs ON bs.toewijzing_id = t.id
  LEFT JOIN organisaties_gemeente tgm ON tgm.id = t.gemeente_id
  LEFT JOIN LATERAL (SELECT GREATEST(CASE WHEN t.status = 'gestopt' AND t.stopdatum_zorg IS NOT NULL
                          THEN t.stopdatum_zorg ELSE t.einddatum END, bs.termijn_vanaf) AS termijnbegin) te ON true
  LEFT JOIN LATERAL (
    SELECT rs.declaratietermijn_dagen FROM organisaties_regelset rs WHERE rs.regio_id = tgm.regio_id
    ORDER BY rs.geldig_vanaf <= te.termijnbegin DESC,
             CASE WHEN rs.geldig_vanaf <= te.termijnbegin THEN rs.geldig_vanaf END DESC NULLS LAST, rs.geldig_vanaf
    LIMIT 1) rg ON true
), code AS (
  SELECT chk.*, CASE
    WHEN trim(referentie) = ''
      OR count(*) OVER (PARTITION BY aanbieder_id, referentie ORDER BY rn) > 1
      OR EXISTS (SELECT 1 FROM declaraties_declaratieregel r WHERE r.aanbieder_id = chk.aanbieder_id
                 AND r.referentie = trim(chk.referentie) AND r.status = 'goedgekeurd') THEN 'DEC018'
    WHEN volume <= 0 THEN 'DEC013'
    WHEN einddatum < begindatum THEN 'DEC012'
    WHEN date_trunc('month', begindatum) <> date_trunc('month', einddatum) THEN 'DEC010'
    WHEN einddatum > %(vandaag)s::date THEN 'DEC011'
    WHEN tid IS NULL OR t_aanbieder <> aanbieder_id THEN 'DEC001'
    WHEN t_gemeente <> gemeente_id THEN 'DEC003'
    WHEN t_bsn <> trim(bsn) THEN 'DEC002'
    WHEN t_status = 'ingetrokken' THEN 'DEC001'
    WHEN begindatum < zb OR begindatum > ze THEN 'DEC008'
    WHEN einddatum > ze THEN 'DEC009'
    WHEN debet_credit = 'D' AND begindatum <> greatest(maand, zb) THEN 'DEC025'
    WHEN debet_credit = 'D' AND einddatum <> least(maandeinde, ze) THEN 'DEC026'
    WHEN pid IS NULL THEN 'DEC004'
    WHEN debet_credit = 'D' AND (
        (soort = 'wonen_verblijf' AND pid IS DISTINCT FROM t_product)
        OR (soort = 'crisisopvolging' AND t_product IS NOT NULL AND pid <> t_product)
        OR (soort <> 'wonen_verblijf' AND NOT (soort = 'crisisopvolging' AND t_product IS NOT NULL)
            AND (soort, onderdeel) NOT IN (VALUES {onderdelen})))
      OR p_bekostiging = 'taakgericht' THEN 'DEC005'
    WHEN trim(eenheid) <> p_eenheid THEN 'DEC006'
    WHEN kb_soort = 'duurzaam' AND (kb_jaar, pid) IN (VALUES {uitgesloten}) THEN 'DEC007'
    WHEN debet_credit = 'D' AND EXISTS (
      SELECT 1 FROM (SELECT chk.begindatum AS dag UNION SELECT q.tot + 1 FROM periode q
                     WHERE q.soort = 'contract' AND q.aanbieder_id = chk.aanbieder_id AND q.product_id = chk.pid
                       AND q.tot >= chk.begindatum AND q.tot < chk.einddatum) k
      WHERE NOT EXISTS (SELECT 1 FROM periode q WHERE q.soort = 'contract' AND q.aanbieder_id = chk.aanbieder_id
                          AND q.product_id = chk.pid AND q.van <= k.dag AND (q.tot IS NULL OR q.tot >= k.dag)))
      THEN 'DEC023'
    WHEN debet_credit = 'D' AND p_inschrijving AND EXISTS (
      SELECT 1 FROM (SELECT chk.begindatum AS dag UNION SELECT q.tot + 1 FROM periode q
                     WHERE q.soort = 'inschrijving' AND q.aanbieder_id = chk.aanbieder_id AND q.product_id = chk.pid
                       AND q.tot >= chk.begindatum AND q.tot < chk.einddatum) k
      WHERE NOT EXISTS (SELECT 1 FROM periode q WHERE q.soort = 'inschrijving' AND q.aanbieder_id = chk.aanbieder_id
                          AND q.product_id = chk.pid AND q.van <= k.dag AND (q.tot IS NULL OR q.tot >= k.dag)))
      THEN 'DEC024'
    WHEN tarief IS NULL THEN 'DEC014'
    WHEN round(volume * tarief, 2) <> bedrag THEN 'DEC015'
    WHEN debet_credit = 'D' AND EXISTS (
      SELECT 1 FROM declaraties_declaratieregel r
      WHERE r.toewijzing_id = chk.tid AND r.product_id = chk.pid AND r.status = 'goedgekeurd'
        AND r.debet_credit = 'D' AND r.begindatum <= chk.einddatum AND r.einddatum >= chk.begindatum
        AND NOT EXISTS (SELECT 1 FROM declaraties_declaratieregel c WHERE c.credit_van_id = r.id)) THEN 'DEC021'
    WHEN debet_credit = 'D' AND t_volume IS NOT NULL AND volume + coalesce((
      SELECT sum(r.volume) FROM declaraties_declaratieregel r
      WHERE r.toewijzing_id = chk.tid AND r.product_id = chk.pid AND r.status = 'goedgekeurd'
        AND r.debet_credit = 'D'
        AND NOT EXISTS (SELECT 1 FROM declaraties_declaratieregel c WHERE c.credit_van_id = r.id)), 0) > t_volume
      THEN 'DEC017'
    WHEN debet_credit = 'D' AND p_eenheid = 'etmaal' AND (volume > einddatum - begindatum + 1 OR volume + coalesce((
      SELECT sum(r.volume) FROM declaraties_declaratieregel r
      WHERE r.toewijzing_id = chk.tid AND r.product_id = chk.pid AND r.status = 'goedgekeurd'
        AND r.debet_credit = 'D'
        AND NOT EXISTS (SELECT 1 FROM declaraties_declaratieregel c WHERE c.credit_van_id = r.id)), 0) > t_dagen)
      THEN 'DEC017'
    WHEN debet_credit = 'D' AND p_eenheid = 'etmaal' AND EXISTS (
      SELECT 1
      FROM (SELECT chk.begindatum AS van UNION SELECT n.begindatum FROM nacht n WHERE n.toewijzing_id = chk.tid
              AND n.begindatum <= chk.begindatum AND n.einddatum >= chk.maand) v,
           (SELECT chk.einddatum AS tot UNION SELECT n.einddatum FROM nacht n WHERE n.toewijzing_id = chk.tid
              AND n.einddatum >= chk.einddatum AND n.begindatum <= chk.maandeinde) t
      WHERE chk.volume + (SELECT coalesce(sum(n.volume), 0) FROM nacht n WHERE n.toewijzing_id = chk.tid
                        AND n.begindatum >= v.van AND n.einddatum <= t.tot
                        AND n.einddatum >= chk.maand AND n.begindatum <= chk.maandeinde) > t.tot - v.van + 1)
      THEN 'DEC027'
  END AS afkeur FROM chk
), termijn AS (
  SELECT code.*, (afkeur IS NULL AND debet_credit = 'D'
                  AND (vrijgegeven_op IS NOT NULL OR %(vandaag)s::date > sluitdatum)) AS dicht
  FROM code
), uitkomst AS (
  SELECT termijn.*, CASE
    WHEN dicht THEN 'DEC022'
    WHEN afkeur IS NULL AND debet_credit = 'D'
         AND goedgekeurd + vrijgevallen + sum(CASE WHEN afkeur IS NULL AND NOT dicht THEN bedrag ELSE 0 END)
             OVER (PARTITION BY tid ORDER BY rn) > vastgelegd THEN 'DEC016'
    ELSE afkeur END AS uitkomst
  FROM termijn
), decl AS (
  INSERT INTO declaraties_declaratie (id, aanbieder_id, gemeente_id, nummer, bron, inhoud_hash, ingediend_op,
         periode_einde, dagen_na_periode, ingediend_bedrag, goedgekeurd_bedrag)
  SELECT ids.id, u.aanbieder_id, u.gemeente_id, 'SQL-' || u.decl, 'api',
         encode(sha256(convert_to(string_agg(concat_ws('|', u.referentie, u.bsn, u.toewijzing, u.product, u.begindatum,
           u.einddatum, u.volume, u.eenheid, u.bedrag, u.debet_credit, ''), chr(10) ORDER BY u.volgnummer), 'UTF8')),
           'hex'),
         %(ingediend)s, max(u.einddatum), %(vandaag)s::date - max(u.einddatum), sum(u.bedrag),
         coalesce(sum(u.bedrag) FILTER (WHERE u.uitkomst IS NULL), 0)
  FROM uitkomst u JOIN ids ON ids.decl = u.decl GROUP BY ids.id, u.decl, u.aanbieder_id, u.gemeente_id
  RETURNING 1
), regels AS (
  INSERT INTO declaraties_declaratieregel (declaratie_id, aanbieder_id, referentie, volgnummer, jeugdige_id,
         toewijzing_id, product_id, begindatum, einddatum, volume, eenheid, bedrag, debet_credit, status, afkeur,
         retourcode, toelichting)
  SELECT d.id, u.aanbieder_id, trim(u.referentie), u.volgnummer,
         CASE WHEN u.uitkomst IS NULL THEN u.t_jeugdige END, u.tid,
         CASE WHEN u.uitkomst IS NULL THEN u.pid END, u.begindatum, u.einddatum, u.volume, trim(u.eenheid), u.bedrag,
         u.debet_credit, CASE WHEN u.uitkomst IS NULL THEN 'goedgekeurd' ELSE 'afgekeurd' END,
         coalesce(u.uitkomst, ''), CASE u.uitkomst {retour} ELSE '' END, ''
  FROM uitkomst u JOIN ids d ON d.decl = u.decl
  RETURNING id, toewijzing_id, bedrag, status
), stand AS (
  UPDATE declaraties_budgetstand s SET goedgekeurd = s.goedgekeurd + x.som
  FROM (SELECT toewijzing_id, sum(bedrag) AS som FROM regels WHERE status = 'goedgekeurd' GROUP BY toewijzing_id) x
  WHERE s.toewijzing_id = x.toewijzing_id
  RETURNING 1
), mutaties AS (
  INSERT INTO declaraties_budgetmutatie (toewijzing_id, soort, bedrag, regel_id, datum, tijdstip)
  SELECT toewijzing_id, 'goedgekeurd', bedrag, id, %(vandaag)s, now() FROM regels WHERE status = 'goedgekeurd'
  RETURNING 1
)
SELECT coalesce(uitkomst, 'goedgekeurd'), count(*), (SELECT count(*) FROM stand), (SELECT count(*) FROM mutaties),
       (SELECT count(*) FROM decl)
FROM uitkomst GROUP BY 1
"""


def zet_jit(jit: str) -> str:
    """Set PostgreSQL's JIT for this session (the one connection both sides use) and return
    what the server reports, so the figures say which setting they were measured with."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET jit = {'on' if jit == 'aan' else 'off'}")
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


def _draai_terug(voorvoegsel: str) -> None:
    """Undo what one side wrote (declarations numbered ``voorvoegsel…``, their lines, ledger
    moves and the ledgers' approved sums; the rollup queue its after-commit filled), then
    VACUUM ANALYZE the tables on PostgreSQL, so the next side finds the same rows and no dead
    ones. Not timed."""
    from jeugdregie.beheersing.models import VerouderdePeriode

    with transaction.atomic(), connection.cursor() as cursor:
        eigen = (
            "SELECT r.id FROM declaraties_declaratieregel r JOIN declaraties_declaratie d ON d.id = r.declaratie_id "
            "WHERE d.nummer LIKE %s"
        )
        patroon = f"{voorvoegsel}%"
        # One aggregate per moved ledger, joined once: a correlated sub-select per ledger row took
        # longer than the run it undid at national scale (2 M ledgers).
        cursor.execute(
            f"WITH som AS (SELECT m.toewijzing_id, SUM(m.bedrag) AS bedrag FROM declaraties_budgetmutatie m "
            f"WHERE m.regel_id IN ({eigen}) GROUP BY m.toewijzing_id) "
            "UPDATE declaraties_budgetstand SET goedgekeurd = declaraties_budgetstand.goedgekeurd - som.bedrag "
            "FROM som WHERE declaraties_budgetstand.toewijzing_id = som.toewijzing_id",
            [patroon],
        )
        cursor.execute(f"DELETE FROM declaraties_budgetmutatie WHERE regel_id IN ({eigen})", [patroon])
        cursor.execute(f"DELETE FROM declaraties_declaratieregel WHERE id IN ({eigen})", [patroon])
        cursor.execute("DELETE FROM declaraties_declaratie WHERE nummer LIKE %s", [patroon])
        VerouderdePeriode.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for tabel in (
                "declaraties_declaratie",
                "declaraties_declaratieregel",
                "declaraties_budgetmutatie",
                "declaraties_budgetstand",
            ):
                cursor.execute(f"VACUUM ANALYZE {tabel}")


def _bedragen(voorvoegsel: str) -> tuple:
    """Σ submitted and Σ approved over the declarations one side wrote (read back, untimed)."""
    from django.db.models import Sum

    from jeugdregie.declaraties.models import Declaratie

    som = Declaratie.objects.filter(nummer__startswith=voorvoegsel).aggregate(
        ingediend=Sum("ingediend_bedrag"), goedgekeurd=Sum("goedgekeurd_bedrag")
    )
    return som["ingediend"], som["goedgekeurd"]


def _sql_kant(statement: str, declaraties: int, *, per_declaratie: bool, vastleggen: bool = True):
    """The hand-written statement over all declarations in one call, or once per declaration,
    each call in its own transaction that commits (or, for the warm-up, is rolled back).
    Returns (seconds, count per outcome)."""
    uitkomst: Counter = Counter()
    parameters = {"ingediend": data.INGEDIEND, "vandaag": datum_van(data.INGEDIEND)}
    reeksen = [(d, d) for d in range(1, declaraties + 1)] if per_declaratie else [(1, declaraties)]
    begin = time.perf_counter()
    for van, tot in reeksen:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, {**parameters, "van": van, "tot": tot})
            for code, aantal, *_ in cursor.fetchall():
                uitkomst[code] += aantal
            transaction.set_rollback(not vastleggen)
    return time.perf_counter() - begin, uitkomst


def _service_kant(aanvragen: list[Aanvraag], *, per_declaratie: bool) -> tuple[float, Counter]:
    """``verwerk_declaraties`` over the queue (WACHTRIJ declarations per call), or one
    declaration per call; every call is its own transaction and commits. Returns (seconds,
    count per outcome read back afterwards, untimed)."""
    stap = 1 if per_declaratie else WACHTRIJ
    begin = time.perf_counter()
    with tqdm(total=len(aanvragen), desc="W2 service", unit="decl", mininterval=2, leave=False) as voortgang:
        for eerste in range(0, len(aanvragen), stap):
            blok = aanvragen[eerste : eerste + stap]
            fouten = [u for u in verwerk_declaraties(blok) if not hasattr(u, "pk")]
            if fouten:
                raise SystemExit(f"W2: declaraties geweigerd: {fouten[:3]}")
            voortgang.update(len(blok))
    seconden = time.perf_counter() - begin
    uitkomst = Counter(
        {
            (r["afkeur"] or "goedgekeurd"): r["n"]
            for r in Declaratieregel.objects.filter(declaratie__nummer__startswith="W2-")
            .values("afkeur")
            .annotate(n=django.db.models.Count("id"))
        }
    )
    return seconden, uitkomst


def w2(schaal: data.Schaal, jit: str = "uit", herhaal: str = "1") -> None:
    """Service and hand-written SQL on the same input from the same database state, both
    committing: all declarations at once (the service per queue of WACHTRIJ), and one per call.
    After each side what it wrote is undone (untimed) for the next; the service per declaration
    goes last, so W4 pays its lines. With ``herhaal`` > 1 each side runs that many rounds,
    alternating, and the best is printed (the machine is shared)."""
    data.laad_tarieven()
    begin = time.perf_counter()
    invoer = data.invoer_doelmaand(schaal)
    regels = sum(len(r) for r in invoer.values())
    gebruikers = _gebruikers(invoer)
    aanbieders = Aanbieder.objects.in_bulk(list({a for a, _ in invoer}))
    gemeenten = Gemeente.objects.in_bulk(list({g for _, g in invoer}))
    aanvragen = [
        Aanvraag(aanbieders[a], gemeenten[g], f"W2-{a}-{g}", declaratieregels, gebruikers[a], data.INGEDIEND)
        for (a, g), declaratieregels in invoer.items()
    ]
    print(
        f"W2 invoer: {regels:,} regels in {len(invoer):,} declaraties (voorbereid in "
        f"{time.perf_counter() - begin:,.0f} s)",
        flush=True,
    )
    zonder = Toewijzing.objects.filter(budgetstand__isnull=True).count()
    if zonder:  # the statement assumes every allocation has its ledger (the service opens one)
        raise SystemExit(
            f"W2: {zonder:,} toewijzingen zonder budgetstand; de data zijn niet zoals de services ze maken"
        )
    postgresql = connection.vendor == "postgresql"
    jit_stand = zet_jit(jit) if postgresql else "n.v.t. (SQLite)"
    tijden: dict[str, float] = {}
    uitkomsten: dict[str, Counter] = {}
    bedragen: dict[str, tuple] = {}
    if postgresql:
        _sql_invoer(invoer)
        with connection.cursor() as cursor:
            cursor.execute("CREATE INDEX ON bench_invoer (decl)")
            cursor.execute("ANALYZE bench_invoer")
        statement = _sql_statement()
        _sql_kant(statement, len(invoer), per_declaratie=False, vastleggen=False)  # warm the cache, untimed
    rondes = max(1, int(herhaal))
    for achtervoegsel, per_declaratie, wijze in (
        ("", False, f"alles in één statement / {WACHTRIJ} declaraties per aanroep"),
        ("1", True, "één declaratie per aanroep"),
    ):
        for ronde in range(1, rondes + 1):  # best of the rounds, each side from the same state
            if postgresql:
                sql = "sql" + achtervoegsel
                seconden, uitkomsten[sql] = _sql_kant(statement, len(invoer), per_declaratie=per_declaratie)
                tijden[sql] = min(seconden, tijden.get(sql, seconden))
                bedragen[sql] = _bedragen("SQL-")
                _draai_terug("SQL-")
                print(f"W2 hand-geschreven SQL, {wijze}, ronde {ronde}: {seconden:,.1f} s, vastgelegd", flush=True)
            service = "service" + achtervoegsel
            seconden, uitkomsten[service] = _service_kant(aanvragen, per_declaratie=per_declaratie)
            tijden[service] = min(seconden, tijden.get(service, seconden))
            bedragen[service] = _bedragen("W2-")
            if not (per_declaratie and ronde == rondes):  # the last run stays, for W4
                _draai_terug("W2-")
            print(f"W2 service, {wijze}, ronde {ronde}: {seconden:,.1f} s, vastgelegd", flush=True)
    jit_na = zet_jit(jit) if postgresql else jit_stand  # unchanged: the same session throughout

    print(
        f"\nW2 samenvatting ({connection.vendor}, jit = {jit_stand}; {regels:,} regels, {len(invoer):,} declaraties; "
        f"beste van {rondes} ronde(n))"
    )
    print(f"{'':<38} {'service s':>9} {'SQL s':>7} {'service/SQL':>11} {'doel':>7} {'regels/s service':>16}")
    for naam, service, sql, doel in (
        (f"alles ({WACHTRIJ} per aanroep / 1 statement)", "service", "sql", "≤ 1,2×"),
        ("één declaratie per aanroep", "service1", "sql1", "≤ 1,5×"),
    ):
        verhouding = f"{tijden[service] / tijden[sql]:.2f}×" if sql in tijden else "-"
        sql_s = f"{tijden[sql]:.2f}" if sql in tijden else "-"
        print(
            f"{naam:<38} {tijden[service]:>9.2f} {sql_s:>7} {verhouding:>11} {doel:>7} "
            f"{regels / tijden[service]:>16,.0f}"
        )
    if "sql" in tijden:  # the earlier figure compared one per call with the statement over all
        print(
            f"ter vergelijking: service één per aanroep / SQL alles in één statement: "
            f"{tijden['service1'] / tijden['sql']:.2f}×; SQL één per aanroep / SQL alles: "
            f"{tijden['sql1'] / tijden['sql']:.2f}×"
        )
    kolommen = [k for k in ("service", "sql", "service1", "sql1") if k in uitkomsten]
    koppen = {"service": "service", "sql": "SQL", "service1": "service/1", "sql1": "SQL/1"}
    print(f"\n{'uitkomst':<16} " + " ".join(f"{koppen[k]:>13}" for k in kolommen))
    codes = sorted(set().union(*uitkomsten.values()))
    for code in codes:
        print(f"{code:<16} " + " ".join(f"{uitkomsten[k][code]:>13,}" for k in kolommen))
    for i, naam in enumerate(("Σ ingediend €", "Σ goedgekeurd €")):
        print(f"{naam:<16} " + " ".join(f"{bedragen[k][i]:>13,.2f}" for k in kolommen))
    verschil = [c for c in codes if len({uitkomsten[k][c] for k in kolommen}) > 1]
    verschil += ["bedragen"] if len({bedragen[k] for k in kolommen}) > 1 else []
    gelijk = "ja" if not verschil else "NEE, verschil bij " + ", ".join(verschil)
    print(f"W2 uitkomsten per code en bedragen gelijk: {gelijk}")
    print(
        "\neerlijkheid:\n"
        "  - beide kanten leggen vast (COMMIT per aanroep): de SQL één statement voor alle declaraties of één "
        f"per declaratie; de service {WACHTRIJ} declaraties per aanroep (wachtrij) of één per aanroep (zoals "
        "een upload of API-aanroep); elke aanroep is één transactie.\n"
        "  - dezelfde invoer op dezelfde begintoestand: na elke kant wordt wat ze schreef ongedaan gemaakt "
        "(declaraties, regels, budgetmutaties, goedgekeurd van de budgetstanden, rollup-wachtrij) en VACUUM "
        "ANALYZE gedraaid, niet getimed. Volgorde per ronde: SQL, service; eerst alles, dan per declaratie; "
        f"vooraf een niet getimede, teruggedraaide SQL-run die de cache verwarmt; de beste van {rondes} "
        "ronde(n) per kant (kies met --herhaal=N).\n"
        f"  - jit = {jit_stand} (voor en na: {jit_na}), met SET jit in de sessie: één verbinding voor beide "
        "kanten (kies met --jit=aan of --jit=uit).\n"
        "  - beide schrijven: de declaratie (ingediend en goedgekeurd bedrag, inhoudshash, periode-einde), de "
        "regels met uitkomst en retourcode, de budgetstanden (+ goedgekeurd), een budgetmutatie per "
        "goedgekeurde regel; de uitgestelde verwijzende sleutels gecontroleerd bij de commit.\n"
        "  - alleen de service: rechtencontrole, nummer-hergebruik (ON CONFLICT), vergrendelen van de "
        "budgetstanden (FOR UPDATE), een toelichting per afgekeurde regel, de na-commit-abonnees "
        "(rollup-wachtrij, taak naar de Celery-broker); geteld in haar tijd. Ze draait met de instellingen van "
        "het product, ook de drempel van de garbage collector "
        f"(JEUGDREGIE_GC_DREMPEL = {settings.JEUGDREGIE_GC_DREMPEL:,}) en de bevroren opstartobjecten, "
        "zoals in een web- of workerproces.\n"
        "  - niet geteld: het inlezen van de invoer (RegelInvoer-objecten voor de service, de COPY naar "
        "bench_invoer voor de SQL), het opbouwen van de SQL-tekst, het ongedaan maken, het tellen van de "
        "uitkomsten achteraf.",
        flush=True,
    )


#: The hand-written W4 baseline for one municipality: the same writes as ``maak_batch`` on
#: PostgreSQL (``betalingen.services.voorbereiding.maak_in_een``): link the month's declarations
#: that are in no batch yet, one post per provider (Σ debit − Σ credit of the approved lines, the
#: provider's IBAN), the batch row with its totals, and the event row of the preparation. The
#: batch id comes from the sequence beforehand (in the timed transaction).
_BATCH_SQL = """
WITH koppel AS (
  INSERT INTO betalingen_batchdeclaratie (betaalbatch_id, declaratie_id)
  SELECT %(batch)s, d.id FROM declaraties_declaratie d
  WHERE d.gemeente_id = %(gemeente)s AND d.ingediend_op >= %(van)s AND d.ingediend_op < %(tot)s
    AND NOT EXISTS (SELECT 1 FROM betalingen_batchdeclaratie k WHERE k.declaratie_id = d.id)
  RETURNING declaratie_id
), posten AS (
  INSERT INTO betalingen_betaalpost (batch_id, aanbieder_id, bedrag, aantal_regels, iban)
  SELECT %(batch)s, r.aanbieder_id, SUM(CASE WHEN r.debet_credit = 'C' THEN -r.bedrag ELSE r.bedrag END), COUNT(*),
         a.iban
  FROM declaraties_declaratieregel r
  JOIN koppel k ON k.declaratie_id = r.declaratie_id
  JOIN organisaties_aanbieder a ON a.id = r.aanbieder_id
  WHERE r.status = 'goedgekeurd'
  GROUP BY r.aanbieder_id, a.iban
  RETURNING bedrag, aantal_regels
), totalen AS (
  SELECT COALESCE(SUM(bedrag), 0) AS som, COALESCE(SUM(aantal_regels), 0) AS aantal FROM posten
), rij AS (
  INSERT INTO betalingen_betaalbatch (id, gemeente_id, jaar, maand, status, totaal, aantal_regels, voorbereid_door_id,
         voorbereid_op, toelichting)
  SELECT %(batch)s, %(gemeente)s, %(jaar)s, %(maand)s, 'voorbereid', som, aantal, %(door)s, %(nu)s, '' FROM totalen
), gebeurtenis AS (
  INSERT INTO betalingen_batchgebeurtenis (batch_id, gebeurtenis, door_id, tijdstip, gegevens)
  SELECT %(batch)s, 'voorbereid', %(door)s, %(nu)s,
         jsonb_build_object('totaal', som::text, 'aantal_regels', aantal, 'declaraties', (SELECT COUNT(*) FROM koppel))
  FROM totalen WHERE aantal > 0
)
SELECT som, aantal FROM totalen
"""


def _w4_opruimen(jaar: int, maand: int, batch_id: int | None = None) -> None:
    """Remove the batches of the month (a previous run), or one batch (the statement's own):
    its links, posts, event rows and the row. Not timed."""
    from jeugdregie.betalingen.models import Batchdeclaratie, Batchgebeurtenis, Betaalbatch, Betaalpost

    batches = Betaalbatch.objects.filter(jaar=jaar, maand=maand)
    if batch_id is not None:
        batches = batches.filter(pk=batch_id)
    with transaction.atomic():
        Batchdeclaratie.objects.filter(betaalbatch__in=batches).delete()
        Betaalpost.objects.filter(batch__in=batches).delete()
        Batchgebeurtenis.objects.filter(batch__in=batches).delete()
        batches.delete()


def _w4_statement(gemeente, door, jaar, maand, van, tot, nu, *, vastleggen: bool) -> tuple[float, int]:
    """The baseline for one municipality, timed from taking the batch id to the commit (as the
    service's batch: a payment batch that is not committed does not exist) or the rollback;
    a committed batch is removed afterwards, untimed. Returns (seconds, lines in the batch)."""
    begin = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('betalingen_betaalbatch', 'id'))")
        (batch_id,) = cursor.fetchone()
        parameters = {"batch": batch_id, "gemeente": gemeente.pk, "jaar": jaar, "maand": maand}
        cursor.execute(_BATCH_SQL, {**parameters, "van": van, "tot": tot, "door": door.pk, "nu": nu})
        _, aantal = cursor.fetchone()
        transaction.set_rollback(not vastleggen)
    seconden = time.perf_counter() - begin
    if vastleggen:
        _w4_opruimen(jaar, maand, batch_id)
    return seconden, aantal


def w4(schaal: data.Schaal, jit: str = "uit", herhaal: str = "1") -> None:
    """Per municipality: ``maak_batch`` against the hand-written statement doing the same
    writes, both in their own transaction that commits. The statement is also timed in a
    transaction that is rolled back (no commit: no WAL flush, no deferred foreign-key checks),
    printed for comparison. The three run one after the other per municipality, after an
    untimed pass that warms the cache, so a noisy machine slows them alike; with ``herhaal`` > 1
    the best of that many rounds per municipality."""
    from jeugdregie.betalingen.models import Batchgebeurtenis, Betaalbatch
    from jeugdregie.betalingen.services.batch import maak_batch

    if connection.vendor != "postgresql":
        print("W4 vergelijkt met hand-geschreven PostgreSQL: zet DATABASE_URL. Overgeslagen.", flush=True)
        return
    jit_stand = zet_jit(jit)
    jaar, maand = data.INGEDIEND.year, data.INGEDIEND.month
    van = datetime(jaar, maand, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))
    tot = van + relativedelta(months=1)
    in_maand = {"declaraties__ingediend_op__gte": van, "declaraties__ingediend_op__lt": tot}
    gemeenten = list(Gemeente.objects.filter(**in_maand).distinct())
    makers = {}
    for gemeente in gemeenten:
        makers[gemeente.pk], _ = Gebruiker.objects.get_or_create(
            username=f"bench-fin-{gemeente.pk}", defaults={"rol": Rol.FINANCIEEL, "gemeente": gemeente}
        )
    _w4_opruimen(jaar, maand)
    regels = Declaratieregel.objects.filter(
        declaratie__ingediend_op__gte=van, declaratie__ingediend_op__lt=tot, status="goedgekeurd"
    ).count()
    for gemeente in gemeenten:  # warm the cache, untimed
        _w4_statement(gemeente, makers[gemeente.pk], jaar, maand, van, tot, tot, vastleggen=False)

    terug_s: dict[int, float] = {}
    sql_s: dict[int, float] = {}
    sql_regels: dict[int, int] = {}
    service_s: dict[int, float] = {}
    rondes = max(1, int(herhaal))
    for gemeente in tqdm(gemeenten, desc="W4", unit="gemeente", mininterval=2, leave=False):
        door = makers[gemeente.pk]
        for ronde in range(1, rondes + 1):  # best of the rounds; the service's batch removed between them
            seconden, _ = _w4_statement(gemeente, door, jaar, maand, van, tot, tot, vastleggen=False)
            terug_s[gemeente.pk] = min(seconden, terug_s.get(gemeente.pk, seconden))
            seconden, sql_regels[gemeente.pk] = _w4_statement(
                gemeente, door, jaar, maand, van, tot, tot, vastleggen=True
            )
            sql_s[gemeente.pk] = min(seconden, sql_s.get(gemeente.pk, seconden))
            begin = time.perf_counter()
            batch = maak_batch(gemeente=gemeente, jaar=jaar, maand=maand, door=door, nu=tot)
            seconden = time.perf_counter() - begin
            service_s[gemeente.pk] = min(seconden, service_s.get(gemeente.pk, seconden))
            if ronde < rondes:
                _w4_opruimen(jaar, maand, batch.pk)
    sql_totaal, terug_totaal, service_totaal = sum(sql_s.values()), sum(terug_s.values()), sum(service_s.values())
    batches = Betaalbatch.objects.filter(jaar=jaar, maand=maand)
    gebeurtenissen = Batchgebeurtenis.objects.filter(batch__in=batches).count()
    print(
        f"\nW4 samenvatting (postgresql, jit = {jit_stand}; {len(gemeenten):,} gemeenten, {regels:,} regels; "
        f"per gemeente de beste van {rondes} ronde(n))"
    )
    print(
        f"W4 hand-geschreven SQL: {sql_totaal:,.2f} s vastgelegd ({terug_totaal:,.2f} s teruggedraaid), "
        f"{sum(sql_regels.values()):,} regels in de batches"
    )
    print(
        f"W4 service maak_batch: {service_totaal:,.2f} s, {batches.count():,} batches, "
        f"{sum(b.aantal_regels for b in batches):,} regels, {gebeurtenissen:,} gebeurtenisrijen",
        flush=True,
    )
    grootste = max(gemeenten, key=lambda g: batches.get(gemeente=g).aantal_regels)
    print(
        f"W4 verhouding service / SQL: {service_totaal / sql_totaal:.2f}× over alle gemeenten "
        f"(tegen het teruggedraaide statement {service_totaal / terug_totaal:.2f}×); grootste gemeente "
        f"({batches.get(gemeente=grootste).aantal_regels:,} regels): {service_s[grootste.pk] * 1000:,.1f} ms tegen "
        f"{sql_s[grootste.pk] * 1000:,.1f} ms = {service_s[grootste.pk] / sql_s[grootste.pk]:.2f}× (doel ≤ 2×)",
        flush=True,
    )
    print(
        "\neerlijkheid:\n"
        "  - beide doen per gemeente hetzelfde werk: de batchrij (id uit de reeks), de koppeling van de "
        "declaraties van de maand die nog in geen batch zitten (Batchdeclaratie), één post per aanbieder "
        "(Σ debet − Σ credit van de goedgekeurde regels, met IBAN), de totalen van de batch en de "
        "gebeurtenisrij 'voorbereid' (totaal, aantal regels, aantal declaraties).\n"
        "  - beide leggen vast, elk in een eigen transactie; de uitgestelde verwijzende sleutels worden bij de "
        "commit gecontroleerd. Het teruggedraaide statement staat er ter vergelijking bij.\n"
        f"  - jit = {jit_stand} voor beide (SET jit in de sessie, één verbinding).\n"
        "  - alleen de service: rechtencontrole (financieel medewerker van de gemeente), controle dat de maand "
        "voorbij is, vergrendeling van de gemeenterij (FOR NO KEY UPDATE), opzoeken van een bestaande batch "
        "(FOR UPDATE), de controle dat de batch niet leeg is; geteld in haar tijd.\n"
        "  - niet geteld: het opruimen van de batch van de SQL (koppelingen, posten, gebeurtenis, rij) vóór "
        "de service dezelfde declaraties koppelt, en van die van de service tussen de rondes; de niet getimede "
        "opwarmronde.",
        flush=True,
    )


def w2_terug(schaal: data.Schaal) -> None:
    """Undo a W2 run (its declarations, lines, ledger moves), so W2 can be measured again."""
    _draai_terug("W2-")
    print("W2 teruggedraaid", flush=True)


if __name__ == "__main__":
    fase, naam, *opties = sys.argv[1:]
    {"laad": laad, "w2": w2, "w2-terug": w2_terug, "w4": w4}[fase](data.SCHALEN[naam], *opties)
