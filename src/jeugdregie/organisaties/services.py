"""Write-side of the organisations app: the only place organisation state changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import Periode, geldig_op_q

from .constants import VERWIJZERS_ZONDER_AGB, AanbiederCategorie, Foutcode, VerwijzerType
from .models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio, Verwijzer
from .validators import controleer_agb_code, controleer_cbs_code, controleer_declaratietermijn


def _periode(begindatum: date, einddatum: date | None) -> Periode:
    try:
        return Periode(begindatum, einddatum)
    except ValueError:
        raise DomainError(
            Foutcode.PERIODE_ONGELDIG,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field="einddatum",
        ) from None


@transaction.atomic
def registreer_gemeente(
    *, regio: Regio, cbs_code: str, naam: str, inwoners: int, jeugdigen: int, door=None
) -> Gemeente:
    controleer_cbs_code(cbs_code)
    if jeugdigen > inwoners:
        raise DomainError(
            Foutcode.CBS_CODE_ONGELDIG,
            "Het aantal jeugdigen kan niet groter zijn dan het aantal inwoners.",
            field="jeugdigen",
        )
    return Gemeente.objects.create(regio=regio, cbs_code=cbs_code, naam=naam, inwoners=inwoners, jeugdigen=jeugdigen)


@transaction.atomic
def stel_declaratietermijn_in(*, regio: Regio, dagen: int, door=None) -> Regio:
    """R-B7: the region's declaration window; shorter than the iJw minimum is refused, nothing saved."""
    controleer_declaratietermijn(dagen)
    Regio.objects.filter(pk=regio.pk).update(declaratietermijn_dagen=dagen)
    regio.declaratietermijn_dagen = dagen
    return regio


@transaction.atomic
def registreer_aanbieder(
    *, regio: Regio, agb_code: str, naam: str, categorie: AanbiederCategorie, door=None
) -> Aanbieder:
    controleer_agb_code(agb_code)
    return Aanbieder.objects.create(regio=regio, agb_code=agb_code, naam=naam, categorie=categorie)


@transaction.atomic
def registreer_verwijzer(*, regio: Regio, type: VerwijzerType, naam: str, agb_code: str = "", door=None) -> Verwijzer:
    if type not in VERWIJZERS_ZONDER_AGB or agb_code:
        controleer_agb_code(agb_code)
    return Verwijzer.objects.create(regio=regio, type=type, naam=naam, agb_code=agb_code)


def _producten(codes: Iterable[str]) -> list[Product]:
    codes = list(dict.fromkeys(codes))
    gevonden = {p.code: p for p in Product.objects.filter(code__in=codes)}
    onbekend = [code for code in codes if code not in gevonden]
    if onbekend:
        raise DomainError(
            Foutcode.PRODUCT_ONBEKEND,
            f"Onbekend product {', '.join(onbekend)}: een contract kan alleen producten uit de catalogus "
            "bevatten. Controleer de productcode.",
            field="producten",
        )
    return [gevonden[code] for code in codes]


def _inschrijfbaar(product: Product) -> bool:
    """R-S4: registrations exist for Wonen intensities and tariff groups only."""
    return product.onderdeel == Onderdeel.WONEN_VERBLIJF or product.tariefgroep_id is not None


@transaction.atomic
def registreer_contract(
    *,
    aanbieder: Aanbieder,
    nummer: str,
    begindatum: date,
    einddatum: date | None,
    productcodes: Iterable[str],
    inschrijvingen: Iterable[str] = (),
    door=None,
) -> Contract:
    """A contract with the products the provider may deliver and its registrations (R-S4).

    Registrations must be on contracted Wonen intensities or tariff groups. Everything is
    checked before anything is written.
    """
    periode = _periode(begindatum, einddatum)
    producten = _producten(productcodes)
    ingeschreven = _producten(inschrijvingen)
    for product in ingeschreven:
        if not _inschrijfbaar(product):
            raise DomainError(
                Foutcode.INSCHRIJVING_ONGELDIG,
                f"Inschrijving op {product.code} kan niet: inschrijven kan alleen op een woonintensiteit of een "
                "tariefgroep.",
                field="inschrijvingen",
            )
        if product not in producten:
            raise DomainError(
                Foutcode.INSCHRIJVING_ONGELDIG,
                f"Inschrijving op {product.code} vereist dat het product ook gecontracteerd is.",
                field="inschrijvingen",
            )
    contract = Contract.objects.create(
        aanbieder=aanbieder,
        regio=aanbieder.regio,
        nummer=nummer,
        begindatum=periode.begindatum,
        einddatum=periode.einddatum,
    )
    ContractProduct.objects.bulk_create(
        ContractProduct(contract=contract, product=p, begindatum=begindatum, einddatum=einddatum) for p in producten
    )
    Inschrijving.objects.bulk_create(
        Inschrijving(contract=contract, product=p, begindatum=begindatum, einddatum=einddatum) for p in ingeschreven
    )
    return contract


def is_ingeschreven(*, aanbieder: Aanbieder, product: Product, dag: date) -> bool:
    """Whether the provider is registered on this intensity or tariff group on ``dag`` (R-S4)."""
    return Inschrijving.objects.filter(
        geldig_op_q(dag), geldig_op_q(dag, "contract__"), contract__aanbieder=aanbieder, product=product
    ).exists()


def ingeschreven_functiegroep(*, aanbieder: Aanbieder, dag: date, behalve: Iterable[int] = ()) -> Product | None:
    """R-S4: a function group (the product of a tariff group) the provider is registered on on
    ``dag``, the lowest group first, leaving out the product ids ``behalve``; None when there is
    none. A keuzebudget referral without an indicated tariff group is delivered through the
    function groups ("de functie ... is leidend", 001 §4.4.1), so such a registration obliges the
    provider to accept it."""
    ingeschreven = Inschrijving.objects.filter(
        geldig_op_q(dag), geldig_op_q(dag, "contract__"), contract__aanbieder=aanbieder
    ).filter(product__tariefgroep__isnull=False)
    ingeschreven = ingeschreven.exclude(product_id__in=list(behalve))
    return (
        Product.objects.filter(pk__in=ingeschreven.values("product_id")).order_by("tariefgroep__nummer", "code").first()
    )


def vereist_inschrijving(product: Product) -> bool:
    """R-B8: an intensity or a tariff group is paid only to a provider registered on it (R-S4);
    any other product needs the contract alone (R-T2)."""
    return _inschrijfbaar(product)


#: Per (provider id, product id): the inclusive periods (``einddatum`` None: open) in which it holds.
Perioden = dict[tuple[int, int], list[tuple[date, date | None]]]


def _binnen_contract(rijen) -> Perioden:
    """Each row's period clipped to its contract's (a line holds only while its contract does)."""
    perioden: Perioden = {}
    for aanbieder_id, product_id, begin, einde, contract_begin, contract_einde in rijen:
        van = max(begin, contract_begin)
        tot = min((d for d in (einde, contract_einde) if d is not None), default=None)
        if tot is None or van <= tot:
            perioden.setdefault((aanbieder_id, product_id), []).append((van, tot))
    for reeks in perioden.values():
        reeks.sort()
    return perioden


_VELDEN = (
    "contract__aanbieder_id",
    "product_id",
    "begindatum",
    "einddatum",
    "contract__begindatum",
    "contract__einddatum",
)


def contractperioden(*, aanbieder_ids: Iterable[int], product_ids: Iterable[int]) -> Perioden:
    """R-T2: when each provider is contracted for each product, in one query for all of them
    (the declaration intake checks its lines against it in memory, benchmark W2)."""
    rijen = ContractProduct.objects.filter(
        contract__aanbieder_id__in=list(aanbieder_ids), product_id__in=list(product_ids)
    ).values_list(*_VELDEN)
    return _binnen_contract(rijen)


def inschrijfperioden(*, aanbieder_ids: Iterable[int], product_ids: Iterable[int]) -> Perioden:
    """R-S4/R-B8: when each provider is registered on each intensity or tariff group, in one query."""
    rijen = Inschrijving.objects.filter(
        contract__aanbieder_id__in=list(aanbieder_ids), product_id__in=list(product_ids)
    ).values_list(*_VELDEN)
    return _binnen_contract(rijen)


def eerste_dag_zonder(perioden: Iterable[tuple[date, date | None]], begindatum: date, einddatum: date) -> date | None:
    """The first day of the inclusive period ``begindatum``–``einddatum`` that none of the
    ``perioden`` (sorted by begin) covers, or None when they cover every day."""
    dag = begindatum
    for van, tot in perioden:
        if van > dag:
            break
        if tot is None or tot >= einddatum:
            return None
        dag = max(dag, tot + timedelta(days=1))
    return dag
