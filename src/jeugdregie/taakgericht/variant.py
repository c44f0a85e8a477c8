"""The funding variant of (municipality, product, day) — the one place it is decided (R-R2, iJw
OP261): task-based (``taakgericht``) when a running assignment covers that municipality and that
product on that day, else the product's own ``bekostiging`` from the catalogue. Every rule that
depends on the variant reads it here: the declaration line check (``declaraties``) through the
periods it loads once per intake (``opdrachtperioden``: two queries, then memory, benchmark W2),
everything else through ``bekostigingsvariant``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from jeugdregie.catalogus.constants import Bekostiging
from jeugdregie.catalogus.models import Product
from jeugdregie.common.vaste_query import VasteQuery
from jeugdregie.organisaties.models import Gemeente

from .models import TaakgerichteOpdracht


@dataclass(frozen=True, slots=True)
class Opdrachtperiode:
    """An assignment's running period (inclusive; ``einddatum`` None = open) and its name."""

    opdracht_id: int
    naam: str
    begindatum: date
    einddatum: date | None

    def bevat(self, dag: date) -> bool:
        return self.begindatum <= dag and (self.einddatum is None or dag <= self.einddatum)


#: Per (gemeente id, product id): the periods of the assignments that cover that pair.
Opdrachtperioden = dict[tuple[int, int], tuple[Opdrachtperiode, ...]]


# Compiled once (``common.vaste_query``): the declaration intake asks it per declaration (W2).
_KOPPELINGEN = VasteQuery(
    lambda gemeente_ids: TaakgerichteOpdracht.gemeenten.through.objects.filter(
        gemeente_id__any=gemeente_ids
    ).values_list("taakgerichteopdracht_id", "gemeente_id")
)


def opdrachtperioden(*, gemeente_ids: Iterable[int], product_ids: Iterable[int]) -> Opdrachtperioden:
    """The assignments covering any of these municipalities and products, in two queries."""
    gemeente_ids, product_ids = set(gemeente_ids), set(product_ids)
    if not gemeente_ids or not product_ids:
        return {}
    ProductKoppeling = TaakgerichteOpdracht.producten.through
    gemeenten: dict[int, set[int]] = defaultdict(set)
    for opdracht_id, gemeente_id in _KOPPELINGEN(sorted(gemeente_ids)):
        gemeenten[opdracht_id].add(gemeente_id)
    if not gemeenten:
        return {}
    perioden = {
        pk: Opdrachtperiode(pk, naam, begin, einde)
        for pk, naam, begin, einde in TaakgerichteOpdracht.objects.filter(pk__in=gemeenten).values_list(
            "pk", "naam", "begindatum", "einddatum"
        )
    }
    uitkomst: dict[tuple[int, int], list[Opdrachtperiode]] = defaultdict(list)
    for opdracht_id, product_id in ProductKoppeling.objects.filter(
        taakgerichteopdracht_id__in=gemeenten, product_id__in=product_ids
    ).values_list("taakgerichteopdracht_id", "product_id"):
        for gemeente_id in gemeenten[opdracht_id]:
            uitkomst[(gemeente_id, product_id)].append(perioden[opdracht_id])
    return {
        sleutel: tuple(sorted(lijst, key=lambda p: (p.begindatum, p.opdracht_id)))
        for sleutel, lijst in uitkomst.items()
    }


def opdracht_op(perioden: Opdrachtperioden, gemeente_id: int, product_id: int, dag: date) -> Opdrachtperiode | None:
    """The assignment covering (municipality, product) on ``dag``, if any."""
    return next((p for p in perioden.get((gemeente_id, product_id), ()) if p.bevat(dag)), None)


def eerste_taakgerichte_dag(
    perioden: Opdrachtperioden, gemeente_id: int, product_id: int, van: date, tot: date
) -> tuple[date, Opdrachtperiode] | None:
    """The first day of ``van``–``tot`` (inclusive) on which (municipality, product) is task-based,
    with the assignment that makes it so; ``None`` when no day is."""
    gevonden = [
        (max(van, p.begindatum), p)
        for p in perioden.get((gemeente_id, product_id), ())
        if p.begindatum <= tot and (p.einddatum is None or p.einddatum >= van)
    ]
    return min(gevonden, key=lambda t: (t[0], t[1].opdracht_id)) if gevonden else None


@dataclass(frozen=True, slots=True)
class Stuk:
    """A stretch of days without a task-based day; ``na`` is the assignment that ended the day
    before it begins, ``voor`` the one that begins the day after it ends (when they set it)."""

    begindatum: date
    einddatum: date
    na: Opdrachtperiode | None = None
    voor: Opdrachtperiode | None = None


def niet_taakgericht_stuk(
    perioden: Opdrachtperioden, gemeente_id: int, product_id: int, van: date, tot: date, dag: date
) -> Stuk:
    """R-R2 with R-B8: the longest stretch of ``van``–``tot`` around ``dag`` (a day that is not
    task-based) on which (municipality, product) is not task-based: it begins the day after an
    assignment ends within it, and ends the day before one begins. The whole-month rule (TR387/
    TR388, ``declaraties.services.regelcontrole._hele_maand``) takes its ends as a line's."""
    stuk = Stuk(van, tot)
    for p in perioden.get((gemeente_id, product_id), ()):
        if p.einddatum is not None and stuk.begindatum <= p.einddatum < dag:
            stuk = Stuk(p.einddatum + timedelta(days=1), stuk.einddatum, p, stuk.voor)
        if dag < p.begindatum <= stuk.einddatum:
            stuk = Stuk(stuk.begindatum, p.begindatum - timedelta(days=1), stuk.na, p)
    return stuk


def variant_op(perioden: Opdrachtperioden, gemeente_id: int, product: Product, dag: date) -> Bekostiging:
    if opdracht_op(perioden, gemeente_id, product.pk, dag) is not None:
        return Bekostiging.TAAKGERICHT
    return Bekostiging(product.bekostiging)


def bekostigingsvariant(gemeente: Gemeente, product: Product, dag: date) -> Bekostiging:
    """R-R2, OP261: how care of ``product`` for a child of ``gemeente`` is funded on ``dag``."""
    perioden = opdrachtperioden(gemeente_ids=[gemeente.pk], product_ids=[product.pk])
    return variant_op(perioden, gemeente.pk, product, dag)
