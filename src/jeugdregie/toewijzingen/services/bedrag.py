"""The amount an allocation commits (R-B7): the keuzebudget; for Wonen/Verblijf the tariff of
the intensity × the etmalen of the period (each day at the tariff valid that day); for
crisisopvolging the allocated volume × the highest tariff of its product in the period (a
ceiling that never refuses a line the tariffs allow)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q

from jeugdregie.catalogus.constants import Eenheid
from jeugdregie.catalogus.models import Product, Tarief, tariefreeks
from jeugdregie.common.money import euro
from jeugdregie.toewijzingen.constants import ToewijzingSoort

NUL = Decimal("0.00")


#: A product's tariffs as (begindatum, einddatum or None, bedrag), in order of begindatum.
Tarieven = list[tuple[date, date | None, Decimal]]


def tarieven_van(product_id: int, regio_id: int | None) -> Tarieven:
    """R-R1: the tariffs of a product that hold in the region (its own over the catalogue's)."""
    rijen = Tarief.objects.filter(Q(regio__isnull=True) | Q(regio_id=regio_id), product_id=product_id).values_list(
        "regio_id", "begindatum", "einddatum", "bedrag"
    )
    return tariefreeks(list(rijen), regio_id)


def etmalen_bedrag(
    product: Product, begin: date, einde: date, tarieven: Tarieven | None = None, *, regio_id: int | None
) -> Decimal:
    """Σ over the days of [begin, einde] (inclusive) of the tariff valid on that day in the region."""
    totaal = NUL
    for van_t, tot_t, bedrag in tarieven if tarieven is not None else tarieven_van(product.pk, regio_id):
        van, tot = max(begin, van_t), min(einde, tot_t or einde)
        if tot >= van:
            totaal += bedrag * ((tot - van).days + 1)
    return euro(totaal)


def volume_bedrag(
    product: Product,
    volume: Decimal,
    begin: date,
    einde: date,
    tarieven: Tarieven | None = None,
    *,
    regio_id: int | None,
) -> Decimal:
    """The allocated volume × the highest tariff valid in [begin, einde] in the region."""
    geldig = [
        bedrag
        for van_t, tot_t, bedrag in (tarieven if tarieven is not None else tarieven_van(product.pk, regio_id))
        if van_t <= einde and (tot_t is None or tot_t >= begin)
    ]
    return euro(max(geldig, default=NUL) * volume)


def bedrag_van(
    *,
    keuzebudget_bedrag: Decimal | None,
    soort: str,
    product: Product | None,
    volume: Decimal | None,
    begin: date,
    einde: date,
    tarieven: Tarieven | None = None,
    regio_id: int | None,
) -> Decimal:
    """What the toegang allocated, in euro (R-B7), from the allocation's values; tariffs of the
    allocation's region (R-R1)."""
    if keuzebudget_bedrag is not None:
        return euro(keuzebudget_bedrag)
    if product is None:
        return NUL
    if volume is not None:
        return volume_bedrag(product, volume, begin, einde, tarieven, regio_id=regio_id)
    if soort == ToewijzingSoort.WONEN_VERBLIJF or product.eenheid == Eenheid.ETMAAL:
        return etmalen_bedrag(product, begin, einde, tarieven, regio_id=regio_id)
    return NUL


def toegewezen_bedrag(toewijzing) -> Decimal:
    """What the toegang allocated, in euro (R-B7)."""
    return bedrag_van(
        keuzebudget_bedrag=toewijzing.keuzebudget.bedrag if toewijzing.keuzebudget_id else None,
        soort=toewijzing.soort,
        product=toewijzing.product,
        volume=toewijzing.volume,
        begin=toewijzing.begindatum,
        einde=toewijzing.einddatum,
        regio_id=toewijzing.gemeente.regio_id,
    )
