"""Pillar kosten (SPEC §11.3): what is paid to providers and how budgets are used."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import ToewijzingSoort
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Indicator
from .velden import categorie_van_toewijzing, gesloten, gesloten_op, getekend_bedrag

ALLE_NIVEAUS = frozenset(Niveau)


def _goedgekeurde_regels():
    return Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD)


UITGAVEN = Indicator(
    code="KOS01",
    naam="Uitgaven",
    definitie="Som van de goedgekeurde declaratieregels (debet min credit), naar de maand van de geleverde zorg.",
    eenheid="€",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.KOSTEN,
    niveaus=ALLE_NIVEAUS,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=Bron(
        queryset=_goedgekeurde_regels,
        datum="begindatum",
        gemeente="declaratie__gemeente_id",
        aanbieder="aanbieder_id",
        categorie="product__onderdeel",
        teller=Sum(getekend_bedrag()),
        noemer=Count("id"),
    ),
)


def _gesloten_keuzebudgetten():
    return (
        Toewijzing.objects.filter(soort=ToewijzingSoort.KEUZEBUDGET, keuzebudget__isnull=False)
        .filter(gesloten(timezone.localdate()))
        .annotate(gesloten_op=gesloten_op())
    )


BUDGETBENUTTING = Indicator(
    code="KOS05",
    naam="Budgetbenutting gesloten keuzebudgetten",
    definitie=(
        "Goedgekeurd gedeclareerd bedrag als percentage van het keuzebudget, over de keuzebudgetten die in de "
        "periode zijn afgesloten (zorg gestopt of einddatum verstreken). Norm 70–80% (R-A1)."
    ),
    eenheid="%",
    richting=Richting.BAND,
    pijler=Pijler.KOSTEN,
    niveaus=ALLE_NIVEAUS,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    standaardnorm=(Decimal("70"), Decimal("80")),
    bron=Bron(
        queryset=_gesloten_keuzebudgetten,
        datum="gesloten_op",
        gemeente="gemeente_id",
        aanbieder="aanbieder_id",
        categorie=categorie_van_toewijzing(),
        teller=Sum("budgetstand__goedgekeurd", default=0),
        noemer=Sum("keuzebudget__bedrag"),
    ),
)

INDICATOREN = [UITGAVEN, BUDGETBENUTTING]
