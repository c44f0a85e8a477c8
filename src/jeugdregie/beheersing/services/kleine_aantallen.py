"""How many children stand behind a cell of the control figures, for small-cell suppression
(issue 14 §7, ``common.onthulling``).

A cell's count is the smallest of what is known about it:

* the *population*: distinct young people in care in that period and dimension (the denominator
  of CON07: distinct young people with an approved debit declaration line);
* for an indicator whose numerator is a count (inflow, outflow, refusals): the numerator;
* for a ratio whose denominator is a count (allocations, screenings, budgets): the denominator —
  an upper bound on the children (a child can have two allocations), so a cautious one;
* for any indicator whose denominator counts distinct young people (``Count("jeugdige_id",
  distinct=True)``): that denominator, the children themselves — also for a sum such as TAA01/TAA02,
  which counts care periods in its numerator but young people in its denominator (six care periods
  of three children are three children).

An indicator about no young person (``Indicator.over_jeugdigen`` False: a provider's reported
waiting time) has no children behind its cells and is never suppressed.

A cell that shows a value but whose count is unknown (no population row and no counted
numerator or denominator) is treated as small: when we cannot tell, we hide it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from jeugdregie.common.onthulling import Groep, Onderdrukking, onderdruk

from ..constants import ALLE, Aggregatie
from ..indicatoren.basis import Indicator
from ..models import Cijfer

POPULATIE = "CON07"  # its denominator: distinct young people in care


def populatie(soort: str, begins: list[date], *, dimensie: str, ids: list[int]) -> dict[tuple[date, int | None], int]:
    """Distinct young people in care per (period, municipality or provider; None = all)."""
    andere = "aanbieder" if dimensie == "gemeente" else "gemeente"
    rijen = Cijfer.objects.filter(
        indicator=POPULATIE,
        periodesoort=soort,
        periode__in=begins,
        categorie=ALLE,
        **{f"{andere}__isnull": True},
    ).filter(Q(**{f"{dimensie}_id__in": ids}) | Q(**{f"{dimensie}__isnull": True}))
    return {(p, d): int(n) for p, d, n in rijen.values_list("periode", f"{dimensie}_id", "noemer")}


def telt_teller(indicator: Indicator) -> bool:
    return isinstance(indicator.bron.teller, Count)


def telt_noemer(indicator: Indicator) -> bool:
    return (indicator.aggregatie == Aggregatie.RATIO and isinstance(indicator.bron.noemer, Count)) or telt_jeugdigen(
        indicator
    )


def telt_jeugdigen(indicator: Indicator) -> bool:
    """True when the denominator is the number of distinct young people behind the cell."""
    noemer = indicator.bron.noemer
    if not (isinstance(noemer, Count) and getattr(noemer, "distinct", False)):
        return False
    veld = noemer.get_source_expressions()[0]
    return getattr(veld, "name", "") in ("jeugdige", "jeugdige_id")


def kinderen(
    indicator: Indicator, teller: Decimal | None, noemer: Decimal | None, *, waarde: object, populatie: int | None
) -> int | None:
    """The number of children behind one cell; None when the cell shows no value."""
    if waarde is None or not indicator.over_jeugdigen:  # a figure about no child hides nothing
        return None
    aantallen = [] if populatie is None else [populatie]
    if telt_teller(indicator) and teller:
        aantallen.append(int(teller))
    if telt_noemer(indicator) and noemer:
        aantallen.append(int(noemer))
    return min(aantallen) if aantallen else 1


def onderdrukking_aanbieders(indicatoren: list[Indicator], soort: str, perioden: list[date]) -> Onderdrukking:
    """Suppression of the provider-level cells (scorecards, R-K3), keyed (indicator code, period,
    provider id; None = all providers). Computed over every provider at once, with the all-
    providers cell as each (indicator, period) total, so a provider's hidden cell cannot be
    derived from the region's total and the other providers' scorecards, and every scorecard
    hides the same complements."""
    from ..indicatoren.register import REGISTER

    basis = {"periodesoort": soort, "periode__in": perioden, "gemeente__isnull": True, "categorie": ALLE}
    populaties = Cijfer.objects.filter(indicator=POPULATIE, **basis)
    mensen = {(p, a): int(n) for p, a, n in populaties.values_list("periode", "aanbieder_id", "noemer")}
    aantallen: dict = {}
    leden: dict[tuple[str, date], list] = {}
    rijen = Cijfer.objects.filter(indicator__in=[i.code for i in indicatoren], **basis).values_list(
        "indicator", "periode", "aanbieder_id", "teller", "noemer"
    )
    for code, periode, aanbieder, teller, noemer in rijen:
        indicator = REGISTER[code]
        sleutel = (code, periode, aanbieder)
        waarde, populatie = indicator.waarde(teller, noemer), mensen.get((periode, aanbieder))
        aantallen[sleutel] = kinderen(indicator, teller, noemer, waarde=waarde, populatie=populatie)
        if aanbieder is not None:
            leden.setdefault((code, periode), []).append(sleutel)
    return onderdruk(aantallen, [Groep.van(lid, totaal=(c, p, None)) for (c, p), lid in leden.items()])
