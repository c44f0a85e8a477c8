"""The municipality comparison and the policy trends (R-K4, issue 6 §4 and §8).

The municipalities of a region side by side per policy-level indicator, normalised per 1,000
young inhabitants where the indicator is an amount or a count (``Indicator.per_1000``),
otherwise its own ratio; the region as reference. Four trends over the last 5 years or
8 quarters: spend per young inhabitant, Verblijf vs ambulant, pleegzorg + gezinshuis vs
residential, waiting time. The dataclasses feed the page, the CSV/XLSX exports and the PDF alike.

Figures are aggregates per municipality (no personal data). A missing cell is "geen gegevens"
(``None``), never zero. The region reference is the rollup's computed total when the region holds
every municipality in the database; otherwise (several regions on one system, SPEC §13) the
sum of its municipalities' numerators and denominators: exact for sums and plain counts (every
source row belongs to one municipality); a distinct count (young people, CON07/CON08) counts a
young person with care in two of the region's municipalities in the same period twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jeugdregie.common.onthulling import Groep, Onderdrukking, onderdruk
from jeugdregie.organisaties.models import Gemeente, Regio

from ..constants import ALLE, Niveau, Periodesoort
from ..indicatoren.basis import Indicator
from ..indicatoren.register import INDICATOREN, REGISTER
from ..models import Cijfer
from ..policies import VERGELIJKING_ROLLEN  # noqa: F401  (re-exported: portaal.navigatie imports it here)
from . import kleine_aantallen, rollup
from .cijfers import Cel

TRENDLENGTE: dict[str, int] = {Periodesoort.JAAR: 5, Periodesoort.KWARTAAL: 8}
_PATROON = re.compile(r"^(\d{4})(?:-?[KQ]([1-4]))?$", re.IGNORECASE)

Sleutel = tuple[str, date, int | None]  # indicator code, period start, municipality (None = region)


def geen_gegevens() -> str:
    return _("geen gegevens")


@dataclass(frozen=True)
class Tijdvak:
    """A year or a quarter, named ``2025`` or ``2025-K3``."""

    soort: str
    begin: date

    @classmethod
    def lees(cls, tekst: str, soort: str) -> Tijdvak:
        """Parse ``tekst``; ValueError with a message that says what to enter."""
        if soort not in TRENDLENGTE:
            raise ValueError(_("Kies als periodesoort jaar of kwartaal."))
        treffer = _PATROON.match(tekst.strip())
        if soort == Periodesoort.JAAR and (not treffer or treffer.group(2)):
            raise ValueError(_("Vul een jaartal in, bijvoorbeeld 2025."))
        if soort == Periodesoort.KWARTAAL and (not treffer or not treffer.group(2)):
            raise ValueError(_("Vul een kwartaal in als jaar-K-nummer, bijvoorbeeld 2025-K3."))
        assert treffer is not None  # both kinds (TRENDLENGTE) refused a non-match above
        jaar, kwartaal = int(treffer.group(1)), int(treffer.group(2) or 1)
        if not 2000 <= jaar <= 2100:
            raise ValueError(_("Kies een jaar tussen 2000 en 2100."))
        return cls(soort, date(jaar, 3 * kwartaal - 2, 1))

    @classmethod
    def rond(cls, dag: date, soort: str) -> Tijdvak:
        return cls(soort, rollup.periodebegin(dag, soort))

    @property
    def label(self) -> str:
        if self.soort == Periodesoort.JAAR:
            return str(self.begin.year)
        return rollup.kwartaallabel(self.begin)

    @property
    def einde(self) -> date:
        return rollup.periode_einde(self.begin, self.soort)

    def reeks(self) -> list[Tijdvak]:
        """The last 5 years or 8 quarters up to and including this one, oldest first."""
        stap = 12 if self.soort == Periodesoort.JAAR else 3
        laatste = self.begin.year * 12 + self.begin.month - 1
        eerste = laatste - stap * (TRENDLENGTE[self.soort] - 1)
        return [Tijdvak(self.soort, date(m // 12, m % 12 + 1, 1)) for m in range(eerste, laatste + 1, stap)]

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Gebied:
    """A column of the comparison: one municipality, or the region (``gemeente_id`` None)."""

    gemeente_id: int | None
    naam: str
    jeugdigen: int
    eigen: bool = False

    @property
    def is_regio(self) -> bool:
        return self.gemeente_id is None


@dataclass(frozen=True)
class Meting:
    gebied: Gebied
    waarde: Decimal | None
    decimalen: int
    verborgen: str | None = None  # "<5" or "—": suppressed, too few children (issue 14 §7)

    @property
    def afgerond(self) -> Decimal | None:
        if self.waarde is None:
            return None
        return self.waarde.quantize(Decimal(1).scaleb(-self.decimalen), rounding=ROUND_HALF_UP)

    @property
    def tekst(self) -> str:
        if self.verborgen:
            return self.verborgen
        afgerond = self.afgerond
        if afgerond is None:
            return geen_gegevens()
        return number_format(afgerond, decimal_pos=self.decimalen, use_l10n=True, force_grouping=True)

    @property
    def export(self) -> Decimal | str:
        if self.verborgen:
            return self.verborgen
        afgerond = self.afgerond
        return geen_gegevens() if afgerond is None else afgerond


def _verberg(meting: Meting, onderdrukking: Onderdrukking, sleutel) -> Meting:
    teken = onderdrukking.teken(sleutel)
    return meting if teken is None else Meting(meting.gebied, None, meting.decimalen, teken)


def gebieden(regio: Regio, *, eigen: int | None = None) -> list[Gebied]:
    """The region's municipalities by name, then the region itself."""
    rijen = Gemeente.objects.filter(regio=regio).order_by("naam").values_list("pk", "naam", "jeugdigen")
    lijst = [Gebied(pk, naam, jeugdigen, pk == eigen) for pk, naam, jeugdigen in rijen]
    return [*lijst, Gebied(None, _("Regio %(naam)s") % {"naam": regio.naam}, sum(g.jeugdigen for g in lijst))]


def _tellers(indicatoren: list[Indicator], soort: str, begins: list[date], regio: Regio, ids: list[int]):
    """Numerator and denominator per (code, period, municipality | None) in two queries (R-K4)."""
    basis = Cijfer.objects.filter(
        indicator__in=[i.code for i in indicatoren],
        periodesoort=soort,
        periode__in=begins,
        aanbieder__isnull=True,
        categorie=ALLE,
    )
    paren: dict[Sleutel, tuple[Decimal, Decimal]] = {
        (code, periode, gemeente): (teller, noemer)
        for code, periode, gemeente, teller, noemer in basis.filter(
            Q(gemeente_id__in=ids) | Q(gemeente__isnull=True)
        ).values_list("indicator", "periode", "gemeente_id", "teller", "noemer")
    }
    if Gemeente.objects.exclude(regio=regio).exists():
        paren = {k: v for k, v in paren.items() if k[2] is not None}
        sommen = (
            basis.filter(gemeente_id__in=ids).values("indicator", "periode").annotate(t=Sum("teller"), n=Sum("noemer"))
        )
        paren.update({(r["indicator"], r["periode"], None): (r["t"], r["n"]) for r in sommen})
    return paren


def _meet(indicator: Indicator, paren: dict, begin: date, gebied: Gebied, *, per: int | None, decimalen: int) -> Meting:
    """The cell's value; ``per``: normalised per that many young inhabitants (R-K4), for
    indicators that are amounts or counts (``per_1000``)."""
    teller, noemer = paren.get((indicator.code, begin, gebied.gemeente_id), (None, None))
    cel = Cel(indicator, begin, teller, noemer)
    if per is None or not indicator.per_1000:
        return Meting(gebied, cel.waarde, decimalen)
    waarde = cel.per_1000(gebied.jeugdigen)
    return Meting(gebied, None if waarde is None else waarde * per / 1000, decimalen)


def _decimalen(indicator: Indicator) -> int:
    """A count per 1,000 young inhabitants is small: at least one decimal, so 0.4 is not shown as 0."""
    if indicator.per_1000 and indicator.eenheid != "€":
        return max(indicator.decimalen, 1)
    return indicator.decimalen


def eenheid_per_1000(indicator: Indicator) -> str:
    if indicator.per_1000:
        return _("%(eenheid)s per 1.000 jeugdigen") % {"eenheid": indicator.eenheid}
    return indicator.eenheid


@dataclass(frozen=True)
class Vergelijkingsrij:
    indicator: Indicator
    eenheid: str
    metingen: list[Meting]  # in the order of Vergelijking.gebieden


@dataclass(frozen=True)
class Vergelijking:
    regio: Regio
    tijdvak: Tijdvak
    gebieden: list[Gebied]
    rijen: list[Vergelijkingsrij]
    toelichting: str = ""  # why cells show "<5" or "—" (issue 14 §7); empty when none do

    @property
    def zonder_gegevens(self) -> bool:
        return all(m.waarde is None for rij in self.rijen for m in rij.metingen)

    def kolommen(self) -> list[str]:
        return [_("Periode"), _("Code"), _("Indicator"), _("Eenheid"), *(g.naam for g in self.gebieden)]

    def openbaar(self) -> tuple[frozenset[tuple[str, int | None]], frozenset[tuple[str, int | None]]]:
        """What this comparison publishes, keyed (indicator code, municipality; None = region):
        the cells it shows with a value, and the cells it hides ("<5", "—"). Another page that
        repeats these cells (the split page, issue 22 review F4) takes them as known and as hidden,
        so the two pages together reveal no hidden cell."""
        getoond, verborgen = set(), set()
        for rij in self.rijen:
            for m in rij.metingen:
                sleutel = (rij.indicator.code, m.gebied.gemeente_id)
                if m.verborgen:
                    verborgen.add(sleutel)
                elif m.waarde is not None:
                    getoond.add(sleutel)
        return frozenset(getoond), frozenset(verborgen)

    def exportrijen(self):
        for rij in self.rijen:
            yield [self.tijdvak.label, rij.indicator.code, rij.indicator.naam, rij.eenheid] + [
                m.export for m in rij.metingen
            ]
        if self.toelichting:
            yield [self.toelichting]


def beleidsindicatoren() -> list[Indicator]:
    return [i for i in INDICATOREN if Niveau.BELEID in i.niveaus]


def vergelijk(*, regio: Regio, tijdvak: Tijdvak, eigen: int | None = None) -> Vergelijking:
    """R-K4: every policy-level indicator for every municipality of ``regio`` and the region."""
    kolommen = gebieden(regio, eigen=eigen)
    indicatoren = beleidsindicatoren()
    ids = [g.gemeente_id for g in kolommen if g.gemeente_id is not None]
    paren = _tellers(indicatoren, tijdvak.soort, [tijdvak.begin], regio, ids)
    rijen = [
        Vergelijkingsrij(
            indicator,
            eenheid_per_1000(indicator),
            [_meet(indicator, paren, tijdvak.begin, g, per=1000, decimalen=_decimalen(indicator)) for g in kolommen],
        )
        for indicator in indicatoren
    ]
    # Issue 14 §7: hide cells of fewer than 5 children, and a complement per row so that the
    # region (the row's total) minus the visible municipalities cannot reveal them.
    mensen = kleine_aantallen.populatie(tijdvak.soort, [tijdvak.begin], dimensie="gemeente", ids=ids)
    aantallen, groepen = {}, []
    for rij in rijen:
        code = rij.indicator.code
        for m in rij.metingen:
            teller, noemer = paren.get((code, tijdvak.begin, m.gebied.gemeente_id), (None, None))
            aantallen[(code, m.gebied.gemeente_id)] = kleine_aantallen.kinderen(
                rij.indicator,
                teller,
                noemer,
                waarde=m.waarde,
                populatie=mensen.get((tijdvak.begin, m.gebied.gemeente_id)),
            )
        groepen.append(Groep.van(((code, i) for i in ids), totaal=(code, None)))
    o = onderdruk(aantallen, groepen)
    rijen = [
        Vergelijkingsrij(
            rij.indicator,
            rij.eenheid,
            [_verberg(m, o, (rij.indicator.code, m.gebied.gemeente_id)) for m in rij.metingen],
        )
        for rij in rijen
    ]
    return Vergelijking(regio, tijdvak, kolommen, rijen, o.toelichting() if o else "")


@dataclass(frozen=True)
class Trenddefinitie:
    """A policy trend (R-K4): the indicator it follows, looked up in the registry at runtime (not
    there, or not at policy level: "nog niet beschikbaar"); ``per``: per that many young
    inhabitants (amounts and counts only)."""

    code: str
    titel: Promise
    indicatorcode: str
    per: int | None = None
    eenheid: Promise | str = ""
    decimalen: int | None = None

    def indicator(self) -> Indicator | None:
        indicator = REGISTER.get(self.indicatorcode)
        return indicator if indicator is not None and Niveau.BELEID in indicator.niveaus else None


TRENDS = [
    Trenddefinitie(
        "uitgaven",
        gettext_lazy("Uitgaven per jeugdige inwoner"),
        "KOS01",
        per=1,
        eenheid=gettext_lazy("€ per jeugdige inwoner"),
        decimalen=2,
    ),
    Trenddefinitie("verblijf", gettext_lazy("Aandeel jeugdigen in Verblijf (tegenover ambulant)"), "CON07"),
    Trenddefinitie("pleegzorg", gettext_lazy("Pleegzorg en gezinshuis tegenover residentieel"), "CON08"),
    Trenddefinitie("wachttijd", gettext_lazy("Wachttijd verwijzing tot start"), "CON02"),
]
TREND = {t.code: t for t in TRENDS}


@dataclass(frozen=True)
class Trendrij:
    gebied: Gebied
    metingen: list[Meting]  # in the order of Trend.tijdvakken


@dataclass(frozen=True)
class Trend:
    definitie: Trenddefinitie
    indicator: Indicator | None  # None: the registry has no such indicator yet
    eenheid: str
    tijdvakken: list[Tijdvak]
    rijen: list[Trendrij]  # the municipalities, then the region
    toelichting: str = ""  # why cells show "<5" or "—" (issue 14 §7)

    @property
    def titel(self) -> str:
        return str(self.definitie.titel)

    @property
    def beschikbaar(self) -> bool:
        return self.indicator is not None

    @property
    def regio(self) -> Trendrij | None:
        return self.rijen[-1] if self.rijen else None

    def kolommen(self) -> list[str]:
        return [_("Gebied"), _("Eenheid"), *(t.label for t in self.tijdvakken)]

    def exportrijen(self):
        for rij in self.rijen:
            yield [rij.gebied.naam, self.eenheid, *(m.export for m in rij.metingen)]
        if self.toelichting:
            yield [self.toelichting]

    def reeksen(self, focus: int | None = None) -> dict[str, list[tuple[str, Decimal | None]]]:
        """For the line chart: the region and the municipality in focus (12 lines would not be
        readable; the table holds every municipality)."""
        rijen = [r for r in self.rijen if r.gebied.is_regio or (focus and r.gebied.gemeente_id == focus)]
        return {
            r.gebied.naam: [(t.label, m.waarde) for t, m in zip(self.tijdvakken, r.metingen, strict=True)]
            for r in rijen
        }

    def staven(self) -> list[tuple[str, Decimal | None]]:
        """For the bar chart: every municipality and the region in the latest period."""
        return [(r.gebied.naam, r.metingen[-1].waarde) for r in self.rijen]


def trend(definitie: Trenddefinitie, *, regio: Regio, tijdvak: Tijdvak, eigen: int | None = None) -> Trend:
    """R-K4: one policy trend per municipality and for the region over ``tijdvak.reeks()``."""
    tijdvakken = tijdvak.reeks()
    indicator = definitie.indicator()
    if indicator is None:
        return Trend(definitie, None, "", tijdvakken, [])
    kolommen = gebieden(regio, eigen=eigen)
    begins = [t.begin for t in tijdvakken]
    paren = _tellers(
        [indicator], tijdvak.soort, begins, regio, [g.gemeente_id for g in kolommen if g.gemeente_id is not None]
    )
    decimalen = indicator.decimalen if definitie.decimalen is None else definitie.decimalen
    per = definitie.per if indicator.per_1000 else None
    rijen = [
        Trendrij(g, [_meet(indicator, paren, b, g, per=per, decimalen=decimalen) for b in begins]) for g in kolommen
    ]
    # Issue 14 §7: per period the municipalities add up to the region; hide small cells and a
    # complement so that the region minus the others cannot reveal them.
    ids = [g.gemeente_id for g in kolommen if g.gemeente_id is not None]
    mensen = kleine_aantallen.populatie(tijdvak.soort, begins, dimensie="gemeente", ids=ids)
    aantallen = {}
    for rij in rijen:
        for b, m in zip(begins, rij.metingen, strict=True):
            teller, noemer = paren.get((indicator.code, b, m.gebied.gemeente_id), (None, None))
            aantallen[(m.gebied.gemeente_id, b)] = kleine_aantallen.kinderen(
                indicator, teller, noemer, waarde=m.waarde, populatie=mensen.get((b, m.gebied.gemeente_id))
            )
    o = onderdruk(aantallen, [Groep.van(((i, b) for i in ids), totaal=(None, b)) for b in begins])
    rijen = [
        Trendrij(r.gebied, [_verberg(m, o, (r.gebied.gemeente_id, b)) for b, m in zip(begins, r.metingen, strict=True)])
        for r in rijen
    ]
    eenheid = str(definitie.eenheid) if per is not None and definitie.eenheid else indicator.eenheid
    return Trend(definitie, indicator, eenheid, tijdvakken, rijen, o.toelichting() if o else "")
