#!/usr/bin/env python
"""Multi-process proof (issue 17 item 5). Prints figures and the post-conditions; the exit code
is 1 when a post-condition fails or a server answered 5xx — never because of a timing.

    DATABASE_URL=postgres://… CELERY_BROKER_URL=redis://… .venv/bin/python bench/meerproces.py
    .venv/bin/python bench/meerproces.py --duur 3m --gebruikers 12   # starts PostgreSQL and Redis itself
    .venv/bin/python bench/meerproces.py --kort                      # ≈20 s of load (tests/test_meerproces.py)

Without DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis) it starts throw-away servers on
loopback with scripts/postgres.sh and scripts/redis.sh (ports 54393 and 63793, or MEERPROCES_PG_POORT
and MEERPROCES_REDIS_POORT) and stops them afterwards. Then:

1. a fresh database ``<name>_meerproces`` next to DATABASE_URL, migrated, the catalog and a small
   current synthetic region (``genereer_regio``, through the domain services; ``--schaal``), bench
   users and the messages to post (bench/meerprocesdata.py); Redis database 9 of the broker, emptied;
2. two gunicorn instances (own ports, ``gunicorn.conf.py``, production settings: DEBUG off, a
   generated secret key and pseudonym key, two factors on), two Celery workers and one beat;
3. warm-up: the workers rebuild the figures (``rollup_volledig``), which pre-renders the charts
   (``grafieken_vooraf``); the load starts when that run has finished;
4. locust headless (bench/locustfile.py) with mixed traffic through both servers at once;
   meanwhile the outbox task is sent to both workers every few seconds (they race for it);
5. afterwards: the rollup queue and the outbox drained (with a time limit), then the checks of
   ``meerprocesdata.py controleren``: each declaration and JW323 taken in exactly once, replays
   created nothing, the ledger invariants, every deciding event made into exactly one message.

The table: per request type the count, failures, p50/p95/p99 in ms (locust's histogram) and
requests per second; the scorecard and comparison pages' p95 server time comes from gunicorn's
access log (its ``duur_ms``), so it is the server's time without the client's queueing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SERVERPAGINAS = ("scorekaart", "scorekaarten", "vergelijking gemeenten")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _diensten(map_: Path) -> tuple[subprocess.Popen | None, str, str]:
    """DATABASE_URL and CELERY_BROKER_URL from the environment, or throw-away servers."""
    db, broker = os.environ.get("DATABASE_URL", ""), os.environ.get("CELERY_BROKER_URL", "")
    if db.startswith("postgres") and broker.startswith("redis"):
        return None, db, broker
    pg = os.environ.get("MEERPROCES_PG_POORT", "54393")
    redis = os.environ.get("MEERPROCES_REDIS_POORT", "63793")
    script = (
        "source scripts/_omgeving.sh requirements-dev.txt >/dev/null; "
        f"PG_POORT={pg} source scripts/postgres.sh >/dev/null; REDIS_POORT={redis} source scripts/redis.sh >/dev/null; "
        'trap "stop_postgres; stop_redis" EXIT; echo "$DATABASE_URL $CELERY_BROKER_URL"; read -r _'
    )
    proces = subprocess.Popen(
        ["bash", "-c", script], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    regel = proces.stdout.readline().split() if proces.stdout else []
    if len(regel) != 2:
        raise SystemExit("PostgreSQL of Redis niet gestart (scripts/postgres.sh, scripts/redis.sh).")
    print(f"== Wegwerp-PostgreSQL ({pg}) en -Redis ({redis}) gestart")
    return proces, regel[0], regel[1]


def _verse_database(url: str) -> str:
    import psycopg

    deel = urlparse(url)
    naam = f"{deel.path.lstrip('/')}_meerproces"
    with psycopg.connect(urlunparse(deel._replace(path="/postgres")), autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    return urlunparse(deel._replace(path=f"/{naam}"))


def _eigen_broker(url: str) -> str:
    """Database 9 of the given Redis, emptied: no job of another run or test is picked up."""
    import redis

    deel = urlparse(url)
    eigen = urlunparse(deel._replace(path="/9"))
    redis.Redis.from_url(eigen).flushdb()
    return eigen


class Processen:
    """The started processes, stopped in reverse order (SIGTERM, then SIGKILL after 30 s)."""

    def __init__(self, map_: Path) -> None:
        self.map = map_
        self.lijst: list[tuple[str, subprocess.Popen]] = []

    def start(self, naam: str, opdracht: list[str], omgeving: dict) -> Path:
        log = self.map / f"{naam}.log"
        with log.open("w") as uit:
            proces = subprocess.Popen(opdracht, cwd=REPO, env=omgeving, stdout=uit, stderr=subprocess.STDOUT)
        self.lijst.append((naam, proces))
        return log

    def levend(self) -> None:
        for naam, proces in self.lijst:
            if proces.poll() is not None:
                raise SystemExit(f"{naam} is gestopt:\n{(self.map / f'{naam}.log').read_text()[-3000:]}")

    def stop(self) -> None:
        for _, proces in reversed(self.lijst):
            if proces.poll() is None:
                proces.send_signal(signal.SIGTERM)
        for _, proces in reversed(self.lijst):
            try:
                proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait()


def _wacht(beschrijving: str, klaar, processen: Processen, grens: float) -> None:
    einde = time.monotonic() + grens
    while not klaar():
        processen.levend()
        if time.monotonic() > einde:
            raise SystemExit(f"{beschrijving}: niet binnen {grens:.0f} s")
        time.sleep(0.5)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as antwoord:
            return antwoord.status
    except OSError:
        return 0


def _taak(omgeving: dict, naam: str) -> None:
    """Queue a task through the project's own Celery app (as scripts/run does)."""
    opdracht = [PYTHON, "-m", "celery", "-A", "jeugdregie", "call", naam]
    subprocess.run(opdracht, cwd=REPO, env=omgeving, check=True, capture_output=True, timeout=120)


def _sql(omgeving: dict, query: str):
    import psycopg

    with psycopg.connect(omgeving["DATABASE_URL"]) as verbinding:
        return verbinding.execute(query).fetchone()


def _percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return 0.0
    waarden = sorted(waarden)
    return waarden[min(len(waarden) - 1, round(p / 100 * (len(waarden) - 1)))]


def _servertijden(logs: list[Path]) -> dict[str, list[float]]:
    """Server time per page of the scorecard group from gunicorn's access lines (``duur_ms``)."""
    patronen = {
        "scorekaart": re.compile(r"pad=/beheersing/aanbieders/\d+/scorekaart/ "),
        "scorekaarten": re.compile(r"pad=/beheersing/aanbieders/ "),
        "vergelijking gemeenten": re.compile(r"pad=/beheersing/gemeenten/ "),
    }
    tijden: dict[str, list[float]] = {naam: [] for naam in patronen}
    for log in logs:
        for regel in log.read_text(errors="replace").splitlines():
            if "event='http_verzoek'" not in regel or "methode=GET" not in regel:
                continue
            duur = re.search(r"duur_ms=([\d.]+)", regel)
            for naam, patroon in patronen.items():
                if duur and patroon.search(regel):
                    tijden[naam].append(float(duur.group(1)))
    return tijden


def _tabel(stats_csv: Path, duur_s: float) -> tuple[int, list[str]]:
    """Print the per-request table; the number of 5xx responses and the failure lines."""
    rijen = list(csv.DictReader(stats_csv.open()))
    print()
    print(f"{'verzoek':38} {'aantal':>7} {'fout':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7} {'req/s':>6}")
    for r in rijen:
        naam = f"{r['Type']} {r['Name']}" if r["Name"] != "Aggregated" else "TOTAAL"
        print(
            f"{naam[:38]:38} {r['Request Count']:>7} {r['Failure Count']:>5} {r['50%']:>6} {r['95%']:>6} "
            f"{r['99%']:>6} {float(r['Max Response Time']):>7.0f} {float(r['Requests/s']):>6.2f}"
        )
    fouten_csv = stats_csv.with_name(stats_csv.name.replace("_stats.csv", "_failures.csv"))
    vijfhonderd, regels = 0, []
    if fouten_csv.exists():
        for r in csv.DictReader(fouten_csv.open()):
            regels.append(f"{r['Method']} {r['Name']}: {r['Error'][:160]} ({r['Occurrences']}×)")
            if re.search(r"\b5\d\d\b", r["Error"]):
                vijfhonderd += int(r["Occurrences"])
    return vijfhonderd, regels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duur", default="3m", help="locust -t: duur van de belasting (standaard 3m)")
    parser.add_argument("--gebruikers", type=int, default=12, help="gelijktijdige locust-gebruikers (standaard 12)")
    parser.add_argument("--schaal", default="0.05", help="schaal van de synthetische regio (standaard 0.05)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn-workers per server (standaard 2)")
    parser.add_argument("--kort", action="store_true", help="korte proef: 20 s, 6 gebruikers tegelijk (de test)")
    parser.add_argument("--bewaar", help="map voor logs en CSV (anders een tijdelijke map, daarna verwijderd)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress also into a file
    if args.kort:
        args.duur, args.gebruikers = "20s", 6
    map_ = Path(args.bewaar or tempfile.mkdtemp(prefix="jeugdregie-meerproces-"))
    map_.mkdir(parents=True, exist_ok=True)
    diensten, db_url, broker_url = _diensten(map_)
    processen = Processen(map_)
    try:
        return _draai(args, map_, db_url, broker_url, processen)
    finally:
        processen.stop()
        if diensten is not None and diensten.stdin:
            diensten.stdin.close()
            diensten.wait(timeout=60)
        if not args.bewaar:
            shutil.rmtree(map_, ignore_errors=True)


def _draai(args, map_: Path, db_url: str, broker_url: str, processen: Processen) -> int:
    begin = time.monotonic()
    basis = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "PROMETHEUS_"))}
    basis.update(
        PYTHONPATH=str(REPO / "src"),
        DATABASE_URL=_verse_database(db_url),
        CELERY_BROKER_URL=_eigen_broker(broker_url),
        JEUGDREGIE_VAR_DIR=str(map_ / "var"),
    )
    ontwikkeling = {**basis, "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.dev"}
    data = map_ / "data.json"
    opbouwen = [PYTHON, "bench/meerprocesdata.py", "opbouwen", args.schaal, str(data), str(args.gebruikers)]
    uit = subprocess.run(opbouwen, cwd=REPO, env=ontwikkeling, capture_output=True, text=True)
    print(uit.stdout, end="")
    if uit.returncode:
        raise SystemExit(f"opbouwen mislukt:\n{uit.stderr[-3000:]}")

    productie = {
        **basis,
        "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "JEUGDREGIE_PSEUDONIEM_SLEUTEL": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "nee",
        # every locust user comes from 127.0.0.1: the per-address API limit would measure itself
        "JEUGDREGIE_API_LIMIET_ADRES": "100000/minute",
        "JEUGDREGIE_WEB_WORKERS": str(args.web_workers),
        "JEUGDREGIE_WEB_MAX_REQUESTS": "0",
    }
    poorten = [_vrije_poort(), _vrije_poort()]
    logs = []
    for nummer, poort in enumerate(poorten, start=1):
        omgeving = {**productie, "PROMETHEUS_MULTIPROC_DIR": str(map_ / f"prometheus{nummer}")}
        opdracht = [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{poort}"]
        logs.append(processen.start(f"gunicorn{nummer}", opdracht, omgeving))
    for nummer in (1, 2):
        opdracht = [PYTHON, "-m", "celery", "-A", "jeugdregie", "worker", "-n", f"meerproces{nummer}@%h"]
        opdracht += ["--concurrency", "1", "--without-mingle", "--without-gossip", "-l", "info"]
        processen.start(f"worker{nummer}", opdracht, productie)
    schema = str(map_ / "celerybeat-schedule")
    processen.start("beat", [PYTHON, "-m", "celery", "-A", "jeugdregie", "beat", "-s", schema, "-l", "info"], productie)
    hosts = [f"http://127.0.0.1:{p}" for p in poorten]
    _wacht("gunicorn", lambda: all(_get(f"{h}/gezondheid/") == 200 for h in hosts), processen, 120)
    workerlogs = [map_ / "worker1.log", map_ / "worker2.log"]
    _wacht("workers", lambda: all("ready." in log.read_text() for log in workerlogs), processen, 120)
    print(f"== 2 × gunicorn ({args.web_workers} workers, poorten {poorten[0]} en {poorten[1]}), 2 Celery-workers, beat")

    warm = time.monotonic()
    _taak(productie, "jeugdregie.rollup_volledig")
    vooraf = (
        "SELECT count(*) FROM taken_taakuitvoering WHERE taak = 'jeugdregie.grafieken_vooraf' AND uitkomst = 'klaar'"
    )
    _wacht("opwarmen (rollup_volledig, grafieken_vooraf)", lambda: _sql(productie, vooraf)[0] > 0, processen, 600)
    print(f"== opwarmen: cijfers herberekend en grafieken vooraf getekend in {time.monotonic() - warm:.1f} s")
    print(f"== klaar voor belasting na {time.monotonic() - begin:.1f} s")

    uitslag = map_ / "uitslag.jsonl"
    uitslag.write_text("")
    locust_omgeving = {
        **basis,
        "MEERPROCES_DATA": str(data),
        "MEERPROCES_HOSTS": ",".join(hosts),
        "MEERPROCES_UITSLAG": str(uitslag),
    }
    snelheid = args.gebruikers if args.kort else max(1, args.gebruikers // 4)  # kort: all at once
    opdracht = [PYTHON, "-m", "locust", "-f", str(REPO / "bench" / "locustfile.py"), "--headless"]
    opdracht += ["-u", str(args.gebruikers), "-r", str(snelheid), "-t", args.duur, "--csv", str(map_ / "locust")]
    opdracht += ["--only-summary", "--stop-timeout", "10", "--exit-code-on-error", "0", "--loglevel", "WARNING"]
    start = time.monotonic()
    locust = subprocess.Popen(
        opdracht, cwd=REPO, env=locust_omgeving, stdout=(map_ / "locust.log").open("w"), stderr=subprocess.STDOUT
    )
    try:
        while locust.poll() is None:
            processen.levend()
            _taak(productie, "jeugdregie.ijw_uitbox")  # both workers race for the outbox
            time.sleep(10)
    finally:
        if locust.poll() is None:
            locust.terminate()
            locust.wait(timeout=30)
    duur = time.monotonic() - start
    print(f"== belasting: {args.gebruikers} gebruikers, {duur:.0f} s (locust {args.duur}), beide servers")

    # drain: the rollup queue (the intake queued months) and the outbox, then check
    _taak(productie, "jeugdregie.rollup_wachtrij")
    _taak(productie, "jeugdregie.ijw_uitbox")
    wachtrij = "SELECT count(*) FROM beheersing_verouderdeperiode"
    open_uitbox = [PYTHON, "bench/meerprocesdata.py", "uitbox-open"]
    ontwikkeling_leeg = {**ontwikkeling}

    def leeg() -> bool:
        if _sql(productie, wachtrij)[0]:
            return False
        uit = subprocess.run(open_uitbox, cwd=REPO, env=ontwikkeling_leeg, capture_output=True, text=True)
        if uit.stdout.strip() != "0":
            _taak(productie, "jeugdregie.ijw_uitbox")
            return False
        return True

    _wacht("wachtrij en uitbox leeg", leeg, processen, 180)
    vijfhonderd, foutregels = _tabel(map_ / "locust_stats.csv", duur)
    tijden = _servertijden(logs)
    print()
    print("Servertijd (gunicorn duur_ms) van de stuurinformatiepagina's:")
    alles: list[float] = []
    for naam, waarden in tijden.items():
        alles += waarden
        print(
            f"  {naam:24} n={len(waarden):5}  p50 {_percentiel(waarden, 50):6.0f}  p95 {_percentiel(waarden, 95):6.0f}"
            f"  p99 {_percentiel(waarden, 99):6.0f} ms"
        )
    print(f"  {'samen':24} n={len(alles):5}  p95 {_percentiel(alles, 95):6.0f} ms")
    if foutregels:
        print("Mislukte verzoeken:")
        for regel in foutregels[:30]:
            print(f"  {regel}")
    print()
    print("Nacontroles:")
    controle = subprocess.run(
        [PYTHON, "bench/meerprocesdata.py", "controleren", str(data), str(uitslag)],
        cwd=REPO,
        env=ontwikkeling,
        capture_output=True,
        text=True,
    )
    print(controle.stdout, end="")
    if controle.returncode and controle.stderr:
        print(controle.stderr[-3000:])
    vijf_in_log = sum(len(re.findall(r"event='http_verzoek'.* status=5\d\d ", log.read_text())) for log in logs)
    print(f"  5xx-antwoorden: {vijf_in_log} (gunicorn-log), {vijfhonderd} (locust)")
    samenvatting = {
        "5xx": vijf_in_log,
        "controle": controle.returncode,
        "p95_stuurinformatie_ms": _percentiel(alles, 95),
    }
    (map_ / "samenvatting.json").write_text(json.dumps(samenvatting))
    print(
        f"== totaal {time.monotonic() - begin:.0f} s; mediaan servertijd stuurinformatie "
        f"{statistics.median(alles) if alles else 0:.0f} ms"
    )
    return 1 if controle.returncode or vijf_in_log or vijfhonderd else 0


if __name__ == "__main__":
    sys.exit(main())
