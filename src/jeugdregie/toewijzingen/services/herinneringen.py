"""Reminders of the iJw answer deadlines (issue 17 §2): OP274 (JW315, ``verzoeken``) and OP346
(JW317, here). Every morning (``jeugdregie.termijnherinneringen``) the municipality gets one
notification (``Melding``) per open request whose answer is due by the next working day or
overdue. The deadline is the worklist's own (``werkvoorraad.antwoordtermijn``): no second copy
of the iJw rule. Exactly once per request and deadline: the notification's key names both, and
the unique key makes two workers at once create one row (a request put "in onderzoek" has a new
deadline, so a new reminder). The subject holds ids and dates only."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jeugdregie.common.periods import plus_werkdagen
from jeugdregie.toewijzingen.werkvoorraad import Antwoordtermijn, open_verzoeken_om_wijziging, termijn_van_wijziging
from jeugdregie.verwijzingen.constants import MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.models import Melding
from jeugdregie.verwijzingen.services.meldingen import maak_melding_eenmalig


def herinneringsgrens(op: date) -> date:
    """Deadlines on or before this day are reminded on ``op``: the next working day, so a
    reminder sent on a Friday covers a Monday deadline."""
    return plus_werkdagen(op, 1)


def herinner(termijn: Antwoordtermijn, *, gemeente_id: int, jeugdige_id: int) -> Melding | None:
    """The reminder of one deadline for the municipality; None when it was sent before."""
    verzoek_id = termijn.verzoek.pk
    toestand = "verstreken" if termijn.verstreken else "verloopt"
    return maak_melding_eenmalig(
        sleutel=f"antwoordtermijn:{termijn.berichttype}:{verzoek_id}:{termijn.uiterlijk.isoformat()}",
        soort=MeldingSoort.ANTWOORDTERMIJN,
        jeugdige_id=jeugdige_id,
        aan_gemeente_id=gemeente_id,
        onderwerp=(
            f"Antwoordtermijn {termijn.berichttype} verzoek {verzoek_id} {toestand} op {termijn.uiterlijk:%d-%m-%Y}"
        ),
        # the JW315 request's page, or the JW317 adjustment's (the toegang decides on both)
        doel=MeldingDoel.VERZOEK if termijn.berichttype == "JW315" else MeldingDoel.AANPASSING,
        doel_id=verzoek_id,
    )


def te_herinneren(termijnen: Iterable[Antwoordtermijn], *, op: date) -> list[Antwoordtermijn]:
    grens = herinneringsgrens(op)
    return [t for t in termijnen if t.uiterlijk <= grens]


def herinner_verzoeken_om_wijziging(*, op: date) -> list[Melding]:
    """OP346: a reminder for each open JW317 request due by the next working day or overdue;
    the new notifications (none for a deadline reminded before)."""
    termijnen = te_herinneren((termijn_van_wijziging(a, op=op) for a in open_verzoeken_om_wijziging()), op=op)
    nieuw = [
        herinner(t, gemeente_id=t.verzoek.verwijzing.gemeente_id, jeugdige_id=t.verzoek.verwijzing.jeugdige_id)
        for t in termijnen
    ]
    return [m for m in nieuw if m is not None]
