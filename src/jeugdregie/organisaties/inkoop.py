"""R-R3: the purchasing level per product and region (seed 004: "ambulante hulp deels lokaal,
deels regionaal ingekocht"). The one place it is read (``inkoopniveau``) and set
(``stel_inkoopniveau_vast``); contracts are checked against it (``controleer_inkoopniveau``,
called by ``services.registreer_contract`` and the admin's contract lines).

Like a rule-set version, a setting holds from its start date until the next one of the same
product and never changes the past: a contract line is judged by the version valid on the day it
begins, so lines that began earlier keep their level.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from .constants import Foutcode
from .models import Inkoopniveau, Regio
from .policies import mag_regelset_beheren

NAMEN = dict(Inkoopniveau.NIVEAUS)


def inkoopniveau(regio_id: int, product_id: int, op: date) -> str | None:
    """The level at which ``regio_id`` buys ``product_id`` on ``op``: ``lokaal``, ``regionaal``, or
    None (no setting: either level)."""
    return (
        Inkoopniveau.objects.filter(regio_id=regio_id, product_id=product_id, geldig_vanaf__lte=op)
        .order_by("-geldig_vanaf")
        .values_list("niveau", flat=True)
        .first()
    )


def controleer_inkoopniveau(*, regio_id: int, lokaal: bool, producten: Iterable[Product], op: date) -> None:
    """A contract (local when ``lokaal``) may hold ``producten`` from ``op`` on only where the
    region buys them at that level; a DomainError naming the first product that does not fit."""
    niveau = Inkoopniveau.LOKAAL if lokaal else Inkoopniveau.REGIONAAL
    for product in producten:
        vereist = inkoopniveau(regio_id, product.pk, op)
        if vereist is not None and vereist != niveau:
            anders = "een regionaal contract" if vereist == Inkoopniveau.REGIONAAL else "een contract per gemeente"
            raise DomainError(
                Foutcode.INKOOPNIVEAU,
                f"De regio koopt {product.code} ({product.naam}) op {op:%d-%m-%Y} {NAMEN[vereist].lower()} in: neem "
                f"het product op in {anders}, of laat de contractbeheerder het inkoopniveau wijzigen.",
                field="productcodes",
            )


@transaction.atomic
def stel_inkoopniveau_vast(*, regio: Regio, product: Product, niveau: str, geldig_vanaf: date, door) -> Inkoopniveau:
    """R-R3: ``regio`` buys ``product`` at ``niveau`` from ``geldig_vanaf`` (today or later) on. The
    functioneel beheerder of the region sets it (like the rule set); a version with the same start
    in the future is replaced. Audit-logged; every check before anything is written."""
    if door is not None and not mag_regelset_beheren(door, regio):
        raise DomainError(
            Foutcode.REGELSET_GEEN_TOEGANG,
            "Alleen de functioneel beheerder van de regio stelt het inkoopniveau vast.",
            field="regio",
        )
    if niveau not in NAMEN:
        raise DomainError(Foutcode.INKOOPNIVEAU, "Kies lokaal (per gemeente) of regionaal.", field="niveau")
    dag = vandaag()
    if not isinstance(geldig_vanaf, date) or geldig_vanaf < dag:
        raise DomainError(
            Foutcode.REGELSET_VERLEDEN,
            f"Een inkoopniveau geldt vanaf vandaag of later: kies {dag:%d-%m-%Y} of een latere datum.",
            field="geldig_vanaf",
        )
    Regio.objects.select_for_update().filter(pk=regio.pk).first()  # one writer per region at a time
    versie, aangemaakt = Inkoopniveau.objects.update_or_create(
        regio=regio, product=product, geldig_vanaf=geldig_vanaf, defaults={"niveau": niveau, "vastgesteld_door": door}
    )
    log(
        actie=Actie.AANMAKEN if aangemaakt else Actie.WIJZIGEN,
        objecttype=Inkoopniveau._meta.label,
        object_id=versie.pk,
        door=door,
        details=f"regio={regio.pk} product={product.code} niveau={niveau} geldig_vanaf={geldig_vanaf.isoformat()}",
    )
    return versie
