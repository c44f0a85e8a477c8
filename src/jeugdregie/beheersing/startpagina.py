"""What the regional roles find on their home page (issue 19 §4): for the contract manager the red
lights of the providers' scorecards (R-K3), the signals of the last ended quarter (R-K5) and the
measures whose follow-up date is near or passed (R-K6); for policy and board the region's key
figures with their trend (R-K4). Aggregates and provider names only, never a young person; each
list is scoped by the policy of the page it links to (R-P1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from .constants import Periodesoort
from .models_maatregel import Maatregel, MaatregelStatus
from .policies import mag_maatregelen_inzien, mag_signalen_inzien, mag_vergelijking_inzien, ziet_scorekaarten_van_regio
from .services import rollup
from .services.normen import Licht
from .services.rollup import kwartaallabel
from .services.scorekaart import scorekaart, standaardkwartaal, zichtbare_aanbieders
from .services.signalen import Signaal, signalen
from .services.vergelijking import TRENDS, Meting, Tijdvak, trend

#: A measure shows on the home page from this many days before its follow-up date.
OPVOLGING_VOORUIT = timedelta(days=14)
#: The key figures show the region's last quarters.
KERNCIJFER_KWARTALEN = 4


@dataclass(frozen=True)
class RodeLichten:
    aanbieder: object
    indicatoren: list[str]


def rode_lichten(gebruiker, *, op: date) -> tuple[str, list[RodeLichten]]:
    """R-K3: per provider of the region, the indicators whose light is red in the quarter the data
    runs into (the scorecards' default period); providers without a red light are left out."""
    if not ziet_scorekaarten_van_regio(gebruiker):
        return "", []
    periode = standaardkwartaal(rollup.stand(), op)
    uitkomst = []
    for aanbieder in zichtbare_aanbieders(gebruiker).order_by("naam"):
        kaart = scorekaart(aanbieder, periode)
        rood = [r.indicator.naam for r in kaart.regels if r.beoordeling.licht == Licht.ROOD]
        if rood:
            uitkomst.append(RodeLichten(aanbieder, rood))
    return kwartaallabel(periode), uitkomst


def laatste_afgesloten_kwartaal(op: date, data_tot: date | None) -> date:
    """The last quarter that has ended by ``op`` and that the data reaches into: the quarter of
    the last data (or of ``op``), or the one before it while that quarter still runs."""
    begin = rollup.periodebegin(min(op, data_tot or op), Periodesoort.KWARTAAL)
    if rollup.periode_einde(begin, Periodesoort.KWARTAAL) < op:
        return begin
    return date(begin.year - 1, 10, 1) if begin.month == 1 else date(begin.year, begin.month - 3, 1)


def signalen_van_regio(gebruiker, *, op: date) -> tuple[date | None, list[Signaal]]:
    """R-K5: the signals of the region's providers in the last ended quarter with data."""
    if not mag_signalen_inzien(gebruiker):
        return None, []
    stand = rollup.stand()
    periode = laatste_afgesloten_kwartaal(op, stand.data_tot if stand else None)
    return periode, signalen(periodesoort=Periodesoort.KWARTAAL, periode=periode, regio=gebruiker.regio)


def maatregelen_op_te_volgen(gebruiker, *, op: date) -> QuerySet[Maatregel]:
    """R-K6: open measures on the region's providers whose follow-up date is within
    ``OPVOLGING_VOORUIT`` or passed, the earliest first."""
    if not mag_maatregelen_inzien(gebruiker):
        return Maatregel.objects.none()
    return (
        Maatregel.objects.voor_gebruiker(gebruiker)
        .filter(status=MaatregelStatus.OPEN, opvolgdatum__lte=op + OPVOLGING_VOORUIT)
        .select_related("aanbieder")
        .order_by("opvolgdatum", "pk")
    )


@dataclass(frozen=True)
class Kerncijfer:
    code: str
    titel: str
    eenheid: str
    perioden: list[str]
    metingen: list[Meting]  # the region's, oldest first

    @property
    def laatste(self) -> Meting:
        return self.metingen[-1]

    @property
    def richting(self) -> str:
        """ "↑", "↓" or "→": the last quarter against the one before (when both have a value)."""
        if len(self.metingen) < 2:
            return ""
        vorige, laatste = self.metingen[-2].afgerond, self.metingen[-1].afgerond
        if vorige is None or laatste is None:
            return ""
        return "↑" if laatste > vorige else "↓" if laatste < vorige else "→"


def kerncijfers(gebruiker, *, op: date) -> list[Kerncijfer]:
    """R-K4: the policy trends (``vergelijking.TRENDS``) for the region as a whole over its last
    quarters, up to the quarter the data runs into; small numbers suppressed as on the trend pages."""
    if not mag_vergelijking_inzien(gebruiker) or gebruiker.regio is None:
        return []
    stand = rollup.stand()
    tijdvak = Tijdvak.rond((stand and stand.data_tot) or op, Periodesoort.KWARTAAL)
    uitkomst = []
    for definitie in TRENDS:
        reeks = trend(definitie, regio=gebruiker.regio, tijdvak=tijdvak)
        if not reeks.beschikbaar or reeks.regio is None:
            continue
        uitkomst.append(
            Kerncijfer(
                code=definitie.code,
                titel=reeks.titel,
                eenheid=reeks.eenheid,
                perioden=[t.label for t in reeks.tijdvakken[-KERNCIJFER_KWARTALEN:]],
                metingen=reeks.regio.metingen[-KERNCIJFER_KWARTALEN:],
            )
        )
    return uitkomst
