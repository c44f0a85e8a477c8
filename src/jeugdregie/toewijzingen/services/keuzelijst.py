"""The choice list of providers (R-S5): only providers contracted, and registered where
relevant, for what is referred. Used by the referral screens and the API alike.

Provider information while referring (R-K7): a later stage (beheersing) cannot be imported here
(STYLE.md §Layout), so it appends a callable to ``AANBIEDERINFO`` in its ``AppConfig.ready()``.
Each callable takes the providers of a list and the day of the list and returns, per provider id,
the lines to show next to that provider (``Aanbiederinfo``: label, text, and whether it is a
warning, such as a client stop, R-K6). ``aanbiederinfo`` merges them in registration order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Value

from jeugdregie.catalogus.models import Product
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Inschrijving


@dataclass(frozen=True)
class Aanbiederinfo:
    """One line of provider information in the choice list (R-K7)."""

    label: str
    tekst: str
    waarschuwing: bool = False

    def __str__(self) -> str:
        return f"{self.label}: {self.tekst}"


AANBIEDERINFO: list[Callable[[Sequence[Aanbieder], date], Mapping[int, list[Aanbiederinfo]]]] = []


def aanbiederinfo(aanbieders: Sequence[Aanbieder], *, datum: date) -> dict[int, list[Aanbiederinfo]]:
    """R-K7: the registered information per provider id (empty lists when nothing is registered)."""
    aanbieders = list(aanbieders)
    info: dict[int, list[Aanbiederinfo]] = {a.pk: [] for a in aanbieders}
    if not aanbieders:
        return info
    for bron in AANBIEDERINFO:
        for pk, regels in bron(aanbieders, datum).items():
            info.setdefault(pk, []).extend(regels)
    return info


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
