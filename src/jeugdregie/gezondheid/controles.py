"""Readiness checks (issue 17 §4): plain functions in one registry, run by the readiness view.

Each check returns a ``Uitslag``; a check that raises counts as failed with the exception's
class name only (never its message: a driver's message can carry a host name or a user). A
failing *critical* check makes the installation not ready (HTTP 503, the load balancer stops
sending it requests); a non-critical one is reported but leaves readiness alone: stale
analytics are worth an alert, not taking the web tier out of rotation.

Part B (Celery) added its checks here: the broker, the rollup queue's lag, the last successful
nightly rebuild. One list, in this module, names every check (no registration from ``ready()``).
Nothing a check returns may hold personal data or a secret: counts, ages and names only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from jeugdregie.beheersing.services import rollup


@dataclass(frozen=True)
class Uitslag:
    ok: bool
    reden: str = ""  # Dutch, for the operator; empty when ok
    gegevens: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Controle:
    naam: str
    functie: Callable[[], Uitslag]
    kritiek: bool = True


def database() -> Uitslag:
    """The default database answers a trivial query."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return Uitslag(ok=True)


def migraties() -> Uitslag:
    """Every migration this code ships is applied (an upgrade runs ``migrate`` before the new
    web processes take traffic; docs/ops/upgrades.md)."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return Uitslag(
            ok=False,
            reden=f"{len(plan)} migratie(s) nog niet uitgevoerd; draai 'manage.py migrate'.",
            gegevens={"openstaand": len(plan)},
        )
    return Uitslag(ok=True)


def beheersing_ververst() -> Uitslag:
    """The analytics rollup (``manage.py beheersing ververs``, nightly ``--volledig``) was
    refreshed within ``JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN``. ``Verversing.bijgewerkt`` is
    stamped by every successful refresh, incremental or full."""
    stand = rollup.stand()
    if stand is None or stand.bijgewerkt is None:
        return Uitslag(ok=False, reden="De stuurinformatie is nog nooit ververst.", gegevens={"bijgewerkt": None})
    leeftijd = timezone.now() - stand.bijgewerkt
    gegevens: dict[str, object] = {
        "bijgewerkt": stand.bijgewerkt.isoformat(timespec="seconds"),
        "leeftijd_uren": round(leeftijd.total_seconds() / 3600, 1),
    }
    grens = timedelta(hours=settings.JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN)
    if leeftijd > grens:
        reden = f"De stuurinformatie is ouder dan {settings.JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN} uur."
        return Uitslag(ok=False, reden=reden, gegevens=gegevens)
    return Uitslag(ok=True, gegevens=gegevens)


def broker() -> Uitslag:
    """The Celery broker (Redis) answers, when one is configured (``CELERY_BROKER_URL``); the
    embedded default's folders are local and need no check. Not critical: the web pages work
    without the broker (an after-commit send that fails is logged) and the tasks catch up when
    it is back (beat, the outbox's catch-up, the rollup queue), so an outage is an alert, not a
    reason to take the web tier out of rotation."""
    if settings.JEUGDREGIE_BROKER_INGEBOUWD:
        return Uitslag(ok=True, gegevens={"broker": "ingebouwd"})
    from kombu import Connection  # only when a broker is configured

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as verbinding:
        verbinding.ensure_connection(max_retries=1)
    return Uitslag(ok=True, gegevens={"broker": verbinding.transport_cls})


def rollup_wachtrij() -> Uitslag:
    """The rollup queue's lag: the age of the month waiting longest for the background task
    (``jeugdregie.rollup_wachtrij``, every 5 minutes and after each intake). Not critical: a
    stuck worker is worth an alert, not taking the web tier out of rotation."""
    oudste = rollup.oudste_in_wachtrij()
    if oudste is None:
        return Uitslag(ok=True, gegevens={"wachtrij_minuten": 0})
    minuten = round((timezone.now() - oudste.sinds).total_seconds() / 60, 1)
    gegevens: dict[str, object] = {"wachtrij_minuten": minuten}
    grens = settings.JEUGDREGIE_GEZONDHEID_WACHTRIJ_MAX_MINUTEN
    if minuten > grens:
        return Uitslag(
            ok=False,
            reden=f"De wachtrij van de stuurinformatie staat langer dan {grens} minuten stil; draait de worker?",
            gegevens=gegevens,
        )
    return Uitslag(ok=True, gegevens=gegevens)


def nachtelijke_verversing() -> Uitslag:
    """The last successful nightly full rebuild (``jeugdregie.rollup_volledig``,
    ``Verversing.volledig``) is within ``JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN``."""
    stand = rollup.stand()
    if stand is None or stand.volledig is None:
        return Uitslag(
            ok=False, reden="De nachtelijke herberekening is nog nooit geslaagd.", gegevens={"volledig": None}
        )
    uren = round((timezone.now() - stand.volledig).total_seconds() / 3600, 1)
    gegevens: dict[str, object] = {"volledig": stand.volledig.isoformat(timespec="seconds"), "leeftijd_uren": uren}
    grens = settings.JEUGDREGIE_GEZONDHEID_VERVERSING_MAX_UREN
    if uren > grens:
        return Uitslag(
            ok=False,
            reden=f"De laatste geslaagde nachtelijke herberekening is ouder dan {grens} uur.",
            gegevens=gegevens,
        )
    return Uitslag(ok=True, gegevens=gegevens)


#: Every readiness check, in the order they run. ``database`` first: the others need it.
CONTROLES: list[Controle] = [
    Controle("database", database),
    Controle("migraties", migraties),
    Controle("beheersing_ververst", beheersing_ververst, kritiek=False),
    Controle("broker", broker, kritiek=False),
    Controle("rollup_wachtrij", rollup_wachtrij, kritiek=False),
    Controle("nachtelijke_verversing", nachtelijke_verversing, kritiek=False),
]


@dataclass(frozen=True)
class Gereedheid:
    gereed: bool
    uitslagen: dict[str, tuple[Controle, Uitslag]]


def voer_uit(controle: Controle) -> Uitslag:
    try:
        return controle.functie()
    except Exception as fout:  # a check that breaks is a failed check, never a 500
        return Uitslag(ok=False, reden=f"Controle mislukt ({type(fout).__name__}).")


#: The last result of ``bewaarde_gereedheid`` in this process, with its ``time.monotonic()``.
_bewaard: tuple[float, Gereedheid] | None = None


def bewaarde_gereedheid() -> Gereedheid:
    """``gereedheid()`` at most once per ``JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN`` per process:
    probes of several load balancers and a monitor every few seconds would otherwise each run
    the queries and build a ``MigrationExecutor`` (the migration graph). Per process is enough:
    a few workers each asking once in ten seconds costs nothing."""
    global _bewaard
    nu = time.monotonic()
    if _bewaard is not None and nu - _bewaard[0] < settings.JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN:
        return _bewaard[1]
    uitslag = gereedheid()
    _bewaard = (nu, uitslag)
    return uitslag


def vergeet_bewaarde_gereedheid() -> None:
    """Drop the kept result (tests; the next request runs the checks)."""
    global _bewaard
    _bewaard = None


def gereedheid(controles: list[Controle] | None = None) -> Gereedheid:
    """Run the checks; ready when every critical one passes. After a failed critical check
    the rest still run (the operator sees every problem at once)."""
    uitslagen = {c.naam: (c, voer_uit(c)) for c in (CONTROLES if controles is None else controles)}
    gereed = all(uitslag.ok for controle, uitslag in uitslagen.values() if controle.kritiek)
    return Gereedheid(gereed=gereed, uitslagen=uitslagen)
