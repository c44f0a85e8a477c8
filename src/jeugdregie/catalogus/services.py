"""Write-side of the catalog: the only place catalog state changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q

from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.periods import Periode, overlapt_q

from .constants import Foutcode
from .models import Product, Tarief


def product_met_code(code: str) -> Product:
    try:
        return Product.objects.get(code=code)
    except Product.DoesNotExist:
        raise DomainError(
            Foutcode.PRODUCT_ONBEKEND,
            f"Product {code!r} bestaat niet in de catalogus: kies een bestaande productcode.",
            field="product",
        ) from None


def controleer_tariefperiode(
    *, product: Product, begindatum: date, einddatum: date | None, bedrag, regio_id: int | None = None
) -> Decimal:
    """Check a new tariff without writing: valid amount and period, no overlap with another
    tariff of the same product and region (R-R1: a region's tariff lies over the catalogue's
    and may overlap that). Returns the amount."""
    if einddatum is not None and einddatum < begindatum:
        raise DomainError(
            Foutcode.PERIODE_ONGELDIG,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field="einddatum",
        )
    try:
        bedrag = euro(bedrag)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(
            Foutcode.TARIEF_ONGELDIG, f"Tarief {bedrag!r} is geen geldig bedrag.", field="bedrag"
        ) from None
    if bedrag < 0:
        raise DomainError(Foutcode.TARIEF_ONGELDIG, "Een tarief kan niet negatief zijn.", field="bedrag")
    overlap = (
        product.tarieven.filter(
            overlapt_q(Periode(begindatum, einddatum)), Q(regio_id=regio_id) if regio_id else Q(regio__isnull=True)
        )
        .order_by("begindatum")
        .first()
    )
    if overlap is not None:
        eind = f"{overlap.einddatum:%d-%m-%Y}" if overlap.einddatum else "onbepaalde tijd"
        raise DomainError(
            Foutcode.TARIEF_OVERLAP,
            f"Het tarief voor {product.code} overlapt met het bestaande tarief van "
            f"{overlap.begindatum:%d-%m-%Y} tot en met {eind}: sluit dat tarief eerst af of kies een "
            "begindatum erna.",
            field="begindatum",
        )
    return bedrag


@transaction.atomic
def registreer_tarief(
    *,
    product: Product,
    begindatum: date,
    einddatum: date | None,
    bedrag: Decimal | str,
    illustratief: bool = False,
    door=None,
    regio_id: int | None = None,
) -> Tarief:
    """Add a tariff for an inclusive period, of the catalogue or (``regio_id``, R-R1) of one
    region. Overlapping periods for the product in the same scope are refused.

    The product row is locked first so two concurrent registrations cannot both pass the
    overlap check.
    """
    Product.objects.select_for_update().filter(pk=product.pk).first()
    bedrag = controleer_tariefperiode(
        product=product, begindatum=begindatum, einddatum=einddatum, bedrag=bedrag, regio_id=regio_id
    )
    return Tarief.objects.create(
        product=product,
        regio_id=regio_id,
        begindatum=begindatum,
        einddatum=einddatum,
        bedrag=bedrag,
        illustratief=illustratief,
    )


def geldig_tarief(*, product: Product, dag: date, regio_id: int | None = None) -> Tarief:
    """R-R1: the tariff of ``product`` on ``dag`` in the region (its own, else the catalogue's)."""
    tarief = product.tarief_op(dag, regio_id)
    if tarief is None:
        raise DomainError(
            Foutcode.GEEN_TARIEF, f"Er is geen tarief voor {product.code} geldig op {dag:%d-%m-%Y}.", field="product"
        )
    return tarief
