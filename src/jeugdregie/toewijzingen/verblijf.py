"""R-W7 (issue 21 correction, seed 001 §1.3 and §3.3.1): the one rule that decides whether care is
*care with verblijf* (a stay). Verblijf is every Wonen/Verblijf allocation and every allocation of
a verblijfsbed product: a product of the Wonen/Verblijf part, or one recorded with a form of stay
(``Product.woonvorm``), which includes the crisisbed (46C03, "ondergebracht onder het
verblijfsbed"). Crisisopvang nights count as Verblijf wherever the product asks "is this
Verblijf": the woonplaatsbeginsel (R-D3), the handover on a move, R-W6 (verblijfsbed), R-W9
(follow-up before the end) and the indicators (CON07).

The Python predicates and the ``Q`` expressions below state the same rule twice, once per side
(objects in memory, rows in a query); ``tests/test_verblijf_regel.py`` checks they agree."""

from __future__ import annotations

from django.db.models import Q

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.toewijzingen.constants import ToewijzingSoort


def is_verblijfsproduct(product) -> bool:
    """R-W7: the product is a stay (Wonen/Verblijf, or a verblijfsbed such as the crisisbed)."""
    return product is not None and (product.onderdeel == Onderdeel.WONEN_VERBLIJF or bool(product.woonvorm))


def verblijfsproduct_q(prefix: str = "") -> Q:
    """R-W7 for querysets: ``prefix`` leads to the product (``"product__"`` on an allocation or a
    declaration line, ``""`` on ``Product`` itself)."""
    return Q(**{f"{prefix}onderdeel": Onderdeel.WONEN_VERBLIJF}) | (
        Q(**{f"{prefix}woonvorm__isnull": False}) & ~Q(**{f"{prefix}woonvorm": ""})
    )


def met_verblijf(toewijzing) -> bool:
    """R-W7: the allocation is care with verblijf (a Wonen/Verblijf allocation or a crisis bed)."""
    return toewijzing.soort == ToewijzingSoort.WONEN_VERBLIJF or is_verblijfsproduct(toewijzing.product)


def met_verblijf_q(prefix: str = "") -> Q:
    """R-W7 for querysets of allocations; ``prefix`` leads to the allocation (``"toewijzing__"``)."""
    return Q(**{f"{prefix}soort": ToewijzingSoort.WONEN_VERBLIJF}) | verblijfsproduct_q(f"{prefix}product__")
