"""R-V3/R-V4 chart: cumulative begroting, realisation and forecast with the back-test band.

Reuses the control pages' matplotlib setup (``beheersing.grafieken``: palette, markers, Dutch
number format, accessible CSP-safe SVG). Floats only here, where numbers go to matplotlib."""

from __future__ import annotations

from decimal import Decimal
from itertools import accumulate

from django.utils.translation import gettext as _

from jeugdregie.beheersing import grafieken as g

from .services.prognose import MAANDEN, Prognose


def budgetgrafiek(*, titel: str, prognose: Prognose, band: tuple[Decimal, Decimal] | None) -> str:
    labels = list(MAANDEN)
    verstreken = prognose.verstreken_maanden
    begroting = list(accumulate(m.begroting for m in prognose.maanden))
    realisatie = list(accumulate(m.gerealiseerd + m.nog_te_declareren for m in prognose.maanden))
    verwacht = list(accumulate(m.prognose for m in prognose.maanden))
    reeksen: dict[str, g.Punten] = {
        _("Begroting (cumulatief)"): list(zip(labels, begroting, strict=True)),
        _("Gerealiseerd + nog te declareren"): [
            (label, w if i < verstreken else None) for i, (label, w) in enumerate(zip(labels, realisatie, strict=True))
        ],
        _("Prognose"): [
            (label, w if i >= max(verstreken - 1, 0) else None)
            for i, (label, w) in enumerate(zip(labels, verwacht, strict=True))
        ],
    }
    with g._rc():
        figuur, as_ = g._figuur()
        for i, (naam, punten) in enumerate(reeksen.items()):
            as_.plot(
                range(12),
                g._getallen(punten),
                label=naam,
                color=g.OKABE_ITO[i],
                marker=g.MARKERS[i],
                linestyle=g.LIJNSTIJLEN[i],
                linewidth=1.6,
                markersize=4,
                gid=f"reeks-{i}",
            )
        if band is not None:
            start = max(verstreken - 1, 0)
            breedte = float(band[1] - prognose.jaarprognose)
            x = list(range(start, 12))
            midden = [float(verwacht[i]) for i in x]
            schaal = [(i - start + 1) / (12 - start) for i in x]
            as_.fill_between(
                x,
                [m - breedte * s for m, s in zip(midden, schaal, strict=True)],
                [m + breedte * s for m, s in zip(midden, schaal, strict=True)],
                color=g.OKABE_ITO[2],
                alpha=0.15,
                linewidth=0,
                label=_("Foutmarge (back-test): € %(laag)s – € %(hoog)s")
                % {"laag": g.nl_getal(band[0]), "hoog": g.nl_getal(band[1])},
                gid="band",
            )
        as_.set_ylim(bottom=0)
        g._x_as(as_, labels)
        return g._svg(figuur, as_, titel, "€", reeksen, None)
