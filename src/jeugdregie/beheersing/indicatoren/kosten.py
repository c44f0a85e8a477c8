"""Pillar kosten (SPEC §11.3): what is paid to providers and how budgets are used. Spend per
provider is KOS01 on the provider dimension (one definition, R-K1)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import ToewijzingSoort
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Indicator
from .velden import (
    Aandeel,
    bekostiging_van_regel,
    categorie_van_toewijzing,
    gesloten,
    gesloten_op,
    getekend_bedrag,
    inkoop_van_toewijzing,
)

ALLE_NIVEAUS = frozenset(Niveau)
STURING = frozenset({Niveau.AANBIEDER, Niveau.BELEID})


def _goedgekeurde_regels():
    return Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD)


def _regelbron(**aggregaten) -> Bron:
    return Bron(
        queryset=_goedgekeurde_regels,
        datum="begindatum",
        gemeente="declaratie__gemeente_id",
        aanbieder="aanbieder_id",
        categorie="product__onderdeel",
        inkoop=inkoop_van_toewijzing("toewijzing__"),
        bekostiging=bekostiging_van_regel(),
        **aggregaten,
    )


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
    bron=_regelbron(teller=Sum(getekend_bedrag()), noemer=Count("id")),
)

KOSTEN_PER_JEUGDIGE = Indicator(
    code="KOS02",
    naam="Kosten per jeugdige",
    definitie=(
        "Goedgekeurd gedeclareerd bedrag (debet min credit) gedeeld door het aantal verschillende jeugdigen met een "
        "goedgekeurde declaratieregel, naar de maand van de geleverde zorg; over een kwartaal of jaar telt elke "
        "jeugdige één keer."
    ),
    eenheid="€ per jeugdige",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.KOSTEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    decimalen=0,
    bron=_regelbron(teller=Sum(getekend_bedrag()), noemer=Count("jeugdige_id", distinct=True)),
)


def gesloten_toewijzingen(op=None):
    """Allocations closed by ``op`` (default today: care stopped or end date passed; never
    withdrawn ones), with the day they closed (``gesloten_op``)."""
    return Toewijzing.objects.filter(gesloten(op or timezone.localdate())).annotate(gesloten_op=gesloten_op())


def gesloten_keuzebudgetten():
    return gesloten_toewijzingen().filter(soort=ToewijzingSoort.KEUZEBUDGET, keuzebudget__isnull=False)


def _gesloten_trajecten():
    return gesloten_toewijzingen().filter(startdatum_zorg__isnull=False)


def budgetbron(queryset=gesloten_keuzebudgetten, **aggregaten) -> Bron:
    """Closed allocations, placed in the period in which they closed."""
    return Bron(
        queryset=queryset,
        datum="gesloten_op",
        gemeente="gemeente_id",
        aanbieder="aanbieder_id",
        categorie=categorie_van_toewijzing(),
        inkoop=inkoop_van_toewijzing(),
        **aggregaten,
    )


CLIENTPRIJS = Indicator(
    code="KOS03",
    naam="Gemiddelde cliëntprijs",
    definitie=(
        "Goedgekeurd gedeclareerd bedrag (debet min credit, volgens het budgetgrootboek) per afgesloten traject: "
        "over de toewijzingen waarvan de zorg is gestart en die in de periode zijn afgesloten (zorg gestopt of "
        "einddatum verstreken), naar de maand van afsluiten."
    ),
    eenheid="€ per traject",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.KOSTEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    decimalen=0,
    bron=budgetbron(_gesloten_trajecten, teller=Sum("budgetstand__goedgekeurd", default=0), noemer=Count("id")),
)

VRIJGEVALLEN = Indicator(
    code="KOS04",
    naam="Vrijgevallen budget",
    definitie=(
        "Vastgelegd, besteed en vrijgevallen: het vrijgevallen bedrag als percentage van het vastgelegde "
        "bedrag in het budgetgrootboek, over de keuzebudgetten die in de periode zijn afgesloten. Bij een "
        "benutting van 70–80% valt 20–30% vrij."
    ),
    eenheid="%",
    richting=Richting.BAND,
    pijler=Pijler.KOSTEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    standaardnorm=(Decimal("20"), Decimal("30")),
    bron=budgetbron(
        lambda: gesloten_keuzebudgetten().filter(budgetstand__vastgelegd__isnull=False),
        teller=Sum("budgetstand__vrijgevallen"),
        noemer=Sum("budgetstand__vastgelegd"),
    ),
)


def _benutting(offerte: bool) -> Bron:
    """Closed keuzebudgetten, standard or offerte: per budget its approved spend as a share of
    the budget (``Aandeel``), averaged over the budgets (each budget counts once, whatever its size)."""
    return budgetbron(
        lambda: gesloten_keuzebudgetten().filter(keuzebudget__is_offerte=offerte),
        teller=Sum(Aandeel(Coalesce("budgetstand__goedgekeurd", Value(Decimal(0))), "keuzebudget__bedrag")),
        noemer=Count("id"),
    )


BUDGETBENUTTING = Indicator(
    code="KOS05",
    naam="Budgetbenutting gesloten keuzebudgetten",
    definitie=(
        "Gemiddelde benutting per standaard keuzebudget: per budget het goedgekeurd gedeclareerde bedrag als "
        "percentage van het keuzebudget, gemiddeld over de standaard keuzebudgetten (geen offertes) die in de "
        "periode zijn afgesloten (zorg gestopt of einddatum verstreken); elk budget telt één keer, ongeacht zijn "
        "grootte. Norm: gemiddeld 70–80%."
    ),
    eenheid="%",
    richting=Richting.BAND,
    pijler=Pijler.KOSTEN,
    niveaus=ALLE_NIVEAUS,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    standaardnorm=(Decimal("70"), Decimal("80")),
    bron=_benutting(offerte=False),
)

BENUTTING_OFFERTES = Indicator(
    code="KOS05O",
    naam="Benutting offertebudgetten",
    definitie=(
        "Gemiddelde benutting per offerte-keuzebudget, berekend als de budgetbenutting maar over de "
        "offertebudgetten die in de periode zijn afgesloten. Informatief: de norm van 70–80% geldt voor de "
        "standaardbudgetten, een offertebudget is op de verwachte hulp afgestemd."
    ),
    eenheid="%",
    richting=Richting.BAND,
    pijler=Pijler.KOSTEN,
    niveaus=ALLE_NIVEAUS,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=_benutting(offerte=True),
)

INDICATOREN = [UITGAVEN, KOSTEN_PER_JEUGDIGE, CLIENTPRIJS, VRIJGEVALLEN, BUDGETBENUTTING, BENUTTING_OFFERTES]
