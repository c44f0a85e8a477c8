"""What finance finds on its home page about payments (issue 19 §4): the ended months whose
approved lines wait for a batch, and the batches that wait for the second approver
(maker-checker, ``BATCH_OVERGANGEN``). Read-only, scoped by the batch policies (R-P1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count

from jeugdregie.common.tijd import Maand
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel

from .constants import BatchStatus
from .models import Betaalbatch
from .policies import mag_betaalbatches_behandelen
from .services.regels import TIJDZONE, maandgrenzen, netto


@dataclass(frozen=True)
class KlaarVoorBatch:
    """An ended month of the user's municipality with approved lines in no batch yet."""

    jaar: int
    maand: int
    aantal_regels: int
    bedrag: Decimal


def maanden_klaar_voor_batch(gebruiker, *, nu: datetime) -> list[KlaarVoorBatch]:
    """The months finance may prepare a batch for (``maak_batch``: only an ended month, BET002;
    not without approved lines, BET003): approved lines of declarations submitted in an ended
    month (Amsterdam time) that are in no batch, per month, oldest first. A rejected batch
    released its declarations, so its month shows here again."""
    if not mag_betaalbatches_behandelen(gebruiker) or gebruiker.gemeente_id is None:
        return []
    lokaal = nu.astimezone(TIJDZONE)
    deze_maand, _ = maandgrenzen(lokaal.year, lokaal.month)
    rijen = (
        Declaratieregel.objects.filter(
            declaratie__gemeente_id=gebruiker.gemeente_id,
            declaratie__ingediend_op__lt=deze_maand,
            declaratie__batchdeclaratie__isnull=True,
            status=RegelStatus.GOEDGEKEURD,
        )
        .annotate(maand=Maand("declaratie__ingediend_op", moment=True))
        .values("maand")
        .annotate(aantal=Count("pk"), bedrag=netto())
        .order_by("maand")
    )
    return [
        KlaarVoorBatch(r["maand"].year, r["maand"].month, r["aantal"], r["bedrag"] or Decimal("0.00")) for r in rijen
    ]


def wachten_op_tweede_beoordelaar(gebruiker):
    """The prepared batches in the user's scope awaiting approval or rejection by a second finance
    user (the preparer may not judge its own batch, BET005), oldest month first. Each carries
    ``mag_beoordelen``: the user is finance of that municipality and not the preparer."""
    batches = list(
        Betaalbatch.objects.voor_gebruiker(gebruiker)
        .filter(status=BatchStatus.VOORBEREID)
        .select_related("gemeente", "voorbereid_door")
        .order_by("jaar", "maand", "gemeente__naam")
    )
    for batch in batches:
        batch.mag_beoordelen = (
            mag_betaalbatches_behandelen(gebruiker)
            and gebruiker.gemeente_id == batch.gemeente_id
            and gebruiker.pk != batch.voorbereid_door_id
        )
    return batches
