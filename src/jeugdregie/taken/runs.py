"""The run log of the tasks (``Taakuitvoering``) kept for a limited time: under load every
intake queues a rollup run, so the log grows by a few rows a second (831 in 217 s in the
multi-process proof, docs/ops/belasting.md). The last success per task stays on ``Taakslot``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import Taakuitvoering


def ruim_runs_op(*, bewaar: timedelta) -> int:
    """Delete the runs that began longer than ``bewaar`` ago; the number deleted."""
    verwijderd, _per_model = Taakuitvoering.objects.filter(begonnen__lt=timezone.now() - bewaar).delete()
    return verwijderd
