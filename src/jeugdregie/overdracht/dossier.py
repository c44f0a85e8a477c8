"""The child's dossier section of the woonplaatsbeginsel (R-D3): the residence history, the
municipality the rule names today and why, and the handovers the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jeugdregie.jeugdigen.woonplaatsbeginsel import Uitkomst, verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Gemeente

from .models import Overdracht


@dataclass(frozen=True)
class Woonplaatssectie:
    woonplaatsen: list
    verantwoordelijk: Uitkomst
    verantwoordelijke_naam: str
    overdrachten: list


def woonplaatssectie(gebruiker, jeugdige, *, op: date) -> Woonplaatssectie:
    """For a user who may read the dossier (the caller checked): the history that decides it."""
    uitkomst = verantwoordelijke_gemeente(jeugdige, op)
    naam = Gemeente.objects.filter(pk=uitkomst.gemeente_id).values_list("naam", flat=True).first() or ""
    return Woonplaatssectie(
        woonplaatsen=list(jeugdige.woonplaatsen.select_related("gemeente").order_by("begindatum")),
        verantwoordelijk=uitkomst,
        verantwoordelijke_naam=naam,
        overdrachten=list(
            Overdracht.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige).select_related("naar_gemeente")
        ),
    )
