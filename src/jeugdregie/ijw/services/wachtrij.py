"""JW301s held back for want of contact data (issue 15 §2).

A JW301 without any address or phone of the client fails TR006 and the provider's software
refuses it (0001), so the allocation would never arrive. The allocation decision itself is not
blocked (care must not wait for an address): ``jw301.bouw`` raises ``ContactOntbreekt``, the
outbox (``uitbox.verzamel``) leaves the event unhandled (no ``Uitboxverwerking`` row, the
transaction of that event is rolled back) and logs ``ijw_uitbox_wacht_op_contact``; the
toegang's worklist shows the allocation under "Adres ontbreekt" with a link to the child's
contact page (``toewijzingen.werkvoorraad``). Exactly once is kept: the event gets its
``Uitboxverwerking`` row only when its message is made.

When the toegang enters an address or phone, ``jeugdigen.services_contact`` runs its after-commit
hooks; ``na_contactwijziging`` (registered in ``IjwConfig.ready``) hands this child's waiting
events to the outbox, so the waiting JW301 goes out at once. ``uitbox.verzamel()`` (``manage.py
ijw maak``) would pick them up as well."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Crisisopvolgingsverzoek, Gebeurtenis, Toewijzing

from ..models import Uitboxverwerking
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


def na_contactwijziging(jeugdige_id: int) -> None:
    """After-commit hook of ``jeugdigen.services_contact``: send what waited for this child."""
    if ids := wachtende_gebeurtenissen(jeugdige_id):
        uitbox.verzamel(gebeurtenissen=ids)
