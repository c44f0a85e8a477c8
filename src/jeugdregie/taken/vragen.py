"""What the background tasks answer to earlier stages (``abonnementen.VRAGEN``): the failed runs
the beheerder's home page shows (issue 19 §4). The portal sits below ``taken`` in the layers, so
it asks instead of importing."""

from __future__ import annotations

from django.db.models import Count, Max

from .models import Taakuitvoering, Uitkomst


def beantwoord_mislukte_taken(vraag) -> list[dict]:
    """``portaal.startpagina.MislukteTakenvraag``: per task, its failed runs since ``vraag.sinds``
    (``aantal``) and the last one (``laatst``), the most recent first."""
    return list(
        Taakuitvoering.objects.filter(uitkomst=Uitkomst.MISLUKT, begonnen__gte=vraag.sinds)
        .values("taak")
        .annotate(aantal=Count("pk"), laatst=Max("begonnen"))
        .order_by("-laatst")
    )
