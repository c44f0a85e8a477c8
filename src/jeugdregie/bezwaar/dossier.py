"""The bezwaar section of a child's dossier (issue 19 §2, issue 20 §3): the child's objections and
the sent letters an objection can be registered against, for the toegang of the municipality
only (``voor_gebruiker``); anyone else sees no section."""

from __future__ import annotations

from dataclasses import dataclass, field

from jeugdregie.beschikkingen.models import Beschikking

from .models import Bezwaar
from .policies import mag_bezwaren_inzien
from .querysets import beschikkingen_voor


@dataclass(frozen=True)
class Bezwaardeel:
    bezwaren: list = field(default_factory=list)
    beschikkingen: list = field(default_factory=list)


def deel(gebruiker, jeugdige) -> Bezwaardeel | None:
    if not mag_bezwaren_inzien(gebruiker):
        return None
    return Bezwaardeel(
        bezwaren=list(
            Bezwaar.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige).select_related("beschikking")
        ),
        beschikkingen=list(beschikkingen_voor(gebruiker, Beschikking).filter(jeugdige=jeugdige).order_by("-datum")),
    )
