"""R-W7/R-W11: the Wonen/Verblijf age limits, read from the region's rule set
(``organisaties.Regelset``, R-R1). Used by the allocation checks and the toegang's worklist."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import GEZINSVORMEN, Woonvorm
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.organisaties.models import Regelset


def verjaardag(geboortedatum: date, jaren: int) -> date:
    """The first day the young person is ``jaren`` old, as ``leeftijd_op`` counts (born on
    29 February: 1 March in a common year)."""
    dag = geboortedatum + relativedelta(years=jaren)
    return dag if leeftijd_op(geboortedatum, dag) >= jaren else dag + timedelta(days=1)


def grenzen(versie: Regelset, woonvorm: Woonvorm | str, *, toekomstplan: bool) -> tuple[int, ...]:
    """The ages at which a running allocation of this form needs the toegang (the worklist signals):
    the toekomstplan (unless recorded), the end of Wonen (18), for the family forms the end of the
    national extension (21), and the end of verlengde jeugdhulp (23) for every form (R-W11)."""
    leeftijden = [] if toekomstplan else [versie.toekomstplan_vanaf_leeftijd]
    leeftijden.append(versie.wonen_grens_leeftijd)
    if woonvorm in GEZINSVORMEN:
        leeftijden.append(versie.gezinsvorm_verlenging_tot_leeftijd)
    leeftijden.append(versie.verlengde_jeugdhulp_tot_leeftijd)
    return tuple(sorted(set(leeftijden)))
