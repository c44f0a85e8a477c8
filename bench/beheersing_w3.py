#!/usr/bin/env python
"""Benchmark W3 of issue 6 §11: the scorecard and the municipality comparison against the same
figures hand-written in DuckDB over the same data. Prints figures; asserts nothing.

    .venv/bin/python bench/beheersing_w3.py regionaal          # SQLite, ≈1.25 M declaration lines
    DATABASE_URL=postgres://… .venv/bin/python bench/beheersing_w3.py nationaal   # ≈29 M lines

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
    for fase in ("bouw", "export", "ons", "duckdb"):
        if fase == "bouw" and not bouw:
            args = ("bouw", str(map_), schaal, "--zonder-bouw")
        else:
            args = (fase, str(map_), schaal)
        seconden, piek[fase] = _kind(env, __file__, *args)
        print(f"fase {fase}: {seconden:,.1f} s, piekgeheugen {piek[fase]:,.0f} MB", flush=True)
    verslag(map_, schaal, piek, env["DATABASE_URL"].split(":")[0])


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

            begin = time.perf_counter()
            rollup.bouw_opnieuw(voortgang=voortgang)
            resultaat["bouw_s"] = time.perf_counter() - begin
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
    from django.test import Client
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
    client = Client()
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


if __name__ == "__main__":
    argumenten = [a for a in sys.argv[1:] if not a.startswith("--")]
    if argumenten and argumenten[0] in ("bouw", "export", "ons", "duckdb"):
        {"bouw": bouw, "export": export, "ons": ons, "duckdb": duckdb}[argumenten[0]](
            Path(argumenten[1]), argumenten[2], "--zonder-bouw" not in sys.argv
        )
    else:
        main(argumenten[0] if argumenten else "regionaal", "--hergebruik" in sys.argv, "--zonder-bouw" not in sys.argv)
