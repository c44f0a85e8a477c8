"""Reading the rollup (R-K1, R-K4): a cell, a series over periods, and side-by-side lists per
municipality or provider. A missing cell is "geen gegevens" (``waarde`` None), never zero."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..constants import ALLE
from ..indicatoren.basis import Indicator
from ..models import Cijfer


@dataclass(frozen=True)
class Cel:
    indicator: Indicator
    periode: date
    teller: Decimal | None
    noemer: Decimal | None

    @property
    def waarde(self) -> Decimal | None:
        return self.indicator.waarde(self.teller, self.noemer)

    def per_1000(self, jeugdigen: int) -> Decimal | None:
        """R-K4: the value per 1,000 young inhabitants (amounts and counts only)."""
        waarde = self.waarde
        if waarde is None or not jeugdigen or not self.indicator.per_1000:
            return None
        return waarde * 1000 / Decimal(jeugdigen)


def _filter(gemeente: int | None, aanbieder: int | None, categorie: str) -> dict:
    return {
        "gemeente_id" if gemeente else "gemeente__isnull": gemeente or True,
        "aanbieder_id" if aanbieder else "aanbieder__isnull": aanbieder or True,
        "categorie": categorie,
    }


def reeks(
    indicator: Indicator,
    periodesoort: str,
    perioden: list[date],
    *,
    gemeente: int | None = None,
    aanbieder: int | None = None,
    categorie: str = ALLE,
) -> list[Cel]:
    """One cell per period, in the order given (None values where there is no data)."""
    rijen = {
        r.periode: r
        for r in Cijfer.objects.filter(
            indicator=indicator.code,
            periodesoort=periodesoort,
            periode__in=perioden,
            **_filter(gemeente, aanbieder, categorie),
        )
    }
    return [
        Cel(indicator, p, rijen[p].teller if p in rijen else None, rijen[p].noemer if p in rijen else None)
        for p in perioden
    ]


def cel(indicator: Indicator, periodesoort: str, periode: date, **dims) -> Cel:
    return reeks(indicator, periodesoort, [periode], **dims)[0]


def per_dimensie(
    indicator: Indicator, periodesoort: str, periode: date, *, dimensie: str, categorie: str = ALLE, **vast
) -> dict[int, Cel]:
    """Cells side by side per municipality (``dimensie="gemeente"``, all providers) or per
    provider (``"aanbieder"``, all municipalities unless ``gemeente=`` is fixed)."""
    andere = "aanbieder" if dimensie == "gemeente" else "gemeente"
    filters = {f"{dimensie}__isnull": False, "categorie": categorie}
    if vast.get(andere):
        filters[f"{andere}_id"] = vast[andere]
    else:
        filters[f"{andere}__isnull"] = True
    rijen = Cijfer.objects.filter(indicator=indicator.code, periodesoort=periodesoort, periode=periode, **filters)
    return {getattr(r, f"{dimensie}_id"): Cel(indicator, periode, r.teller, r.noemer) for r in rijen}
