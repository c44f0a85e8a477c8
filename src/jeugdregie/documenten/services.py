"""Adding and opening documents (issue 20 §4). Explicit context, never a request: the acting
user ``door`` and the audit context ``context`` are passed in.

``voeg_document_toe`` checks everything first (policy, link to the child, title, size, type as
the bytes show it), then stores the bytes and writes the row and its audit row in one
transaction; when that transaction fails, the stored bytes are removed again: nothing
half-saved. (Should a caller's surrounding transaction roll back later, the bytes have no row;
``manage.py documenten opschonen`` removes such objects.) ``open_document`` checks the policy
and writes the audit row of the download."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError

from .bestandscontrole import controleer_bestand
from .constants import BEWAARKLASSE, Documentsoort, Foutcode
from .models import Document
from .opslag import documentopslag, opslagnaam
from .policies import mag_document_lezen, mag_document_toevoegen

logger = logging.getLogger(__name__)

MAX_TITEL: int = Document._meta.get_field("titel").max_length or 200
MAX_BESTANDSNAAM: int = Document._meta.get_field("bestandsnaam").max_length or 255


def _controleer_koppeling(jeugdige, verwijzing, toewijzing) -> None:
    if verwijzing is not None and verwijzing.jeugdige_id != jeugdige.pk:
        raise DomainError(
            Foutcode.KOPPELING_ONGELDIG, "Deze verwijzing hoort niet bij deze jeugdige.", field="verwijzing"
        )
    if toewijzing is not None and toewijzing.jeugdige_id != jeugdige.pk:
        raise DomainError(
            Foutcode.KOPPELING_ONGELDIG, "Deze toewijzing hoort niet bij deze jeugdige.", field="toewijzing"
        )
    if verwijzing is not None and toewijzing is not None and toewijzing.verwijzing_id != verwijzing.pk:
        raise DomainError(
            Foutcode.KOPPELING_ONGELDIG,
            "Deze toewijzing hoort niet bij de gekozen verwijzing. Kies er één, of een toewijzing van die verwijzing.",
            field="toewijzing",
        )


def voeg_document_toe(
    *,
    jeugdige,
    soort: Documentsoort | str,
    titel: str,
    bestand,
    door,
    verwijzing=None,
    toewijzing=None,
    context: Toegangscontext | None = None,
) -> Document:
    """Attach ``bestand`` (a Django ``File``) to ``jeugdige`` and optionally to ``verwijzing``
    or ``toewijzing``. Raises ``DomainError`` (``Foutcode``) with a Dutch message; then nothing
    is stored. The retention class follows from the kind (``constants.BEWAARKLASSE``)."""
    soort = Documentsoort(soort)
    _controleer_koppeling(jeugdige, verwijzing, toewijzing)
    if not mag_document_toevoegen(door, jeugdige=jeugdige, soort=soort, verwijzing=verwijzing, toewijzing=toewijzing):
        raise DomainError(
            Foutcode.GEEN_TOEGANG,
            "U mag dit soort document hier niet toevoegen. Een aanbieder voegt alleen een offerte of plan toe bij "
            "een eigen verwijzing of toewijzing, een verwijzer alleen een verwijsbrief bij een eigen verwijzing.",
        )
    titel = " ".join((titel or "").split())
    if not titel or len(titel) > MAX_TITEL:
        raise DomainError(
            Foutcode.TITEL_ONGELDIG,
            f"Geef het document een titel van hoogstens {MAX_TITEL} tekens, bijvoorbeeld 'Verwijsbrief huisarts'.",
            field="titel",
        )
    kenmerken = controleer_bestand(bestand)
    nu = timezone.now()
    opslag = documentopslag()
    naam = opslag.save(opslagnaam(kenmerken.extensie, jaar=timezone.localdate(nu).year), bestand)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                jeugdige=jeugdige,
                verwijzing=verwijzing,
                toewijzing=toewijzing,
                soort=soort,
                titel=titel,
                bestand=naam,
                bestandsnaam=(bestand.name or "")[-MAX_BESTANDSNAAM:],
                inhoudstype=kenmerken.inhoudstype,
                grootte=kenmerken.grootte,
                sha256=kenmerken.sha256,
                bewaarklasse=BEWAARKLASSE[soort],
                toegevoegd_door=door,
                organisatie=door.organisatie_omschrijving[:200],
                toegevoegd_op=nu,
            )
            log(
                actie=Actie.AANMAKEN,
                objecttype=Document._meta.label,
                object_id=document.pk,
                jeugdige=jeugdige,
                door=door,
                context=context,
                details=f"soort: {soort}; {kenmerken.inhoudstype}; {kenmerken.grootte} bytes",  # never the name
            )
    except BaseException:
        opslag.delete(naam)
        raise
    logger.info("document_toegevoegd", extra={"event": "document_toegevoegd", "document_id": document.pk})
    return document


@dataclass(frozen=True)
class Download:
    """What a page or endpoint streams: the open file, its name and content type."""

    bestand: object
    bestandsnaam: str
    inhoudstype: str


def open_document(*, document: Document, door, context: Toegangscontext | None = None) -> Download:
    """R-P1/R-P4: open ``document`` for ``door`` when it may read it, with one audit row "lezen"
    of the child (R-P2); refused: ``DomainError`` and an audit row "geweigerd"."""
    from jeugdregie.audit.constants import Uitkomst

    if not mag_document_lezen(door, document):
        log(
            actie=Actie.LEZEN,
            objecttype=Document._meta.label,
            object_id=document.pk,
            door=door,
            context=context,
            uitkomst=Uitkomst.GEWEIGERD,
            details="download geweigerd",
        )
        raise DomainError(Foutcode.GEEN_TOEGANG, "U mag dit document niet inzien.")
    log(
        actie=Actie.LEZEN,
        objecttype=Document._meta.label,
        object_id=document.pk,
        jeugdige=document.jeugdige,
        door=door,
        context=context,
        details=f"download; soort: {document.soort}",
    )
    return Download(
        bestand=document.bestand.open("rb"), bestandsnaam=document.bestandsnaam, inhoudstype=document.inhoudstype
    )
