"""Event rows of a batch (STYLE.md §Writing 4): ids, amounts and counts only."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from ..constants import Gebeurtenissoort
from ..models import Batchgebeurtenis, Betaalbatch


def registreer(
    batch: Betaalbatch, gebeurtenis: Gebeurtenissoort, *, door, tijdstip: datetime | None = None, **gegevens
) -> Batchgebeurtenis:
    return Batchgebeurtenis.objects.create(
        batch=batch,
        gebeurtenis=gebeurtenis,
        door=door if getattr(door, "is_authenticated", False) else None,
        tijdstip=tijdstip or timezone.now(),
        gegevens={k: str(v) if isinstance(v, Decimal) else v for k, v in gegevens.items()},
    )
