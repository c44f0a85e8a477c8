"""The background tasks (issue 17 part B), each a thin adapter over a domain service: the domain
logic stays in the services, which are idempotent on their own; ``slot.eenmaal`` adds a lease
so two workers given the same job do it once (``slot.py`` says why a database lease). The
schedule is ``CELERY_BEAT_SCHEDULE`` (settings) and docs/ops/planning.md.

A top-level module because it composes several apps (beheersing, budgetten, ijw, bewaring); it
sits with ``abonnementen`` in the layers, which queues the rollup task after a commit."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.scorekaart import teken_vooraf
from jeugdregie.bewaring.services.opschonen import opschonen
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.celery import app
from jeugdregie.common.tijd import vandaag
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.ijw.services import uitbox

from .slot import eenmaal

ROLLUP_WACHTRIJ = "jeugdregie.rollup_wachtrij"
ROLLUP_VOLLEDIG = "jeugdregie.rollup_volledig"
BUDGETTEN_VRIJGEVEN = "jeugdregie.budgetten_vrijgeven"
IJW_UITBOX = "jeugdregie.ijw_uitbox"
BEWARING_OPSCHONEN = "jeugdregie.bewaring_opschonen"
GRAFIEKEN_VOORAF = "jeugdregie.grafieken_vooraf"


@app.task(name=ROLLUP_WACHTRIJ)
def rollup_wachtrij() -> dict[str, object]:
    """The queued months of the rollup (``rollup.werk_bij``), after each declaration intake
    and every few minutes; never inside a request."""
    uitslag = eenmaal(ROLLUP_WACHTRIJ, lambda: rollup.werk_bij(), duur=timedelta(minutes=30))
    if uitslag["aantal"]:  # figures moved: the charts of the new figures next
        grafieken_vooraf.delay()
    return uitslag


def na_declaraties(verwerkt: Verwerkt) -> None:
    """After-commit subscriber (``abonnementen.py``), listed after ``rollup.markeer_declaraties``:
    the months are queued, now ask a worker to process them. If the broker is down the beat
    tick catches up (``domein.NaCommit`` logs the failure)."""
    rollup_wachtrij.delay()


@app.task(name=ROLLUP_VOLLEDIG)
def rollup_volledig() -> dict[str, object]:
    """The nightly full rebuild (``beheersing ververs --volledig``); stamps
    ``Verversing.volledig``, which ``/gereedheid/`` reports."""
    uitslag = eenmaal(ROLLUP_VOLLEDIG, lambda: rollup.bouw_opnieuw(), duur=timedelta(hours=6))
    if uitslag["uitkomst"] == "klaar":
        grafieken_vooraf.delay()
    return uitslag


@app.task(name=GRAFIEKEN_VOORAF)
def grafieken_vooraf() -> dict[str, object]:
    """Draw every scorecard's trend charts into the shared chart cache (``CACHES["grafieken"]``)
    after the figures changed, so no request draws them; idempotent: a drawn chart is a hit."""
    return eenmaal(GRAFIEKEN_VOORAF, lambda: teken_vooraf(), duur=timedelta(hours=1))


@app.task(name=BUDGETTEN_VRIJGEVEN)
def budgetten_vrijgeven() -> dict[str, object]:
    """R-B7: release the rest after the declaration window (``budgetten vrijgeven``)."""
    return eenmaal(BUDGETTEN_VRIJGEVEN, lambda: geef_verlopen_vrij(op=vandaag()).grootboeken, duur=timedelta(hours=2))


def _uitbox_bij() -> int:
    nieuw = ronde = len(uitbox.verzamel())
    while ronde == uitbox.PER_RONDE:  # more decisions waiting (as ``manage.py ijw maak``)
        nieuw += (ronde := len(uitbox.verzamel()))
    return nieuw


@app.task(
    name=IJW_UITBOX,
    autoretry_for=(Exception,),
    retry_backoff=30,  # 30 s, 60 s, 120 s … with jitter, at most 10 min apart
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def ijw_uitbox() -> dict[str, object]:
    """The iJw outbox's catch-up (``uitbox.verzamel``, ``manage.py ijw maak``): every decision
    not yet made into its message. Exactly once is the outbox's own (``Uitboxverwerking``)."""
    return eenmaal(IJW_UITBOX, _uitbox_bij, duur=timedelta(minutes=15))


def _opschonen() -> int:
    rapport = opschonen(uitvoeren=settings.JEUGDREGIE_BEWARING_UITVOEREN)
    return sum(r.geanonimiseerd if rapport.uitgevoerd else r.verlopen for r in rapport.regels.values())


@app.task(name=BEWARING_OPSCHONEN)
def bewaring_opschonen() -> dict[str, object]:
    """R-P7: the retention job, a dry-run report unless ``JEUGDREGIE_BEWARING_UITVOEREN``
    (``bewaring opschonen [--uitvoeren]``); the count is what expired or was anonymised."""
    return eenmaal(BEWARING_OPSCHONEN, _opschonen, duur=timedelta(hours=2))
