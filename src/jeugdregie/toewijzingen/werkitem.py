"""The shape of a worklist and of its items (issue 19 §1): every list on the home page and on its
full page (``portaal``) shows, per item, the child (initials and age, as the user may see it),
the other party, what is due, since when, the due date where a rule gives one, and whether it is
overdue. Each app's ``werkvoorraad`` module builds its lists with a converter from its domain
rows to ``Werkitem``; the rows stay available (``Werkvoorraad.items``) for the services and tests
that work on them.

A list's ``bron`` is a queryset (counted with ``.count()``, sliced for the card) or a list built
in Python; either is already in worklist order: overdue first, then the earliest due date or the
oldest item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.db.models import QuerySet

from jeugdregie.common.periods import leeftijd_op
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen

#: How many items a home-page card shows; the rest is on the list's own page.
OP_KAART = 8


def initialen(jeugdige) -> str:
    """``Zara de Vries`` -> ``Z.d.V.``: enough to recognise the child on a worklist without its
    full name on the screen."""
    voorletters = "".join(f"{deel[0].upper()}." for deel in jeugdige.voornamen.split() if deel)
    delen = jeugdige.achternaam.split()
    achter = "".join(f"{deel[0].upper() if i == len(delen) - 1 else deel[0].lower()}." for i, deel in enumerate(delen))
    return voorletters + achter


@dataclass
class Werkitem:
    """One item of a worklist. ``soort`` and ``pk`` make the stable key (``sleutel``) that an
    assignment or note hangs on; ``jeugdige`` is the register entry the item is about (None when
    the item carries none, or the user may not see the link, e.g. the crisisdienst's own report).
    ``jeugdige_weergave`` and ``leeftijd`` are filled by ``benoem`` as the user may see them."""

    soort: str
    pk: int
    url: str
    onderwerp: str
    jeugdige: Any = None
    andere_partij: str = ""
    sinds: date | None = None
    uiterlijk: date | None = None
    verstreken: bool = False
    jeugdige_weergave: str = ""
    leeftijd: int | None = None
    bron: Any = None
    toewijzing: Any = None  # the assignment and note (``portaal``), set by the page that shows it

    @property
    def sleutel(self) -> str:
        return f"{self.soort}:{self.pk}"

    def get_absolute_url(self) -> str:
        return self.url

    def __str__(self) -> str:
        return self.onderwerp


def benoem(gebruiker, items: Sequence[Werkitem], *, op: date) -> None:
    """R-P4: name each item's child as ``gebruiker`` may see it: initials and age when it may read
    the register entry, otherwise only the masked BSN and no age (one query for the batch)."""
    leesbaar = leesbare_jeugdigen(gebruiker, {i.jeugdige.pk for i in items if i.jeugdige is not None})
    for item in items:
        kind = item.jeugdige
        if kind is None:
            continue
        if kind.pk in leesbaar:
            item.jeugdige_weergave = initialen(kind)
            item.leeftijd = leeftijd_op(kind.geboortedatum, op)
        else:
            item.jeugdige_weergave = f"BSN {kind.bsn_gemaskeerd}"
            item.leeftijd = None


def op_volgorde(items: list[Werkitem]) -> list[Werkitem]:
    """Overdue first, then the earliest due date (items without one after those with), then the
    oldest; stable on the key."""
    return sorted(
        items,
        key=lambda i: (not i.verstreken, i.uiterlijk or date.max, i.sinds or date.max, i.soort, i.pk),
    )


@dataclass
class Werkvoorraad:
    """A worklist: a stable ``slug`` (the URL of its full page), a title, an optional explanation,
    all its rows (``bron``, in worklist order) and the converter of a row into a ``Werkitem``.
    ``op`` is the day its due dates are reckoned on."""

    titel: str
    bron: QuerySet | list
    toelichting: str = ""
    slug: str = ""
    item: Callable[[Any], Werkitem] | None = None
    op: date | None = None

    @cached_property
    def aantal(self) -> int:
        """The true number of items, not capped by what a card or page shows."""
        return self.bron.count() if isinstance(self.bron, QuerySet) else len(self.bron)

    @property
    def items(self) -> list:
        """The domain rows of the list (every one)."""
        return list(self.bron)

    def werkitems(self, gebruiker, *, limiet: int | None = None) -> list[Werkitem]:
        """The first ``limiet`` items (all without), named for ``gebruiker`` (``benoem``)."""
        if self.item is None:
            return []
        if isinstance(self.bron, QuerySet):  # the database's order is the worklist's
            items = [self.item(rij) for rij in (self.bron[:limiet] if limiet is not None else self.bron)]
        else:  # built in Python: every row is in memory already
            items = op_volgorde([self.item(rij) for rij in self.bron])[:limiet]
        benoem(gebruiker, items, op=self.op or vandaag())
        return items

    def bevat(self, soort: str, pk: int) -> bool:
        """Whether the item ``soort:pk`` is on this list (the scope check of an assignment)."""
        if self.item is None:
            return False
        if isinstance(self.bron, QuerySet):
            return soort == self.bron.model._meta.model_name and self.bron.filter(pk=pk).exists()
        return any((i.soort, i.pk) == (soort, pk) for i in map(self.item, self.bron))

    @property
    def meer_dan_kaart(self) -> bool:
        return self.aantal > OP_KAART
