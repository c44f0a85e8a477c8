"""Charts of the control pages (issue 6 §8, R-K3, R-K4): matplotlib, rendered server-side to SVG
that is inlined in pages and in WeasyPrint PDFs.

* Okabe–Ito colour-blind-safe palette, and each series also differs in marker and line style,
  so nothing is told by colour alone; Dutch number formatting (decimal comma) on the axes.
* A missing value (None) is a gap in the line or an absent bar marked "geen gegevens", never 0.
* The norm band is shaded and named in the legend.
* ``<title>``/``<desc>`` (with the values in text) for screen readers; ``role="img"``.
* Deterministic output (fixed ``svg.hashsalt``, no date) and CSP-safe: the page's policy forbids
  inline styles, so matplotlib's ``style`` attributes become SVG presentation attributes, and
  every id is prefixed per chart so several charts can share one page.
* Because the output depends on the input alone, a drawn chart is kept in the shared cache
  ``CACHES["grafieken"]`` (a database table, every process) under a hash of its input
  (aggregates only, never personal data): drawing costs 50–150 ms, a page of trends redraws only
  what changed, and the worker draws the scorecards' charts in advance
  (``services.scorekaart.teken_vooraf``, issue 17 part B).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from decimal import Decimal
from functools import cache, wraps
from html import escape

from django.core.cache import caches
from django.utils.functional import Promise

from jeugdregie.common import opmaak

# Okabe & Ito (2008), in the order used for series; yellow last (low contrast on white).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LIJNSTIJLEN = ("-", "--", "-.", ":")
NORMKLEUR = "#009E73"
GEEN_GEGEVENS = "geen gegevens"

RC = {
    "svg.fonttype": "none",  # text stays text: searchable, readable, smaller
    "svg.hashsalt": "jeugdregie",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

Norm = tuple[Decimal | None, Decimal | None] | None
Punten = list[tuple[str, Decimal | None]]
BEWAARTIJD = 24 * 3600  # seconds a drawn chart stays in the cache


def _vast(waarde):
    """``waarde`` with every lazy translation resolved and dicts as ordered pairs: a stable repr."""
    if isinstance(waarde, Promise):
        return str(waarde)
    if isinstance(waarde, dict):
        return tuple((_vast(k), _vast(v)) for k, v in waarde.items())
    if isinstance(waarde, list | tuple):
        return tuple(_vast(v) for v in waarde)
    return waarde


def _sleutel(soort: str, vingerafdruk: str) -> str:
    return f"beheersing-grafiek{soort}:" + hashlib.sha256(vingerafdruk.encode()).hexdigest()


class _Onthouden:
    """A chart function whose SVG is kept in the cache under a hash of its input.

    ``plaats`` names where a chart is shown (a scorecard's indicator for one provider and
    period, in one language); it is not part of the input. Every drawing is also kept under its
    place, so a request can show the last chart drawn there while the worker draws the chart of
    the new figures (``voorlopig``; issue 17: no page waits for background work)."""

    def __init__(self, teken) -> None:
        self.teken = teken
        wraps(teken)(self)

    def _invoersleutel(self, invoer: dict) -> str:
        return _sleutel("", repr((self.teken.__name__, _vast(sorted(invoer.items())))))

    def __call__(self, *, plaats: str = "", **invoer) -> str:
        """The chart of ``invoer``: from the cache, else drawn now and kept."""
        sleutel = self._invoersleutel(invoer)
        svg = caches["grafieken"].get(sleutel)
        if svg is None:
            svg = self.teken(**invoer)
            caches["grafieken"].set(sleutel, svg, BEWAARTIJD)
            if plaats:
                caches["grafieken"].set(_sleutel("-plaats", plaats), svg, BEWAARTIJD)
        return svg

    def voorlopig(self, *, plaats: str, **invoer) -> tuple[str, bool]:
        """For a request: the chart of ``invoer`` when drawn (``False``: current); else the last
        chart drawn at ``plaats`` (``True``: of earlier figures; the worker's
        ``teken_vooraf`` draws the current one after every refresh); drawn now only when this
        place never had a chart."""
        svg = caches["grafieken"].get(self._invoersleutel(invoer))
        if svg is not None:
            return svg, False
        eerder = caches["grafieken"].get(_sleutel("-plaats", plaats))
        if eerder is not None:
            return eerder, True
        return self(plaats=plaats, **invoer), False


def _onthouden(teken) -> _Onthouden:
    return _Onthouden(teken)


def nl_getal(waarde: Decimal | float | None, decimalen: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"`` (Dutch: decimal comma, point for thousands)."""
    return GEEN_GEGEVENS if waarde is None else opmaak.getal(waarde, decimalen)


def met_eenheid(waarde: Decimal | None, eenheid: str, decimalen: int = 1) -> str:
    if waarde is None:
        return GEEN_GEGEVENS
    if eenheid == "€":
        return opmaak.euro(waarde)
    return f"{nl_getal(waarde, decimalen)} {eenheid}"


def normtekst(norm: Norm, eenheid: str) -> str:
    onder, boven = norm or (None, None)
    if onder is not None and boven is not None:
        return f"{met_eenheid(onder, eenheid)} – {met_eenheid(boven, eenheid)}"
    if onder is not None:
        return f"≥ {met_eenheid(onder, eenheid)}"
    if boven is not None:
        return f"≤ {met_eenheid(boven, eenheid)}"
    return "geen norm"


@cache
def _nl_formatter_klasse():
    from matplotlib import ticker

    class NlFormatter(ticker.Formatter):
        """Tick labels with a decimal comma and as few decimals as the ticks need."""

        def __call__(self, x, pos=None):
            locs = [v for v in (self.axis.get_majorticklocs() if self.axis else []) if math.isfinite(v)] or [x]
            decimalen = next((d for d in range(3) if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in locs)), 2)
            return nl_getal(x, decimalen)

    return NlFormatter


def _figuur():
    # matplotlib is imported here, not at module level: it loads slowly and only charts need it.
    from matplotlib import ticker
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figuur = Figure(figsize=(6.4, 2.7), layout="constrained")
    FigureCanvasSVG(figuur)
    as_ = figuur.add_subplot()
    as_.yaxis.set_major_formatter(_nl_formatter_klasse()())
    as_.yaxis.set_major_locator(ticker.MaxNLocator(nbins=5))
    as_.grid(axis="y", color="#dddddd", linewidth=0.6)
    as_.set_axisbelow(True)
    return figuur, as_


def _grenzen(waarden: list[float], norm: Norm, *, vanaf_nul: bool) -> tuple[float, float]:
    alle = [*waarden, *(float(g) for g in (norm or ()) if g is not None)]
    laag, hoog = (min(alle), max(alle)) if alle else (0.0, 1.0)
    if vanaf_nul and laag >= 0:
        laag = 0.0
    marge = (hoog - laag) * 0.1 or max(abs(hoog) * 0.1, 1.0)
    return (laag if vanaf_nul and laag == 0 else laag - marge), hoog + marge


def _normband(as_, norm: Norm, eenheid: str, grenzen: tuple[float, float]) -> None:
    if not norm or norm == (None, None):
        return
    onder, boven = norm
    as_.axhspan(
        float(onder) if onder is not None else grenzen[0],
        float(boven) if boven is not None else grenzen[1],
        color=NORMKLEUR,
        alpha=0.15,
        linewidth=0,
        label=f"Norm: {normtekst(norm, eenheid)}",
        gid="normband",
    )
    for grens in (onder, boven):
        if grens is not None:
            as_.axhline(float(grens), color=NORMKLEUR, linewidth=0.8, linestyle="--")


def _x_as(as_, labels: list[str]) -> None:
    as_.set_xticks(
        range(len(labels)), labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center"
    )
    as_.set_xlim(-0.5, len(labels) - 0.5)


def _getallen(punten: Punten) -> list[float]:
    return [math.nan if w is None else float(w) for _, w in punten]


def _rc():
    import matplotlib

    return matplotlib.rc_context(RC)


@_onthouden
def lijngrafiek(*, titel: str, reeksen: dict[str, Punten], eenheid: str, norm: Norm = None) -> str:
    """Lines over periods (R-K3 trend); all series share the labels of the first."""
    labels = [label for label, _ in next(iter(reeksen.values()), [])]
    with _rc():
        figuur, as_ = _figuur()
        alle: list[float] = []
        for i, (naam, punten) in enumerate(reeksen.items()):
            y = _getallen(punten)
            alle += [v for v in y if not math.isnan(v)]
            as_.plot(
                range(len(y)),
                y,
                label=naam,
                color=OKABE_ITO[i % len(OKABE_ITO)],
                marker=MARKERS[i % len(MARKERS)],
                linestyle=LIJNSTIJLEN[i % len(LIJNSTIJLEN)],
                linewidth=1.6,
                markersize=4,
                gid=f"reeks-{i}",
            )
        grenzen = _grenzen(alle, norm, vanaf_nul=False)
        as_.set_ylim(*grenzen)
        _normband(as_, norm, eenheid, grenzen)
        _x_as(as_, labels)
        return _svg(figuur, as_, titel, eenheid, reeksen, norm)


@_onthouden
def staafgrafiek(*, titel: str, waarden: Punten, eenheid: str, norm: Norm = None) -> str:
    """Bars side by side (R-K4 comparison); a missing value is no bar with "geen gegevens"."""
    with _rc():
        figuur, as_ = _figuur()
        y = _getallen(waarden)
        grenzen = _grenzen([v for v in y if not math.isnan(v)], norm, vanaf_nul=True)
        as_.set_ylim(*grenzen)
        as_.bar(range(len(y)), [0 if math.isnan(v) else v for v in y], color=OKABE_ITO[0], gid="staven")
        for i, v in enumerate(y):
            if math.isnan(v):
                as_.patches[i].set_visible(False)
                as_.text(
                    i, grenzen[0], GEEN_GEGEVENS, rotation=90, ha="center", va="bottom", fontsize=7, color="#555555"
                )
        _normband(as_, norm, eenheid, grenzen)
        _x_as(as_, [label for label, _ in waarden])
        return _svg(figuur, as_, titel, eenheid, {titel: waarden}, norm)


def _beschrijving(eenheid: str, reeksen: dict[str, Punten], norm: Norm) -> str:
    delen = []
    for naam, punten in reeksen.items():
        tekst = "; ".join(f"{label}: {met_eenheid(w, eenheid)}" for label, w in punten)
        delen.append(f"{naam}: {tekst or GEEN_GEGEVENS}.")
    if norm and norm != (None, None):
        delen.append(f"Norm: {normtekst(norm, eenheid)}.")
    return " ".join(delen)


def _svg(figuur, as_, titel: str, eenheid: str, reeksen: dict[str, Punten], norm: Norm) -> str:
    as_.set_ylabel(eenheid)
    if as_.get_legend_handles_labels()[0] and (len(reeksen) > 1 or norm):
        as_.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
    buffer = io.StringIO()
    figuur.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    beschrijving = _beschrijving(eenheid, reeksen, norm)
    return _toegankelijk(buffer.getvalue(), titel, beschrijving)


_STIJL = re.compile(r' style="([^"]*)"')
_ID = re.compile(r'\bid="([^"]+)"')


def _als_attributen(match: re.Match) -> str:
    """``style="fill: #fff; stroke: #000"`` -> ``fill="#fff" stroke="#000"`` (presentation
    attributes are not inline styles for the Content-Security-Policy)."""
    attributen = []
    for declaratie in match.group(1).split(";"):
        naam, _, waarde = declaratie.partition(":")
        if naam.strip():
            attributen.append(f'{naam.strip()}="{escape(waarde.strip(), quote=True)}"')
    return " " + " ".join(attributen)


def _toegankelijk(svg: str, titel: str, beschrijving: str) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\s*<style type="text/css">.*?</style>', "", svg, flags=re.DOTALL)
    svg = _STIJL.sub(_als_attributen, svg)
    prefix = "g" + hashlib.sha256(f"{titel}\n{beschrijving}".encode()).hexdigest()[:8]
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    for oud in ids:
        svg = svg.replace(f"url(#{oud})", f"url(#{prefix}-{oud})").replace(f'href="#{oud}"', f'href="#{prefix}-{oud}"')
    kop = (
        f' role="img" aria-labelledby="{prefix}-titel {prefix}-desc" class="grafiek"'
        ' stroke-linejoin="round" stroke-linecap="butt">'
        f'\n <title id="{prefix}-titel">{escape(titel)}</title>'
        f'\n <desc id="{prefix}-desc">{escape(beschrijving)}</desc>'
    )
    einde_tag = svg.index(">")
    return svg[:einde_tag] + kop + svg[einde_tag + 1 :].rstrip() + "\n"
