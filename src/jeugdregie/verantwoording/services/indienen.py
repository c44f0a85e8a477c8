"""R-V2: a provider submits its production statement for a past year. The moment counts for
timeliness (days after 31 December); the totals at that moment are kept — of the declared lines
and, R-R2, of the task-based terms — so the page can show when the figures changed afterwards.
Submitted once."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import datum_van
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.taakgericht.monitoring import TaakgerichteTotalen, taakgerichte_totalen

from ..constants import Foutcode
from ..models import Productieverantwoording
from ..policies import mag_productie_indienen
from .productie import Totalen, totalen_van

logger = logging.getLogger(__name__)


def _al_ingediend(bestaand: Productieverantwoording) -> DomainError:
    moment = timezone.localtime(bestaand.ingediend_op)
    return DomainError(
        Foutcode.AL_INGEDIEND,
        f"De productieverantwoording over {bestaand.jaar} is al ingediend op {moment:%d-%m-%Y %H:%M}. "
        "Een verantwoording wordt één keer ingediend; neem voor een correctie contact op met de regio.",
        field="jaar",
    )


@transaction.atomic
def dien_verantwoording_in(
    *, aanbieder: Aanbieder, jaar: int, door, op: datetime | None = None
) -> Productieverantwoording:
    """R-V2: record the submission of ``aanbieder``'s statement over ``jaar`` by its own staff.
    Refused (nothing stored) for another role or provider, a year not yet ended, or a second time."""
    if door is None or not mag_productie_indienen(door, aanbieder):
        raise DomainError(Foutcode.ROL, "Alleen de aanbieder zelf dient zijn productieverantwoording in.", field="door")
    op = op or timezone.now()
    dag = datum_van(op)
    jaareinde = date(jaar, 12, 31)
    if dag <= jaareinde:
        raise DomainError(
            Foutcode.JAAR_NIET_VOORBIJ,
            f"De productieverantwoording over {jaar} kunt u indienen vanaf 1 januari {jaar + 1}, "
            "als het jaar voorbij is.",
            field="jaar",
        )
    bestaand = Productieverantwoording.objects.filter(aanbieder=aanbieder, jaar=jaar).first()
    if bestaand is not None:
        raise _al_ingediend(bestaand)
    totalen = totalen_van(aanbieder=aanbieder, jaar=jaar)
    taakgericht = taakgerichte_totalen(aanbieder_id=aanbieder.pk, jaar=jaar)
    try:
        with transaction.atomic():
            verantwoording = Productieverantwoording.objects.create(
                aanbieder=aanbieder,
                jaar=jaar,
                ingediend_op=op,
                ingediend_door=door,
                dagen_na_jaareinde=(dag - jaareinde).days,
                goedgekeurd_totaal=totalen.goedgekeurd,
                betaald_totaal=totalen.betaald,
                taakgericht_gepland_totaal=taakgericht.gepland,
                taakgericht_betaald_totaal=taakgericht.betaald,
            )
    except IntegrityError:  # a concurrent submission committed first
        raise _al_ingediend(Productieverantwoording.objects.get(aanbieder=aanbieder, jaar=jaar)) from None
    log(
        actie=Actie.AANMAKEN,
        objecttype=verantwoording._meta.label,
        object_id=verantwoording.pk,
        door=door,
        details=f"jaar={jaar} dagen_na_jaareinde={verantwoording.dagen_na_jaareinde}",
    )
    logger.info(
        "productieverantwoording_ingediend",
        extra={"velden": {"verantwoording_id": verantwoording.pk, "aanbieder_id": aanbieder.pk, "jaar": jaar}},
    )
    return verantwoording


@dataclass(frozen=True)
class Wijziging:
    """R-V2: the submitted totals against the current ones, per funding variant (R-R2)."""

    ingediend: Productieverantwoording
    nu: Totalen
    nu_taakgericht: TaakgerichteTotalen

    @property
    def gewijzigd(self) -> bool:
        return self.gedeclareerd_gewijzigd or self.taakgericht_gewijzigd

    @property
    def gedeclareerd_gewijzigd(self) -> bool:
        return (self.ingediend.goedgekeurd_totaal, self.ingediend.betaald_totaal) != (
            self.nu.goedgekeurd,
            self.nu.betaald,
        )

    @property
    def taakgericht_gewijzigd(self) -> bool:
        """A term paid (or a year's schedule made) after the submission; not known for a
        statement submitted before the task-based totals were kept (empty: not compared)."""
        if self.ingediend.taakgericht_betaald_totaal is None:
            return False
        return (self.ingediend.taakgericht_gepland_totaal, self.ingediend.taakgericht_betaald_totaal) != (
            self.nu_taakgericht.gepland,
            self.nu_taakgericht.betaald,
        )


def wijziging_sinds_indiening(*, aanbieder: Aanbieder, jaar: int) -> Wijziging | None:
    ingediend = Productieverantwoording.objects.filter(aanbieder=aanbieder, jaar=jaar).first()
    if ingediend is None:
        return None
    return Wijziging(
        ingediend=ingediend,
        nu=totalen_van(aanbieder=aanbieder, jaar=jaar),
        nu_taakgericht=taakgerichte_totalen(aanbieder_id=aanbieder.pk, jaar=jaar),
    )
