"""Retention of documents (R-P7, issue 20 §4).

A document carries the retention class of its kind (``constants.BEWAARKLASSE``); the child's
record is kept until the latest of its classes (``bewaring``): a court order (class
jeugdbescherming) keeps the child as an OTS/voogdij dossier (``beantwoord_jeugdbeschermingvraag``,
the answer to ``bewaring.gebeurtenissen.Jeugdbeschermingvraag``). When the retention job anonymises
the child, its documents are removed with it: the rows inside the job's transaction
(``bij_anonimisering``, subscribed in ``jeugdregie/abonnementen.py`` to
``bewaring.gebeurtenissen.Geanonimiseerd``), the stored bytes after the commit. A row without
bytes cannot remain, and bytes whose row never committed are removed by ``opruimen_wezen``
(``manage.py documenten opschonen``)."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.bewaring.constants import Dataklasse

from .models import Document
from .opslag import documentopslag

logger = logging.getLogger(__name__)

MAP = "documenten"
#: An object without a row younger than this may be an upload whose transaction is still open.
WEES_NA = timedelta(days=1)


def beantwoord_jeugdbeschermingvraag(vraag):
    """R-P7: the children with a document of class jeugdbescherming (a court order): the
    retention job keeps them until the term of that class (``bewaring.termijnen``)."""
    return Document.objects.filter(bewaarklasse=Dataklasse.JEUGDBESCHERMING).values("jeugdige_id")


def bij_anonimisering(gebeurtenis) -> None:
    """R-P7: remove the documents of the anonymised child (``Geanonimiseerd``)."""
    documenten = list(Document.objects.filter(jeugdige_id=gebeurtenis.jeugdige_id))
    if not documenten:
        return
    namen = [d.bestand.name for d in documenten]
    Document.objects.filter(pk__in=[d.pk for d in documenten]).delete()
    log(
        actie=Actie.VERWIJDEREN,
        objecttype=Document._meta.label,
        door=None,
        doel="bewaartermijn verstreken",
        namens="bewaring opschonen",
        details=f"{len(documenten)} documenten van een geanonimiseerde jeugdige verwijderd",
    )
    transaction.on_commit(lambda: _verwijder_bytes(namen), robust=True)


def _verwijder_bytes(namen: list[str]) -> None:
    opslag = documentopslag()
    for naam in namen:
        opslag.delete(naam)
    logger.info("documenten_verwijderd", extra={"event": "documenten_verwijderd", "aantal": len(namen)})


def _objecten(opslag, map_: str):
    mappen, bestanden = opslag.listdir(map_)
    for bestand in bestanden:
        yield f"{map_}/{bestand}"
    for sub in mappen:
        yield from _objecten(opslag, f"{map_}/{sub}")


def opruimen_wezen(*, uitvoeren: bool = False) -> list[str]:
    """Stored objects under ``documenten/`` without a row and older than ``WEES_NA`` (an upload
    whose caller's transaction rolled back). Removed with ``uitvoeren``; returns their names."""
    opslag = documentopslag()
    if not opslag.exists(MAP):
        return []
    bekend = set(Document.objects.values_list("bestand", flat=True))
    grens = timezone.now() - WEES_NA
    wezen = [n for n in _objecten(opslag, MAP) if n not in bekend and opslag.get_modified_time(n) < grens]
    if uitvoeren:
        for naam in wezen:
            opslag.delete(naam)
    return wezen
