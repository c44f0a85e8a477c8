"""Issue 22 (R-R3, R-R2): the main figures per municipality and for the region, split by
purchasing level (lokaal / regionaal ingekocht) and by funding variant (inspanningsgericht,
outputgericht: declared care; taakgericht: the assignments' own figures). Read from the rollup's
split cells (``Cijfer.alle``, ``SPLITSINGEN``); the feed of the page and its CSV/XLSX alike.

As in the comparison (R-K4): a missing cell is "geen gegevens", never zero; every cell passes
small-cell suppression (issue 14 §7) with as groups each row (the municipalities and the region)
and, per municipality, the parts of a split and its total (lokaal + regionaal = totaal;
inspanningsgericht + outputgericht = totaal, declared care having no other variant), so no hidden
cell can be derived from the visible ones. The number of children behind a split cell is CON07's
population of that same split (distinct young people in declared care), or the counted numerator
(for TAA01/TAA02 the distinct young people behind the care periods, ``kleine_aantallen.kinderen``).
Amounts and counts are absolute (the split is about shares, not about comparing sizes).

The totals of this page (a figure's "Totaal" row, and the task-based rows TAA01–TAA03) are cells
the comparison page (``vergelijking.vergelijk``, same region and period) publishes too — there
per 1,000 young inhabitants, so with the population known the absolute figure. Issue 22 review F4:
this page therefore does not decide on them itself. What the comparison shows is known here (never
counted as unknown, never a complement); what it hides is hidden here too. A part that must be
hidden gets its complement among the cells only this page publishes (the other parts, or the
same part of another municipality), so total minus visible parts, and region minus visible
municipalities, reveal nothing across both pages. The comparison is computed by its own code
(``Vergelijking.openbaar``), so the two can never disagree on a rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdregie.common.onthulling import Groep, onderdruk
from jeugdregie.organisaties.models import Gemeente, Regio

from ..constants import ALLE
from ..indicatoren.basis import Indicator
from ..indicatoren.register import REGISTER
from ..models import Cijfer
from . import kleine_aantallen
from .vergelijking import Gebied, Tijdvak, gebieden, vergelijk

# (dimension, value) of a split cell; (None, None) is the total over the split.
Deel = tuple[str | None, str | None]
TOTAAL: Deel = (None, None)
TAAKGERICHT: Deel = ("taakgericht", None)
LABELS: dict[Deel, Promise] = {
    TOTAAL: gettext_lazy("Totaal"),
    ("inkoop", "lokaal"): gettext_lazy("Lokaal ingekocht"),
    ("inkoop", "regionaal"): gettext_lazy("Regionaal ingekocht"),
    ("bekostiging", "inspanningsgericht"): gettext_lazy("Inspanningsgericht"),
    ("bekostiging", "outputgericht"): gettext_lazy("Outputgericht"),
    TAAKGERICHT: gettext_lazy("Taakgericht"),
}
INKOOP: tuple[Deel, ...] = (("inkoop", "lokaal"), ("inkoop", "regionaal"))
VARIANT: tuple[Deel, ...] = (("bekostiging", "inspanningsgericht"), ("bekostiging", "outputgericht"))

#: Per main figure: its indicator, its parts, and the task-based indicator of the same figure.
FIGUREN: tuple[tuple[str, tuple[Deel, ...], str | None], ...] = (
    ("KOS01", (TOTAAL, *INKOOP, *VARIANT), "TAA03"),
    ("KOS02", (TOTAAL, *INKOOP, *VARIANT), None),
    ("CON01", (TOTAAL, *INKOOP), "TAA01"),
    ("CON03", (TOTAAL, *INKOOP), "TAA02"),
)


@dataclass(frozen=True)
class Splitsmeting:
    gebied: Gebied
    waarde: Decimal | None
    verborgen: str | None = None  # "<5" or "—" (issue 14 §7)


@dataclass(frozen=True)
class Splitsrij:
    indicator: Indicator  # for "Taakgericht": the task-based indicator of the figure
    figuur: Indicator  # the main figure the row belongs to
    deel: Deel
    metingen: list[Splitsmeting]

    @property
    def label(self) -> str:
        return str(LABELS[self.deel])

    @property
    def is_bedrag(self) -> bool:
        return self.indicator.eenheid.startswith("€")


@dataclass(frozen=True)
class Splitsing:
    regio: Regio
    tijdvak: Tijdvak
    gebieden: list[Gebied]
    rijen: list[Splitsrij]
    toelichting: str = ""

    @property
    def zonder_gegevens(self) -> bool:
        return all(m.waarde is None for rij in self.rijen for m in rij.metingen)

    def kolommen(self) -> list[str]:
        return [_("Periode"), _("Code"), _("Indicator"), _("Onderdeel"), _("Eenheid"), *(g.naam for g in self.gebieden)]

    def exportrijen(self):
        for rij in self.rijen:
            yield [self.tijdvak.label, rij.indicator.code, rij.figuur.naam, rij.label, rij.indicator.eenheid] + [
                m.verborgen or (_("geen gegevens") if m.waarde is None else _afgerond(m.waarde, rij.indicator))
                for m in rij.metingen
            ]
        if self.toelichting:
            yield [self.toelichting]


def _afgerond(waarde: Decimal, indicator: Indicator) -> Decimal:
    return waarde.quantize(Decimal(1).scaleb(-indicator.decimalen))


Sleutel = tuple[str, str, str, int | None]  # code, inkoop, bekostiging, municipality (None = region)


def _sleutel(code: str, deel: Deel, gemeente: int | None) -> Sleutel:
    dimensie, waarde = deel
    return (
        code,
        waarde if dimensie == "inkoop" and waarde else ALLE,
        waarde if dimensie == "bekostiging" and waarde else ALLE,
        gemeente,
    )


def _tellers(codes: list[str], tijdvak: Tijdvak, regio: Regio, ids: list[int]) -> dict[Sleutel, tuple]:
    """Numerator and denominator of every split and total cell of ``codes`` per municipality and
    for the region, in one or two queries; the region as in the comparison (R-K4): the rollup's
    own total when the region holds every municipality, else the sum of its municipalities."""
    basis = Cijfer.alle.filter(
        indicator__in=codes,
        periodesoort=tijdvak.soort,
        periode=tijdvak.begin,
        aanbieder__isnull=True,
        categorie=ALLE,
    )
    velden = ("indicator", "inkoop", "bekostiging", "gemeente_id", "teller", "noemer")
    paren = {
        (c, i, b, g): (t, n)
        for c, i, b, g, t, n in basis.filter(Q(gemeente_id__in=ids) | Q(gemeente__isnull=True)).values_list(*velden)
    }
    if Gemeente.objects.exclude(regio=regio).exists():
        paren = {k: v for k, v in paren.items() if k[3] is not None}
        sommen = (
            basis.filter(gemeente_id__in=ids)
            .values("indicator", "inkoop", "bekostiging")
            .annotate(t=Sum("teller"), n=Sum("noemer"))
        )
        paren.update({(r["indicator"], r["inkoop"], r["bekostiging"], None): (r["t"], r["n"]) for r in sommen})
    return paren


def splits(*, regio: Regio, tijdvak: Tijdvak, eigen: int | None = None) -> Splitsing:
    """The main figures of ``regio`` in ``tijdvak`` per municipality and for the region, split by
    purchasing level and funding variant, with small-cell suppression."""
    kolommen = gebieden(regio, eigen=eigen)
    ids = [g.gemeente_id for g in kolommen if g.gemeente_id is not None]
    codes = [kleine_aantallen.POPULATIE] + [c for f, _d, t in FIGUREN for c in (f, t) if c]
    paren = _tellers(codes, tijdvak, regio, ids)
    onderdelen: list[tuple[Indicator, Indicator, Deel, str]] = []  # (indicator, figure, part, code of its cells)
    for code, delen, taakgericht in FIGUREN:
        figuur = REGISTER[code]
        onderdelen += [(figuur, figuur, deel, code) for deel in delen]
        if taakgericht:
            onderdelen.append((REGISTER[taakgericht], figuur, TAAKGERICHT, taakgericht))
    aantallen: dict = {}
    ruw: list[tuple[Indicator, Indicator, Deel, list[Splitsmeting]]] = []
    for indicator, figuur, deel, code in onderdelen:
        metingen = []
        for g in kolommen:
            teller, noemer = paren.get(_sleutel(code, deel, g.gemeente_id), (None, None))
            waarde = indicator.waarde(teller, noemer)
            metingen.append(Splitsmeting(g, waarde))
            populatie = None
            if deel != TAAKGERICHT:  # children in declared care of the same split
                mensen = paren.get(_sleutel(kleine_aantallen.POPULATIE, deel, g.gemeente_id))
                populatie = int(mensen[1]) if mensen else None
            aantallen[(code, deel, g.gemeente_id)] = kleine_aantallen.kinderen(
                indicator, teller, noemer, waarde=waarde, populatie=populatie
            )
        ruw.append((indicator, figuur, deel, metingen))
    groepen = []
    for indicator, _f, deel, _m in ruw:  # each row: the municipalities and the region
        groepen.append(Groep.van(((indicator.code, deel, i) for i in ids), totaal=(indicator.code, deel, None)))
    for code, delen, _t in FIGUREN:  # per municipality and region: the parts of a split and its total
        for deelreeks in (INKOOP, VARIANT):
            if all(d in delen for d in deelreeks):
                for g in kolommen:
                    groepen.append(
                        Groep.van(((code, d, g.gemeente_id) for d in deelreeks), totaal=(code, TOTAAL, g.gemeente_id))
                    )
    getoond, verborgen = vergelijk(regio=regio, tijdvak=tijdvak).openbaar()
    # The cells the comparison publishes too: a figure's total and the task-based figures.
    elders = {(code, deel, g): (code, g) for code, deel, g in aantallen if deel in (TOTAAL, TAAKGERICHT)}
    o = onderdruk(
        aantallen,
        groepen,
        bekend=(k for k, cel in elders.items() if cel in getoond),
        elders_verborgen=(k for k, cel in elders.items() if cel in verborgen),
    )
    rijen = [
        Splitsrij(
            indicator,
            figuur,
            deel,
            [
                Splitsmeting(m.gebied, None, teken)
                if (teken := o.teken((indicator.code, deel, m.gebied.gemeente_id)))
                else m
                for m in metingen
            ],
        )
        for indicator, figuur, deel, metingen in ruw
    ]
    return Splitsing(regio, tijdvak, kolommen, rijen, o.toelichting() if o else "")
