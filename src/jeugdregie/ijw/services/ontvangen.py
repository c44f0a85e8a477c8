"""Receiving an inbound iJw message (R-M1, issue 5 §1, §4, §5, §9): size limit, hardened parse,
schema validation, sender check, exactly-once by the message identity (TR056), dispatch to the
handler of its type and the retour, stored for pick-up. Every interface (HTTP endpoint,
``manage.py ijw verwerk``) calls ``ontvang``.

Control levels (IV032/IV088): level 1 (XSD, security, sender) refuses without a retour and
raises ``Berichtweigering`` for the sender; level 2 (in-message rules: the standard's validation
stylesheet first, then the handlers' own) gives a header-only retour 0001 (or the rule's code);
levels 3/4 give the rule's code on the failing class, 0200 on the others, and roll the whole
message back (JW323: per line, the valid lines are kept)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.organisaties.models import Gemeente

from ..berichten import jw325
from ..berichten.basis import Inhoudsfout, Inkomend, Uitkomst
from ..berichten.register import verwerker
from ..constants import INKOMEND, RETOUR_VAN, Berichtstatus, Berichttype, Retourcode, Richting, Weigering
from ..models import Bericht
from ..policies import mag_bericht_indienen_als
from ..xml import inhoud
from ..xml.kop import Kop, als_bytes, lees_kop
from ..xml.retour import alleen_header
from ..xml.schemas import valideer, valideer_stroom
from ..xml.veilig import Berichtweigering, controleer_grootte, lees
from .identiteit import nieuwe_identificatie
from .postvak import Uitgaandefout, controleer_uitgaand

logger = logging.getLogger(__name__)

# Types validated while streaming (they can be large); the others are parsed whole.
STROMEND = {Berichttype.JW323}
# The standard's stylesheet compares every line with every earlier one (TR101, TR315, TR316):
# its time grows with the square of the message. A streamed message above this size is judged
# per block of clients (``inhoud.controleer_declaratie``: the stylesheet on each block, the
# message-wide rules over the whole message), so its time grows with its size.
INHOUD_MAX_BYTES_STROMEND = 512 * 1024


@dataclass
class Ontvangst:
    bericht: Bericht
    retour: Bericht | None
    herhaald: bool = False

    @property
    def retour_xml(self) -> bytes | None:
        if self.retour is None:
            return None
        assert self.retour.inhoud is not None  # an outbound retour keeps its XML
        return bytes(self.retour.inhoud)


class _Terugdraaien(Exception):
    def __init__(self, uitkomst: Uitkomst):
        self.uitkomst = uitkomst


def _controleer(data: bytes, door) -> tuple[Kop, Gemeente]:
    controleer_grootte(len(data))
    kop = lees_kop(data)
    if kop.berichttype not in INKOMEND or kop.berichttype in (Berichttype.JW302, Berichttype.JW320):
        raise Berichtweigering(
            Weigering.NIET_TOEGESTAAN,
            f"Een {kop.berichttype} kan hier niet worden ingediend. Een aanbieder stuurt JW305, JW307, JW315, JW317 "
            "of JW323.",
        )
    if kop.berichttype in STROMEND:
        valideer_stroom(data, kop.berichttype)
    else:
        valideer(lees(data), kop.berichttype)
    if door is None or not mag_bericht_indienen_als(door, kop.afzender):
        raise Berichtweigering(
            Weigering.AFZENDER,
            f"De header noemt afzender {kop.afzender}, maar u bent ingelogd voor "
            f"{getattr(getattr(door, 'aanbieder', None), 'agb_code', 'geen aanbieder')}. Een aanbieder kan alleen "
            "eigen berichten indienen.",
        )
    gemeente = Gemeente.objects.filter(cbs_code=kop.ontvanger).first()
    if gemeente is None:
        raise Berichtweigering(
            Weigering.ONTVANGER,
            f"Ontvanger {kop.ontvanger} is geen gemeente in Jeugdregie. Gebruik de CBS-gemeentecode van de "
            "verantwoordelijke gemeente.",
        )
    return kop, gemeente


def _weigeren(data: bytes, door, fout: Berichtweigering) -> None:
    """Log a refused message (no identity key taken, no retour) and re-raise for the sender."""
    try:
        kop = lees_kop(data) if fout.code not in (Weigering.TE_GROOT, Weigering.ONVEILIG, Weigering.GEEN_XML) else None
    except Berichtweigering:
        kop = None
    Bericht.objects.create(
        richting=Richting.IN,
        berichttype=kop.berichttype if kop else "",
        afzender=(kop.afzender if kop else "")[:8],
        ontvanger=(kop.ontvanger if kop else "")[:8],
        identificatie=(kop.identificatie if kop else "")[:12],
        dagtekening=kop.dagtekening if kop else None,
        status=Berichtstatus.GEWEIGERD,
        aanbieder=getattr(door, "aanbieder", None),
        gemeente=Gemeente.objects.filter(cbs_code=kop.ontvanger).first() if kop else None,
        inhoud_hash=hashlib.sha256(data).hexdigest(),
        grootte=len(data),
        melding=f"{fout.code}: {fout.message}"[:2000],
        door=door if getattr(door, "is_authenticated", False) else None,
        verwerkt=timezone.now(),
    )
    logger.info("ijw_bericht_geweigerd", extra={"velden": {"code": fout.code, "grootte": len(data)}})


def ontvang(data: bytes, *, door, context: Toegangscontext | None = None) -> Ontvangst:
    """Process one inbound message exactly once and return it with its retour. A replay of the
    same identity returns the original retour and changes nothing. ``context``: the audit context
    of a submission through the API (R-P2); a new, answered message then gets its AANMAKEN row
    (a replay none: it created nothing). Without one (the ``ijw`` command, the demo) no row."""
    try:
        kop, gemeente = _controleer(data, door)
    except Berichtweigering as fout:
        _weigeren(data, door, fout)
        raise
    try:
        ontvangst = _verwerk(data, kop, gemeente, door)
    except Uitgaandefout as fout:
        # The retour we built breaks a rule of the standard (our fault, issue 15 §1). ``_verwerk``
        # rolled back: nothing of the message stands and its identity is free, so the provider can
        # send it again once the fault is repaired. It gets a Dutch refusal, not a server error,
        # and the message log shows the refusal.
        logger.error(
            "ijw_retour_afgekeurd",
            extra={"velden": {"berichttype": kop.berichttype, "retourtype": fout.berichttype, "regels": fout.regels}},
        )
        weigering = Berichtweigering(
            Weigering.RETOUR,
            f"Jeugdregie kon geen {fout.berichttype} maken die aan de iJw-standaard voldoet (regels "
            f"{', '.join(fout.regels)}); het bericht is daarom niet verwerkt. De fout ligt bij de gemeente en is "
            "vastgelegd; stuur het bericht later opnieuw.",
        )
        _weigeren(data, door, weigering)
        raise weigering from fout
    if context is not None and ontvangst.retour is not None and not ontvangst.herhaald:
        log(actie=Actie.AANMAKEN, objecttype=Bericht._meta.label, object_id=ontvangst.bericht.pk, context=context)
    return ontvangst


def _herhaling(kop: Kop) -> Ontvangst:
    bestaand = Bericht.objects.exclude(status=Berichtstatus.GEWEIGERD).get(
        richting=Richting.IN, afzender=kop.afzender, berichttype=kop.berichttype, identificatie=kop.identificatie
    )
    logger.info("ijw_bericht_herhaald", extra={"velden": {"bericht_id": bestaand.pk, "berichttype": kop.berichttype}})
    return Ontvangst(bericht=bestaand, retour=bestaand.antwoorden.order_by("id").first(), herhaald=True)


@transaction.atomic
def _verwerk(data: bytes, kop: Kop, gemeente: Gemeente, door) -> Ontvangst:
    nu = timezone.now()
    try:
        with transaction.atomic():
            bericht = Bericht.objects.create(
                richting=Richting.IN,
                berichttype=kop.berichttype,
                afzender=kop.afzender,
                ontvanger=kop.ontvanger,
                identificatie=kop.identificatie,
                dagtekening=kop.dagtekening,
                status=Berichtstatus.ONTVANGEN,
                aanbieder=door.aanbieder,
                gemeente=gemeente,
                inhoud_hash=hashlib.sha256(data).hexdigest(),
                grootte=len(data),
                door=door,
            )
    except IntegrityError:
        return _herhaling(kop)
    retourtype = RETOUR_VAN[kop.berichttype]
    inkomend = Inkomend(
        kop=kop,
        data=data,
        aanbieder=door.aanbieder,
        gemeente=gemeente,
        door=door,
        bericht=bericht,
        ontvangen_op=timezone.localtime(nu),
        retour_identificatie=nieuwe_identificatie(),
    )
    try:
        _controleer_dagtekening(kop, inkomend)
        _controleer_inhoud(inkomend)
        with transaction.atomic():
            uitkomst = verwerker(kop.berichttype)(inkomend)
            if not uitkomst.bewaar:
                raise _Terugdraaien(uitkomst)
    except _Terugdraaien as terug:
        uitkomst = terug.uitkomst
    except Inhoudsfout as fout:
        uitkomst = _alleen_header(inkomend, retourtype, fout)
    controleer_uitgaand(uitkomst.retour, retourtype)  # what we send must be valid; a failure here is our bug
    retour = Bericht.objects.create(
        richting=Richting.UIT,
        berichttype=retourtype,
        afzender=kop.ontvanger,
        ontvanger=kop.afzender,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
        status=Berichtstatus.KLAAR,
        aanbieder=door.aanbieder,
        gemeente=gemeente,
        jeugdige_id=uitkomst.jeugdige_id,
        toewijzing_id=uitkomst.toewijzing_id,
        declaratie_id=uitkomst.declaratie_id,
        antwoord_op=bericht,
        inhoud=als_bytes(uitkomst.retour),
        retourcodes=_headercodes(uitkomst.retour),
        fouten=uitkomst.fouten,
    )
    bericht.status = Berichtstatus.AFGEKEURD if uitkomst.afgekeurd else Berichtstatus.VERWERKT
    bericht.retourcodes = retour.retourcodes
    bericht.fouten = uitkomst.fouten
    bericht.jeugdige_id = uitkomst.jeugdige_id
    bericht.toewijzing_id = uitkomst.toewijzing_id
    bericht.declaratie_id = uitkomst.declaratie_id
    bericht.verwerkt = timezone.now()
    bericht.save(update_fields=["status", "retourcodes", "fouten", "jeugdige", "toewijzing", "declaratie", "verwerkt"])
    logger.info(
        "ijw_bericht_verwerkt",
        extra={
            "velden": {
                "bericht_id": bericht.pk,
                "berichttype": kop.berichttype,
                "status": bericht.status,
                "fouten": len(uitkomst.fouten),
            }
        },
    )
    return Ontvangst(bericht=bericht, retour=retour)


def _controleer_dagtekening(kop: Kop, inkomend: Inkomend) -> None:
    """TR135 (retourcode 8848, checked against the system date for every message type): the
    Dagtekening may not lie after the day of receipt. The header carries the code; the classes
    below are not assessed."""
    if kop.dagtekening is not None and kop.dagtekening > inkomend.vandaag:
        raise Inhoudsfout(
            f"De dagtekening {kop.dagtekening:%d-%m-%Y} ligt na de ontvangstdatum {inkomend.vandaag:%d-%m-%Y}. "
            "Gebruik de datum waarop het bericht is aangemaakt (TR135).",
            regel="TR135",
            retourcode="8848",
        )


def _controleer_inhoud(inkomend: Inkomend) -> None:
    """IV032 level 2, "bericht inhoud" (issue 15 §1): the standard's validation stylesheet judges
    the message before any handler sees it, also where a handler checks the same rule itself
    (e.g. CS002): a failure is a header-only retour with the rule's retourcode (WJ001; 0001 for
    the stylesheet's rules, TR319 9319), nothing is processed."""
    if inkomend.kop.berichttype in STROMEND and len(inkomend.data) > INHOUD_MAX_BYTES_STROMEND:
        logger.info(
            "ijw_inhoud_in_blokken",
            extra={"velden": {"bericht_id": inkomend.bericht.pk, "grootte": len(inkomend.data)}},
        )
        fouten = inhoud.controleer_declaratie(inkomend.data)
    else:
        fouten = inhoud.controleer_inhoud(inkomend.root)
    if not fouten:
        return
    eerste = fouten[0]
    raise Inhoudsfout(
        f"Het bericht voldoet niet aan regel {eerste.regel} van de iJw-standaard ({eerste.details}) op "
        f"{', '.join(eerste.locaties)}." + (f" Verder: {inhoud.beschrijf(fouten[1:])}." if len(fouten) > 1 else ""),
        regel=eerste.regel,
        retourcode=eerste.retourcode,
    )


def _alleen_header(inkomend: Inkomend, retourtype: Berichttype, fout: Inhoudsfout) -> Uitkomst:
    """IV032/IV088 level 2: the header-only retour with 0001 (or the header rule's own code).
    JW325 has its own header (the declaration's identity), the echo retours copy the original's."""
    code = fout.retourcode or Retourcode.TECHNISCH
    if inkomend.kop.berichttype == Berichttype.JW323:
        return jw325.alleen_header(inkomend, [(fout.regel, fout.toelichting)], code=code)
    retour = alleen_header(
        inkomend.root,
        retourtype=retourtype,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
        code=code,
    )
    return Uitkomst(
        retour=retour,
        bewaar=False,
        fouten=[{"klasse": "Header", "sleutel": "", "codes": [code], "toelichting": fout.toelichting}],
    )


def _headercodes(retour) -> list[str]:
    from lxml import etree

    header = retour.find(f"{{{etree.QName(retour).namespace}}}Header")
    codes = header.find(f"{{{etree.QName(retour).namespace}}}RetourCodes") if header is not None else None
    return [c.text for c in codes] if codes is not None else []
