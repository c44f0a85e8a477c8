"""JW301s held back for want of contact data (issue 15 §2), and every other waiting message.

A JW301 without any address or phone of the client fails TR006 and the provider's software
refuses it (0001), so the allocation would never arrive. The allocation decision itself is not
blocked (care must not wait for an address): ``jw301.bouw`` raises ``ContactOntbreekt``, the
outbox (``uitbox.verzamel``) leaves the event unhandled (no ``Uitboxverwerking`` row, the
transaction of that event is rolled back), logs ``ijw_uitbox_wacht_op_contact`` and records an
``Uitboxwacht`` row (reason ``contact``). The toegang's worklist shows every allocation whose
message waits, also a withdrawal or an ended allocation, under "Adres ontbreekt" with a link to
the child's contact page (``ijw.werkvoorraad``). A message the outbound gate refuses (XSD or the
standard's stylesheet) or that fails to build waits the same way (reasons ``standaard`` and
``fout``, with the rules it broke): the toegang and the beheerder see it, and the beheerder has it
tried again after the repair (``probeer_opnieuw``). Exactly once is kept: the event gets its
``Uitboxverwerking`` row only when its message is made, and its ``Uitboxwacht`` row goes then.

When the toegang enters an address or phone, ``jeugdigen.services_contact`` publishes
``ContactGewijzigd``; after the commit ``na_contactwijziging`` (subscribed in
``jeugdregie/abonnementen.py``) hands this child's waiting events to the outbox, so the waiting
JW301 goes out at once. ``uitbox.verzamel()`` (``manage.py
ijw maak``) would pick them up as well."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.jeugdigen.gebeurtenissen import ContactGewijzigd
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..constants import Weigering
from ..models import Uitboxverwerking, Uitboxwacht
from ..policies import mag_uitbox_opnieuw_proberen
from . import uitbox


def wachtende_gebeurtenissen(jeugdige_id: int) -> list[int]:
    """The outbox events about this young person that have not been handled yet."""
    over_jeugdige = (
        Q(objecttype="toewijzing", object_id__in=Toewijzing.objects.filter(jeugdige_id=jeugdige_id).values("pk"))
        | Q(
            objecttype="crisisopvolgingsverzoek",
            object_id__in=Crisisopvolgingsverzoek.objects.filter(jeugdige_id=jeugdige_id).values("pk"),
        )
        | Q(
            objecttype="aanpassingsaanvraag",
            object_id__in=Aanpassingsaanvraag.objects.filter(verwijzing__jeugdige_id=jeugdige_id).values("pk"),
        )
    )
    return list(
        Gebeurtenis.objects.filter(over_jeugdige, gebeurtenis__in=uitbox.OORZAKEN)
        .exclude(Exists(Uitboxverwerking.objects.filter(gebeurtenis=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def na_contactwijziging(gewijzigd: ContactGewijzigd) -> None:
    """After the commit of a contact change: send what waited for this child."""
    if ids := wachtende_gebeurtenissen(gewijzigd.jeugdige_id):
        uitbox.verzamel(gebeurtenissen=ids)


def probeer_opnieuw(*, wacht: Uitboxwacht, door) -> bool:
    """Issue 15 §1: the beheerder has the outbox try a waiting message again, after the fault was
    repaired. True when nothing waits any more (the message was made, or the event turned out to
    need none); otherwise the row stays, one attempt on."""
    if not mag_uitbox_opnieuw_proberen(door):
        raise DomainError(Weigering.ROL, "Alleen de functioneel beheerder laat een wachtend bericht opnieuw proberen.")
    uitbox.verzamel(gebeurtenissen=[wacht.gebeurtenis_id])
    afgehandeld = Uitboxverwerking.objects.filter(gebeurtenis_id=wacht.gebeurtenis_id).exists()
    uitkomst = "afgehandeld" if afgehandeld else "wacht nog"
    log(
        actie=Actie.WIJZIGEN,
        objecttype=Uitboxwacht._meta.label,
        object_id=wacht.pk,
        door=door,
        details=f"opnieuw geprobeerd: gebeurtenis {wacht.gebeurtenis_id}, {uitkomst}",
    )
    return afgehandeld
