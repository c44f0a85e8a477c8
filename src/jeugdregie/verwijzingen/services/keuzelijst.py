"""The choice list of providers (R-S5): only providers contracted, and registered where
relevant, for what is referred. Used by the referral screens and the API alike.

Provider information while referring (R-K7): a later stage (beheersing) cannot be imported here
(STYLE.md §Layout), so the list asks an ``Aanbiederinfovraag`` (``common.domein.vraag``); who
answers is listed in ``jeugdregie/abonnementen.py`` (issue 16 §1). Each answer maps a provider id
to the lines to show next to that provider (``Aanbiederinfo``: label, text, and whether it is a
warning, such as a client stop, R-K6). ``aanbiederinfo`` merges them in the listed order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Value

from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import vraag
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Inschrijving
from jeugdregie.organisaties.services import KORTSTE_WACHTTIJD_EERST, met_wachttijd


@dataclass(frozen=True)
class Aanbiederinfo:
    """One line of provider information in the choice list (R-K7)."""

    label: str
    tekst: str
    waarschuwing: bool = False

    def __str__(self) -> str:
        return f"{self.label}: {self.tekst}"


@dataclass(frozen=True)
class Aanbiederinfovraag:
    """The question to the later stages: information for these providers on this day (R-K7)."""

    aanbieders: tuple[Aanbieder, ...]
    datum: date


def aanbiederinfo(aanbieders: Sequence[Aanbieder], *, datum: date) -> dict[int, list[Aanbiederinfo]]:
    """R-K7: the answered information per provider id (empty lists when nobody answers)."""
    aanbieders = list(aanbieders)
    info: dict[int, list[Aanbiederinfo]] = {a.pk: [] for a in aanbieders}
    if not aanbieders:
        return info
    antwoorden: list[Mapping[int, list[Aanbiederinfo]]] = vraag(Aanbiederinfovraag(tuple(aanbieders), datum))
    for antwoord in antwoorden:
        for pk, regels in antwoord.items():
            info.setdefault(pk, []).extend(regels)
    return info


def keuzelijst(*, datum: date, product: Product | None = None) -> QuerySet[Aanbieder]:
    """Providers with a contract on ``datum`` that covers ``product`` (if given), annotated with
    ``ingeschreven``: registered on it, so obliged to accept a fitting request (R-S4), and with
    the current waiting time for the product's category (R-S6, ``met_wachttijd``; without a
    product the shortest of any category). Shortest waiting time first, providers without a
    current report last; then registered ones first, then by name."""
    contract = Contract.objects.filter(geldig_op_q(datum), aanbieder=OuterRef("pk"))
    aanbieders = Aanbieder.objects.filter(Exists(contract))
    if product is None:
        lijst = met_wachttijd(aanbieders, datum=datum)
        return lijst.annotate(ingeschreven=Value(False)).order_by(*KORTSTE_WACHTTIJD_EERST, "naam")
    dekt = ContractProduct.objects.filter(
        geldig_op_q(datum), geldig_op_q(datum, "contract__"), contract__aanbieder=OuterRef("pk"), product=product
    )
    ingeschreven = Inschrijving.objects.filter(
        geldig_op_q(datum), geldig_op_q(datum, "contract__"), contract__aanbieder=OuterRef("pk"), product=product
    )
    gedekt = met_wachttijd(aanbieders.filter(Exists(dekt)), datum=datum, productcategorie=product.onderdeel)
    return gedekt.annotate(ingeschreven=Exists(ingeschreven)).order_by(
        *KORTSTE_WACHTTIJD_EERST, "-ingeschreven", "naam"
    )
