#!/usr/bin/env python
"""Benchmark W3 of issue 6 §11: the scorecard and the municipality comparison against the same
figures hand-written in DuckDB over the same data. Prints figures; asserts nothing.

    .venv/bin/python bench/beheersing_w3.py regionaal          # SQLite, ≈1.25 M declaration lines
    DATABASE_URL=postgres://… .venv/bin/python bench/beheersing_w3.py nationaal   # ≈29 M lines
    … --alleen-koud   # DuckDB's whole rollup only cold with its default threads (no 1-thread, no warm runs)
    … --zonder-herbouw   # no timed second build over the full rollup (the nightly rebuild)
    JEUGDREGIE_REKENKERN_GEHEUGEN=16GB …   # the memory limit of both sides (default: the product's 4GB)

The data is that of the declarations benchmark (bench/declaratiedata.py, loaded by
``bench/declaratiefasen.py laad``): a fresh temporary SQLite file, or ``<name>_<schaal>`` next to
the PostgreSQL DATABASE_URL (``--hergebruik`` keeps a loaded database; ``--zonder-bouw`` also
keeps its rollup). Each phase runs in its own child process, whose wall time and peak memory (max
RSS, from ``os.wait4``) are printed:

1. ``bouw``: ``rollup.bouw_opnieuw()`` with progress per indicator, and the choice of what is
   measured: the bench region, the provider with the most allocations, the latest complete quarter.
2. ``export``: the operational tables into a DuckDB file (CSV; not counted in the comparison).
3. ``ons``: the application — ``scorekaart()`` (all provider-level indicators, 8-quarter trends)
   and ``vergelijk()`` plus the four policy ``trend()``s — cold (the first call in this fresh
   process, each on a fresh database connection) and warm (median of 5); then the page server
   time of the scorecard, comparison and spend-trend pages through Django's test Client as a
   contract manager (first request, and the median of 5 after it).
4. ``duckdb``: the same figures by hand-written SQL (bench/beheersingdata.py) over the raw
   tables, cold (a fresh DuckDB connection) and warm (median of 5).
Then every cell of both is compared (mismatches printed) and the ratios ours/DuckDB are printed
against the targets (≤ 3× cold, ≤ 1.2× warm). "Cold" is cold for the process and the
connection; the operating system's file cache stays warm for both sides.

The like-for-like row (issue 18 §3): the whole rollup against DuckDB computing the same cells.

5. ``cijfers bouw``: the product's ``beheersing_cijfer`` after the full build (phase 1) into a
   CSV file (not timed against anything).
6. ``ververs maand``: the refresh after a one-month intake — ``rollup.markeer([latest complete
   month])``, then ``rollup.werk_bij()`` timed.
7. ``ververs correctie``: a late correction years back plus the current month — a month 3 years
   before the latest complete one and the current month marked, ``rollup.werk_bij()`` timed.
8. ``cijfers verversing``: ``beheersing_cijfer`` after both refreshes into a CSV file.
9. ``cellen``: DuckDB computes every cell the rollup stores (``cellen_sql``: each indicator ×
   month, quarter, year × 8 groupings) from the exported raw tables into a temporary table, on a
   fresh connection with its default threads, again with ``SET threads = 1``, and warm (median
   of 3); then every cell of ``beheersing_cijfer`` (after the build and after the refreshes) is
   compared with DuckDB's. DuckDB runs with the memory limit of the product's engine
   (``JEUGDREGIE_REKENKERN_GEHEUGEN``): the same settings on both sides.
The product's build and refreshes only go through the public API (``bouw_opnieuw``, ``markeer``,
``werk_bij``, ``Cijfer``), whatever engine computes them.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HERHAAL = 5
WARM_CELLEN = 3  # warm runs of DuckDB's whole rollup
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.declaraties import _database, _kind  # noqa: E402

SQLITE = Path(tempfile.gettempdir()) / "jeugdregie-bench-beheersing-regionaal.sqlite3"


def _url(schaal: str, hergebruik: bool) -> str:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return _database(schaal, hergebruik)
    if schaal == "nationaal":
        raise SystemExit("De nationale schaal vraagt PostgreSQL: zet DATABASE_URL.")
    if not hergebruik:
        SQLITE.unlink(missing_ok=True)
    return f"sqlite:///{SQLITE}"


def main(schaal: str, hergebruik: bool, bouw: bool) -> None:
    map_ = Path(tempfile.gettempdir()) / f"jeugdregie-bench-w3-{schaal}"
    map_.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": _url(schaal, hergebruik),
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev",
        "PYTHONPATH": f"{REPO / 'src'}:{REPO}",
    }
    piek: dict[str, float] = {}
    if not hergebruik:
        for args in (("migrate", "--noinput"), ("laad_catalogus",)):
            subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True)
        seconden, piek["laden"] = _kind(env, str(REPO / "bench" / "declaratiefasen.py"), "laad", schaal)
        print(f"laden: {seconden:,.0f} s, piekgeheugen {piek['laden']:,.0f} MB", flush=True)
    else:
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput"], cwd=REPO, env=env, check=True, capture_output=True
        )
    fasen = (
        ("bouw",),
        ("cijfers", "bouw"),
        ("export",),
        ("ons",),
        ("duckdb",),
        ("ververs", "maand"),
        ("ververs", "correctie"),
        ("cijfers", "verversing"),
        ("cellen",),
    )
    for fase, *extra in fasen:
        args = (fase, str(map_), schaal, *extra, *(("--zonder-bouw",) if fase == "bouw" and not bouw else ()))
        args = (*args, *(v for v in ("--alleen-koud", "--zonder-herbouw") if v in sys.argv))
        naam = " ".join((fase, *extra))
        seconden, piek[naam] = _kind(env, __file__, *args)
        print(f"fase {naam}: {seconden:,.1f} s, piekgeheugen {piek[naam]:,.0f} MB", flush=True)
    verslag(map_, schaal, piek, env["DATABASE_URL"].split(":")[0])
    gelijk_op(map_, env["DATABASE_URL"].split(":")[0])


# --- the summary ------------------------------------------------------------------------------------


def _vergelijk_cellen(ons: dict, duck: dict, gebouwd: list[str]) -> tuple[int, int, list[str]]:
    """Every cell of either side, of the indicators the rollup holds: (cells, with a value, mismatches)."""
    fouten, sleutels, gevuld = [], sorted(k for k in set(ons) | set(duck) if k.split("|")[1] in gebouwd), 0
    for sleutel in sleutels:
        a, b = ons.get(sleutel), duck.get(sleutel)
        if a is None and b is None:
            continue
        gevuld += 1
        if a is None or b is None or not math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9):
            fouten.append(f"  {sleutel}: ons {a}, DuckDB {b}")
    return len(sleutels), gevuld, fouten


def verslag(map_: Path, schaal: str, piek: dict[str, float], database: str) -> None:
    keuze, export = (json.loads((map_ / f"{n}.json").read_text()) for n in ("bouw", "export"))
    ons, duck = (json.loads((map_ / f"{n}.json").read_text()) for n in ("ons", "duckdb"))
    print(
        f"\nW3 samenvatting — {schaal}, {database}: {keuze['regels']:,} declaratieregels, {keuze['gemeenten']} "
        f"gemeenten, aanbieder {keuze['aanbieder']} ({keuze['toewijzingen']:,} toewijzingen), {keuze['label']}"
    )
    if keuze.get("bouw_s") is not None:
        print(f"rollup bouw_opnieuw: {keuze['bouw_s']:,.1f} s, {keuze['cijfers']:,} cijfers")
    print(f"export naar DuckDB (niet meegeteld): {export['seconden']:,.1f} s, {export['rijen']:,} rijen")
    print(
        f"{'':<14} {'ons koud':>10} {'DuckDB koud':>12} {'ratio':>7} {'ons warm':>10} {'DuckDB warm':>12} {'ratio':>7}"
    )
    for naam in ("scorekaart", "vergelijking"):
        o, d = ons[naam], duck[naam]
        print(
            f"{naam:<14} {o['koud'] * 1000:>8.1f}ms {d['koud'] * 1000:>10.1f}ms {o['koud'] / d['koud']:>6.2f}× "
            f"{o['warm'] * 1000:>8.1f}ms {d['warm'] * 1000:>10.1f}ms {o['warm'] / d['warm']:>6.2f}×"
        )
    print("doelen: ons/DuckDB ≤ 3× koud, ≤ 1,2× warm")
    print("paginatijd op de server (test Client, contractmanager): eerste verzoek, mediaan van 5 daarna")
    for naam, (eerste, mediaan, bytes_) in ons["paginas"].items():
        print(f"  {naam:<34} {eerste * 1000:>8.0f} ms {mediaan * 1000:>8.0f} ms  ({bytes_ / 1024:,.0f} kB)")
    totaal, gevuld, fouten = _vergelijk_cellen(ons["cellen"], duck["cellen"], keuze["gebouwd"])
    if ontbreekt := sorted(set(keuze["vergelijking"]) - set(keuze["gebouwd"])):
        print(f"zonder cijfers in de onderbroken rollup (niet gebouwd of zonder gegevens): {', '.join(ontbreekt)}")
    print(f"cellen vergeleken: {totaal:,} ({gevuld:,} met een waarde), verschillen: {len(fouten)}")
    for regel in fouten[:40]:
        print(regel)
    print("piekgeheugen per fase (MB): " + ", ".join(f"{k} {v:,.0f}" for k, v in piek.items()))


def gelijk_op(map_: Path, database: str) -> None:
    """The like-for-like row of issue 18 §3: the whole rollup, ours against DuckDB."""
    keuze, export = (json.loads((map_ / f"{n}.json").read_text()) for n in ("bouw", "export"))
    namen = ("ververs_maand", "ververs_correctie", "cellen")
    maand, correctie, cellen = (json.loads((map_ / f"{n}.json").read_text()) for n in namen)
    duck, een = cellen["koud"], cellen.get("koud_1")
    print(f"\nW3 gelijk op (issue 18 §3): alle cellen van beheersing_cijfer, {database}")
    print(f"{'':<34} {'ons':>9} {'DuckDB':>9} {'ratio':>7}  doel")
    if (bouw := keuze.get("bouw_s")) is not None:
        naam = "volledige bouw (lege rollup)" if not keuze.get("vooraf") else "volledige bouw (over rollup)"
        print(f"{naam:<34} {bouw:>7.1f} s {duck:>7.1f} s {bouw / duck:>6.1f}×  ≤ 1,5×")
        if een is not None:
            print(f"{naam + ', DuckDB 1 thread':<34} {bouw:>7.1f} s {een:>7.1f} s {bouw / een:>6.1f}×")
        if (herbouw := keuze.get("herbouw_s")) is not None:
            print(f"{'bouw over de volle rollup':<34} {herbouw:>7.1f} s {duck:>7.1f} s {herbouw / duck:>6.1f}×  ≤ 1,5×")
    else:
        print(f"{'volledige bouw':<34} {'—':>9} {duck:>7.1f} s {'':>7}  ≤ 1,5× (niet gemeten: --zonder-bouw)")
    if "warm" in cellen:
        print(f"{'DuckDB warm (mediaan van 3)':<34} {'':>9} {cellen['warm']:>7.1f} s")
    print(f"{'verversing één maand':<34} {maand['seconden']:>7.1f} s {'':>9} {'':>7}  ≤ 2 s regionaal")
    print(f"{'late correctie + huidige maand':<34} {correctie['seconden']:>7.1f} s")
    print(
        f"  verversing één maand: {', '.join(maand['maanden'])}, {maand['cellen']:,} cellen geschreven; "
        f"late correctie: {', '.join(correctie['maanden'])}, {correctie['cellen']:,} cellen geschreven"
    )
    for naam, uitkomst in (("verversing één maand", maand), ("late correctie", correctie)):
        print(f"  {naam}, traagste indicatoren: {uitkomst['traagste']}")
    if correctie.get("let_op"):
        print(f"  LET OP: {correctie['let_op']}")
    for moment, uitkomst in cellen["vergelijking"].items():
        print(
            f"cellen na {moment}: ons {uitkomst['ons']:,}, DuckDB {uitkomst['duckdb']:,}, "
            f"verschillen: {uitkomst['verschillen']:,} (tolerantie 1e-9 relatief, 1e-6 absoluut)"
        )
        if uitkomst["dubbele_sleutels"]:
            print(f"  sleutels met twee cellen bij ons (onbekende categorie als ''): {uitkomst['dubbele_sleutels']:,}")
        for regel in uitkomst["voorbeelden"]:
            print(regel)
    per = cellen["vergelijking"]["bouw"]["per_indicator"]
    print("cellen per indicator (ons): " + ", ".join(f"{k} {v:,}" for k, v in per.items()))
    if leeg := [c for c in cellen["codes"] if c not in per and c not in cellen["duckdb_per_indicator"]]:
        print(f"zonder cellen aan beide kanten (geen brongegevens in deze benchdata): {', '.join(leeg)}")
    print("eerlijkheid:")
    print(
        f"  - ons leest de transactionele database ({database}) en schrijft de cellen in beheersing_cijfer; "
        "DuckDB leest het geëxporteerde bestand w3.duckdb en schrijft de cellen in een tijdelijke tabel"
    )
    print(
        "  - ons schrijft bij een bouw over een gevulde rollup alleen de cellen die veranderden (de nachtelijke "
        "bouw); een lege rollup krijgt elke cel geschreven; DuckDB schrijft niets terug"
    )
    print(
        f"  - de export naar DuckDB ({export['seconden']:,.1f} s, {export['rijen']:,} rijen) telt niet mee, "
        f"het wegschrijven van beheersing_cijfer naar CSV voor de vergelijking ook niet"
    )
    print(
        f"  - threads: ons {maand['threads']}; DuckDB {cellen['threads']} (standaard, de kernen van de machine)"
        + (" en 1 (tweede cijfer)" if een is not None else "")
    )
    print(
        f"  - geheugengrens: ons {cellen.get('ons_geheugen', '?')} (JEUGDREGIE_REKENKERN_GEHEUGEN), DuckDB dezelfde "
        f"({cellen.get('geheugen', '?')}); boven de grens schrijven beide naar schijf"
    )
    print(
        "  - dezelfde cellen: elke indicator × maand/kwartaal/jaar × 8 groeperingen (gemeente, aanbieder, "
        "categorie), teller en noemer zoals de rollup ze opslaat, cel voor cel vergeleken"
    )
    print(
        f"  - dezelfde periode: de hele geschiedenis t/m vandaag ({keuze['vandaag']}) — DuckDB vanaf de eerste "
        "verwijzing of declaratieregel, ons vanaf de eerste kalenderdag (zonder die eerst op te zoeken; vóór de "
        "eerste gegevens zijn er geen cellen); gesloten toewijzingen: gesloten op die dag"
    )
    print(
        "  - ons schrijft de cellen terwijl de rekenkern de volgende indicator berekent (een schrijfdraad met een "
        "eigen databaseverbinding); de database (SQLite in hetzelfde proces, PostgreSQL als eigen proces) deelt "
        "de 2 kernen met DuckDB"
    )
    print(
        "  - koud/warm: ons volledige bouw en elke verversing koud (een eigen kindproces, een nieuwe "
        "databaseverbinding); DuckDB koud (nieuwe verbinding in een eigen kindproces) en warm (mediaan van "
        f"{WARM_CELLEN} op dezelfde verbinding); de bestandscache van het besturingssysteem is voor beide warm"
    )


# --- child processes --------------------------------------------------------------------------------


def _django() -> None:
    import logging
    import warnings

    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False  # as in production: no query log in memory
    logging.disable(logging.INFO)  # no login and request log lines between the figures
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: static files not collected


def _mediaan(functie, herhaal: int = HERHAAL) -> float:
    tijden = []
    for _ in range(herhaal):
        begin = time.perf_counter()
        functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)


def _schrijf(map_: Path, naam: str, inhoud: dict) -> None:
    (map_ / f"{naam}.json").write_text(json.dumps(inhoud, indent=1, default=str))


def bouw(map_: Path, schaal: str, opnieuw: bool) -> None:
    """The full rollup rebuild with progress, then what the other phases measure."""
    _django()
    from datetime import timedelta

    from django.db.models import Count, Max
    from django.utils import timezone
    from tqdm import tqdm

    from jeugdregie.beheersing.constants import Niveau, Periodesoort
    from jeugdregie.beheersing.indicatoren.register import INDICATOREN
    from jeugdregie.beheersing.models import Cijfer
    from jeugdregie.beheersing.services import rollup
    from jeugdregie.beheersing.services.scorekaart import kwartaallabel, laatste_kwartalen
    from jeugdregie.beheersing.services.vergelijking import TRENDS, Tijdvak, beleidsindicatoren
    from jeugdregie.declaraties.models import Declaratieregel
    from jeugdregie.organisaties.models import Gemeente, Regio
    from jeugdregie.toewijzingen.models import Toewijzing

    resultaat: dict = {"bouw_s": None}
    if opnieuw:
        with tqdm(total=len(INDICATOREN), desc="rollup bouw_opnieuw", unit="indicator") as balk:
            vorige = [time.perf_counter()]

            def voortgang(code: str) -> None:
                nu = time.perf_counter()
                tqdm.write(f"  {code}: {nu - vorige[0]:,.1f} s")
                vorige[0] = nu
                balk.update()

            resultaat["vooraf"] = Cijfer.objects.count()  # 0: a cold build writes every cell
            begin = time.perf_counter()
            rollup.bouw_opnieuw(voortgang=voortgang)
            resultaat["bouw_s"] = time.perf_counter() - begin
        # The nightly rebuild over a full rollup: the engine writes only the cells that changed.
        if "--zonder-herbouw" not in sys.argv:
            begin = time.perf_counter()
            rollup.bouw_opnieuw()
            resultaat["herbouw_s"] = time.perf_counter() - begin
            print(f"  bouw_opnieuw over de volle rollup: {resultaat['herbouw_s']:,.1f} s", flush=True)
    stand = rollup.stand()
    gebouwd = [i.code for i in INDICATOREN]
    if stand is None or stand.bijgewerkt is None:  # an interrupted build: no freshness stamp yet
        print("LET OP: de rollup is niet volledig gebouwd; alleen indicatoren met cijfers worden vergeleken.")
        data_tot = Declaratieregel.objects.filter(status="goedgekeurd").aggregate(m=Max("einddatum"))["m"]
        vandaag = timezone.localdate()
        gebouwd = sorted(Cijfer.objects.order_by().values_list("indicator", flat=True).distinct())
    else:
        data_tot, vandaag = stand.data_tot, timezone.localtime(stand.bijgewerkt).date()
    dag = min(data_tot or vandaag, vandaag)
    periode = rollup.periodebegin(dag, Periodesoort.KWARTAAL)
    if rollup.periode_einde(periode, Periodesoort.KWARTAAL) != dag:  # the latest complete quarter
        periode = rollup.periodebegin(periode - timedelta(days=1), Periodesoort.KWARTAAL)
    regio = Regio.objects.get(code=f"bench-{schaal}")
    grootste = (
        Toewijzing.objects.filter(aanbieder__regio=regio)
        .values("aanbieder_id")
        .annotate(n=Count("id"))
        .order_by("-n", "aanbieder_id")
        .first()
    )
    if Gemeente.objects.exclude(regio=regio).exists():
        print("LET OP: er zijn gemeenten buiten de benchregio; de regiokolom telt dan anders (vergelijking.py).")
    trends = [t for t in TRENDS if t.indicator() is not None]
    resultaat.update(
        cijfers=Cijfer.objects.count(),
        gebouwd=gebouwd,
        regels=Declaratieregel.objects.count(),
        gemeenten=Gemeente.objects.filter(regio=regio).count(),
        regio=regio.pk,
        aanbieder=grootste["aanbieder_id"],
        toewijzingen=grootste["n"],
        vandaag=vandaag,
        periode=periode,
        label=kwartaallabel(periode),
        einde=rollup.periode_einde(periode, Periodesoort.KWARTAAL),
        perioden=laatste_kwartalen(periode),
        trendperioden=[t.begin for t in Tijdvak(Periodesoort.KWARTAAL, periode).reeks()],
        scorekaart=[i.code for i in INDICATOREN if Niveau.AANBIEDER in i.niveaus],
        vergelijking=[i.code for i in beleidsindicatoren()],
        trends={t.indicatorcode: t.per for t in trends},
    )
    _schrijf(map_, "bouw", resultaat)


def export(map_: Path, schaal: str, _opnieuw: bool) -> None:
    _django()
    from bench.beheersingdata import exporteer

    begin = time.perf_counter()
    tabellen = exporteer(map_, map_ / "w3.duckdb")
    seconden = time.perf_counter() - begin
    for naam, (rijen, s) in tabellen.items():
        print(f"  {naam}: {rijen:,} rijen in {s:,.1f} s")
    _schrijf(map_, "export", {"seconden": seconden, "rijen": sum(r for r, _ in tabellen.values())})


def _sleutel(soort: str, code: str, periode, gemeente: int | None = None) -> str:
    return f"{soort}|{code}|{periode}|{'' if gemeente is None else gemeente}"


def _tekst(waarde) -> str | None:
    return None if waarde is None else str(waarde)


def ons(map_: Path, schaal: str, _opnieuw: bool) -> None:
    """The application's builders, cold and warm, and the pages."""
    _django()
    from datetime import date

    from django.conf import settings
    from django.db import connection
    from django.urls import reverse

    from jeugdregie.accounts.constants import Rol
    from jeugdregie.accounts.models import Gebruiker
    from jeugdregie.beheersing.constants import Periodesoort
    from jeugdregie.beheersing.services.scorekaart import scorekaart
    from jeugdregie.beheersing.services.vergelijking import TRENDS, Tijdvak, trend, vergelijk
    from jeugdregie.organisaties.models import Aanbieder, Regio

    keuze = json.loads((map_ / "bouw.json").read_text())
    aanbieder, regio = Aanbieder.objects.get(pk=keuze["aanbieder"]), Regio.objects.get(pk=keuze["regio"])
    periode = date.fromisoformat(keuze["periode"])
    tijdvak = Tijdvak(Periodesoort.KWARTAAL, periode)
    connection.close()

    def kaart():
        return scorekaart(aanbieder, periode)

    def vergelijking():
        return vergelijk(regio=regio, tijdvak=tijdvak), [trend(d, regio=regio, tijdvak=tijdvak) for d in TRENDS]

    begin = time.perf_counter()
    k = kaart()
    koud_kaart = time.perf_counter() - begin
    connection.close()
    begin = time.perf_counter()
    v, trends = vergelijking()
    koud_vergelijking = time.perf_counter() - begin
    resultaat = {
        "scorekaart": {"koud": koud_kaart, "warm": _mediaan(kaart)},
        "vergelijking": {"koud": koud_vergelijking, "warm": _mediaan(vergelijking)},
    }
    cellen = {}
    for regel in k.regels:
        for p, (_label, waarde) in zip(k.perioden, regel.trend, strict=True):
            cellen[_sleutel("S", regel.indicator.code, p)] = _tekst(waarde)
    for rij in v.rijen:
        for m in rij.metingen:
            cellen[_sleutel("V", rij.indicator.code, periode, m.gebied.gemeente_id)] = _tekst(m.waarde)
    for t in trends:
        for rij in t.rijen:
            for tv, m in zip(t.tijdvakken, rij.metingen, strict=True):
                cellen[_sleutel("T", t.indicator.code, tv.begin, rij.gebied.gemeente_id)] = _tekst(m.waarde)
    resultaat["cellen"] = cellen

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    gebruiker, _ = Gebruiker.objects.get_or_create(
        username="bench-w3-contractmanager", defaults={"rol": Rol.CONTRACTMANAGER, "regio": regio}
    )
    from tests.inloggen import TweeFactorClient  # two factors, as a contract manager logs in (R-P5)

    client = TweeFactorClient()
    client.force_login(gebruiker)
    kwartaal = f"{periode.year}-K{(periode.month - 1) // 3 + 1}"
    paginas = {
        "scorekaart": f"{reverse('beheersing:scorekaart', args=[aanbieder.pk])}?periode={keuze['label']}",
        "gemeentevergelijking": f"{reverse('beheersing:gemeenten')}?soort=kwartaal&periode={kwartaal}",
        "trend uitgaven per jeugdige": (
            f"{reverse('beheersing:gemeenten_trend', args=['uitgaven'])}?soort=kwartaal&periode={kwartaal}"
        ),
    }
    resultaat["paginas"] = {}
    for naam, url in paginas.items():
        begin = time.perf_counter()
        antwoord = client.get(url)
        eerste = time.perf_counter() - begin
        if antwoord.status_code != 200:
            print(f"LET OP: {url} gaf status {antwoord.status_code}")
        resultaat["paginas"][naam] = (eerste, _mediaan(lambda u=url: client.get(u)), len(antwoord.content))
    _schrijf(map_, "ons", resultaat)


def duckdb(map_: Path, schaal: str, _opnieuw: bool) -> None:
    """The same figures by hand-written SQL in DuckDB, over the exported raw tables."""
    from datetime import date

    import duckdb as duck

    from bench.beheersingdata import scorekaart_sql, vergelijking_sql

    keuze = json.loads((map_ / "bouw.json").read_text())
    vandaag, einde = date.fromisoformat(keuze["vandaag"]), date.fromisoformat(keuze["einde"])
    kaart_sql = scorekaart_sql(
        keuze["scorekaart"], aanbieder=keuze["aanbieder"], van=keuze["perioden"][0], tot=einde, vandaag=vandaag
    )
    vergelijking = vergelijking_sql(
        keuze["vergelijking"],
        van=keuze["periode"],
        tot=einde,
        vandaag=vandaag,
        per={c: 1000 for c in keuze["vergelijking"]},
    )
    trends = vergelijking_sql(
        list(keuze["trends"]), van=keuze["trendperioden"][0], tot=einde, vandaag=vandaag, per=keuze["trends"]
    )
    regio = {"regio": keuze["regio"]}
    pad = str(map_ / "w3.duckdb")

    def kaart(con):
        return con.execute(kaart_sql).fetchall()

    def beide(con):
        return con.execute(vergelijking, regio).fetchall(), con.execute(trends, regio).fetchall()

    begin = time.perf_counter()
    con = duck.connect(pad, read_only=True)
    rijen_kaart = kaart(con)
    koud_kaart = time.perf_counter() - begin
    con.close()
    begin = time.perf_counter()
    con = duck.connect(pad, read_only=True)
    rijen_vergelijking, rijen_trends = beide(con)
    koud_vergelijking = time.perf_counter() - begin
    resultaat = {
        "scorekaart": {"koud": koud_kaart, "warm": _mediaan(lambda: kaart(con))},
        "vergelijking": {"koud": koud_vergelijking, "warm": _mediaan(lambda: beide(con))},
    }
    cellen = {}
    for soort, rijen in (("S", rijen_kaart), ("V", rijen_vergelijking), ("T", rijen_trends)):
        for code, periode, gemeente, waarde in rijen:
            cellen[_sleutel(soort, code, periode, gemeente)] = _tekst(waarde)
    resultaat["cellen"] = cellen
    _schrijf(map_, "duckdb", resultaat)


def cijfers(map_: Path, schaal: str, _opnieuw: bool, moment: str) -> None:
    """The product's ``beheersing_cijfer`` as it stands into a CSV file, for the comparison."""
    _django()
    from bench.beheersingdata import exporteer_cijfers

    begin = time.perf_counter()
    aantal = exporteer_cijfers(map_ / f"cijfers_{moment}.csv")
    print(f"  beheersing_cijfer na {moment}: {aantal:,} cellen naar CSV in {time.perf_counter() - begin:,.1f} s")


def ververs(map_: Path, schaal: str, _opnieuw: bool, soort: str) -> None:
    """One refresh through the public API: the months queued (``markeer``), ``werk_bij`` timed."""
    _django()
    from datetime import date, timedelta

    from django.conf import settings
    from django.db import connection
    from django.db.models import Min

    from jeugdregie.beheersing.services import rollup
    from jeugdregie.declaraties.models import Declaratieregel
    from jeugdregie.verwijzingen.models import Verwijzing

    keuze = json.loads((map_ / "bouw.json").read_text())
    huidige = date.fromisoformat(keuze["vandaag"]).replace(day=1)
    laatste = (huidige - timedelta(days=1)).replace(day=1)  # the latest complete month
    resultaat: dict = {"let_op": None}
    if soort == "maand":
        maanden = [laatste]
    else:
        oud = date(laatste.year - 3, laatste.month, 1)
        eerste = [
            Verwijzing.objects.aggregate(m=Min("datum"))["m"],
            Declaratieregel.objects.aggregate(m=Min("begindatum"))["m"],
        ]
        eerste_maand = min(d for d in eerste if d).replace(day=1)
        if oud < eerste_maand:
            resultaat["let_op"] = f"de gegevens beginnen in {eerste_maand}; de late correctie is die maand"
            oud = eerste_maand
        maanden = [oud, huidige]
    vooraf = rollup.werk_bij()  # an empty queue (one query), unless something was left queued
    if vooraf:
        print(f"LET OP: de wachtrij was niet leeg; eerst {vooraf:,} cellen bijgewerkt (niet meegeteld)")
    connection.close()  # the timed refresh starts on a fresh database connection
    rollup.markeer(maanden)
    per_indicator: dict[str, float] = {}
    begin = vorige = time.perf_counter()

    def voortgang(code: str) -> None:
        nonlocal vorige
        nu = time.perf_counter()
        per_indicator[code], vorige = nu - vorige, nu

    aantal = rollup.werk_bij(voortgang=voortgang)
    resultaat.update(seconden=time.perf_counter() - begin, cellen=aantal, maanden=[m.isoformat() for m in maanden])
    traagste = sorted(per_indicator.items(), key=lambda i: -i[1])[:5]
    resultaat["traagste"] = ", ".join(f"{code} {s:,.1f} s" for code, s in traagste)
    # The rollup's engine (issue 18, ADR 0011): DuckDB in this process, its threads from the settings.
    draden = settings.JEUGDREGIE_REKENKERN_DRADEN or os.cpu_count()
    resultaat["threads"] = f"{draden} (de rekenkern: DuckDB in het proces, leest {connection.vendor})"
    gemarkeerd = ", ".join(resultaat["maanden"])
    print(f"  werk_bij na markeer({gemarkeerd}): {resultaat['seconden']:,.2f} s, {aantal:,} cellen")
    _schrijf(map_, f"ververs_{soort}", resultaat)


def cellen(map_: Path, schaal: str, _opnieuw: bool) -> None:
    """DuckDB computes every cell of the rollup from the raw exported tables: cold on a fresh
    connection (default threads, then 1 thread), warm; then the cell-by-cell comparison."""
    from datetime import date

    import duckdb as duck

    from bench.beheersingdata import CIJFERKOLOMMEN, FIGUREN, cellen_sql, vergelijk_cellen

    keuze = json.loads((map_ / "bouw.json").read_text())
    sql = f"CREATE OR REPLACE TEMP TABLE duck_cellen AS {cellen_sql(vandaag=date.fromisoformat(keuze['vandaag']))}"
    pad = str(map_ / "w3.duckdb")
    resultaat: dict = {}
    # Same settings as the product's engine (issue 18: computation against computation): DuckDB's
    # memory limit is the rollup's (JEUGDREGIE_REKENKERN_GEHEUGEN); threads are the machine's.
    from django.conf import settings

    _django()
    geheugen = settings.JEUGDREGIE_REKENKERN_GEHEUGEN
    alleen_koud = "--alleen-koud" in sys.argv  # national scale: one cold run with the default threads
    rondes = (("koud", None),) if alleen_koud else (("koud_1", 1), ("koud", None))
    for naam, threads in rondes:  # the default last: its connection stays open
        begin = time.perf_counter()
        con = duck.connect(pad, read_only=True, config={"memory_limit": geheugen})
        if threads:
            con.execute(f"SET threads = {threads}")
        con.execute(sql)
        resultaat[naam] = time.perf_counter() - begin
        if threads:
            con.close()
    resultaat["threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
    resultaat["geheugen"] = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    resultaat["ons_geheugen"] = geheugen
    resultaat["codes"] = [f.code for f in FIGUREN]
    resultaat["duckdb_per_indicator"] = dict(
        con.execute("SELECT indicator, count(*) FROM duck_cellen GROUP BY 1 ORDER BY 1").fetchall()
    )
    # The cold figures first, so a failing warm run (at national scale its spill filled the disk
    # once: the old table was still held while the new one was built) does not lose them.
    een = f", 1 thread {resultaat['koud_1']:,.2f} s" if "koud_1" in resultaat else ""
    print(f"  DuckDB alle cellen: koud {resultaat['koud']:,.2f} s{een}", flush=True)
    _schrijf(map_, "cellen", resultaat)

    def warm() -> None:
        con.execute("DROP TABLE IF EXISTS duck_cellen")
        con.execute(sql)

    if not alleen_koud:
        resultaat["warm"] = _mediaan(warm, WARM_CELLEN)
        print(
            f"  DuckDB alle cellen: koud {resultaat['koud']:,.2f} s, 1 thread {resultaat['koud_1']:,.2f} s, "
            f"warm {resultaat['warm']:,.2f} s"
        )
    typen = ", ".join(f"'{k}': '{t}'" for k, t in CIJFERKOLOMMEN.items())
    resultaat["vergelijking"] = {}
    for moment in ("bouw", "verversing"):
        con.execute(
            # categorie is never NULL in the table; an empty CSV field ('' = all) reads as NULL
            f"CREATE OR REPLACE TEMP TABLE ons_cellen AS SELECT * REPLACE (COALESCE(categorie, '') AS categorie) FROM "
            f"read_csv('{map_ / f'cijfers_{moment}.csv'}', header = true, columns = {{{typen}}})"
        )
        resultaat["vergelijking"][moment] = vergelijk_cellen(con, "ons_cellen", "duck_cellen")
    con.close()
    _schrijf(map_, "cellen", resultaat)


FASEN = {
    "bouw": bouw,
    "export": export,
    "ons": ons,
    "duckdb": duckdb,
    "cijfers": cijfers,
    "ververs": ververs,
    "cellen": cellen,
}

if __name__ == "__main__":
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    if argumenten and argumenten[0] in FASEN:
        FASEN[argumenten[0]](Path(argumenten[1]), argumenten[2], "--zonder-bouw" not in sys.argv, *argumenten[3:])
    else:
        main(argumenten[0] if argumenten else "regionaal", "--hergebruik" in sys.argv, "--zonder-bouw" not in sys.argv)
