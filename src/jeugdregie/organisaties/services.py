"""Write-side of the organisations app: the only place organisation state changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from django.db import transaction
from django.db.models import DateField, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import TruncMonth

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import Periode, geldig_op_q
from jeugdregie.common.tijd import vandaag
from jeugdregie.common.vaste_query import VasteQuery

from . import regelset
from .categorieen import controleer_categorie
from .constants import VERWIJZERS_ZONDER_AGB, Foutcode, VerwijzerType
from .gebeurtenissen import ContractGewijzigd
from .inkoop import controleer_inkoopniveau
from .models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio, Verwijzer, Wachttijdmelding
from .policies import mag_wachttijd_melden
from .regelset import Tijdlijn, stel_regelset_vast
from .validators import controleer_agb_code, controleer_cbs_code


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


def stel_declaratietermijn_in(*, regio: Regio, dagen: int, door=None, geldig_vanaf: date | None = None) -> Regio:
    """R-B7: the region's declaration window from ``geldig_vanaf`` (default: today) on, as a new
    version of its rule set (R-R1, ``regelset.stel_regelset_vast``): shorter than the iJw minimum is
    refused, nothing saved."""
    stel_regelset_vast(
        regio=regio, geldig_vanaf=geldig_vanaf or vandaag(), waarden={"declaratietermijn_dagen": dagen}, door=door
    )
    return regio


@transaction.atomic
def registreer_aanbieder(*, regio: Regio, agb_code: str, naam: str, categorie: str, door=None) -> Aanbieder:
    controleer_agb_code(agb_code)
    controleer_categorie(regio.pk, categorie)  # R-R1: the region's list
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
    gemeente: Gemeente | None = None,
    door=None,
) -> Contract:
    """A contract with the products the provider may deliver and its registrations (R-S4);
    regional, or local to ``gemeente`` (R-R3), which must lie in the provider's region.

    Registrations must be on contracted Wonen intensities or tariff groups. Everything is
    checked before anything is written.
    """
    if gemeente is not None and gemeente.regio_id != aanbieder.regio_id:
        raise DomainError(
            Foutcode.CONTRACT_GEMEENTE,
            f"Een lokaal contract is van een gemeente in de regio van {aanbieder.naam}; {gemeente.naam} hoort "
            "bij een andere regio. Kies een gemeente uit de regio, of laat de gemeente leeg voor een regionaal "
            "contract.",
            field="gemeente",
        )
    periode = _periode(begindatum, einddatum)
    producten = _producten(productcodes)
    # R-R3: each product at the level the region buys it on the contract's first day
    controleer_inkoopniveau(
        regio_id=aanbieder.regio_id, lokaal=gemeente is not None, producten=producten, op=begindatum
    )
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
        gemeente=gemeente,
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
    publiceer(contract_gewijzigd(contract))
    return contract


def contract_gewijzigd(contract: Contract) -> ContractGewijzigd:
    """The event of ``contract`` as it is (or, read before a change, as it was)."""
    return ContractGewijzigd(
        aanbieder_id=contract.aanbieder_id,
        gemeente_id=contract.gemeente_id,
        begindatum=contract.begindatum,
        einddatum=contract.einddatum,
    )


def dekt_gemeente_q(gemeente: Gemeente, voorvoegsel: str = "contract__") -> Q:
    """R-R3: the contracts that cover ``gemeente`` — the regional ones of its region and its own
    local ones; never another municipality's local contract, never another region's. The one
    place this is decided (``voorvoegsel``: the path to the contract; "" on Contract itself)."""
    return Q(**{f"{voorvoegsel}regio_id": gemeente.regio_id}) & (
        Q(**{f"{voorvoegsel}gemeente__isnull": True}) | Q(**{f"{voorvoegsel}gemeente_id": gemeente.pk})
    )


def is_gecontracteerd(
    *, aanbieder: Aanbieder, dag: date, gemeente: Gemeente | None, product: Product | None = None
) -> bool:
    """R-T2/R-R3: whether a contract of the provider valid on ``dag`` covers ``gemeente`` — and,
    given ``product``, holds that product on that day (any of the provider's contracts may).
    ``gemeente`` None: any of its contracts (a check made before the municipality is known, which
    the service repeats once it is)."""
    if product is None:
        contracten = Contract.objects.filter(geldig_op_q(dag), aanbieder=aanbieder)
        return (contracten if gemeente is None else contracten.filter(dekt_gemeente_q(gemeente, ""))).exists()
    regels = ContractProduct.objects.filter(
        geldig_op_q(dag), geldig_op_q(dag, "contract__"), contract__aanbieder=aanbieder, product=product
    )
    return (regels if gemeente is None else regels.filter(dekt_gemeente_q(gemeente))).exists()


def _ingeschreven(aanbieder: Aanbieder, dag: date, gemeente: Gemeente | None):
    """The provider's registrations valid on ``dag`` under contracts covering ``gemeente`` (R-R3:
    a registration under a local contract obliges only for that municipality)."""
    rijen = Inschrijving.objects.filter(geldig_op_q(dag), geldig_op_q(dag, "contract__"), contract__aanbieder=aanbieder)
    return rijen if gemeente is None else rijen.filter(dekt_gemeente_q(gemeente))


def is_ingeschreven(*, aanbieder: Aanbieder, product: Product, dag: date, gemeente: Gemeente | None = None) -> bool:
    """Whether the provider is registered on this intensity or tariff group on ``dag`` (R-S4),
    given ``gemeente`` under a contract covering it (R-R3)."""
    return _ingeschreven(aanbieder, dag, gemeente).filter(product=product).exists()


def ingeschreven_functiegroep(
    *, aanbieder: Aanbieder, dag: date, behalve: Iterable[int] = (), gemeente: Gemeente | None = None
) -> Product | None:
    """R-S4: a function group (the product of a tariff group) the provider is registered on on
    ``dag``, the lowest group first, leaving out the product ids ``behalve``; None when there is
    none. A keuzebudget referral without an indicated tariff group is delivered through the
    function groups ("de functie ... is leidend", 001 §4.4.1), so such a registration obliges the
    provider to accept it."""
    ingeschreven = _ingeschreven(aanbieder, dag, gemeente).filter(product__tariefgroep__isnull=False)
    ingeschreven = ingeschreven.exclude(product_id__in=list(behalve))
    return (
        Product.objects.filter(pk__in=ingeschreven.values("product_id")).order_by("tariefgroep__nummer", "code").first()
    )


def vereist_inschrijving(product: Product) -> bool:
    """R-B8: an intensity or a tariff group is paid only to a provider registered on it (R-S4);
    any other product needs the contract alone (R-T2)."""
    return _inschrijfbaar(product)


#: Per (provider id, product id, municipality id): the inclusive periods (``einddatum`` None:
#: open) in which a contract covering that municipality holds it (R-T2, R-R3).
Perioden = dict[tuple[int, int, int], list[tuple[date, date | None]]]


def _binnen_contract(rijen, gemeenten: Mapping[int, int], paren: Iterable[tuple[int, int]] | None) -> Perioden:
    """Each row's period clipped to its contract's (a line holds only while its contract does),
    for each of ``gemeenten`` (id → region id) its contract covers (as ``dekt_gemeente_q``: a
    local contract its own municipality, a regional one every municipality of its region).
    With ``paren`` (provider id, municipality id) a regional contract's periods are given for the
    pairs asked only: a queue of declarations asks a few municipalities per provider, not every
    municipality of a region of hundreds (benchmark W2, national scale)."""
    per_regio: dict[int, list[int]] = {}
    for gemeente_id, regio_id in gemeenten.items():
        per_regio.setdefault(regio_id, []).append(gemeente_id)
    gevraagd: dict[int, set[int]] | None = None
    if paren is not None:
        gevraagd = {}
        for aanbieder_id, gemeente_id in paren:
            if gemeente_id in gemeenten:
                gevraagd.setdefault(aanbieder_id, set()).add(gemeente_id)
    perioden: Perioden = {}
    for aanbieder_id, product_id, begin, einde, contract_begin, contract_einde, regio_id, lokaal in rijen:
        van = max(begin, contract_begin)
        tot = min((d for d in (einde, contract_einde) if d is not None), default=None)
        if tot is not None and van > tot:
            continue
        if lokaal is not None:
            gedekt = [lokaal] if lokaal in gemeenten else []
        elif gevraagd is None:
            gedekt = per_regio.get(regio_id, [])
        else:
            gedekt = [g for g in gevraagd.get(aanbieder_id, ()) if gemeenten[g] == regio_id]
        for gemeente_id in gedekt:
            perioden.setdefault((aanbieder_id, product_id, gemeente_id), []).append((van, tot))
    for reeks in perioden.values():  # by begin, an open end (None) as the latest
        reeks.sort(key=lambda periode: (periode[0], periode[1] or date.max))
    return perioden


_VELDEN = (
    "contract__aanbieder_id",
    "product_id",
    "begindatum",
    "einddatum",
    "contract__begindatum",
    "contract__einddatum",
    "contract__regio_id",
    "contract__gemeente_id",
)


def _perioden_vraag(model) -> VasteQuery:
    """The rows of ``model`` (contract lines or registrations) for some providers, products and
    regions, compiled once (``common.vaste_query``): the declaration intake asks per declaration (W2)."""
    return VasteQuery(
        lambda aanbieders, producten, regio_s: (
            model.objects.filter(
                contract__aanbieder_id__any=aanbieders, product_id__any=producten, contract__regio_id__any=regio_s
            )
            .order_by()  # _binnen_contract sorts: no join of the products for their code
            .values_list(*_VELDEN)
        )
    )


_CONTRACTREGELS = _perioden_vraag(ContractProduct)
_INSCHRIJVINGEN = _perioden_vraag(Inschrijving)


def contractperioden(
    *,
    aanbieder_ids: Iterable[int],
    product_ids: Iterable[int],
    gemeenten: Mapping[int, int],
    paren: Iterable[tuple[int, int]] | None = None,
) -> Perioden:
    """R-T2/R-R3: when each provider is contracted for each product for each of ``gemeenten``
    (id → region id), in one query for all of them (the declaration intake checks its lines
    against it in memory, benchmark W2). ``paren``: only these (provider, municipality) pairs
    are needed (``_binnen_contract``)."""
    rijen = _CONTRACTREGELS(sorted(aanbieder_ids), sorted(product_ids), sorted(set(gemeenten.values())))
    return _binnen_contract(rijen, gemeenten, paren)


def inschrijfperioden(
    *,
    aanbieder_ids: Iterable[int],
    product_ids: Iterable[int],
    gemeenten: Mapping[int, int],
    paren: Iterable[tuple[int, int]] | None = None,
) -> Perioden:
    """R-S4/R-B8/R-R3: when each provider is registered on each intensity or tariff group, under a
    contract covering each of ``gemeenten``, in one query."""
    rijen = _INSCHRIJVINGEN(sorted(aanbieder_ids), sorted(product_ids), sorted(set(gemeenten.values())))
    return _binnen_contract(rijen, gemeenten, paren)


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


# --- Waiting times (R-S6) -------------------------------------------------------------------


def gecontracteerde_categorieen(*, aanbieder: Aanbieder, dag: date) -> list[str]:
    """R-S6: the product categories (catalogue parts) of the products the provider is contracted for on
    ``dag``: the categories it reports a waiting time for."""
    codes = set(
        ContractProduct.objects.filter(geldig_op_q(dag), geldig_op_q(dag, "contract__"), contract__aanbieder=aanbieder)
        .values_list("product__onderdeel", flat=True)
        .distinct()
    )
    return [c for c in Onderdeel.values if c in codes]


@transaction.atomic
def meld_wachttijd(*, aanbieder: Aanbieder, productcategorie: str, weken: int, door, context=None) -> Wachttijdmelding:
    """R-S6: the provider reports its expected waiting time in whole weeks for a product category
    it is contracted for today. The server dates the report; an earlier report stays as history
    and the latest is the current one. Refusals write nothing. ``door`` None is the system
    itself (the synthetic region), as for the other registrations here; every page and endpoint
    passes its user, who must work for this provider."""
    if door is not None and not mag_wachttijd_melden(door, aanbieder):
        raise DomainError(
            Foutcode.WACHTTIJD_GEEN_TOEGANG,
            "Alleen een medewerker van deze aanbieder kan de wachttijd van de aanbieder melden.",
            field="aanbieder",
        )
    if productcategorie not in Onderdeel.values:
        raise DomainError(
            Foutcode.WACHTTIJD_ONGELDIG,
            f"Onbekende productcategorie {productcategorie!r}: kies een productcategorie uit de lijst.",
            field="productcategorie",
        )
    if isinstance(weken, bool) or not isinstance(weken, int) or weken < 0:
        raise DomainError(
            Foutcode.WACHTTIJD_ONGELDIG,
            f"De wachttijd {weken!r} is ongeldig: vul een geheel aantal weken in (0 of meer).",
            field="weken",
        )
    if weken > Wachttijdmelding.MAX_WEKEN:
        raise DomainError(
            Foutcode.WACHTTIJD_ONGELDIG,
            f"De wachttijd van {weken} weken is niet te verwerken: vul een aantal weken van 0 tot en met "
            f"{Wachttijdmelding.MAX_WEKEN} in.",
            field="weken",
        )
    dag = vandaag()
    if productcategorie not in gecontracteerde_categorieen(aanbieder=aanbieder, dag=dag):
        naam = Onderdeel(productcategorie).label
        raise DomainError(
            Foutcode.WACHTTIJD_NIET_GECONTRACTEERD,
            f"U bent op {dag:%d-%m-%Y} niet gecontracteerd voor {naam}: meld alleen wachttijden voor "
            "productcategorieën uit uw contract.",
            field="productcategorie",
        )
    melding = Wachttijdmelding.objects.create(
        aanbieder=aanbieder, productcategorie=productcategorie, weken=weken, gemeld_op=dag, gemeld_door=door
    )
    log(
        actie=Actie.AANMAKEN,
        objecttype=Wachttijdmelding._meta.label,
        object_id=melding.pk,
        door=door,
        context=context,
        details=f"aanbieder={aanbieder.pk} productcategorie={productcategorie} weken={weken}",
    )
    return melding


def laatste_wachttijdmeldingen(*, tot: date | None = None, per_maand: bool = False) -> QuerySet[Wachttijdmelding]:
    """R-S6, the one rule for "the current report": per provider and category the report no later
    report of the same provider and category replaces (of two on one day, the one recorded last).
    With ``tot``: only reports on or before that day count, so it is the latest as of ``tot`` (the
    choice list, the overviews). With ``per_maand``: a report is replaced only by a later one in
    its own calendar month, so it is the latest of each month (CON09: one report per provider,
    category and month, however often the provider reported). The maximum age is applied on top
    (``actuele_wachttijden``, ``met_wachttijd``)."""
    later = Wachttijdmelding.objects.filter(
        aanbieder=OuterRef("aanbieder"), productcategorie=OuterRef("productcategorie")
    ).filter(Q(gemeld_op__gt=OuterRef("gemeld_op")) | Q(gemeld_op=OuterRef("gemeld_op"), pk__gt=OuterRef("pk")))
    meldingen = Wachttijdmelding.objects.all()
    if tot is not None:
        later, meldingen = later.filter(gemeld_op__lte=tot), meldingen.filter(gemeld_op__lte=tot)
    if per_maand:
        meldingen = meldingen.annotate(meldmaand=TruncMonth("gemeld_op"))
        later = later.annotate(maand=TruncMonth("gemeld_op")).filter(maand=OuterRef("meldmaand"))
    return meldingen.filter(~Exists(later))


def _niet_verouderd_q(datum: date) -> Q:
    """R-S6: a report counts while it is at most the region's ``wachttijd_geldigheid_dagen`` old."""
    q = Q(pk__in=[])
    tijdlijn = Tijdlijn.alle()
    for regio_id in tijdlijn.versies:
        dagen = tijdlijn.regels(regio_id, datum).wachttijd_geldigheid_dagen  # R-R1: the rule set on the list's date
        q |= Q(aanbieder__regio_id=regio_id, gemeld_op__gte=datum - timedelta(days=dagen))
    return q


def actuele_wachttijden(*, datum: date, productcategorie: str | None = None) -> QuerySet[Wachttijdmelding]:
    """R-S6: the current report per provider and category on ``datum`` (the latest, if not older
    than the region's maximum age); for one category when ``productcategorie`` is given."""
    meldingen = laatste_wachttijdmeldingen(tot=datum).filter(_niet_verouderd_q(datum))
    return meldingen.filter(productcategorie=productcategorie) if productcategorie else meldingen


def met_wachttijd(aanbieders: QuerySet[Aanbieder], *, datum: date, productcategorie: str | None) -> QuerySet[Aanbieder]:
    """R-S6: annotates ``wachttijd_weken`` and ``wachttijd_gemeld_op`` (the current report for
    ``productcategorie``; None when there is none) and ``wachttijd_laatst_gemeld`` (the date of
    the latest report, however old, so a stale report reads "verouderd" and a missing one
    "onbekend"). Without a category (what is referred has none to determine) all three are None:
    a waiting time of another category says nothing about this care, so it is neither shown nor
    sorted on."""
    if not productcategorie:
        geen = Value(None, output_field=DateField())
        return aanbieders.annotate(
            wachttijd_weken=Value(None, output_field=IntegerField()),
            wachttijd_gemeld_op=geen,
            wachttijd_laatst_gemeld=geen,
        )
    laatste = (
        laatste_wachttijdmeldingen(tot=datum)
        .filter(aanbieder=OuterRef("pk"), productcategorie=productcategorie)
        .order_by("-gemeld_op", "-pk")
    )
    actueel = laatste.filter(_niet_verouderd_q(datum))
    return aanbieders.annotate(
        wachttijd_weken=Subquery(actueel.values("weken")[:1]),
        wachttijd_gemeld_op=Subquery(actueel.values("gemeld_op")[:1]),
        wachttijd_laatst_gemeld=Subquery(laatste.values("gemeld_op")[:1]),
    )


KORTSTE_WACHTTIJD_EERST = (F("wachttijd_weken").asc(nulls_last=True),)


def wachttijd_tekst(weken: int | None, laatst_gemeld: date | None) -> str:
    """R-S6: "3 weken", "1 week", "verouderd" (only stale reports) or "onbekend" (none)."""
    if weken is not None:
        return "1 week" if weken == 1 else f"{weken} weken"
    return "verouderd" if laatst_gemeld is not None else "onbekend"


@dataclass(frozen=True)
class Wachttijdregel:
    """One provider in a category of the regional overview (R-S6)."""

    aanbieder: Aanbieder
    productcategorie: str
    weken: int | None
    gemeld_op: date | None
    verouderd: bool

    @property
    def tekst(self) -> str:
        return wachttijd_tekst(self.weken, self.gemeld_op)

    @property
    def categorienaam(self) -> str:
        return str(Onderdeel(self.productcategorie).label)


@dataclass(frozen=True)
class Wachttijdcategorie:
    """R-S6: a product category with its contracted providers (shortest current waiting time
    first; stale and missing reports last) and the median of the current reports."""

    productcategorie: str
    regels: list[Wachttijdregel] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return str(Onderdeel(self.productcategorie).label)

    @property
    def mediaan(self) -> float | None:
        weken = [r.weken for r in self.regels if r.weken is not None]
        return median(weken) if weken else None


def regionaal_wachttijdoverzicht(*, regio_id: int | None, datum: date) -> list[Wachttijdcategorie]:
    """R-S6: per product category the providers of the region contracted for it on ``datum``,
    each with its latest report (stale when older than the region's maximum age)."""
    regio = Regio.objects.filter(pk=regio_id).first() if regio_id is not None else None
    if regio is None:
        return []
    gecontracteerd = (
        ContractProduct.objects.filter(geldig_op_q(datum), geldig_op_q(datum, "contract__"), contract__regio=regio)
        .values_list("product__onderdeel", "contract__aanbieder_id")
        .distinct()
    )
    per_categorie: dict[str, set[int]] = {}
    for categorie, aanbieder_id in gecontracteerd:
        per_categorie.setdefault(categorie, set()).add(aanbieder_id)
    aanbieders = Aanbieder.objects.in_bulk({pk for ids in per_categorie.values() for pk in ids})
    laatste = {
        (m.aanbieder_id, m.productcategorie): m
        for m in laatste_wachttijdmeldingen(tot=datum).filter(aanbieder_id__in=list(aanbieders))
    }
    # R-R1: the rule set valid on the overview's date
    grens = datum - timedelta(days=regelset.regels(regio, datum).wachttijd_geldigheid_dagen)
    overzicht = []
    for categorie in [c for c in Onderdeel.values if c in per_categorie]:
        regels = []
        for aanbieder_id in per_categorie[categorie]:
            melding = laatste.get((aanbieder_id, categorie))
            verouderd = melding is not None and melding.gemeld_op < grens
            regels.append(
                Wachttijdregel(
                    aanbieder=aanbieders[aanbieder_id],
                    productcategorie=categorie,
                    weken=melding.weken if melding is not None and not verouderd else None,
                    gemeld_op=melding.gemeld_op if melding is not None else None,
                    verouderd=verouderd,
                )
            )
        regels.sort(key=lambda r: (r.weken is None, r.weken or 0, r.aanbieder.naam))
        overzicht.append(Wachttijdcategorie(categorie, regels))
    return overzicht


def wachttijden_van(*, aanbieder: Aanbieder, datum: date) -> list[Wachttijdregel]:
    """R-S6: the provider's own current waiting time per category it is contracted for."""
    # R-R1: the rule set valid on the list's date
    grens = datum - timedelta(days=regelset.regels(aanbieder.regio_id, datum).wachttijd_geldigheid_dagen)
    laatste = {m.productcategorie: m for m in laatste_wachttijdmeldingen(tot=datum).filter(aanbieder=aanbieder)}
    regels = []
    for categorie in gecontracteerde_categorieen(aanbieder=aanbieder, dag=datum):
        melding = laatste.get(categorie)
        verouderd = melding is not None and melding.gemeld_op < grens
        regels.append(
            Wachttijdregel(
                aanbieder=aanbieder,
                productcategorie=categorie,
                weken=melding.weken if melding is not None and not verouderd else None,
                gemeld_op=melding.gemeld_op if melding is not None else None,
                verouderd=verouderd,
            )
        )
    return regels
