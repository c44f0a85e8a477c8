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
from django.utils import timezone  # noqa: E402
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
    ceiling, writes the declarations, lines, ledger moves and mutations, and returns the count
    per outcome. R-B7 as the service decides it after the line checks: a debit on a released
    ledger (``vrijgegeven_op``) or submitted (Amsterdam date) after the allocation's end (the
    stop of care when stopped, else its end date) plus the region's ``declaratietermijn_dagen``
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
), decl AS (
  INSERT INTO declaraties_declaratie (aanbieder_id, gemeente_id, nummer, bron, inhoud_hash, ingediend_op,
         periode_einde, dagen_na_periode, ingediend_bedrag, goedgekeurd_bedrag)
  SELECT aanbieder_id, gemeente_id, 'SQL-' || decl, 'api', '', %(ingediend)s, max(einddatum),
         %(vandaag)s::date - max(einddatum), sum(bedrag), 0
  FROM bench_invoer GROUP BY decl, aanbieder_id, gemeente_id
  RETURNING id, nummer
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
         CASE WHEN t.status = 'gestopt' AND t.stopdatum_zorg IS NOT NULL THEN t.stopdatum_zorg ELSE t.einddatum END
           + rg.declaratietermijn_dagen AS sluitdatum
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
  LEFT JOIN organisaties_regio rg ON rg.id = tgm.regio_id
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
), regels AS (
  INSERT INTO declaraties_declaratieregel (declaratie_id, aanbieder_id, referentie, volgnummer, jeugdige_id,
         toewijzing_id, product_id, begindatum, einddatum, volume, eenheid, bedrag, debet_credit, status, afkeur,
         retourcode, toelichting)
  SELECT d.id, u.aanbieder_id, trim(u.referentie), u.volgnummer,
         CASE WHEN u.uitkomst IS NULL THEN u.t_jeugdige END, u.tid,
         CASE WHEN u.uitkomst IS NULL THEN u.pid END, u.begindatum, u.einddatum, u.volume, trim(u.eenheid), u.bedrag,
         u.debet_credit, CASE WHEN u.uitkomst IS NULL THEN 'goedgekeurd' ELSE 'afgekeurd' END,
         coalesce(u.uitkomst, ''), CASE u.uitkomst {retour} ELSE '' END, ''
  FROM uitkomst u JOIN decl d ON d.nummer = 'SQL-' || u.decl
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
SELECT coalesce(uitkomst, 'goedgekeurd'), count(*), (SELECT count(*) FROM stand), (SELECT count(*) FROM mutaties)
FROM uitkomst GROUP BY 1
"""


def w2(schaal: data.Schaal) -> None:
    data.laad_tarieven()
    begin = time.perf_counter()
    invoer = data.invoer_doelmaand(schaal)
    regels = sum(len(r) for r in invoer.values())
    gebruikers = _gebruikers(invoer)
    aanbieders = Aanbieder.objects.in_bulk(list({a for a, _ in invoer}))
    gemeenten = Gemeente.objects.in_bulk(list({g for _, g in invoer}))
    print(
        f"W2 invoer: {regels:,} regels in {len(invoer):,} declaraties (voorbereid in "
        f"{time.perf_counter() - begin:,.0f} s)",
        flush=True,
    )
    sql_uitkomst: Counter = Counter()
    sql_s = None
    zonder = Toewijzing.objects.filter(budgetstand__isnull=True).count()
    if zonder:  # the statement assumes every allocation has its ledger (the service opens one)
        raise SystemExit(
            f"W2: {zonder:,} toewijzingen zonder budgetstand; de data zijn niet zoals de services ze maken"
        )
    if connection.vendor == "postgresql":
        _sql_invoer(invoer)
        with transaction.atomic():
            begin = time.perf_counter()
            with connection.cursor() as cursor:
                # The foreign keys are deferred to the commit, which a rolled-back statement never
                # reaches; checked at the end of the statement, they are in its time, as they are in
                # the service's (which commits).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(_sql_statement(), {"ingediend": data.INGEDIEND, "vandaag": datum_van(data.INGEDIEND)})
                for uitkomst, aantal, _, _ in cursor.fetchall():
                    sql_uitkomst[uitkomst] = aantal
            sql_s = time.perf_counter() - begin
            transaction.set_rollback(True)
        print(
            f"W2 hand-geschreven SQL: {sql_s:,.1f} s ({regels / sql_s:,.0f} regels/s), met de controles van de "
            "verwijzende sleutels, teruggedraaid",
            flush=True,
        )

    aanvragen = [
        Aanvraag(aanbieders[a], gemeenten[g], f"W2-{a}-{g}", declaratieregels, gebruikers[a], data.INGEDIEND)
        for (a, g), declaratieregels in invoer.items()
    ]
    begin = time.perf_counter()
    with tqdm(total=len(aanvragen), desc="W2 service", unit="decl", mininterval=2) as voortgang:
        for eerste in range(0, len(aanvragen), WACHTRIJ):
            blok = aanvragen[eerste : eerste + WACHTRIJ]
            fouten = [u for u in verwerk_declaraties(blok) if not hasattr(u, "pk")]
            if fouten:
                raise SystemExit(f"W2: declaraties geweigerd: {fouten[:3]}")
            voortgang.update(len(blok))
    service_s = time.perf_counter() - begin
    print(
        f"W2 service (verwerk_declaraties, {WACHTRIJ} declaraties per transactie): {service_s:,.1f} s "
        f"({regels / service_s:,.0f} regels/s)",
        flush=True,
    )
    if sql_s:
        print(f"W2 verhouding service / SQL: {service_s / sql_s:.2f}× (doel ≤ 1,5×)", flush=True)

    service_uitkomst = Counter(
        {
            (r["afkeur"] or "goedgekeurd"): r["n"]
            for r in Declaratieregel.objects.filter(declaratie__nummer__startswith="W2-")
            .values("afkeur")
            .annotate(n=django.db.models.Count("id"))
        }
    )
    print(f"{'uitkomst':<12} {'service':>9} {'SQL':>9}")
    for code in sorted(set(service_uitkomst) | set(sql_uitkomst)):
        sql_aantal = f"{sql_uitkomst[code]:,}" if sql_s else "-"
        print(f"{code:<12} {service_uitkomst[code]:>9,} {sql_aantal:>9}")
    if sql_s:
        verschil = sorted(
            c for c in set(service_uitkomst) | set(sql_uitkomst) if service_uitkomst[c] != sql_uitkomst[c]
        )
        print(f"W2 uitkomsten per code gelijk: {'ja' if not verschil else 'NEE, verschil bij ' + ', '.join(verschil)}")


_POSTEN_SQL = """
INSERT INTO betalingen_betaalpost (batch_id, aanbieder_id, bedrag, aantal_regels, iban)
SELECT %s, d.aanbieder_id, SUM(CASE WHEN r.debet_credit = 'D' THEN r.bedrag ELSE -r.bedrag END), COUNT(*), ''
FROM declaraties_declaratieregel r
JOIN declaraties_declaratie d ON d.id = r.declaratie_id
WHERE d.gemeente_id = %s AND d.ingediend_op >= %s AND d.ingediend_op < %s AND r.status = 'goedgekeurd'
GROUP BY d.aanbieder_id
"""


def _w4_opruimen(jaar: int, maand: int) -> None:
    """Remove the batches of the month (a previous run, or the statement's own) and unlink."""
    from jeugdregie.betalingen.models import Batchdeclaratie, Betaalbatch

    with transaction.atomic():
        Batchdeclaratie.objects.filter(betaalbatch__jaar=jaar, betaalbatch__maand=maand).delete()
        for batch in Betaalbatch.objects.filter(jaar=jaar, maand=maand):
            batch.posten.all().delete()
            batch.gebeurtenissen.all().delete()
            batch.delete()


def _w4_statement(gemeente, door, jaar, maand, van, tot, *, vastleggen: bool) -> float:
    """The statement for one municipality, timed, in its own transaction that commits (as the
    service's batch does: a payment batch that is not committed does not exist) or is rolled
    back. The batch row it refers to is made beforehand and everything removed after, untimed."""
    from jeugdregie.betalingen.models import Betaalbatch

    batch = Betaalbatch.objects.create(
        gemeente=gemeente, jaar=jaar, maand=maand, voorbereid_door=door, voorbereid_op=timezone.now()
    )
    begin = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_POSTEN_SQL, [batch.pk, gemeente.pk, van, tot])
        transaction.set_rollback(not vastleggen)
    seconden = time.perf_counter() - begin
    batch.posten.all().delete()
    batch.delete()
    return seconden


def w4(schaal: data.Schaal) -> None:
    """Per municipality: ``maak_batch`` against one INSERT … SELECT … GROUP BY of its posts,
    both in their own transaction that commits. The statement is also timed in a transaction
    that is rolled back (no commit: no WAL flush, no deferred foreign-key checks), printed for
    comparison. The three run one after the other per municipality, after an untimed pass that
    warms the cache, so a noisy machine slows them alike."""
    from jeugdregie.betalingen.models import Betaalbatch
    from jeugdregie.betalingen.services.batch import maak_batch

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
        _w4_statement(gemeente, makers[gemeente.pk], jaar, maand, van, tot, vastleggen=False)

    terug_s: dict[int, float] = {}
    sql_s: dict[int, float] = {}
    service_s: dict[int, float] = {}
    for gemeente in tqdm(gemeenten, desc="W4", unit="gemeente", mininterval=2):
        door = makers[gemeente.pk]
        terug_s[gemeente.pk] = _w4_statement(gemeente, door, jaar, maand, van, tot, vastleggen=False)
        sql_s[gemeente.pk] = _w4_statement(gemeente, door, jaar, maand, van, tot, vastleggen=True)
        begin = time.perf_counter()
        maak_batch(gemeente=gemeente, jaar=jaar, maand=maand, door=door, nu=tot)
        service_s[gemeente.pk] = time.perf_counter() - begin
    sql_totaal, terug_totaal, service_totaal = sum(sql_s.values()), sum(terug_s.values()), sum(service_s.values())
    batches = Betaalbatch.objects.filter(jaar=jaar, maand=maand)
    print(
        f"W4 INSERT … SELECT … GROUP BY: {sql_totaal:,.2f} s vastgelegd ({terug_totaal:,.2f} s teruggedraaid) "
        f"voor {len(gemeenten):,} gemeenten, {regels:,} regels"
    )
    print(
        f"W4 service maak_batch: {service_totaal:,.2f} s, {batches.count():,} batches, "
        f"{sum(b.aantal_regels for b in batches):,} regels",
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


def w2_terug(schaal: data.Schaal) -> None:
    """Undo a W2 run (its declarations, lines, ledger moves), so W2 can be measured again."""
    with transaction.atomic(), connection.cursor() as cursor:
        w2 = "SELECT r.id FROM declaraties_declaratieregel r JOIN declaraties_declaratie d ON d.id = r.declaratie_id "
        w2 += "WHERE d.nummer LIKE 'W2-%%'"
        cursor.execute(
            "UPDATE declaraties_budgetstand SET goedgekeurd = goedgekeurd - COALESCE((SELECT SUM(m.bedrag) "
            f"FROM declaraties_budgetmutatie m WHERE m.toewijzing_id = declaraties_budgetstand.toewijzing_id "
            f"AND m.regel_id IN ({w2})), 0) WHERE toewijzing_id IN (SELECT m.toewijzing_id FROM "
            f"declaraties_budgetmutatie m WHERE m.regel_id IN ({w2}))"
        )
        cursor.execute(f"DELETE FROM declaraties_budgetmutatie WHERE regel_id IN ({w2})")
        cursor.execute(f"DELETE FROM declaraties_declaratieregel WHERE id IN ({w2})")
        cursor.execute("DELETE FROM declaraties_declaratie WHERE nummer LIKE 'W2-%%'")
    print("W2 teruggedraaid", flush=True)


if __name__ == "__main__":
    fase, naam = sys.argv[1], sys.argv[2]
    {"laad": laad, "w2": w2, "w2-terug": w2_terug, "w4": w4}[fase](data.SCHALEN[naam])
