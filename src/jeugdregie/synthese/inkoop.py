"""Issue 22 §3 (R-R3): Rijnmond's purchasing level per product in the demo, through the service.
Seed 004: ambulant care "deels lokaal, deels regionaal" ingekocht (bouwsteen 11) — so ambulant
products stay open to both levels — while the synthetic Rijnmond buys specialist care
(Wonen/Verblijf) per municipality and the crisis function and dyslexia care for the region, as its
contracts do (``rijnmond.py``).

Set by Rijnmond's demo beheerder from today on (``stel_inkoopniveau_vast`` refuses the past, R-B9;
the contract lines that began earlier keep their level), so the demo shows what live use would.
Idempotent: nothing is set when the region has a purchasing level already."""

from __future__ import annotations

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.inkoop import stel_inkoopniveau_vast
from jeugdregie.organisaties.models import Inkoopniveau, Regio

from .rijnmond import CODE as RIJNMOND

NIVEAU_PER_ONDERDEEL = {
    Onderdeel.WONEN_VERBLIJF: Inkoopniveau.LOKAAL,
    Onderdeel.CRISIS: Inkoopniveau.REGIONAAL,
    Onderdeel.DYSLEXIE: Inkoopniveau.REGIONAAL,
}


def speel_inkoop() -> int:
    """Rijnmond's purchasing levels as above; returns how many were set (0 when Rijnmond or its
    beheerder is missing or levels exist)."""
    regio = Regio.objects.filter(code=RIJNMOND).first()
    beheerder = Gebruiker.objects.filter(username="beheerder-rijnmond", is_active=True).first()
    if regio is None or beheerder is None or Inkoopniveau.objects.filter(regio=regio).exists():
        return 0
    dag = vandaag()
    producten = Product.objects.filter(actief=True, onderdeel__in=NIVEAU_PER_ONDERDEEL).order_by("code")
    for product in producten:
        stel_inkoopniveau_vast(
            regio=regio,
            product=product,
            niveau=NIVEAU_PER_ONDERDEEL[product.onderdeel],
            geldig_vanaf=dag,
            door=beheerder,
        )
    return len(producten)
