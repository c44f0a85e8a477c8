"""What the regional roles find on their home page (issue 19 §4): for the contract manager the red
lights of the providers' scorecards (R-K3), the signals of the last ended quarter (R-K5) and the
measures whose follow-up date is near or passed (R-K6); for policy and board the region's key
figures with their trend (R-K4). Aggregates and provider names only, never a young person; each
list is scoped by the policy of the page it links to (R-P1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import caches
from django.db.models import Max, QuerySet

from jeugdregie.organisaties.models import Aanbieder

from .constants import Periodesoort
from .indicatoren.register import REGISTER
from .models import Norm
from .models_maatregel import Maatregel, MaatregelStatus
from .policies import mag_maatregelen_inzien, mag_signalen_inzien, mag_vergelijking_inzien, ziet_scorekaarten_van_regio
from .services import rollup
from .services.normen import Licht
from .services.rollup import kwartaallabel
from .services.scorekaart import scorekaart, zichtbare_aanbieders
from .services.signalen import Signaal, signalen
from .services.vergelijking import TRENDS, Meting, Tijdvak, trend

#: A measure shows on the home page from this many days before its follow-up date.
OPVOLGING_VOORUIT = timedelta(days=14)
#: How long computed red lights are kept (a new run of the figures or a new norm gives a new key).
BEWAARTIJD = 60 * 60 * 24 * 7
#: The key figures show the region's last quarters.
KERNCIJFER_KWARTALEN = 4


@dataclass(frozen=True)
class RodeLichten:
    aanbieder: Aanbieder
    indicatoren: list[str]


def _lichtsleutel(regio_id: int, periode: date) -> str:
    """The figures' run and the newest norm version are in the key: new figures or a new norm
    make new red lights."""
    stand = rollup.stand()
    run = f"{stand.lezing}-{stand.bijgewerkt and stand.bijgewerkt.timestamp()}" if stand else "-"
    norm = Norm.objects.aggregate(laatste=Max("pk"))["laatste"]
    return f"startpagina-rode-lichten:{regio_id}:{periode.isoformat()}:{run}:{norm}"


def _rood_per_aanbieder(regio_id: int, periode: date) -> list[tuple[int, list[str]]]:
    """(provider id, codes of its red indicators) for every provider of the region with one: a
    scorecard per provider (R-K3), so computed once per run of the figures and kept in the shared
    cache (the worker fills it after the nightly rebuild: ``ververs_rode_lichten``)."""
    sleutel = _lichtsleutel(regio_id, periode)
    bewaard = caches["gedeeld"].get(sleutel)
    if bewaard is not None:
        return bewaard
    uitkomst = []
    for aanbieder in Aanbieder.objects.filter(regio_id=regio_id).order_by("naam"):
        rood = [r.indicator.code for r in scorekaart(aanbieder, periode).regels if r.beoordeling.licht == Licht.ROOD]
        if rood:
            uitkomst.append((aanbieder.pk, rood))
    caches["gedeeld"].set(sleutel, uitkomst, BEWAARTIJD)
    return uitkomst


def lichtkwartaal(op: date) -> date:
    """The quarter of the home page's red lights: the last ended one with data, as the signals'
    (``laatste_afgesloten_kwartaal``). A running quarter has too little data to judge: early in it
    nearly every provider would show red."""
    stand = rollup.stand()
    return laatste_afgesloten_kwartaal(op, stand.data_tot if stand else None)


def ververs_rode_lichten(*, op: date) -> int:
    """For the worker, after the figures changed: every region's red lights into the cache."""
    periode = lichtkwartaal(op)
    regio_ids = Aanbieder.objects.values_list("regio_id", flat=True).distinct()
    return sum(len(_rood_per_aanbieder(regio_id, periode)) for regio_id in regio_ids)


def rode_lichten(gebruiker, *, op: date) -> tuple[str, list[RodeLichten]]:
    """R-K3: per provider of the region, the indicators whose light is red in the last ended
    quarter with data (``lichtkwartaal``); providers without a red light are left out."""
    if not ziet_scorekaarten_van_regio(gebruiker):
        return "", []
    periode = lichtkwartaal(op)
    rood = _rood_per_aanbieder(gebruiker.regio_id, periode)
    aanbieders = zichtbare_aanbieders(gebruiker).in_bulk([pk for pk, _codes in rood])
    lijst = [
        RodeLichten(aanbieders[pk], [REGISTER[c].naam for c in codes if c in REGISTER])
        for pk, codes in rood
        if pk in aanbieders
    ]
    return kwartaallabel(periode), lijst


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
