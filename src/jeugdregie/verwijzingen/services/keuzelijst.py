"""The choice list of providers (R-S5): only providers contracted, and registered where
relevant, for what is referred. Used by the referral screens and the API alike.

Provider information while referring (R-K7): a later stage (beheersing) cannot be imported here
(STYLE.md §Layout), so the list asks an ``Aanbiederinfovraag`` (``common.domein.vraag``); who
answers is listed in ``jeugdregie/abonnementen.py`` (issue 16 §1). Each answer maps a provider id
to the lines to show next to that provider (``Aanbiederinfo``: label, text, and whether it is a
warning, such as a client stop, R-K6). ``aanbiederinfo`` merges them in the listed order.

Order (R-S4, R-S6): providers registered on what is referred first (they must accept a fitting
request, "ingeschreven betekent ook leveren"), then by the current waiting time of the category
the referral concerns, shortest first, providers without a current report last; then by name.
The waiting time never lifts an unregistered provider above a registered one. The category is
the product's; a referral without a product is a keuzebudget delivered through the function
groups (001 §4.4.1, as the acceptatieplicht reads it: ``toewijzingen.services.screenen``), so its
category is the one catalogue part of the function groups the budget's kind may use
(``budgetcategorie``). Without one determinable category no waiting time is shown or sorted on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product
from jeugdregie.common.domein import vraag
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.organisaties.models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving
from jeugdregie.organisaties.services import KORTSTE_WACHTTIJD_EERST, dekt_gemeente_q, met_wachttijd


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


def duurzaam_uitgesloten(jaar: int, regio_id: int | None) -> list[int]:
    """R-B2: the ids of the products a duurzaam keuzebudget beginning in ``jaar`` may not use in
    the region (R-R1: its keuzebudget year, else the catalogue's)."""
    rij = KeuzebudgetJaar.van(jaar, regio_id)
    return list(rij.duurzaam_uitgesloten.values_list("pk", flat=True)) if rij is not None else []


def budgetcategorie(*, soort: str | None, jaar: int, regio_id: int | None = None) -> str | None:
    """R-S6: the product category (catalogue part) of a keuzebudget referral without a product:
    the one part of the function groups (products of a tariff group) the budget's kind may use in
    ``jaar`` (duurzaam leaves out its exclusions, R-B2; no kind yet: herstel's, which excludes
    nothing). None when they span more than one part, or there are none."""
    groepen = Product.objects.filter(tariefgroep__isnull=False, actief=True)
    if soort == KeuzebudgetSoort.DUURZAAM:
        groepen = groepen.exclude(pk__in=duurzaam_uitgesloten(jaar, regio_id))
    delen = set(groepen.values_list("onderdeel", flat=True).distinct())
    return delen.pop() if len(delen) == 1 else None


def keuzelijst(
    *, datum: date, product: Product | None = None, budgetsoort: str | None = None, gemeente: Gemeente | None = None
) -> QuerySet[Aanbieder]:
    """Providers with a contract on ``datum`` that covers ``product`` (if given) — and, given
    ``gemeente``, that municipality (R-R3: regional, or local to it), annotated with
    ``ingeschreven``: registered on it, so obliged to accept a fitting request (R-S4), and with
    the current waiting time (R-S6, ``met_wachttijd``) of the category the referral concerns: the
    product's, or without a product that of a keuzebudget of kind ``budgetsoort``
    (``budgetcategorie``). Registered first, then shortest waiting time (no current report last),
    then by name (the module's docstring)."""
    bereik = dekt_gemeente_q(gemeente) if gemeente is not None else Q()
    contract = Contract.objects.filter(geldig_op_q(datum), aanbieder=OuterRef("pk"))
    if gemeente is not None:
        contract = contract.filter(dekt_gemeente_q(gemeente, ""))
    aanbieders = Aanbieder.objects.filter(Exists(contract))
    if product is None:
        categorie = budgetcategorie(
            soort=budgetsoort, jaar=datum.year, regio_id=gemeente.regio_id if gemeente is not None else None
        )
        lijst = met_wachttijd(aanbieders, datum=datum, productcategorie=categorie)
        return lijst.annotate(ingeschreven=Value(False)).order_by(*KORTSTE_WACHTTIJD_EERST, "naam")
    geldig = (geldig_op_q(datum), geldig_op_q(datum, "contract__"), bereik)
    dekt = ContractProduct.objects.filter(*geldig, contract__aanbieder=OuterRef("pk"), product=product)
    ingeschreven = Inschrijving.objects.filter(*geldig, contract__aanbieder=OuterRef("pk"), product=product)
    gedekt = met_wachttijd(aanbieders.filter(Exists(dekt)), datum=datum, productcategorie=product.onderdeel)
    return gedekt.annotate(ingeschreven=Exists(ingeschreven)).order_by(
        "-ingeschreven", *KORTSTE_WACHTTIJD_EERST, "naam"
    )
