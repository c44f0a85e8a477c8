"""Small-cell suppression: aggregates that cannot identify a child (issue 14 §7; R-P3, R-P7).

CBS practice: a cell of a published table that counts fewer than ``drempel()`` children
(setting ``JEUGDREGIE_ONTHULLINGSDREMPEL``, default 5) is not shown (*primary* suppression). A
hidden cell must not be derivable from what stays visible: when a row or column is published
together with its total, "total minus the visible cells" would give the hidden cell back. So for
every such group (``Groep``: cells that add up to a published total) that has exactly one
unknown, a second cell is hidden too (*secondary* or complementary suppression): the visible
member with the fewest children (a non-zero one first), or else the total itself. This repeats
until no group has exactly one unknown, so also a chain of differences between groups cannot
isolate a hidden cell.

The helper is pure (no database, no Django models): a page computes the number of children
behind each cell, names its groups, and asks ``onderdruk`` which cells to hide. The same
``Onderdrukking`` then renders the page (``tekst``) and the CSV/XLSX/PDF exports (``export``)
so an export never contains a number the page hides.

Zero cells are not primary-suppressed (they identify nobody); a cell without data (``None``)
is not suppressed and is shown as "geen gegevens" — read as zero, so it is a complement of last
resort (a group whose other cells are all published or empty; shown as "—").

A table that repeats cells another page publishes (issue 22 review F4: the split page's totals
are the comparison's cells) passes what that page decided: ``bekend``, the cells it shows — known
to anyone, so never counted as unknown and never chosen as a complement — and ``elders_verborgen``,
the cells it hides — hidden here too, so this table does not give them back. Complements are then
chosen among the cells published nowhere else.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

STANDAARD_DREMPEL = 5  # CBS: fewer than 5 units in a cell is not published
SECUNDAIR_TEKEN = "—"


def drempel() -> int:
    """The smallest number of children a published cell may count (setting, default 5)."""
    waarde = int(getattr(settings, "JEUGDREGIE_ONTHULLINGSDREMPEL", STANDAARD_DREMPEL))
    return max(waarde, 1)


def is_klein(aantal: int | None, grens: int | None = None) -> bool:
    """True for 1 .. drempel-1 children: a cell that could point to a child."""
    grens = drempel() if grens is None else grens
    return aantal is not None and 0 < aantal < grens


@dataclass(frozen=True)
class Groep:
    """Cells (``leden``) that add up to a published total, for example one row of a table with
    its row total, or one column with the column total. ``totaal`` is the key of the total's own
    cell when the table shows it as a cell that can be hidden; ``None``: the total is published
    elsewhere and is always known."""

    leden: tuple[Hashable, ...]
    totaal: Hashable | None = None

    @classmethod
    def van(cls, leden: Iterable[Hashable], totaal: Hashable | None = None) -> Groep:
        return cls(tuple(leden), totaal)


@dataclass(frozen=True)
class Onderdrukking:
    """Which cells of one table are hidden, and how to show a cell."""

    primair: frozenset = field(default_factory=frozenset)
    secundair: frozenset = field(default_factory=frozenset)
    grens: int = STANDAARD_DREMPEL

    @property
    def verborgen(self) -> frozenset:
        return self.primair | self.secundair

    def is_verborgen(self, sleutel: Hashable) -> bool:
        return sleutel in self.primair or sleutel in self.secundair

    def __bool__(self) -> bool:
        return bool(self.primair or self.secundair)

    def teken(self, sleutel: Hashable) -> str | None:
        """What is shown instead of a hidden cell: "<5" (too few children) or "—" (hidden so
        the other cannot be derived); None for a visible cell."""
        if sleutel in self.primair:
            return f"<{self.grens}"
        if sleutel in self.secundair:
            return SECUNDAIR_TEKEN
        return None

    def tekst(self, sleutel: Hashable, waarde: object) -> object:
        """The page's cell: the value, or its replacement."""
        teken = self.teken(sleutel)
        return waarde if teken is None else teken

    export = tekst  # the exports show exactly what the page shows

    def toelichting(self) -> str:
        return toelichting(self.grens)


def toelichting(grens: int | None = None) -> str:
    """The explanation printed under a table with hidden cells (page, PDF and export)."""
    grens = drempel() if grens is None else grens
    return _(
        "Cellen met minder dan %(n)s jeugdigen tonen we als “<%(n)s”, zodat geen kind herkenbaar is "
        "(CBS-praktijk). Een cel met “%(teken)s” is ook verborgen, zodat de verborgen cel niet uit het "
        "totaal en de andere cellen is af te leiden."
    ) % {"n": grens, "teken": SECUNDAIR_TEKEN}


def _complement(groep: Groep, aantallen: Mapping, verborgen: set, bekend: frozenset) -> Hashable | None:
    """The visible member with the fewest children (a non-zero one first), else the total; never
    a cell published elsewhere (``bekend``): hiding it here would hide nothing."""
    kandidaten = [k for k in groep.leden if k not in verborgen and k not in bekend and aantallen.get(k) is not None]
    if kandidaten:
        positief = [k for k in kandidaten if aantallen[k] > 0]
        return min(positief or kandidaten, key=lambda k: (aantallen[k], str(k)))
    if groep.totaal is not None and groep.totaal not in verborgen and groep.totaal not in bekend:
        return groep.totaal
    # Last resort: a member without data. Shown as "geen gegevens" it reads as zero, so the one
    # hidden cell would equal the (published) total minus the rest; as "—" it gives nothing away.
    leeg = [k for k in groep.leden if k not in verborgen and k not in bekend and k in aantallen]
    return min(leeg, key=str) if leeg else None


#: The key of a cell: any hashable (a mapping is invariant in its key type, hence a type variable).
_Cel = TypeVar("_Cel", bound=Hashable)


def onderdruk(
    aantallen: Mapping[_Cel, int | None],
    groepen: Iterable[Groep | Sequence[Hashable]] = (),
    *,
    grens: int | None = None,
    bekend: Iterable[Hashable] = (),
    elders_verborgen: Iterable[Hashable] = (),
) -> Onderdrukking:
    """Decide which cells to hide. ``aantallen``: the number of children behind each cell
    (``None``: no data); ``groepen``: the additive relations the table publishes (a plain
    sequence is a group whose total is published elsewhere); ``bekend`` / ``elders_verborgen``:
    cells of this table another page shows / hides (see the module docstring)."""
    grens = drempel() if grens is None else grens
    lijst = [g if isinstance(g, Groep) else Groep.van(g) for g in groepen]
    bekend = frozenset(bekend)
    primair = {k for k, n in aantallen.items() if is_klein(n, grens)}
    verborgen = primair | (set(elders_verborgen) & set(aantallen))
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for groep in lijst:
            onbekend = [k for k in groep.leden if k in verborgen and k not in bekend]
            if groep.totaal is not None and groep.totaal in verborgen and groep.totaal not in bekend:
                onbekend.append(groep.totaal)
            if len(onbekend) != 1:
                continue
            extra = _complement(groep, aantallen, verborgen, bekend)
            if extra is not None:
                verborgen.add(extra)
                gewijzigd = True
    return Onderdrukking(frozenset(primair), frozenset(verborgen - primair), grens)


def onderdruk_tabel(
    aantallen: Mapping[tuple[Hashable, Hashable], int | None],
    *,
    rijtotaal: Hashable | None = None,
    kolomtotaal: Hashable | None = None,
    grens: int | None = None,
) -> Onderdrukking:
    """Convenience for a two-way table keyed ``(rij, kolom)``. ``rijtotaal``: the column key of
    each row's total cell (e.g. the region column), if the table shows one; ``kolomtotaal``: the
    row key of each column's total cell (e.g. a "Totaal" row), if shown."""
    rijen = list(dict.fromkeys(r for r, _k in aantallen))
    kolommen = list(dict.fromkeys(k for _r, k in aantallen))
    groepen: list[Groep] = []
    if rijtotaal is not None:
        for r in rijen:
            leden = [(r, k) for k in kolommen if k != rijtotaal and (r, k) in aantallen]
            groepen.append(Groep.van(leden, (r, rijtotaal) if (r, rijtotaal) in aantallen else None))
    if kolomtotaal is not None:
        for k in kolommen:
            leden = [(r, k) for r in rijen if r != kolomtotaal and (r, k) in aantallen]
            groepen.append(Groep.van(leden, (kolomtotaal, k) if (kolomtotaal, k) in aantallen else None))
    return onderdruk(aantallen, groepen, grens=grens)


TOTAAL = "totaal"


def onderdruk_lijst(
    aantallen: Sequence[int | None], *, totaal: int | None = None, grens: int | None = None
) -> Onderdrukking:
    """Convenience for a list of rows (e.g. per provider) under one published total: keys are the
    row indexes, and ``TOTAAL`` for the total row when its own count is given (then it can be
    hidden too, when no row is left to serve as complement)."""
    cellen: dict[Hashable, int | None] = dict(enumerate(aantallen))
    if totaal is not None:
        cellen[TOTAAL] = totaal
    groep = Groep.van(range(len(aantallen)), totaal=TOTAAL if totaal is not None else None)
    return onderdruk(cellen, [groep], grens=grens)
