"""A Wonen allocation (`wonen`) from `BEGIN`. Moved from tests/test_wonen.py."""

from datetime import date

from jeugdregie.catalogus.models import Product
from jeugdregie.wonen.services.toewijzen import wijs_wonen_toe

BEGIN = date(2026, 3, 2)


def wonen(route, *, product="44W05", door="toegang", jeugdige=None, **extra):
    extra.setdefault("einddatum", date(2027, 3, 1))
    extra.setdefault("ambulant_onvoldoende", True)
    return wijs_wonen_toe(
        jeugdige=jeugdige or route["jeugdige_zwolle"],
        aanbieder=route["aanbieder"],
        product=Product.objects.get(code=product),
        begindatum=extra.pop("begindatum", BEGIN),
        resultaten=["Veilig wonen en naar school."],
        door=route["gebruikers"][door],
        **extra,
    )
