"""The outbox: outbound messages (JW301, JW319) stored valid and ready for pick-up, one per
deciding event (``oorzaak``), and their delivery status (issue 5 §3)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from lxml import etree

from jeugdregie.common.tijd import vandaag

from ..constants import BERICHTCODE, Berichtstatus, Berichttype, Richting
from ..models import Bericht
from ..xml.kop import als_bytes
from ..xml.schemas import valideer


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
    """Validate ``root`` against its XSD and store it for pick-up. The same ``oorzaak`` twice
    returns the first message (a decision causes one message, also when replayed)."""
    assert BERICHTCODE[berichttype]
    valideer(root, berichttype)
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
