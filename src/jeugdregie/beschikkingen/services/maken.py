"""Producing the beschikking of a toegang decision (R-D1): one letter per decision event, whole
or not at all, addressed per Jeugdwet 7.3.4 (``gezin.services.geadresseerden``).

Called after the decision's commit (``abonnementen.NA_COMMIT`` on ``GebeurtenisVastgelegd``) and
by the catch-up (``inhalen``): idempotent, the event row is locked and the letter's unique event
makes a second run return the first letter. A decision whose child has nobody to address gets
no letter but a ``WachtendeBeschikking`` with the reason; the letter follows once a party is
entered (``bij_contactwijziging``, the catch-up, or the worklist's retry)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.gezin.services import GeenGeadresseerde, geadresseerden
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..besluit import Besluit, lees_besluit
from ..brief import stel_op
from ..models import Beschikking, Volgnummer, WachtendeBeschikking
from .pdf import maak_pdf
from .sjablonen import huidig_sjabloon

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Uitkomst:
    """What ``maak_beschikking`` decided: the letter (``nieuw`` when made by this call), or the
    waiting item with its reason, or neither (no toegang decision about a known child)."""

    beschikking: Beschikking | None = None
    nieuw: bool = False
    wacht: WachtendeBeschikking | None = None


def volgnummer(gemeente: Gemeente, jaar: int) -> str:
    """The next letter number of the municipality in ``jaar`` (locked: no number twice)."""
    teller, _ = Volgnummer.objects.select_for_update().get_or_create(gemeente=gemeente, jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return f"B-{gemeente.cbs_code}-{jaar}-{teller.laatste:05d}"


def _wacht(gebeurtenis: Gebeurtenis, besluit: Besluit, reden: str) -> WachtendeBeschikking:
    wacht, nieuw = WachtendeBeschikking.objects.get_or_create(
        gebeurtenis=gebeurtenis,
        defaults={"gemeente": besluit.gemeente, "jeugdige": besluit.jeugdige, "soort": besluit.soort, "reden": reden},
    )
    if not nieuw and (wacht.reden != reden or wacht.opgelost is not None):
        wacht.reden, wacht.opgelost = reden, None
        wacht.save(update_fields=["reden", "opgelost"])
    logger.info("beschikking_wacht", extra={"velden": {"gebeurtenis_id": gebeurtenis.pk}})
    return wacht


def maak_beschikking(*, gebeurtenis_id: int) -> Uitkomst:
    """R-D1: the letter of the decision event ``gebeurtenis_id``; see the module docstring."""
    with transaction.atomic():
        gebeurtenis = Gebeurtenis.objects.select_for_update().get(pk=gebeurtenis_id)
        bestaand = Beschikking.objects.filter(gebeurtenis=gebeurtenis).first()
        if bestaand is not None:
            return Uitkomst(beschikking=bestaand)
        besluit = lees_besluit(gebeurtenis)
        if besluit is None:
            return Uitkomst()
        datum = vandaag()
        try:
            ontvangers = geadresseerden(besluit.jeugdige, op=datum)
        except GeenGeadresseerde as fout:
            return Uitkomst(wacht=_wacht(gebeurtenis, besluit, str(fout)))
        sjabloon = huidig_sjabloon(besluit.gemeente)
        nummer = volgnummer(besluit.gemeente, datum.year)
        lijst = [
            {
                "naam": g.naam,
                "rol": g.rol,
                "adresregels": list(g.adresregels),
                "email": g.email,
                "kanaal": g.kanaal,
            }
            for g in ontvangers
        ]
        brief = stel_op(besluit=besluit, sjabloon=sjabloon, namen=[g.naam for g in ontvangers])
        pdf = maak_pdf(brief=brief, sjabloon=sjabloon, nummer=nummer, datum=datum, geadresseerden=lijst)
        beschikking = Beschikking(
            gemeente=besluit.gemeente,
            jeugdige=besluit.jeugdige,
            gebeurtenis=gebeurtenis,
            soort=besluit.soort,
            nummer=nummer,
            datum=datum,
            sjabloon=sjabloon,
            geadresseerden=lijst,
            aanbieder=besluit.aanbieder,
        )
        beschikking.pdf.save(f"{nummer}.pdf", ContentFile(pdf), save=False)
        try:
            beschikking.save()
            WachtendeBeschikking.objects.filter(gebeurtenis=gebeurtenis, opgelost__isnull=True).update(opgelost=nu())
            log_persoonsgegevens(
                actie=Actie.AANMAKEN,
                obj=beschikking,
                jeugdige=besluit.jeugdige,
                details=f"gebeurtenis {gebeurtenis.pk}",
            )
        except Exception:
            beschikking.pdf.storage.delete(beschikking.pdf.name or "")  # nothing half-saved
            raise
    return Uitkomst(beschikking=beschikking, nieuw=True)
