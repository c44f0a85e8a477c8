"""The choice list of providers (R-S5): only providers contracted, and registered where
relevant, for what is referred. Used by the referral screens and the API alike."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Value

from jeugdregie.catalogus.models import Product
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Inschrijving


def keuzelijst(*, datum: date, product: Product | None = None) -> QuerySet[Aanbieder]:
    """Providers with a contract on ``datum`` that covers ``product`` (if given), annotated with
    ``ingeschreven``: registered on it, so obliged to accept a fitting request (R-S4)."""
    contract = Contract.objects.filter(geldig_op_q(datum), aanbieder=OuterRef("pk"))
    aanbieders = Aanbieder.objects.filter(Exists(contract))
    if product is None:
        return aanbieders.annotate(ingeschreven=Value(False)).order_by("naam")
    dekt = ContractProduct.objects.filter(
        geldig_op_q(datum), geldig_op_q(datum, "contract__"), contract__aanbieder=OuterRef("pk"), product=product
    )
    ingeschreven = Inschrijving.objects.filter(
        geldig_op_q(datum), geldig_op_q(datum, "contract__"), contract__aanbieder=OuterRef("pk"), product=product
    )
    return aanbieders.filter(Exists(dekt)).annotate(ingeschreven=Exists(ingeschreven)).order_by("-ingeschreven", "naam")
