"""The background tasks (issue 17 part B), each a thin adapter over a domain service: the domain
logic stays in the services, which are idempotent on their own; ``slot.eenmaal`` adds a lease
so two workers given the same job do it once (``slot.py`` says why a database lease). The
schedule is ``CELERY_BEAT_SCHEDULE`` (settings) and docs/ops/planning.md.

A top-level module because it composes several apps (beheersing, beschikkingen, budgetten, ijw,
bewaring, verzoeken, toewijzingen); it sits with ``abonnementen`` in the layers, which queues the
rollup task after a commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from celery import Task
from django.conf import settings
from django.utils import timezone

from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.scorekaart import teken_vooraf
from jeugdregie.beheersing.startpagina import ververs_rode_lichten
from jeugdregie.beschikkingen.gebeurtenissen import BeschikkingGemaakt
from jeugdregie.beschikkingen.services.pdf import zorg_voor_pdf
from jeugdregie.bewaring.services.opschonen import opschonen
from jeugdregie.budgetten.services.grootboek import geef_verlopen_vrij
from jeugdregie.celery import app
from jeugdregie.common.tijd import vandaag
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.ijw.services import uitbox
from jeugdregie.toewijzingen.services.herinneringen import herinner_verzoeken_om_wijziging
from jeugdregie.verwijzingen.besluiten import MeldingGemaakt
from jeugdregie.verwijzingen.services.mailen import mail_melding
from jeugdregie.verzoeken.services import herinner_verzoeken_om_toewijzing

from . import slot
from .models import Uitkomst
from .runs import ruim_runs_op
from .slot import eenmaal

ROLLUP_WACHTRIJ = "jeugdregie.rollup_wachtrij"
ROLLUP_VOLLEDIG = "jeugdregie.rollup_volledig"
BUDGETTEN_VRIJGEVEN = "jeugdregie.budgetten_vrijgeven"
IJW_UITBOX = "jeugdregie.ijw_uitbox"
BEWARING_OPSCHONEN = "jeugdregie.bewaring_opschonen"
GRAFIEKEN_VOORAF = "jeugdregie.grafieken_vooraf"
TERMIJNHERINNERINGEN = "jeugdregie.termijnherinneringen"
TAAKRUNS_OPRUIMEN = "jeugdregie.taakruns_opruimen"
MELDING_MAILEN = "jeugdregie.melding_mailen"
BESCHIKKING_PDF = "jeugdregie.beschikking_pdf"

#: A job that finds its lease taken tries again this often, each time after the lease's
#: remaining time plus ``MARGE``; then it leaves the job to the holder (recorded ``bezet``).
HERHALINGEN_BIJ_BEZET = 5
MARGE = timedelta(seconds=5)


def _eenmalig(taak: Task, naam: str, werk: Callable[[], int], sinds: str | None) -> dict[str, object]:
    """``slot.eenmaal`` for a bound task: when the lease is taken (a live holder, or a killed
    worker whose lease has not yet expired) retry once the lease ran out, carrying ``sinds``,
    the moment this job was first tried; the retry does the work unless the holder succeeded
    since (``al_gedaan``). ``slot.py`` says why."""
    eerst = datetime.fromisoformat(sinds) if sinds else timezone.now()
    uitslag = eenmaal(naam, werk, sinds=eerst)
    if uitslag["uitkomst"] == Uitkomst.BEZET and taak.request.retries < HERHALINGEN_BIJ_BEZET:
        wacht = slot.resterend(naam) + MARGE
        raise taak.retry(
            kwargs={"sinds": eerst.isoformat()},
            countdown=wacht.total_seconds(),
            max_retries=HERHALINGEN_BIJ_BEZET,
        )
    return uitslag


@app.task(bind=True, name=ROLLUP_WACHTRIJ)
def rollup_wachtrij(self: Task, sinds: str | None = None) -> dict[str, object]:
    """The queued months of the rollup (``rollup.werk_bij``), after each declaration intake
    and every few minutes; never inside a request."""
    uitslag = _eenmalig(self, ROLLUP_WACHTRIJ, lambda: rollup.werk_bij(), sinds)
    if uitslag["aantal"]:  # figures moved: the charts of the new figures next
        grafieken_vooraf.delay()
    return uitslag


def na_declaraties(verwerkt: Verwerkt) -> None:
    """After-commit subscriber (``abonnementen.py``), listed after ``rollup.markeer_declaraties``:
    the months are queued, now ask a worker to process them. If the broker is down the beat
    tick catches up (``domein.NaCommit`` logs the failure)."""
    rollup_wachtrij.delay()


@app.task(bind=True, name=ROLLUP_VOLLEDIG)
def rollup_volledig(self: Task, sinds: str | None = None) -> dict[str, object]:
    """The nightly full rebuild (``beheersing ververs --volledig``); stamps
    ``Verversing.volledig``, which ``/gereedheid/`` reports."""
    uitslag = _eenmalig(self, ROLLUP_VOLLEDIG, lambda: rollup.bouw_opnieuw(), sinds)
    if uitslag["uitkomst"] == "klaar":
        grafieken_vooraf.delay()
    return uitslag


@app.task(bind=True, name=GRAFIEKEN_VOORAF)
def grafieken_vooraf(self: Task, sinds: str | None = None) -> dict[str, object]:
    """Draw every scorecard's trend charts into the shared chart cache (``CACHES["grafieken"]``)
    after the figures changed, so no request draws them; idempotent: a drawn chart is a hit."""
    return _eenmalig(self, GRAFIEKEN_VOORAF, _grafieken_en_rode_lichten, sinds)


def _grafieken_en_rode_lichten() -> int:
    """The charts, and the red lights of the contract manager's home page (issue 19 §4), which
    rest on the same scorecards."""
    aantal = teken_vooraf()
    ververs_rode_lichten(op=vandaag())
    return aantal


@app.task(bind=True, name=BUDGETTEN_VRIJGEVEN)
def budgetten_vrijgeven(self: Task, sinds: str | None = None) -> dict[str, object]:
    """R-B7: release the rest after the declaration window (``budgetten vrijgeven``)."""
    return _eenmalig(self, BUDGETTEN_VRIJGEVEN, lambda: geef_verlopen_vrij(op=vandaag()).grootboeken, sinds)


def _uitbox_bij() -> int:
    nieuw = ronde = len(uitbox.verzamel())
    while ronde == uitbox.PER_RONDE:  # more decisions waiting (as ``manage.py ijw maak``)
        nieuw += (ronde := len(uitbox.verzamel()))
    return nieuw


@app.task(
    bind=True,
    name=IJW_UITBOX,
    autoretry_for=(Exception,),
    retry_backoff=30,  # 30 s, 60 s, 120 s … with jitter, at most 10 min apart
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def ijw_uitbox(self: Task, sinds: str | None = None) -> dict[str, object]:
    """The iJw outbox's catch-up (``uitbox.verzamel``, ``manage.py ijw maak``): every decision
    not yet made into its message. Exactly once is the outbox's own (``Uitboxverwerking``)."""
    return _eenmalig(self, IJW_UITBOX, _uitbox_bij, sinds)


def _opschonen() -> int:
    rapport = opschonen(uitvoeren=settings.JEUGDREGIE_BEWARING_UITVOEREN)
    return sum(r.geanonimiseerd if rapport.uitgevoerd else r.verlopen for r in rapport.regels.values())


@app.task(bind=True, name=BEWARING_OPSCHONEN)
def bewaring_opschonen(self: Task, sinds: str | None = None) -> dict[str, object]:
    """R-P7: the retention job, a dry-run report unless ``JEUGDREGIE_BEWARING_UITVOEREN``
    (``bewaring opschonen [--uitvoeren]``); the count is what expired or was anonymised."""
    return _eenmalig(self, BEWARING_OPSCHONEN, _opschonen, sinds)


def _herinneringen() -> int:
    op = vandaag()
    return len(herinner_verzoeken_om_toewijzing(op=op)) + len(herinner_verzoeken_om_wijziging(op=op))


@app.task(bind=True, name=TERMIJNHERINNERINGEN)
def termijnherinneringen(self: Task, sinds: str | None = None) -> dict[str, object]:
    """Issue 17 §2: the municipality's reminders of the iJw answer deadlines due by the next
    working day or overdue (OP274 JW315, OP346 JW317), once per request and deadline; the
    count is the new notifications."""
    return _eenmalig(self, TERMIJNHERINNERINGEN, _herinneringen, sinds)


@app.task(bind=True, name=TAAKRUNS_OPRUIMEN)
def taakruns_opruimen(self: Task, sinds: str | None = None) -> dict[str, object]:
    """The task runs older than ``JEUGDREGIE_TAAKRUNS_BEWAARDAGEN`` days (``taken.runs``); the
    count is the runs deleted."""
    bewaar = timedelta(days=settings.JEUGDREGIE_TAAKRUNS_BEWAARDAGEN)
    return _eenmalig(self, TAAKRUNS_OPRUIMEN, lambda: ruim_runs_op(bewaar=bewaar), sinds)


@app.task(
    name=MELDING_MAILEN,
    autoretry_for=(Exception,),  # a mail server that is down: try again, 30 s, 60 s, … apart
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def melding_mailen(melding_id: int) -> int:
    """Issue 19 §3: e-mail one notification to the users who chose its kind; exactly once per
    user (``verwijzingen.services.mailen``), so a retry or a second delivery sends nothing twice.
    The count is the e-mails sent."""
    return mail_melding(melding_id)


def na_melding(gemaakt: MeldingGemaakt) -> None:
    """After-commit subscriber (``abonnementen.py``): a worker sends the e-mail, never the request."""
    melding_mailen.delay(gemaakt.melding_id)


@app.task(
    name=BESCHIKKING_PDF,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def beschikking_pdf(beschikking_id: int) -> int:
    """Issue 20, R-D1: render a letter's PDF from its frozen content (``zorg_voor_pdf``), once: a
    retry or second delivery finds it stored and does nothing. A letter still without its PDF
    gets it at the first download. The count is the PDFs stored."""
    return int(zorg_voor_pdf(beschikking_id))


def na_beschikking(gemaakt: BeschikkingGemaakt) -> None:
    """After-commit subscriber (``abonnementen.py``): a worker renders the PDF, never the request."""
    beschikking_pdf.delay(gemaakt.beschikking_id)
