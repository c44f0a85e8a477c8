"""The provider scorecard (R-K3): the four pillars at one glance, each indicator with its value,
norm and judgement (traffic light and score, R-K2), the trend over the last 8 quarters, and the
drill-down to the lines behind a figure, pseudonymised (R-P1, R-P3). The page, the CSV/XLSX
table and the PDF all render this one structure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from jeugdregie.common import opmaak
from jeugdregie.organisaties.models import Aanbieder

from ..constants import ALLE, Niveau, Periodesoort, Pijler
from ..indicatoren.basis import Indicator
from ..indicatoren.register import INDICATOREN
from ..models import Cijfer, Norm, Normsoort, Verversing
from ..policies import (  # noqa: F401  (the role sets are re-exported: portaal.navigatie imports them here)
    REGIO_ROLLEN,
    SCOREKAART_ROLLEN,
    ziet_alleen_eigen_scorekaart,
    ziet_scorekaarten_van_regio,
)
from . import cijfers, kleine_aantallen, rollup
from .normen import Beoordeling, absolute_grenzen, beoordeel, geldende_normen, omschrijving, samenvatting
from .rollup import kwartaallabel

TRENDKWARTALEN = 8
_KWARTAAL = re.compile(r"^(\d{4})-[QK]([1-4])$", re.IGNORECASE)


def zichtbare_aanbieders(user) -> QuerySet[Aanbieder]:
    """R-P1: the providers whose scorecard ``user`` may open (``policies`` decides which scope)."""
    if ziet_scorekaarten_van_regio(user):
        return Aanbieder.objects.filter(regio_id=user.regio_id)
    if ziet_alleen_eigen_scorekaart(user):
        return Aanbieder.objects.filter(pk=user.aanbieder_id)
    return Aanbieder.objects.none()


def kwartaal(tekst: str) -> date:
    """``"2025-K4"`` (or ``2025-Q4``) -> 2025-10-01; a ``ValueError`` with a message that tells
    what to enter."""
    gevonden = _KWARTAAL.match(tekst.strip())
    if not gevonden:
        raise ValueError(_("Onbekende periode ‘%(tekst)s’: gebruik de vorm 2025-K4.") % {"tekst": tekst})
    return date(int(gevonden.group(1)), 3 * int(gevonden.group(2)) - 2, 1)


def standaardkwartaal(stand: Verversing | None, vandaag: date) -> date:
    """The quarter the data runs into, or the current one when there is none."""
    dag = stand.data_tot if stand and stand.data_tot else vandaag
    return rollup.periodebegin(dag, Periodesoort.KWARTAAL)


def laatste_kwartalen(periode: date, aantal: int = TRENDKWARTALEN) -> list[date]:
    index = periode.year * 4 + (periode.month - 1) // 3
    return [date(i // 4, 3 * (i % 4) + 1, 1) for i in range(index - aantal + 1, index + 1)]


@dataclass
class Indicatorregel:
    indicator: Indicator
    aanbieder: Aanbieder
    waarde: Decimal | None
    norm: Norm | None
    normtekst: str
    beoordeling: Beoordeling
    trend: list[tuple[str, Decimal | None]]
    grenzen: tuple[Decimal | None, Decimal | None] | None
    verborgen: str = ""  # "<5"/"—": the current value is suppressed (issue 14 §7)
    trend_tekens: tuple[str, ...] = ()  # per trend period: "" or the suppression mark

    @property
    def waarde_tekst(self) -> str:
        from ..grafieken import met_eenheid

        if self.verborgen:
            return self.verborgen
        return met_eenheid(self.waarde, self.indicator.eenheid, self.indicator.decimalen)

    @property
    def afgerond(self) -> Decimal | None:
        if self.waarde is None:
            return None
        return self.waarde.quantize(Decimal(1).scaleb(-self.indicator.decimalen))

    @property
    def trend_heeft_gegevens(self) -> bool:
        return any(w is not None for _label, w in self.trend)

    def _grafiekinvoer(self) -> dict[str, object]:
        titel = _("%(indicator)s, %(aanbieder)s, laatste %(n)s kwartalen") % {
            "indicator": self.indicator.naam,
            "aanbieder": self.aanbieder.naam,
            "n": len(self.trend),
        }
        return {
            "titel": titel,
            "reeksen": {self.aanbieder.naam: self.trend},
            "eenheid": self.indicator.eenheid,
            "norm": self.grenzen,
        }

    @property
    def _plaats(self) -> str:
        """Where this chart is shown: indicator, provider, last quarter of the trend, language."""
        laatste = self.trend[-1][0] if self.trend else ""
        return f"scorekaart:{self.indicator.code}:{self.aanbieder.pk}:{laatste}:{translation.get_language()}"

    @cached_property
    def _voorlopig(self) -> tuple[str, bool]:
        from ..grafieken import lijngrafiek

        return lijngrafiek.voorlopig(plaats=self._plaats, **self._grafiekinvoer())

    @property
    def grafiek(self) -> str:
        """The trend chart for a page: never drawn in the request once this place had one
        (``grafieken._Onthouden.voorlopig``); ``grafiek_verouderd`` says it shows earlier figures."""
        return self._voorlopig[0]

    @property
    def grafiek_verouderd(self) -> bool:
        return self._voorlopig[1]

    def teken_grafiek(self) -> str:
        """The chart of the current figures, drawn when not in the cache (the worker)."""
        from ..grafieken import lijngrafiek

        return lijngrafiek(plaats=self._plaats, **self._grafiekinvoer())


@dataclass
class Pijlerblok:
    pijler: Pijler
    regels: list[Indicatorregel]
    samenvatting: Beoordeling

    @property
    def naam(self) -> str:
        return str(self.pijler.label)

    @property
    def met_trend(self) -> list[Indicatorregel]:
        return [r for r in self.regels if r.trend_heeft_gegevens]

    @property
    def zonder_trend(self) -> str:
        return ", ".join(r.indicator.naam for r in self.regels if not r.trend_heeft_gegevens)


@dataclass
class Scorekaart:
    aanbieder: Aanbieder
    periode: date
    perioden: list[date]
    pijlers: list[Pijlerblok]
    stand: Verversing | None = field(default=None)
    toelichting: str = ""  # why values show "<5" or "—" (issue 14 §7)

    @property
    def periodelabel(self) -> str:
        return kwartaallabel(self.periode)

    @property
    def regels(self) -> list[Indicatorregel]:
        return [regel for blok in self.pijlers for regel in blok.regels]

    def kolommen(self) -> list[str]:
        vast = [_("Pijler"), _("Code"), _("Indicator"), _("Eenheid"), _("Periode"), _("Waarde"), _("Norm")]
        return [*vast, _("Licht"), _("Score"), _("Toelichting"), *(kwartaallabel(p) for p in self.perioden)]

    def rijen(self):
        """The table for CSV/XLSX: "geen gegevens" where a cell is empty, never 0."""
        leeg = _("geen gegevens")
        for blok in self.pijlers:
            for r in blok.regels:
                b = r.beoordeling
                tekens = r.trend_tekens or ("",) * len(r.trend)
                trend = [
                    teken or (leeg if w is None else w.quantize(Decimal("0.01")))
                    for (_label, w), teken in zip(r.trend, tekens, strict=True)
                ]
                yield [
                    blok.naam,
                    r.indicator.code,
                    r.indicator.naam,
                    r.indicator.eenheid,
                    self.periodelabel,
                    r.verborgen or (leeg if r.afgerond is None else r.afgerond),
                    r.normtekst,
                    b.label,
                    "" if b.score is None else b.score,
                    b.tekst,
                    *trend,
                ]
        if self.toelichting:
            yield [self.toelichting]


def _cel(indicator: Indicator, periode: date, rij: Cijfer | None) -> cijfers.Cel:
    return cijfers.Cel(indicator, periode, rij.teller if rij else None, rij.noemer if rij else None)


def scorekaart(aanbieder: Aanbieder, periode: date) -> Scorekaart:
    """R-K3 for one provider and quarter: one query for the 8-quarter trend of every indicator at
    the provider level, one for the norms, and for relative norms the category's values."""
    perioden = laatste_kwartalen(periode)
    indicatoren = [i for i in INDICATOREN if Niveau.AANBIEDER in i.niveaus]
    normen = geldende_normen(regio_id=aanbieder.regio_id, categorie=aanbieder.categorie, periode=periode)
    rijen = Cijfer.objects.filter(
        indicator__in=[i.code for i in indicatoren],
        periodesoort=Periodesoort.KWARTAAL,
        periode__in=perioden,
        aanbieder_id=aanbieder.pk,
        gemeente__isnull=True,
        categorie=ALLE,
    )
    gevonden = {(r.indicator, r.periode): r for r in rijen}
    # Issue 14 §7: cells of fewer than 5 children (and their complements) read "<5"/"—".
    o = kleine_aantallen.onderdrukking_aanbieders(indicatoren, Periodesoort.KWARTAAL, perioden)
    groep: set[int] | None = None
    regels: dict[Pijler, list[Indicatorregel]] = {p: [] for p in Pijler}
    for indicator in indicatoren:
        tekens = tuple(o.teken((indicator.code, p, aanbieder.pk)) or "" for p in perioden)
        cellen = [
            _cel(indicator, p, None if teken else gevonden.get((indicator.code, p)))
            for p, teken in zip(perioden, tekens, strict=True)
        ]
        waarde = cellen[-1].waarde
        norm = normen.get(indicator.code)
        vergelijking = None
        if norm is not None and norm.soort == Normsoort.RELATIEF:
            if groep is None:
                groep = set(
                    Aanbieder.objects.filter(regio_id=aanbieder.regio_id, categorie=aanbieder.categorie).values_list(
                        "pk", flat=True
                    )
                )
            per_aanbieder = cijfers.per_dimensie(indicator, Periodesoort.KWARTAAL, periode, dimensie="aanbieder")
            vergelijking = [c.waarde for pk, c in per_aanbieder.items() if pk in groep]
        regels[indicator.pijler].append(
            Indicatorregel(
                indicator=indicator,
                aanbieder=aanbieder,
                waarde=waarde,
                norm=norm,
                normtekst=omschrijving(indicator, norm),
                beoordeling=beoordeel(indicator, waarde, norm=norm, categorie_waarden=vergelijking),
                trend=[(kwartaallabel(c.periode), c.waarde) for c in cellen],
                grenzen=absolute_grenzen(indicator, norm),
                verborgen=tekens[-1],
                trend_tekens=tekens,
            )
        )
    pijlers = [Pijlerblok(p, regels[p], samenvatting([r.beoordeling for r in regels[p]])) for p in Pijler]
    return Scorekaart(
        aanbieder=aanbieder,
        periode=periode,
        perioden=perioden,
        pijlers=pijlers,
        stand=rollup.stand(),
        toelichting=o.toelichting() if o else "",
    )


@dataclass(frozen=True)
class Onderliggend:
    """One line behind a figure, as the contract manager may see it: a pseudonym (R-P3), never a
    BSN or a name."""

    soort: str
    kenmerk: str
    datum: date | None
    pseudoniem: str
    product: str
    omschrijving: str


def _pad_naar_jeugdige(model) -> str | None:
    velden = {f.name for f in model._meta.get_fields()}
    return next((pad for veld, pad in _JEUGDIGE_PADEN if veld in velden), None)


_JEUGDIGE_PADEN = (
    ("jeugdige", "jeugdige"),
    ("toewijzing", "toewijzing__jeugdige"),
    ("verwijzing", "verwijzing__jeugdige"),
)


def onderliggende_regels(
    indicator: Indicator, *, aanbieder: Aanbieder, periode: date, periodesoort: str = Periodesoort.KWARTAAL
) -> QuerySet:
    """R-K3 drill-down: the source rows of one provider's cell, selected by the indicator's own
    source definition (the same rows the rollup aggregated)."""
    bron = indicator.bron
    qs = bron.queryset().filter(**{f"{bron.datum}__range": (periode, rollup.periode_einde(periode, periodesoort))})
    if isinstance(bron.aanbieder, str):
        qs = qs.filter(**{bron.aanbieder: aanbieder.pk})
    else:
        qs = qs.annotate(d_aanbieder=bron.aanbieder).filter(d_aanbieder=aanbieder.pk)
    velden = {f.name for f in qs.model._meta.get_fields()}
    gerelateerd = [p for p in (_pad_naar_jeugdige(qs.model), "product" if "product" in velden else None) if p]
    return qs.select_related(*gerelateerd).order_by(bron.datum, "pk")


def als_onderliggend(obj, indicator: Indicator) -> Onderliggend:
    from ..grafieken import nl_getal

    jeugdige = obj
    for stap in (_pad_naar_jeugdige(type(obj)) or "").split("__"):
        jeugdige = getattr(jeugdige, stap, None) if stap and jeugdige is not None else None
    delen = []
    if getattr(obj, "volume", None) is not None:
        delen.append(f"{nl_getal(obj.volume, 2)} {getattr(obj, 'eenheid', '')}".strip())
    if getattr(obj, "bedrag", None) is not None:
        delen.append(opmaak.euro(obj.bedrag))
    for keuze in ("soort", "debet_credit", "status"):
        if hasattr(obj, f"get_{keuze}_display"):
            delen.append(str(getattr(obj, f"get_{keuze}_display")()))
    product = getattr(obj, "product", None)
    return Onderliggend(
        soort=str(obj._meta.verbose_name),
        kenmerk=getattr(obj, "referentie", "") or f"#{obj.pk}",
        datum=getattr(obj, indicator.bron.datum, None),
        pseudoniem=jeugdige.pseudoniem if jeugdige is not None else _("onbekend"),
        product=product.code if product is not None else "",
        omschrijving=", ".join(delen),
    )


def teken_vooraf(*, periode: date | None = None) -> int:
    """Issue 17 part B: draw the trend charts of every provider's scorecard for the default
    quarter into the shared chart cache, so no scorecard request draws them (run by the worker
    after the nightly rebuild). Returns the number of charts; drawn ones come from the cache."""
    from django.utils import timezone

    periode = periode or standaardkwartaal(rollup.stand(), timezone.localdate())
    aantal = 0
    for aanbieder in Aanbieder.objects.order_by("pk").iterator():
        for regel in scorekaart(aanbieder, periode).regels:
            if regel.trend_heeft_gegevens and regel.teken_grafiek():  # drawn, or taken from the cache
                aantal += 1
    return aantal
