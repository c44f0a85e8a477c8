"""JW307 stop zorg, answered with JW308 (R-H3…R-H5, R-M1; issue 5 §2). Each StopProduct names
its allocation by ToewijzingNummer (TR019) and carries the Begindatum of the start it ends
(TR382), a JZ588 RedenBeeindiging and an Einddatum. Handled by ``toewijzingen.services``:

- StatusAanlevering 1: ``stop_zorg`` after TR382 (9069, no current start with this key),
  a JZ588 reason the domain knows (39 "uitstroom naar ander domein" is not in
  ``RedenBeeindiging`` yet: 9019),
  TR415 (9415, already stopped definitively), TR413 (9413, a second temporary stop) and TR414
  (9414, a definitive stop before the temporary one). After a temporary stop (JZ588 20) only a
  definitive stop may follow (OP377/OP378), which the service allows.
- StatusAanlevering 3: ``trek_stop_in`` (IV008) when the current stop has this key, Einddatum
  and reason, else TR063 (9063).

The mapping of what JW307 does not carry (SPEC §7): the message is the provider's report that
care has ended, and OP288 makes it mandatory; refusing it would not bring the care back but
leave the administration wrong. So the stop is recorded with ``resultaat_volgt=True``: the
dates, R-H4 continuity on a move (38) and R-W9 follow-up for Wonen/Verblijf are checked now
(a Verblijf stop therefore goes on screen, where the follow-up can be given); the result score
(R-H5) and the consultation with referrer (R-H3) and toegang (R-H4) are completed on screen
(``zorgcorrectie.vul_stop_aan``, with the same checks), the allocation stays on the provider's
worklist until then, the referrer is told of every stop and the toegang of a mid-trajectory one.
A stop recorded on screen is the same stop: a JW307 for it afterwards gets 9415.
Start and stop are never a condition for payment (OP364)."""

from __future__ import annotations

from jeugdregie.toewijzingen.constants import RedenBeeindiging, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services import stop_zorg
from jeugdregie.toewijzingen.services.zorgcorrectie import trek_stop_in

from ..constants import Berichttype
from . import taakgericht
from .basis import Inkomend, Uitkomst
from .regie import GEEN_EERDERE_AANLEVERING, NIET_TE_KOPPELEN, Afkeur, Regel, verwerk_klassen

GEEN_ACTUELE_START = "9069"  # TR382
TWEEDE_TIJDELIJKE_STOP = "9413"  # TR413
EINDE_VOOR_TIJDELIJKE_STOP = "9414"  # TR414
AL_GESTOPT = "9415"  # TR415


def verwerk(inkomend: Inkomend) -> Uitkomst:
    return verwerk_klassen(
        inkomend,
        klasse="StopProduct",
        retourtype=Berichttype.JW308,
        eerste=_stop,
        verwijder=_verwijder,
        taakgericht=taakgericht.stop,  # R-R2, IV096: keyed by Product + Begindatum
    )


def _stop(inkomend: Inkomend, regel: Regel, toewijzing: Toewijzing) -> None:
    nummer = toewijzing.pk
    if regel.reden not in RedenBeeindiging.values:  # 39 (uitstroom naar ander domein) is not in the domain yet
        raise Afkeur(
            NIET_TE_KOPPELEN,
            f"Reden beëindiging {regel.reden} kent Jeugdregie nog niet, de stop is niet vastgelegd: neem contact op "
            "met de gemeente (JZ588).",
        )
    if toewijzing.startdatum_zorg != regel.begindatum:
        raise Afkeur(
            GEEN_ACTUELE_START,
            f"Er is geen start van toewijzing {nummer} op {regel.begindatum:%d-%m-%Y}: een stop hoort bij een "
            "eerder gemelde start en neemt diens ToewijzingNummer, Product en Begindatum ongewijzigd over "
            "(TR382, OP072).",
        )
    if toewijzing.status == ToewijzingStatus.GESTOPT:
        gestopt = toewijzing.stopdatum_zorg
        if toewijzing.reden_beeindiging != RedenBeeindiging.TIJDELIJK:
            raise Afkeur(
                AL_GESTOPT,
                f"De zorg op toewijzing {nummer} is al gestopt op {gestopt:%d-%m-%Y}. Is die stop onjuist, verwijder "
                "hem dan eerst (StatusAanlevering 3) (TR415).",
            )
        if regel.reden == RedenBeeindiging.TIJDELIJK:
            raise Afkeur(
                TWEEDE_TIJDELIJKE_STOP,
                f"De zorg op toewijzing {nummer} is al tijdelijk gestopt op {gestopt:%d-%m-%Y}; daarna kan alleen "
                "een definitieve stop volgen (TR413).",
            )
        if regel.einddatum < gestopt:
            raise Afkeur(
                EINDE_VOOR_TIJDELIJKE_STOP,
                f"De einddatum ligt voor de tijdelijke stop van {gestopt:%d-%m-%Y} (TR414).",
            )
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=regel.einddatum,
        reden=regel.reden,
        resultaatscore="",
        resultaat_volgt=True,
        gemeld_op=inkomend.vandaag,
        door=inkomend.door,
    )


def _verwijder(inkomend: Inkomend, regel: Regel, toewijzing: Toewijzing) -> None:
    huidig = (toewijzing.startdatum_zorg, toewijzing.stopdatum_zorg, toewijzing.reden_beeindiging)
    if toewijzing.status != ToewijzingStatus.GESTOPT or huidig != (regel.begindatum, regel.einddatum, regel.reden):
        raise Afkeur(
            GEEN_EERDERE_AANLEVERING,
            f"Er is geen stop van toewijzing {toewijzing.pk} op {regel.einddatum:%d-%m-%Y} met reden {regel.reden} "
            "om te verwijderen (TR063).",
        )
    trek_stop_in(toewijzing=toewijzing, door=inkomend.door)
