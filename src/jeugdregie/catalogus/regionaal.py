"""R-R1: a region's own tariffs and keuzebudgets, set by its functioneel beheerder.

The catalogue (``catalogus``) holds the product codes (the national standard list), and tariffs
and keuzebudget years without a region: they hold in every region that has none of its own
(IJsselland's values, SPEC §3). A region can lay its own tariff over a product from a date on,
and set its own keuzebudget year (levels and amounts, maximum periods, what a duurzaam budget may
not use). Rules read them through ``Product.tarief_op``/``tarieven_in_regio`` and
``KeuzebudgetJaar.van``, which pick the region's own before the catalogue's.

Like a rule-set version, a change never reaches into the past: a tariff starts today or later
(the region's running tariff then ends the day before), and a keuzebudget year is set before it
begins. Every change is audit-logged; every check runs before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.tijd import vandaag

from .constants import Foutcode
from .models import KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief
from .policies import mag_regiocatalogus_beheren
from .services import registreer_tarief

#: Bounds of a keuzebudget's maximum period in months (a sanity check on input, not a rule).
MAANDEN_BEREIK = (1, 60)


def _vereis_beheerder(door, regio_id: int) -> None:
    if door is not None and not mag_regiocatalogus_beheren(door, regio_id):
        raise DomainError(
            Foutcode.REGIO_GEEN_TOEGANG,
            "Alleen de functioneel beheerder van de regio stelt de tarieven en keuzebudgetten van de regio vast.",
            field="regio",
        )


@transaction.atomic
def stel_regiotarief_vast(
    *, regio_id: int, product: Product, begindatum: date, bedrag, door, einddatum: date | None = None
) -> Tarief:
    """R-R1: the region's (``regio_id``) own tariff for ``product`` from ``begindatum`` (today or later) on. The
    region's own tariff running then ends the day before; one of the region's tariffs that starts
    on or after ``begindatum`` is refused (change or end that one first). Before and outside its
    period the catalogue's tariff (or the region's earlier one) holds."""
    _vereis_beheerder(door, regio_id)
    dag = vandaag()
    if not isinstance(begindatum, date) or begindatum < dag:
        raise DomainError(
            Foutcode.REGIO_VERLEDEN,
            f"Een tarief van de regio geldt vanaf vandaag of later: kies {dag:%d-%m-%Y} of een latere datum. Een "
            "tarief verandert het verleden niet.",
            field="begindatum",
        )
    Product.objects.select_for_update().filter(pk=product.pk).first()  # one writer per product
    eigen = Tarief.objects.filter(product=product, regio_id=regio_id)
    later = eigen.filter(begindatum__gte=begindatum).order_by("begindatum").first()
    if later is not None:
        raise DomainError(
            Foutcode.REGIO_ONGELDIG,
            f"De regio heeft voor {product.code} al een tarief vanaf {later.begindatum:%d-%m-%Y}. Kies een "
            "begindatum daarna, of laat de functioneel beheerder dat tarief eerst intrekken.",
            field="begindatum",
        )
    lopend = (
        eigen.filter(begindatum__lt=begindatum)
        .exclude(einddatum__lt=begindatum)
        .select_for_update()
        .order_by("-begindatum")
        .first()
    )
    if lopend is not None:  # ends the day before; its start lies before today, so no past changes
        lopend.einddatum = begindatum - timedelta(days=1)
        lopend.save(update_fields=["einddatum"])
    tarief = registreer_tarief(
        product=product, begindatum=begindatum, einddatum=einddatum, bedrag=bedrag, regio_id=regio_id
    )
    log(
        actie=Actie.AANMAKEN,
        objecttype=Tarief._meta.label,
        object_id=tarief.pk,
        door=door,
        details=(
            f"regio={regio_id} product={product.code} begindatum={begindatum.isoformat()} "
            f"einddatum={einddatum.isoformat() if einddatum else '-'} vorige_beeindigd={lopend.pk if lopend else '-'}"
        ),
    )
    return tarief


def _bedragen(niveaus: Mapping[int, object]) -> dict[int, Decimal]:
    if not niveaus:
        raise DomainError(Foutcode.REGIO_ONGELDIG, "Vul ten minste het bedrag van niveau 1 in.", field="niveaus")
    nummers = sorted(niveaus)
    if nummers != list(range(1, len(nummers) + 1)):
        raise DomainError(
            Foutcode.REGIO_ONGELDIG,
            "De niveaus zijn genummerd vanaf 1 zonder gaten: vul voor elk niveau tot het hoogste een bedrag in.",
            field="niveaus",
        )
    bedragen: dict[int, Decimal] = {}
    for nummer in nummers:
        try:
            bedrag = euro(niveaus[nummer])
        except (InvalidOperation, TypeError, ValueError):
            raise DomainError(
                Foutcode.REGIO_ONGELDIG, f"Niveau {nummer}: {niveaus[nummer]!r} is geen bedrag.", field="niveaus"
            ) from None
        if bedrag <= 0:
            raise DomainError(
                Foutcode.REGIO_ONGELDIG, f"Niveau {nummer}: het bedrag moet groter dan nul zijn.", field="niveaus"
            )
        if nummer > 1 and bedrag <= bedragen[nummer - 1]:
            raise DomainError(
                Foutcode.REGIO_ONGELDIG,
                f"Niveau {nummer} moet hoger zijn dan niveau {nummer - 1} ({bedragen[nummer - 1]}): een hoger "
                "niveau is een groter budget.",
                field="niveaus",
            )
        bedragen[nummer] = bedrag
    return bedragen


def _maanden(waarde, veld: str, naam: str) -> int:
    laag, hoog = MAANDEN_BEREIK
    if not isinstance(waarde, int) or not laag <= waarde <= hoog:
        raise DomainError(
            Foutcode.REGIO_ONGELDIG,
            f"De maximale duur van {naam} is een aantal maanden van {laag} tot en met {hoog}.",
            field=veld,
        )
    return waarde


@transaction.atomic
def stel_regiokeuzebudgetten_vast(
    *,
    regio_id: int,
    jaar: int,
    niveaus: Mapping[int, object],
    max_maanden_herstel: int,
    max_maanden_duurzaam: int,
    duurzaam_uitgesloten: Iterable[Product] = (),
    door,
) -> KeuzebudgetJaar:
    """R-R1 (R-T4, R-T9): the region's (``regio_id``) own keuzebudgets for ``jaar``: the amount per standard level
    (numbered 1..N, each above the one before), the maximum period of a herstel and of a duurzaam
    budget, and the products a duurzaam budget of that year may not use (R-B2). Only for a year
    that has not begun: budgets of a running year keep the levels they were chosen from. Set again
    before the year begins, it replaces the region's earlier setting of that year."""
    _vereis_beheerder(door, regio_id)
    dag = vandaag()
    if not isinstance(jaar, int) or jaar <= dag.year:
        raise DomainError(
            Foutcode.REGIO_VERLEDEN,
            f"De keuzebudgetten van een jaar worden vastgesteld voordat dat jaar begint: kies {dag.year + 1} of later.",
            field="jaar",
        )
    bedragen = _bedragen(niveaus)
    herstel = _maanden(max_maanden_herstel, "max_maanden_herstel", "een keuzebudget herstel")
    duurzaam = _maanden(max_maanden_duurzaam, "max_maanden_duurzaam", "een keuzebudget duurzaam")
    uitgesloten = list(duurzaam_uitgesloten)
    # Two writers of one region and year: the unique index on (regio, jaar) lets one insert, the
    # other then updates (``update_or_create`` locks the row it finds).
    rij, aangemaakt = KeuzebudgetJaar.objects.update_or_create(
        regio_id=regio_id,
        jaar=jaar,
        defaults={"max_maanden_herstel": herstel, "max_maanden_duurzaam": duurzaam, "illustratief": False},
    )
    rij.niveaus.all().delete()
    KeuzebudgetNiveau.objects.bulk_create(
        [KeuzebudgetNiveau(jaar=rij, niveau=nummer, bedrag=bedrag) for nummer, bedrag in bedragen.items()]
    )
    rij.duurzaam_uitgesloten.set(uitgesloten)
    log(
        actie=Actie.AANMAKEN if aangemaakt else Actie.WIJZIGEN,
        objecttype=KeuzebudgetJaar._meta.label,
        object_id=rij.pk,
        door=door,
        details=(
            f"regio={regio_id} jaar={jaar} niveaus={len(bedragen)} herstel={herstel} duurzaam={duurzaam} "
            f"uitgesloten={','.join(sorted(p.code for p in uitgesloten)) or '-'}"
        ),
    )
    return rij
