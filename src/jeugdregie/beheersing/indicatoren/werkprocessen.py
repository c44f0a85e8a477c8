"""Pillar werkprocessen (SPEC §11.3): adjustment requests and their timeliness (R-A3), late
crisisopvolging requests (R-C2), timeliness and rejections of declarations (R-V2, R-B2),
trajectory duration and how often budgets are extended."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Dagen, Indicator
from .continuiteit import toewijzingbron
from .kosten import budgetbron, gesloten_keuzebudgetten
from .velden import categorie_van_regel

STURING = frozenset({Niveau.AANBIEDER, Niveau.BELEID})
TOEGEKEND = (AanpassingStatus.TOEGEKEND, AanpassingStatus.DEELS_TOEGEKEND)


def _aantal_aanvragen(**filters) -> Coalesce:
    """Per allocation: the adjustment requests on its keuzebudget (its referral), as a number."""
    aanvragen = (
        Aanpassingsaanvraag.objects.filter(verwijzing_id=OuterRef("verwijzing_id"), **filters)
        .order_by()
        .values("verwijzing_id")
        .annotate(aantal=Count("id"))
        .values("aantal")
    )
    return Coalesce(Subquery(aanvragen, output_field=IntegerField()), Value(0))


AANPASSINGEN_PER_100 = Indicator(
    code="WER01",
    naam="Aanpassingsaanvragen per 100 budgetten",
    definitie=(
        "Aantal aanpassingsaanvragen (alle redenen en besluiten) per 100 keuzebudgetten, over de keuzebudgetten "
        "die in de periode zijn afgesloten, zodat elk budget met zijn hele looptijd meetelt."
    ),
    eenheid="per 100 budgetten",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=budgetbron(
        lambda: gesloten_keuzebudgetten().annotate(aanvragen=_aantal_aanvragen()),
        teller=Sum("aanvragen"),
        noemer=Count("id"),
    ),
)


def _aanvragen():
    return Aanpassingsaanvraag.objects.all()


AANPASSINGEN_TE_LAAT = Indicator(
    code="WER02",
    naam="Te late aanpassingsaanvragen",
    definitie=(
        "Aanpassingsaanvragen ingediend minder dan 8 weken voordat het budget in tijd of geld bereikt is, "
        "als percentage van alle aanpassingsaanvragen, naar de datum van indienen."
    ),
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=Bron(
        queryset=_aanvragen,
        datum="ingediend_op",
        gemeente="verwijzing__gemeente_id",
        aanbieder="verwijzing__aanbieder_id",
        categorie=Value(Onderdeel.AMBULANT),
        teller=Count("id", filter=Q(te_laat=True)),
        noemer=Count("id"),
    ),
)


def _crisisverzoeken():
    return Crisisopvolgingsverzoek.objects.all()


CRISISVERZOEKEN_TE_LAAT = Indicator(
    code="WER03",
    naam="Te late crisisopvolgingsverzoeken",
    definitie=(
        "Verzoeken om een toewijzing voor crisisopvolging die later dan 3 werkdagen na de start zijn ingediend"
        ", als percentage van alle verzoeken, naar de datum van indienen."
    ),
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=Bron(
        queryset=_crisisverzoeken,
        datum="ingediend_op",
        gemeente="gemeente_id",
        aanbieder="aanbieder_id",
        categorie="product__onderdeel",
        teller=Count("id", filter=Q(te_laat=True)),
        noemer=Count("id"),
    ),
)


def _alle_regels():
    return Declaratieregel.objects.all()


def _regelbron(**aggregaten) -> Bron:
    return Bron(
        queryset=_alle_regels,
        datum="begindatum",
        gemeente="declaratie__gemeente_id",
        aanbieder="aanbieder_id",
        categorie=categorie_van_regel(),
        **aggregaten,
    )


TIJDIGHEID = Indicator(
    code="WER04",
    naam="Tijdigheid declareren",
    definitie=(
        "Gemiddeld aantal dagen tussen het einde van de gedeclareerde periode van een regel en de indiening van de "
        "declaratie, over alle ingediende regels (goedgekeurd en afgekeurd), naar de maand van de zorg."
    ),
    eenheid="dagen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    bron=_regelbron(
        # dagen_na_periode counts from the declaration's last end date; add the line's own distance to it.
        teller=Sum(F("declaratie__dagen_na_periode") + Dagen("declaratie__periode_einde", "einddatum")),
        noemer=Count("id"),
    ),
)

AFGEKEURDE_REGELS = Indicator(
    code="WER05",
    naam="Afgekeurde declaratieregels",
    definitie="Afgekeurde declaratieregels als percentage van alle ingediende regels, naar de maand van de zorg.",
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=_regelbron(teller=Count("id", filter=Q(status=RegelStatus.AFGEKEURD)), noemer=Count("id")),
)

TRAJECTDUUR = Indicator(
    code="WER06",
    naam="Gemiddelde trajectduur",
    definitie=(
        "Gemiddeld aantal kalenderdagen van de start tot de stop van de zorg, over de toewijzingen waarvan de zorg "
        "in de periode is gestopt."
    ),
    eenheid="dagen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    decimalen=0,
    bron=toewijzingbron(
        lambda: Toewijzing.objects.filter(
            status=ToewijzingStatus.GESTOPT, startdatum_zorg__isnull=False, stopdatum_zorg__isnull=False
        ),
        "stopdatum_zorg",
        teller=Sum(Dagen("stopdatum_zorg", "startdatum_zorg")),
        noemer=Count("id"),
    ),
)

VERLENGINGEN = Indicator(
    code="WER07",
    naam="Verlengingsfrequentie",
    definitie=(
        "Aantal (deels) toegekende aanpassingsaanvragen per keuzebudget, over de keuzebudgetten die in de periode "
        "zijn afgesloten."
    ),
    eenheid="per budget",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.WERKPROCESSEN,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    decimalen=2,
    bron=budgetbron(
        lambda: gesloten_keuzebudgetten().annotate(verlengingen=_aantal_aanvragen(status__in=TOEGEKEND)),
        teller=Sum("verlengingen"),
        noemer=Count("id"),
    ),
)

INDICATOREN = [
    AANPASSINGEN_PER_100,
    AANPASSINGEN_TE_LAAT,
    CRISISVERZOEKEN_TE_LAAT,
    TIJDIGHEID,
    AFGEKEURDE_REGELS,
    TRAJECTDUUR,
    VERLENGINGEN,
]
