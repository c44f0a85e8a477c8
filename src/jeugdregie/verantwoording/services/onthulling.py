"""Small-cell suppression of the production statement (issue 14 §7, ``common.onthulling``).

Who sees exact figures: the roles that may open the lines behind a cell (``policies.REGEL_ROLLEN``:
toegang and financieel of the municipality, the provider itself) — they see the children in
those lines anyway, and the provider and the accountant need a statement that adds up to the
cent (R-V1). The regional roles (contract manager, policy, board, beheerder) work on aggregates
only (R-P1): for them a row (municipality × product) with fewer than 5 distinct young people is
shown as "<5", and a complementary row as "—" so that the total, or a municipality's other
rows, cannot give it back. When no other row can serve as complement (a statement of one small
row), the totals row is hidden too.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Count

from jeugdregie.common.onthulling import Groep, is_klein, onderdruk

from ..policies import ziet_onderdrukte_productie
from .productie import Productieverantwoordingcijfers, regels_van

TOTAAL = "totaal"


def onderdrukken_voor(user) -> bool:
    """True for the roles that see the statement as aggregates only."""
    return ziet_onderdrukte_productie(user)


def onderdruk_productie(cijfers: Productieverantwoordingcijfers, *, regels=None) -> Productieverantwoordingcijfers:
    """The statement with small rows and their complements replaced by "<5"/"—". ``regels``: the
    same scoped lines the statement was computed from (for the distinct count of the totals row,
    queried only when some row is small)."""
    aantallen: dict = {i: r.jeugdigen for i, r in enumerate(cijfers.rijen)}
    if not any(is_klein(n) for n in aantallen.values()):
        return cijfers
    groepen = [Groep.van(list(aantallen), totaal=TOTAAL)]  # every row adds up to the total
    alle = regels_van(cijfers.aanbieder, cijfers.jaar, regels).aggregate(n=Count("jeugdige_id", distinct=True))
    aantallen[TOTAAL] = alle["n"]
    per_gemeente: dict[int, list[int]] = {}
    for i, r in enumerate(cijfers.rijen):
        per_gemeente.setdefault(r.gemeente_id, []).append(i)
    groepen += [Groep.van(leden) for leden in per_gemeente.values()]  # a municipality's total is known elsewhere
    o = onderdruk(aantallen, groepen)
    if not o:
        return cijfers
    rijen = [r if (teken := o.teken(i)) is None else replace(r, verborgen=teken) for i, r in enumerate(cijfers.rijen)]
    return replace(cijfers, rijen=rijen, toelichting=o.toelichting(), totaal_verborgen=o.teken(TOTAAL) or "")
