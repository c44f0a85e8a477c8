"""The toegang's worklist of providers' requests for allocation (JW315) with their answer
deadline (OP274: 5 working days after receipt, 8 weeks once "in onderzoek"); overdue first. The
home page shows it first among the route's lists (``portaal.werkvoorraden``)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.werkvoorraad import (
    Antwoordtermijn,
    Werkvoorraad,
    antwoordtermijn,
    beperkte_lijst,
    op_termijn,
    termijn_item,
)
from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from .constants import ToewijzingsverzoekStatus
from .models import Toewijzingsverzoek


def termijn_van_verzoek(verzoek: Toewijzingsverzoek, *, op: date) -> Antwoordtermijn:
    """OP274: the answer deadline of one JW315 request still waiting for an answer."""
    return antwoordtermijn(
        verzoek,
        berichttype="JW315",
        aanbieder=verzoek.aanbieder,
        ontvangen=timezone.localtime(verzoek.ontvangen_op).date(),
        in_onderzoek=verzoek.status == ToewijzingsverzoekStatus.IN_ONDERZOEK,
        op=op,
    )


def verzoeken_om_toewijzing(gemeente: int, *, op: date, limiet: int | None = 200) -> list[Antwoordtermijn]:
    """OP274: the JW315 requests (one row per AangevraagdProduct) still waiting for an answer."""
    open_verzoeken = (
        Toewijzingsverzoek.objects.onderhanden()
        .filter(gemeente_id=gemeente)
        .select_related("jeugdige", "aanbieder")
        .order_by("ontvangen_op", "id")
    )
    return op_termijn([termijn_van_verzoek(v, op=op) for v in beperkte_lijst(open_verzoeken, limiet)])


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the toegang of a municipality that receives JW315 requests; nobody else."""
    bereik = bereik_route(user)
    if bereik is None or bereik[0] != GEMEENTE:
        return []
    gemeente = bereik[1]
    lijsten = []
    if Toewijzingsverzoek.objects.filter(gemeente_id=gemeente).exists():
        lijsten.append(
            Werkvoorraad(
                _("Verzoeken om toewijzing (JW315)"),
                verzoeken_om_toewijzing(gemeente, op=op, limiet=None),
                # the deadlines of the iJw standard: OP274 (JW315); TR374 keeps a second request out
                _(
                    "Open en in onderzoek; de aanbieder wacht op een antwoord en kan zolang geen nieuw verzoek "
                    "sturen. Antwoord binnen 5 werkdagen, na 'in onderzoek' binnen 8 weken."
                ),
                slug="verzoeken-om-toewijzing",
                item=termijn_item,
                op=op,
            )
        )
    return lijsten
