"""The outbox: outbound messages (JW301, JW319) stored valid and ready for pick-up, one per
deciding event (``oorzaak``), and their delivery status (issue 5 §3). ``controleer_uitgaand`` is
the one gate every message we send passes before it is stored (the outbox's JW301/JW319 and the
retours JW306/JW308/JW316/JW318/JW325 of ``services.ontvangen``): its XSD and the standard's
validation stylesheet (issue 15 §1). A failure is an error naming rule and location, logged;
nothing is stored."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from lxml import etree

from jeugdregie.common.tijd import vandaag

from ..constants import BERICHTCODE, Berichtstatus, Berichttype, Richting
from ..models import Bericht
from ..xml import inhoud
from ..xml.kop import als_bytes
from ..xml.schemas import valideer

logger = logging.getLogger(__name__)


class Uitgaandefout(Exception):
    """A message we built fails a rule of the standard's stylesheet: our bug or missing data,
    never sent. ``fouten``: the failed rules with their locations."""

    def __init__(self, berichttype: str, fouten: list[inhoud.Regelfout]):
        self.berichttype = berichttype
        self.fouten = fouten
        self.regels = sorted({fout.regel for fout in fouten})
        super().__init__(
            f"Het uitgaande {berichttype} voldoet niet aan de regels van de iJw-standaard en wordt niet "
            f"verstuurd: {inhoud.beschrijf(fouten)}."
        )


def controleer_uitgaand(root: etree._Element, berichttype: str) -> None:
    """Raise ``Berichtweigering`` (XSD) or ``Uitgaandefout`` (stylesheet) when ``root`` is not a
    message the standard accepts. Logged with rule codes and XPaths only (no content)."""
    valideer(root, berichttype)
    fouten = inhoud.controleer_inhoud(root)
    if fouten:
        logger.error(
            "ijw_uitgaand_afgekeurd",
            extra={
                "velden": {
                    "berichttype": berichttype,
                    "regels": sorted({fout.regel for fout in fouten}),
                    "locaties": [loc for fout in fouten[:10] for loc in fout.locaties][:20],
                }
            },
        )
        raise Uitgaandefout(berichttype, fouten)


def bewaar_uitgaand(
    root: etree._Element,
    *,
    berichttype: Berichttype,
    gemeente,
    aanbieder,
    identificatie: str,
    oorzaak: str,
    jeugdige_id: int | None = None,
    toewijzing_id: int | None = None,
    antwoord_op: Bericht | None = None,
) -> Bericht:
    """Check ``root`` (``controleer_uitgaand``) and store it for pick-up. The same ``oorzaak``
    twice returns the first message (a decision causes one message, also when replayed)."""
    assert BERICHTCODE[berichttype]
    controleer_uitgaand(root, berichttype)
    bestaand = Bericht.objects.filter(oorzaak=oorzaak).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            return Bericht.objects.create(
                richting=Richting.UIT,
                berichttype=berichttype,
                afzender=gemeente.cbs_code,
                ontvanger=aanbieder.agb_code,
                identificatie=identificatie,
                dagtekening=vandaag(),
                status=Berichtstatus.KLAAR,
                aanbieder=aanbieder,
                gemeente=gemeente,
                jeugdige_id=jeugdige_id,
                toewijzing_id=toewijzing_id,
                antwoord_op=antwoord_op,
                inhoud=als_bytes(root),
                oorzaak=oorzaak,
            )
    except IntegrityError:
        return Bericht.objects.get(oorzaak=oorzaak)


def markeer_opgehaald(bericht: Bericht) -> Bericht:
    """Delivery status: the receiver fetched the message (first fetch counts)."""
    updated = Bericht.objects.filter(pk=bericht.pk, richting=Richting.UIT, opgehaald__isnull=True).update(
        opgehaald=timezone.now(), status=Berichtstatus.OPGEHAALD
    )
    if updated:
        bericht.refresh_from_db(fields=["opgehaald", "status"])
    return bericht
