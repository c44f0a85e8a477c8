"""Pillar continuïteit (SPEC §11.3): timely available care — inflow, waiting, throughflow."""

from __future__ import annotations

from django.db.models import Count, Sum

from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Dagen, Indicator
from .velden import categorie_van_toewijzing


def _gestarte_toewijzingen():
    return Toewijzing.objects.filter(startdatum_zorg__isnull=False)


WACHTTIJD = Indicator(
    code="CON02",
    naam="Wachttijd verwijzing tot start",
    definitie=(
        "Gemiddeld aantal kalenderdagen van de verwijsdatum tot de start van de zorg, naar de maand van de start."
    ),
    eenheid="dagen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    bron=Bron(
        queryset=_gestarte_toewijzingen,
        datum="startdatum_zorg",
        gemeente="gemeente_id",
        aanbieder="aanbieder_id",
        categorie=categorie_van_toewijzing(),
        teller=Sum(Dagen("startdatum_zorg", "verwijzing__datum")),
        noemer=Count("id"),
    ),
)

INDICATOREN = [WACHTTIJD]
