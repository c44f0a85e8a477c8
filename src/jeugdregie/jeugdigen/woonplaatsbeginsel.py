"""The woonplaatsbeginsel (R-D3, Jeugdwet 1.1 since 1-1-2022): which municipality is responsible
for a young person on a day. Implemented once, here; every service that picks the municipality of
a referral, allocation, deployment or answer asks ``verantwoordelijke_gemeente``.

- Without verblijf: the municipality of the BRP address (``Woonplaats``) on that day.
- During care with verblijf (a stay: a Wonen/Verblijf allocation or a crisis bed, R-W7, as
  ``toewijzingen.verblijf`` decides), and for every other care the young person receives
  meanwhile: the municipality of the address **immediately before the stay**, i.e. on the day
  before it began. Stays that overlap or follow each other without a free day form one stay
  (a change of intensity, a move from a leefgroep to a gezinshuis): the address before the
  first of them counts, whatever the BRP says during the stay.
- A young person with no address before the stay (placed from birth): the address on the first
  day of the stay.

Stays belong to a later stage (the allocations); this module asks for them through
``Verblijfvraag`` (answered as listed in ``jeugdregie/abonnementen.py``) and never imports them.
``bepaal`` is the pure rule on plain periods; it is what the property test exercises."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.domein import vraag

EEN_DAG = timedelta(days=1)


class Grond(models.TextChoices):
    """Why this municipality: the address that decided it."""

    WOONADRES = "woonadres", _("Woonadres (BRP) op de dag zelf")
    VOOR_VERBLIJF = "voor_verblijf", _("Woonadres direct voor het verblijf")
    BEGIN_VERBLIJF = "begin_verblijf", _("Woonadres bij het begin van het verblijf (geen adres daarvoor)")
    ONBEKEND = "onbekend", _("Geen woonadres bekend")


@dataclass(frozen=True)
class Bewoning:
    """One row of the residence history: a municipality over an inclusive period."""

    gemeente_id: int
    begindatum: date
    einddatum: date | None = None

    def bevat(self, dag: date) -> bool:
        return self.begindatum <= dag and (self.einddatum is None or dag <= self.einddatum)


@dataclass(frozen=True)
class Verblijf:
    """A stay (care with verblijf) over an inclusive period."""

    begindatum: date
    einddatum: date


@dataclass(frozen=True)
class Uitkomst:
    """The responsible municipality (``None`` when no address is known), on what ground, the day
    whose address decided it (``peildatum``) and the first day of the stay when one counted."""

    gemeente_id: int | None
    grond: Grond
    peildatum: date
    verblijf_sinds: date | None = None

    @property
    def met_verblijf(self) -> bool:
        return self.verblijf_sinds is not None


@dataclass(frozen=True)
class Verblijfvraag:
    """R-D3: the stays (care with verblijf, not withdrawn) of one young person, asked of the
    allocations; each answer is a list of ``Verblijf``."""

    jeugdige_id: int


@dataclass(frozen=True)
class Verblijfsgemeentevraag:
    """R-D3: the young people for whom ``gemeente_id`` is responsible through a stay that runs on
    ``op`` although their BRP address lies elsewhere; answered as a ``jeugdige_id`` value queryset
    (evaluated as a subquery by ``JeugdigeQuerySet.voor_gebruiker``)."""

    gemeente_id: int
    op: date


def gemeente_op(woonplaatsen: Iterable[Bewoning], dag: date) -> int | None:
    return next((w.gemeente_id for w in woonplaatsen if w.bevat(dag)), None)


def begin_van_verblijf(verblijven: Iterable[Verblijf], dag: date) -> date | None:
    """The first day of the (merged) stay that holds ``dag``, or None when it holds no stay.
    Overlapping stays and stays that follow without a free day are one stay."""
    begin: date | None = None
    einde: date | None = None
    for v in sorted(verblijven, key=lambda v: (v.begindatum, v.einddatum)):
        if einde is not None and v.begindatum <= einde + EEN_DAG:
            einde = max(einde, v.einddatum)
        else:
            if begin is not None and einde is not None and begin <= dag <= einde:
                return begin
            begin, einde = v.begindatum, v.einddatum
    if begin is not None and einde is not None and begin <= dag <= einde:
        return begin
    return None


def bepaal(
    woonplaatsen: Sequence[Bewoning], verblijven: Sequence[Verblijf], op: date, *, nieuw_verblijf: bool = False
) -> Uitkomst:
    """R-D3: the responsible municipality on ``op``. ``nieuw_verblijf``: the question is for a
    stay that begins on ``op`` (a new Wonen/Verblijf allocation) and is not yet recorded."""
    if nieuw_verblijf:
        verblijven = [*verblijven, Verblijf(op, op)]
    sinds = begin_van_verblijf(verblijven, op)
    if sinds is None:
        gemeente = gemeente_op(woonplaatsen, op)
        return Uitkomst(gemeente, Grond.WOONADRES if gemeente else Grond.ONBEKEND, op)
    ervoor = gemeente_op(woonplaatsen, sinds - EEN_DAG)
    if ervoor is not None:
        return Uitkomst(ervoor, Grond.VOOR_VERBLIJF, sinds - EEN_DAG, sinds)
    bij_begin = gemeente_op(woonplaatsen, sinds)
    return Uitkomst(bij_begin, Grond.BEGIN_VERBLIJF if bij_begin else Grond.ONBEKEND, sinds, sinds)


def bewoningen(jeugdige) -> list[Bewoning]:
    return [
        Bewoning(w.gemeente_id, w.begindatum, w.einddatum)
        for w in jeugdige.woonplaatsen.order_by("begindatum").only("gemeente_id", "begindatum", "einddatum")
    ]


def verblijven(jeugdige_id: int) -> list[Verblijf]:
    return [v for antwoord in vraag(Verblijfvraag(jeugdige_id=jeugdige_id)) for v in antwoord]


def verantwoordelijke_gemeente(jeugdige, op: date, *, nieuw_verblijf: bool = False) -> Uitkomst:
    """R-D3 for a registered young person: its residence history and its recorded stays."""
    return bepaal(bewoningen(jeugdige), verblijven(jeugdige.pk), op, nieuw_verblijf=nieuw_verblijf)
