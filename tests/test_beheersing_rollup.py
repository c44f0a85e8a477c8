"""The rollup's cells equal a query per cell on the source (issue 6 §9, R-K1): every period kind
× every grouping of (municipality, provider, category), for the additive spend (KOS01) and the
three distinct counts of young people (KOS02, CON07, CON08). The world is random but seeded, with
young people who have two providers, two categories or two municipalities in one month, quarter
or year — the cases where counting a young person once per cell differs from summing cells."""

import contextlib
import random
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection, transaction

from jeugdregie.beheersing.constants import ALLE
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode, Verversing
from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.rekenkern import Rekenkern, RekenkernFout
from jeugdregie.declaraties.constants import DebetCredit
from jeugdregie.organisaties.models import Wachttijdmelding
from jeugdregie.toewijzingen.constants import ToewijzingSoort
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.beheersing import _jeugdige, _regel, _toewijzing
from .builders.rollup import MAANDEN, TOT, VAN, _vergelijk, _verwacht

# Issue 18: the rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)


def _wereld(route, seed: int = 6) -> None:
    rng = random.Random(seed)
    for _ in range(12):  # R-S6: waiting times reported by the providers (CON09, no municipality)
        jaar, maand = rng.choice(MAANDEN)
        Wachttijdmelding.objects.create(
            aanbieder=route[rng.choice(["aanbieder", "andere_aanbieder"])],
            productcategorie=rng.choice(["ambulant", "wonen_verblijf", "crisis"]),
            weken=rng.randint(0, 20),
            gemeld_op=date(jaar, maand, rng.randint(1, 28)),
        )
    for gemeente in ("zwolle",) * 5 + ("deventer",) * 4:
        jeugdige = _jeugdige(route, gemeente)
        for _ in range(rng.randint(1, 3)):
            wonen = rng.random() < 0.4
            toewijzing = _toewijzing(
                route,
                jeugdige=jeugdige,
                aanbieder=rng.choice(["aanbieder", "andere_aanbieder"]),
                soort=ToewijzingSoort.WONEN_VERBLIJF if wonen else ToewijzingSoort.KEUZEBUDGET,
                woonvorm=rng.choice(["pleegzorg", "leefgroep", "respijtzorg"]) if wonen else "",
                start=date(2025, 1, 13),
            )
            if rng.random() < 0.2:  # moved: this allocation is declared to the other municipality
                toewijzing.gemeente = route["deventer" if gemeente == "zwolle" else "zwolle"]
                toewijzing.save(update_fields=["gemeente"])
            for maand in rng.sample(MAANDEN, rng.randint(1, 5)):
                _regel(
                    toewijzing,
                    f"{rng.randint(1, 900)}.00",
                    maand=maand,
                    product="44W05" if wonen else rng.choice(["45A03", "45A01", "41D01"]),
                    debet_credit=DebetCredit.CREDIT if rng.random() < 0.1 else DebetCredit.DEBET,
                )


@pytest.mark.parametrize("code", ["KOS01", "KOS02", "CON07", "CON08"])
@pytest.mark.parametrize("seed", [6, 7])
def test_elke_cel_is_gelijk_aan_een_query_op_de_bron(route, code, seed):
    _wereld(route, seed)
    indicator = REGISTER[code]
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    assert _vergelijk(indicator) > 50


def test_con09_met_vele_meldingen_per_maand_gelijk_aan_een_query_per_cel(route):
    """R-S6, R-K1 (review of issue 21): CON09 counts only the latest report per provider, category
    and month; with many reports in the same months the engine's cells still equal a query per
    cell on the source, and the region's cells count (provider, category, month), not reports."""
    rng = random.Random(9)
    for _ in range(40):
        jaar, maand = rng.choice(MAANDEN[:4])
        Wachttijdmelding.objects.create(
            aanbieder=route[rng.choice(["aanbieder", "andere_aanbieder"])],
            productcategorie=rng.choice(["ambulant", "wonen_verblijf"]),
            weken=rng.randint(0, 20),
            gemeld_op=date(jaar, maand, rng.randint(1, 28)),
        )
    indicator = REGISTER["CON09"]
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    assert _vergelijk(indicator) > 20
    regio = Cijfer.objects.filter(
        indicator="CON09", periodesoort="maand", gemeente__isnull=True, aanbieder__isnull=True, categorie=ALLE
    )
    assert sum(c.noemer for c in regio) <= 2 * 2 * 4 < 40  # providers × categories × months


def _budgetwereld(route, seed: int) -> list[tuple[bool, Decimal, Decimal]]:
    """Closed keuzebudgetten, standard and offerte, of any size and spend in cents (budgets such
    as 3200 whose shares end in a half at the fifth decimal among them), closing in random months
    at random municipalities and providers; a few running ones. Returns (offerte, budget, spent)."""
    from jeugdregie.budgetten.models import Budgetstand

    rng, budgetten = random.Random(seed), []
    for gemeente in ("zwolle",) * 4 + ("deventer",) * 3:
        jeugdige = _jeugdige(route, gemeente)
        for _ in range(rng.randint(2, 4)):
            offerte = rng.random() < 0.3
            bedrag = Decimal(rng.choice([1000, 3200, 6400, 12500, 20000])) + Decimal(rng.randint(0, 99)) / 100
            besteed = (bedrag * Decimal(rng.randint(0, 10000)) / 10000).quantize(Decimal("0.01"))
            jaar, maand = rng.choice(MAANDEN)
            lopend = rng.random() < 0.15
            toewijzing = _toewijzing(
                route,
                jeugdige=jeugdige,
                aanbieder=rng.choice(["aanbieder", "andere_aanbieder"]),
                budget=str(bedrag),
                offerte=offerte,
                begindatum=date(2024, 9, 2),
                start=date(2024, 9, 9),
                einddatum=date(2030, 12, 31) if lopend else date(jaar, maand, rng.randint(1, 28)),
            )
            Budgetstand.objects.create(
                toewijzing=toewijzing, toegewezen=bedrag, vastgelegd=bedrag, goedgekeurd=besteed, vrijgevallen=0
            )
            if not lopend:
                budgetten.append((offerte, bedrag, besteed))
    return budgetten


@pytest.mark.parametrize("seed", [3, 4])
def test_benutting_gemiddeld_per_budget_is_cel_voor_cel_gelijk_aan_de_bron(route, seed):
    """R-K1 (KOS05 correction, SPEC §14.5), R-A1: the mean per budget (Σ per-budget share / number
    of budgets) computed by the engine equals the query per cell on the source in every period
    kind and grouping, for the standard budgets (KOS05) and the offerte budgets (KOS05O); the
    region's total over all years is the plain mean of the shares, each rounded to 0.01 point."""
    budgetten = _budgetwereld(route, seed)
    for code, offerte in (("KOS05", False), ("KOS05O", True)):
        indicator = REGISTER[code]
        rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
        assert _vergelijk(indicator) > 20
        eigen = [b / a for o, a, b in budgetten if o == offerte]
        jaren = Cijfer.objects.filter(
            indicator=code, periodesoort="jaar", gemeente=None, aanbieder=None, categorie=ALLE
        )
        teller = sum(c.teller for c in jaren)
        assert sum(c.noemer for c in jaren) == len(eigen)
        assert teller == sum(a.quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP") for a in eigen)


def test_jeugdige_bij_twee_aanbieders_in_een_maand_telt_eenmaal_per_cel(route):
    """The deduplicated path: one young person with both providers and two categories in March
    counts once for the region, the municipality and the month, twice over the providers."""
    x = _jeugdige(route)
    for aanbieder, product in (("aanbieder", "45A03"), ("andere_aanbieder", "45A01"), ("aanbieder", "41D01")):
        _regel(_toewijzing(route, jeugdige=x, aanbieder=aanbieder, start=date(2025, 1, 13)), "100.00", product=product)
    indicator = REGISTER["KOS02"]
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    regio = Cijfer.objects.get(
        indicator="KOS02", periodesoort="maand", periode=date(2025, 3, 1), gemeente=None, aanbieder=None, categorie=ALLE
    )
    assert (regio.teller, regio.noemer) == (Decimal("300"), Decimal("1"))
    per_aanbieder = Cijfer.objects.filter(
        indicator="KOS02", periodesoort="jaar", gemeente=None, aanbieder__isnull=False, categorie=ALLE
    )
    assert sorted(c.noemer for c in per_aanbieder) == [Decimal("1"), Decimal("1")]
    _vergelijk(indicator)


def test_werk_bij_van_een_onderscheiden_telling_is_gelijk_aan_opnieuw_bouwen(route):
    """The incremental refresh of a distinct count recomputes the queued months' years from the
    source: afterwards every cell equals the query per cell again."""
    _wereld(route)
    rollup.bouw_opnieuw()
    x = _jeugdige(route)
    _regel(_toewijzing(route, jeugdige=x, start=date(2025, 1, 13)), "70.00", maand=(2025, 6))
    _regel(_toewijzing(route, jeugdige=x, aanbieder="andere_aanbieder", start=date(2025, 1, 13)), maand=(2025, 6))
    rollup.markeer([date(2025, 6, 30)])
    rollup.werk_bij()
    for code in ("KOS01", "KOS02", "CON07"):
        _vergelijk(REGISTER[code])


def test_verversing_kopieert_alleen_de_opgeslagen_cellen_van_haar_perioden(route, monkeypatch):
    """Issue 18 §2: a refresh of one month copies the stored cells of that month, its quarter and
    its year — read through the rollup's index — not every cell of the year or of the rollup
    (nationally the copy of the stored cells had made the refresh twice as slow); it still
    writes only what changed, and every cell equals the query per cell again. A full rebuild
    copies every stored cell."""
    _wereld(route)
    rollup.bouw_opnieuw()
    x = _jeugdige(route)
    _regel(_toewijzing(route, jeugdige=x, start=date(2025, 1, 13)), "70.00", maand=(2025, 5))
    gekopieerd = []
    echt = Rekenkern._kopieer_stand

    def kopieer(kern, codes, perioden):
        echt(kern, codes, perioden)
        rijen = kern.duck.execute("SELECT DISTINCT periodesoort, periode FROM stand").fetchall()
        gekopieerd.append((perioden, {(s, p) for s, p in rijen}))

    monkeypatch.setattr(Rekenkern, "_kopieer_stand", kopieer)
    rollup.markeer([date(2025, 5, 20)])
    rollup.werk_bij()
    (perioden, rijen), *_ = gekopieerd
    eigen = {("maand", date(2025, 5, 1)), ("kwartaal", date(2025, 4, 1)), ("jaar", date(2025, 1, 1))}
    assert rijen == eigen
    assert {(s, v) for s, v, _t in perioden} == eigen
    for code in ("KOS01", "KOS02", "CON07"):
        _vergelijk(REGISTER[code])
    gekopieerd.clear()
    rollup.bouw_opnieuw()
    (perioden, rijen), *_ = gekopieerd
    assert perioden is None and len(rijen) > len(eigen)


def test_reeksen_van_de_wachtrij_overspannen_nooit_het_gat_tussen_maanden():
    """Issue 18 §2: consecutive queued months form one range; a gap splits; a distinct count
    takes each year's queued months together (it reads that year anyway), never across years."""
    maanden = [date(2021, 3, 1), date(2025, 11, 1), date(2025, 12, 1), date(2025, 6, 1), date(2026, 1, 1)]
    assert rollup.reeksen(maanden, per_jaar=False) == [
        (date(2021, 3, 1), date(2021, 3, 31)),
        (date(2025, 6, 1), date(2025, 6, 30)),
        (date(2025, 11, 1), date(2026, 1, 31)),
    ]
    assert rollup.reeksen(maanden, per_jaar=True) == [
        (date(2021, 3, 1), date(2021, 3, 31)),
        (date(2025, 6, 1), date(2026, 1, 31)),
    ]


def test_late_correctie_jaren_terug_rekent_alleen_haar_eigen_maanden_door(route, monkeypatch):
    """Issue 18 §2: a correction for a month more than a year back plus a line in the current
    month: the refresh recomputes those two months (with their quarter and year; a distinct
    count their years), not the fourteen months between them; afterwards every cell equals the
    query per cell again."""
    _wereld(route)
    rollup.bouw_opnieuw()
    x = _jeugdige(route)
    oud = _toewijzing(route, jeugdige=x, start=date(2024, 9, 2))
    _regel(oud, "120.00", maand=(2024, 10), debet_credit=DebetCredit.CREDIT)
    _regel(_toewijzing(route, jeugdige=x, aanbieder="andere_aanbieder", start=date(2025, 1, 13)), maand=(2025, 12))
    rollup.markeer([date(2024, 10, 15), date(2025, 12, 31)])
    berekend = []
    echt = rollup._cellen
    monkeypatch.setattr(
        rollup,
        "_cellen",
        lambda kern, i, van, tot, deel=None: berekend.append((i.code, van, tot)) or echt(kern, i, van, tot, deel),
    )
    rollup.werk_bij()
    assert berekend and all(
        (van, tot) in {(date(2024, 10, 1), date(2024, 10, 31)), (date(2025, 12, 1), date(2025, 12, 31))}
        for _c, van, tot in berekend
    )
    for code in ("KOS01", "KOS02", "CON07"):
        _vergelijk(REGISTER[code])


def test_een_run_die_eerder_las_overschrijft_een_latere_nooit(route, monkeypatch):
    """Issue 18: the engine reads the source once per run, before it writes. A run that read
    before a later run wrote does not write its older cells: it reads again and goes on, so the
    cells equal the query per cell afterwards, with the line committed in between."""
    _wereld(route)
    rollup.bouw_opnieuw()
    indicator = REGISTER["KOS02"]
    echt, tussendoor = Rekenkern.cellen, []

    def cellen(kern, *args, **kwargs):
        uitkomst = echt(kern, *args, **kwargs)
        if not tussendoor:  # the first run has read; another line is committed and another run writes
            tussendoor.append(_regel(_toewijzing(route, start=date(2025, 1, 13)), "55.00", maand=(2025, 4)))
            rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
        return uitkomst

    monkeypatch.setattr(Rekenkern, "cellen", cellen)
    lezing = Verversing.objects.get().lezing
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    assert Verversing.objects.get().lezing == lezing + 3  # the first run, the one in between, the first again
    _vergelijk(indicator)
    april = Cijfer.objects.get(
        indicator="KOS02", periodesoort="maand", periode=date(2025, 4, 1), gemeente=None, aanbieder=None, categorie=ALLE
    )
    assert april.teller == Decimal(_verwacht(indicator, "maand", ())[(date(2025, 4, 1), None, None, ALLE)][0])


def test_elke_indicator_van_het_register_is_cel_voor_cel_gelijk_aan_de_bron(route):
    """Issue 18: every indicator of the register — not only the declaration ones — computed by
    the engine (PostgreSQL's dialect executed by DuckDB over a copy of SQLite's or PostgreSQL's
    tables) equals the query per cell on the source, in every period kind and grouping."""
    _wereld(route)
    rollup.ververs(van=VAN, tot=TOT)
    assert sum(_vergelijk(indicator) for indicator in REGISTER.values()) > 500


def test_schrijvende_run_tijdens_de_kopie_van_een_latere_laat_geen_dubbele_cellen_na(route):
    """Issue 18, found in review: run 1 writes KOS01, run 2 (a later reading) copies the stored
    cells, run 1 writes KOS02 after that copy, then run 2 writes both. Run 2's copy of KOS02 is
    out of date, so it must replace KOS02 whole instead of writing a difference against it (it
    had left each changed cell twice). Every write counts itself, so run 2 sees it."""
    _wereld(route)
    van, tot = VAN, TOT
    werk = [(REGISTER[code], [(van, tot)]) for code in ("KOS01", "KOS02")]

    def kern():
        return Rekenkern([rollup._jaren(i, *r[0]) for i, r in werk], rollup._te_lezen(werk), rollup._stand(werk))

    with contextlib.ExitStack() as kernen:
        eerste = rollup._Run(rollup._lezing(), kernen.enter_context(kern()))
        tweede_lezing = rollup._lezing()
        rollup._bereken(eerste, REGISTER["KOS01"], van, tot)
        tweede = rollup._Run(tweede_lezing, kernen.enter_context(kern()))
        rollup._bereken(eerste, REGISTER["KOS02"], van, tot)
        rollup._bereken(tweede, REGISTER["KOS01"], van, tot)
        rollup._bereken(tweede, REGISTER["KOS02"], van, tot)
    for code in ("KOS01", "KOS02"):
        _vergelijk(REGISTER[code])


def test_maanden_van_een_mislukte_verversing_blijven_in_de_wachtrij(route, monkeypatch):
    """Issue 18, found in review: a refresh that fails (or whose worker is killed) leaves its
    months queued — they are claimed, not removed — and the next refresh computes them."""
    _wereld(route)
    rollup.bouw_opnieuw()
    _regel(_toewijzing(route, start=date(2025, 1, 13)), "41.00", maand=(2025, 3))
    rollup.markeer([date(2025, 3, 1)])

    def kapot(*args, **kwargs):
        raise MemoryError("zogenaamd te weinig geheugen")

    monkeypatch.setattr(rollup, "_reken", kapot)
    with pytest.raises(MemoryError):
        rollup.werk_bij()
    assert list(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2025, 3, 1)]
    monkeypatch.undo()
    assert rollup.werk_bij() > 0
    assert not VerouderdePeriode.objects.exists()
    _vergelijk(REGISTER["KOS01"])


def test_maand_die_tijdens_het_rekenen_opnieuw_verandert_blijft_in_de_wachtrij(route, monkeypatch):
    """A month queued again while a refresh computes it (a decision committed after the engine
    read the source) stays queued after that refresh, for the next one."""
    _wereld(route)
    rollup.bouw_opnieuw()
    rollup.markeer([date(2025, 3, 1)])
    echt = Rekenkern.cellen

    def cellen(kern, *args, **kwargs):
        rollup.markeer([date(2025, 3, 1)])
        return echt(kern, *args, **kwargs)

    monkeypatch.setattr(Rekenkern, "cellen", cellen)
    rollup.werk_bij()
    assert list(VerouderdePeriode.objects.values_list("maand", "claim")) == [(date(2025, 3, 1), None)]


def _bijlagen() -> list[str]:
    """The databases Django's SQLite connection has attached besides its own."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA database_list")
        return [naam for _seq, naam, _pad in cursor.fetchall() if naam not in ("main", "temp")]


def _kladbestanden() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("jeugdregie-rekenkern-*"))


def test_cellen_gaan_via_een_bestand_in_cijfer_en_niets_blijft_achter(route, monkeypatch, tmp_path):
    """Issue 18: the engine writes the cells into ``Cijfer`` without passing them through Python
    (on SQLite a scratch file that Django's connection attaches, on PostgreSQL a CSV file for
    COPY): the cells equal the source, and after a run no scratch file and no attached database
    is left — also when a write fails, which changes no cell."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's files only, not another worker's
    _wereld(route)
    voor = _kladbestanden()
    assert voor == set()
    rollup.bouw_opnieuw()
    assert sum(_vergelijk(indicator) for indicator in REGISTER.values()) > 500
    assert _kladbestanden() == voor
    assert _bijlagen() == []

    def kapot(kern, *args, **kwargs):
        raise RuntimeError("zogenaamd een volle schijf")

    echt = Rekenkern.voeg_toe
    try:
        Rekenkern.voeg_toe = kapot
        Cijfer.objects.filter(indicator="KOS01", periodesoort="maand").delete()
        with pytest.raises(RuntimeError):
            rollup.ververs(van=VAN, tot=TOT)
    finally:
        Rekenkern.voeg_toe = echt
    assert _kladbestanden() == voor
    assert _bijlagen() == []
    assert not Cijfer.objects.filter(indicator="KOS01", periodesoort="maand").exists()  # the failed write left it
    rollup.ververs(van=VAN, tot=TOT)
    _vergelijk(REGISTER["KOS01"])


def test_rollup_weigert_in_een_transactie(route):
    """The engine reads what is committed, through its own connection, and the cells are written
    by a thread with a connection of its own: inside an open transaction both would miss its
    work (on SQLite be locked out, on PostgreSQL wait for it). The rollup refuses with a clear
    message and changes nothing."""
    _wereld(route)
    with pytest.raises(RekenkernFout, match="buiten een transactie"), transaction.atomic():
        rollup.bouw_opnieuw()
    assert not Cijfer.objects.exists()
    rollup.bouw_opnieuw()  # after the commit it runs
    assert sum(_vergelijk(indicator) for indicator in REGISTER.values()) > 500


def test_kladbestand_houdt_een_schrijving_en_de_map_is_van_de_run_alleen(route, monkeypatch, tmp_path):
    """Found in review: the scratch SQLite file held every cell of the run, world-readable, and a
    killed run left it behind. Now each write's table is dropped in the writing transaction, the
    run's files live in a directory only its user reads (0700), removed at the end, and a later
    run removes what a killed one left after a day (not a run that is still going)."""
    import os
    import sqlite3
    import time

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    oud, jong = tmp_path / "jeugdregie-rekenkern-gedood", tmp_path / "jeugdregie-rekenkern-loopt-nog"
    for map_ in (oud, jong):
        map_.mkdir()
        (map_ / "uit.sqlite3").write_bytes(b"")
    os.utime(oud, (time.time() - 2 * 24 * 3600,) * 2)
    _wereld(route)
    gezien = {}
    echt = Rekenkern._sluit_uitvoer

    def sluit(kern):
        if kern.uitvoer is not None:
            gezien["modus"] = kern.map.stat().st_mode & 0o777
            with contextlib.closing(sqlite3.connect(kern.uitvoer)) as klad:
                gezien["tabellen"] = klad.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        elif kern.map.exists():
            gezien["modus"] = kern.map.stat().st_mode & 0o777
        echt(kern)

    monkeypatch.setattr(Rekenkern, "_sluit_uitvoer", sluit)
    assert rollup.bouw_opnieuw() > 500
    assert gezien["modus"] == 0o700
    if connection.vendor == "sqlite":
        assert gezien["tabellen"] == (0,)
    assert not oud.exists() and jong.exists()
    assert {p.name for p in tmp_path.iterdir()} == {jong.name}


def test_rollup_weigert_sqlite_transacties_die_meteen_vergrendelen(route, monkeypatch):
    """Found in review: with Django's OPTIONS['transaction_mode'] = 'IMMEDIATE' the writing
    connection would lock the scratch file before the engine wrote its table. The rollup says so
    instead of failing half-way."""
    if connection.vendor != "sqlite":
        pytest.skip("alleen SQLite kent transaction_mode")
    _wereld(route)
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "transaction_mode", "IMMEDIATE")
    with pytest.raises(RekenkernFout, match="DEFERRED"):
        rollup.ververs(van=VAN, tot=TOT, indicatoren=[REGISTER["KOS01"]])
    assert not Cijfer.objects.exists()


def test_ingehaald_terwijl_een_schrijving_loopt(route, monkeypatch):
    """Found in review (the reviewer's test): the run is overtaken at its third indicator, while
    the second is being written by the writing thread. What was written stays; the run reads
    again and writes only the rest, each indicator reported once, every cell equal to the source."""
    _wereld(route)
    rollup.bouw_opnieuw()
    codes = ["KOS01", "KOS02", "CON07", "CON08"]
    toewijzing = Toewijzing.objects.order_by("pk").first()
    echt_cellen, echt_schrijf = Rekenkern.cellen, rollup._schrijf
    aanroepen, uitkomsten, voortgang = [], [], []

    def cellen(kern, code, *args, **kwargs):
        aanroepen.append(code)
        if len(aanroepen) == 3:  # a line committed and written by another run meanwhile
            _regel(toewijzing, "55.00", maand=(2025, 5))
            rollup.markeer([date(2025, 5, 1)])
            rollup.werk_bij()
        return echt_cellen(kern, code, *args, **kwargs)

    def schrijf(run, indicator, c, vrij=None):
        try:
            echt_schrijf(run, indicator, c, vrij)
            uitkomsten.append((indicator.code, "geschreven"))
        except rollup.Ingehaald:
            uitkomsten.append((indicator.code, "ingehaald"))
            raise

    monkeypatch.setattr(Rekenkern, "cellen", cellen)
    monkeypatch.setattr(rollup, "_schrijf", schrijf)
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[REGISTER[c] for c in codes], voortgang=voortgang.append)
    assert voortgang == codes
    assert ("CON07", "ingehaald") in uitkomsten
    for code in codes:
        _vergelijk(REGISTER[code])


def test_datum_in_het_laatste_jaar_van_de_kalender_zet_niets_in_de_wachtrij(route):
    """Found in review: an "open end" written as 9999-12-31 queued a month whose quarter and year
    end past the calendar, and every refresh after it failed. It queues nothing now."""
    rollup.markeer([date(9999, 12, 31), date(2025, 3, 4)])
    assert list(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2025, 3, 1)]
    rollup.werk_bij()
    assert not VerouderdePeriode.objects.exists()


def test_schrijfdraad_sluit_zijn_verbinding(route):
    """Found in review: the writing thread's own database connection is closed when the run ends
    (PostgreSQL: no connection of the test's database is left open by the run)."""
    if connection.vendor != "postgresql":
        pytest.skip("telt verbindingen van PostgreSQL")
    _wereld(route)

    def open_verbindingen() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
            return cursor.fetchone()[0]

    voor = open_verbindingen()
    rollup.bouw_opnieuw()
    rollup.ververs(van=VAN, tot=TOT)
    assert open_verbindingen() == voor
