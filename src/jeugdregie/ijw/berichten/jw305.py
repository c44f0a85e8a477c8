"""JW305 start zorg, answered with JW306 (R-H1, R-M1; issue 5 §2). Each StartProduct names its
allocation by ToewijzingNummer (TR019) and is handled by ``toewijzingen.services``:

- StatusAanlevering 1: ``start_zorg`` of that allocation on Begindatum, after TR074 (9074, a
  start with this key is already there) and TR326 (9326, the current start is not stopped).
  A start after a (temporary or definitive) stop is a restart on the same allocation (OP379):
  allowed on a day after the stop and inside the allocation (``start_zorg``, which keeps the
  stopped period); otherwise, or after a stop for death, 9019 with the domain's explanation.
- StatusAanlevering 3: ``trek_start_in`` (IV008) after TR063 (9063, no earlier start with this
  key) and TR071 (9071, the care was already stopped: delete the stop first).

ToewijzingIngangsdatum is not part of the key (IV008) and is not compared. Start and stop are
never a condition for payment (OP364): the declaration intake does not look at this message."""

from __future__ import annotations

from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import start_zorg
from jeugdregie.toewijzingen.services.zorgcorrectie import trek_start_in

from ..constants import Berichttype
from . import taakgericht
from .basis import Inkomend, Uitkomst
from .regie import GEEN_EERDERE_AANLEVERING, Afkeur, Regel, verwerk_klassen

AL_ONTVANGEN = "9074"  # TR074
NOG_NIET_GESTOPT = "9326"  # TR326
AL_BEEINDIGD = "9071"  # TR071


def verwerk(inkomend: Inkomend) -> Uitkomst:
    return verwerk_klassen(
        inkomend,
        klasse="StartProduct",
        retourtype=Berichttype.JW306,
        eerste=_start,
        verwijder=_verwijder,
        taakgericht=taakgericht.start,  # R-R2, IV096: keyed by Product + Begindatum
    )


def _start(inkomend: Inkomend, regel: Regel, toewijzing: Toewijzing) -> None:
    nummer, sinds = toewijzing.pk, toewijzing.startdatum_zorg
    if sinds == regel.begindatum:
        raise Afkeur(AL_ONTVANGEN, f"De start van toewijzing {nummer} op {sinds:%d-%m-%Y} is al ontvangen (TR074).")
    if toewijzing.status == ToewijzingStatus.GESTART:
        raise Afkeur(
            NOG_NIET_GESTOPT,
            f"De zorg op toewijzing {nummer} loopt al sinds {sinds:%d-%m-%Y}. Stuur eerst een stopbericht, of "
            "verwijder de eerdere start (StatusAanlevering 3) als die onjuist was (TR326).",
        )
    start_zorg(toewijzing=toewijzing, startdatum=regel.begindatum, door=inkomend.door)


def _verwijder(inkomend: Inkomend, regel: Regel, toewijzing: Toewijzing) -> None:
    if toewijzing.startdatum_zorg != regel.begindatum:
        raise Afkeur(
            GEEN_EERDERE_AANLEVERING,
            f"Er is geen eerdere start van toewijzing {toewijzing.pk} op {regel.begindatum:%d-%m-%Y} om te "
            "verwijderen (TR063).",
        )
    if toewijzing.status == ToewijzingStatus.GESTOPT:
        raise Afkeur(
            AL_BEEINDIGD,
            f"De zorg op toewijzing {toewijzing.pk} is al gestopt: verwijder eerst het stopbericht, dan de start "
            "(TR071).",
        )
    trek_start_in(toewijzing=toewijzing, door=inkomend.door)
