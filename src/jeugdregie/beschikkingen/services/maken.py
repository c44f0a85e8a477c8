"""Producing the beschikking of a toegang decision (R-D1): one letter per decision event, whole
or not at all, addressed per Jeugdwet 7.3.4 (``gezin.services.geadresseerden``).

Called after the decision's commit (``abonnementen.NA_COMMIT`` on ``GebeurtenisVastgelegd``) and
by the catch-up (``inhalen``): idempotent, the event row (or, without one, the decided object's
row) is locked and the letter's unique decision key makes a second run return the first letter.
The letter's content is frozen in the row (``stel_beschikking_op``); its PDF is rendered from it
after the commit by a worker (``BeschikkingGemaakt``, ``taken.tasks.beschikking_pdf``) or at the
first download (``pdf.zorg_voor_pdf``). A decision whose child has nobody to address gets
no letter but a ``WachtendeBeschikking`` with the reason; the letter follows once a party is
entered (``bij_contactwijziging``, the catch-up, or the worklist's retry)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.domein import publiceer
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.gezin.services import Geadresseerde, GeenGeadresseerde, geadresseerden
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..besluit import MODELLEN, Besluit, Bron, bron_van, lees_besluit
from ..brief import besluit_als_inhoud, brief_als_inhoud, stel_op
from ..gebeurtenissen import BeschikkingGemaakt
from ..models import Beschikking, Sjabloon, Volgnummer, WachtendeBeschikking
from .sjablonen import huidig_sjabloon

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Uitkomst:
    """What ``maak_beschikking`` decided: the letter (``nieuw`` when made by this call), or the
    waiting item with its reason, or neither (no toegang decision about a known child)."""

    beschikking: Beschikking | None = None
    nieuw: bool = False
    wacht: WachtendeBeschikking | None = None


def nummer_tekst(cbs_code: str, jaar: int, volgnummer: int) -> str:
    return f"B-{cbs_code}-{jaar}-{volgnummer:05d}"


def volgnummer(gemeente: Gemeente, jaar: int) -> str:
    """The next letter number of the municipality in ``jaar`` (locked: no number twice)."""
    teller, _ = Volgnummer.objects.select_for_update().get_or_create(gemeente=gemeente, jaar=jaar)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return nummer_tekst(gemeente.cbs_code, jaar, teller.laatste)


def sleutel(bron: Bron) -> dict:
    """The decision's key on ``Beschikking`` and ``WachtendeBeschikking``."""
    return {"besluittype": bron.besluittype, "besluit_id": bron.besluit_id, "soort": bron.soort}


def stel_beschikking_op(
    *, bron: Bron, besluit: Besluit, ontvangers: list[Geadresseerde], sjabloon: Sjabloon, nummer: str, datum
) -> Beschikking:
    """The letter row (not saved) with its content frozen: the addressees, the facts, the text and
    the template version. The one way a letter is composed: the service below and the bulk path
    of the synthetic region (``synthese.beschikkingen``) both call it."""
    lijst = [
        {"naam": g.naam, "rol": g.rol, "adresregels": list(g.adresregels), "email": g.email, "kanaal": g.kanaal}
        for g in ontvangers
    ]
    brief = stel_op(besluit=besluit, sjabloon=sjabloon, namen=[g.naam for g in ontvangers])
    return Beschikking(
        gemeente=besluit.gemeente,
        jeugdige=besluit.jeugdige,
        gebeurtenis_id=bron.gebeurtenis_id,
        besluittype=bron.besluittype,
        besluit_id=bron.besluit_id,
        gebeurtenissoort=bron.gebeurtenissoort,
        soort=besluit.soort,
        nummer=nummer,
        datum=datum,
        sjabloon=sjabloon,
        geadresseerden=lijst,
        aanbieder=besluit.aanbieder,
        inhoud={
            "sjabloonversie": sjabloon.versie,
            "besluit": besluit_als_inhoud(besluit),
            "brief": brief_als_inhoud(brief),
        },
    )


def _wacht(bron: Bron, besluit: Besluit, reden: str) -> WachtendeBeschikking:
    wacht, nieuw = WachtendeBeschikking.objects.get_or_create(
        **sleutel(bron),
        defaults={
            "gebeurtenis_id": bron.gebeurtenis_id,
            "gebeurtenissoort": bron.gebeurtenissoort,
            "gemeente": besluit.gemeente,
            "jeugdige": besluit.jeugdige,
            "reden": reden,
        },
    )
    if not nieuw and (wacht.reden != reden or wacht.opgelost is not None):
        wacht.reden, wacht.opgelost = reden, None
        wacht.save(update_fields=["reden", "opgelost"])
    logger.info("beschikking_wacht", extra={"velden": {"besluit": f"{bron.besluittype} {bron.besluit_id}"}})
    return wacht


def _vergrendel(gebeurtenis_id: int | None, bron: Bron | None) -> Bron | None:
    """Lock the event row, or (no event row) the decided object's row: one letter at a time."""
    if gebeurtenis_id is not None:
        return bron_van(Gebeurtenis.objects.select_for_update().get(pk=gebeurtenis_id))
    if bron is None:
        raise TypeError("maak_beschikking: gebeurtenis_id of bron is nodig")
    model = MODELLEN.get(bron.besluittype)
    if model is None:
        return None
    list(model._default_manager.select_for_update().filter(pk=bron.besluit_id).values_list("pk", flat=True))
    return bron


def maak_beschikking(*, gebeurtenis_id: int | None = None, bron: Bron | None = None) -> Uitkomst:
    """R-D1: the letter of the decision event ``gebeurtenis_id``, or of the decision ``bron``
    when it has no event row (the bulk history); see the module docstring. The PDF follows
    after the commit (``BeschikkingGemaakt``) or at the first download."""
    with transaction.atomic():
        bron = _vergrendel(gebeurtenis_id, bron)
        if bron is None or bron.soort is None:
            return Uitkomst()
        bestaand = Beschikking.objects.filter(**sleutel(bron)).first()
        if bestaand is not None:
            return Uitkomst(beschikking=bestaand)
        besluit = lees_besluit(bron)
        if besluit is None:
            return Uitkomst()
        datum = vandaag()
        try:
            ontvangers = geadresseerden(besluit.jeugdige, op=datum)
        except GeenGeadresseerde as fout:
            return Uitkomst(wacht=_wacht(bron, besluit, str(fout)))
        sjabloon = huidig_sjabloon(besluit.gemeente)
        beschikking = stel_beschikking_op(
            bron=bron,
            besluit=besluit,
            ontvangers=ontvangers,
            sjabloon=sjabloon,
            nummer=volgnummer(besluit.gemeente, datum.year),
            datum=datum,
        )
        beschikking.save()
        WachtendeBeschikking.objects.filter(**sleutel(bron), opgelost__isnull=True).update(opgelost=nu())
        log_persoonsgegevens(
            actie=Actie.AANMAKEN,
            obj=beschikking,
            jeugdige=besluit.jeugdige,
            details=f"{bron.besluittype} {bron.besluit_id}",
        )
        publiceer(BeschikkingGemaakt(beschikking_id=beschikking.pk))  # the PDF, after the commit
    return Uitkomst(beschikking=beschikking, nieuw=True)


def maak_voor_wachtende(wacht: WachtendeBeschikking) -> Uitkomst:
    """Try the letter of a waiting item again (with or without its event row)."""
    if wacht.gebeurtenis_id is not None:
        return maak_beschikking(gebeurtenis_id=wacht.gebeurtenis_id)
    return maak_beschikking(
        bron=Bron(gebeurtenissoort=wacht.gebeurtenissoort, besluittype=wacht.besluittype, besluit_id=wacht.besluit_id)
    )
