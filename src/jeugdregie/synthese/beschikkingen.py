"""The demo's beschikkingen (issue 20 §2, R-D1), through the beschikkingen' own catch-up service:
every toegang decision of the region that went through the route's services (an event row, e.g.
the honoured request of ``ijw_demo`` or a demo user's decision) has its letter, or waits on the
toegang's worklist for an addressee. The bulk trajectories write no event rows (nobody acted,
README), so their history has no letters; the decisions the demo users take do, as they happen
(``abonnementen.NA_COMMIT``). Idempotent: a second run makes nothing new."""

from __future__ import annotations

from collections.abc import Callable

from jeugdregie.beschikkingen.services.inhalen import haal_in


def maak_beschikkingen(*, melden: Callable[[str], None] = print) -> int:
    uitkomst = haal_in()
    melden(
        f"beschikkingen: {uitkomst.gemaakt} gemaakt, {uitkomst.wachtend} wachten op een geadresseerde"
        + (f", {uitkomst.mislukt} mislukt" if uitkomst.mislukt else "")
    )
    return uitkomst.gemaakt
