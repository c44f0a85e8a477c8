"""What finance finds on its home page about declarations (issue 19 §4): the refused lines of its
municipality by cause, so a recurring cause is seen and taken up with the providers. Counts and
amounts only (no young person named); scoped by ``Declaratieregel.objects.voor_gebruiker``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Max, Sum

from jeugdregie.common.tijd import datum_van

from .constants import Afkeur, RegelStatus
from .models import Declaratie, Declaratieregel
from .policies import controleert_declaraties


@dataclass(frozen=True)
class Afkeuroorzaak:
    code: str
    omschrijving: str
    aantal: int
    bedrag: Decimal


def afkeurvenster(gebruiker, *, op: date, dagen: int) -> date:
    """The first day of the window of refused lines: ``dagen`` before the last submission in the
    user's scope (or before ``op`` when there is none, or it lies after ``op``), so a municipality
    whose providers stopped submitting still sees its last refusals."""
    laatste = Declaratie.objects.voor_gebruiker(gebruiker).aggregate(laatste=Max("ingediend_op"))["laatste"]
    einde = min(op, datum_van(laatste)) if laatste else op
    return einde - timedelta(days=dagen)


def afgekeurd_naar_oorzaak(gebruiker, *, sinds: date) -> list[Afkeuroorzaak]:
    """R-B2: the lines refused in declarations submitted on or after ``sinds``, per cause (the
    stable rejection code), most frequent first."""
    if not controleert_declaraties(gebruiker):
        return []
    rijen = (
        Declaratieregel.objects.voor_gebruiker(gebruiker)
        .filter(status=RegelStatus.AFGEKEURD, declaratie__ingediend_op__date__gte=sinds)
        .values("afkeur")
        .annotate(aantal=Count("pk"), bedrag=Sum("bedrag"))
        .order_by("-aantal", "afkeur")
    )
    return [
        Afkeuroorzaak(
            code=r["afkeur"],
            omschrijving=str(Afkeur(r["afkeur"]).label) if r["afkeur"] in Afkeur.values else r["afkeur"] or "—",
            aantal=r["aantal"],
            bedrag=r["bedrag"] or Decimal("0.00"),
        )
        for r in rijen
    ]
