"""Issue 22 §3 (R-R3): Rijnmond's purchasing level per product in the demo, through the service.
Seed 004 §3.2 ("driedeling"): ambulant help that fits the local infrastructure is bought per
municipality; specialist ambulant help, where scarce expertise must be kept, is bought for the
region; and so are the crisis function and dyslexia care, which the synthetic Rijnmond contracts
regionally. Here: 45A01 (individual youth help, tariff group 1: light, generalist) lokaal; 45A06 and
45A07 (tariff groups 6 and 7: the specialist end) regionaal; the crisis and dyslexia products
regionaal. The other products stay open to both levels ("deels lokaal, deels regionaal"), among
them Wonen/Verblijf, which the synthetic Rijnmond contracts per municipality for the ten
municipalities outside MVS (a regional contract would cover MVS, which buys it itself).

Set by Rijnmond's demo beheerder from today on (``stel_inkoopniveau_vast`` refuses the past, R-B9;
the contract lines that began earlier keep their level), so the demo shows what live use would.
Idempotent: nothing is set when the region has a purchasing level already."""

from __future__ import annotations

from django.db.models import Q

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.inkoop import stel_inkoopniveau_vast
from jeugdregie.organisaties.models import Inkoopniveau, Regio

from .rijnmond import CODE as RIJNMOND

NIVEAU_PER_PRODUCT = {
    "45A01": Inkoopniveau.LOKAAL,
    "45A06": Inkoopniveau.REGIONAAL,
    "45A07": Inkoopniveau.REGIONAAL,
}
REGIONAAL_PER_ONDERDEEL = (Onderdeel.CRISIS, Onderdeel.DYSLEXIE)


def speel_inkoop() -> int:
    """Rijnmond's purchasing levels as above; returns how many were set (0 when Rijnmond or its
    beheerder is missing or levels exist)."""
    regio = Regio.objects.filter(code=RIJNMOND).first()
    beheerder = Gebruiker.objects.filter(username="beheerder-rijnmond", is_active=True).first()
    if regio is None or beheerder is None or Inkoopniveau.objects.filter(regio=regio).exists():
        return 0
    dag = vandaag()
    producten = Product.objects.filter(actief=True).filter(
        Q(code__in=NIVEAU_PER_PRODUCT) | Q(onderdeel__in=REGIONAAL_PER_ONDERDEEL)
    )
    for product in producten.order_by("code"):
        niveau = NIVEAU_PER_PRODUCT.get(product.code, Inkoopniveau.REGIONAAL)
        stel_inkoopniveau_vast(regio=regio, product=product, niveau=niveau, geldig_vanaf=dag, door=beheerder)
    return len(producten)
