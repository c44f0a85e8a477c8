"""The toegang's worklist "beschikking wacht op geadresseerde" (R-D1) on the home page
(``portaal.werkvoorraden``): decisions whose letter waits until a party to address is entered,
oldest first. The item links to the child's dossier, where the family is entered; the reason
(it names the child) stays on the list's own page ``beschikkingen:wachtend``."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.tijd import datum_van
from jeugdregie.toewijzingen.werkitem import Werkitem, Werkvoorraad

from .models import WachtendeBeschikking
from .policies import mag_beschikkingen_inzien


def _item(wacht: WachtendeBeschikking) -> Werkitem:
    return Werkitem(
        soort="wachtendebeschikking",
        pk=wacht.pk,
        url=reverse("dossiers:jeugdige", args=[wacht.jeugdige_id]),
        onderwerp=gettext("Beschikking (%(soort)s): vul een geadresseerde in") % {"soort": wacht.get_soort_display()},
        jeugdige=wacht.jeugdige,
        sinds=datum_van(wacht.sinds),
        bron=wacht,
    )


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """The toegang of a municipality with waiting letters; nobody else (R-P1)."""
    if not mag_beschikkingen_inzien(user):
        return []
    wachtend = (
        WachtendeBeschikking.objects.voor_gebruiker(user)
        .filter(opgelost__isnull=True)
        .select_related("jeugdige")
        .order_by("sinds", "pk")
    )
    if not wachtend.exists():
        return []
    return [
        Werkvoorraad(
            _("Beschikking wacht op geadresseerde"),
            wachtend,
            _("Niemand kan de brief over dit besluit ontvangen. Vul bij het gezin in wat ontbreekt."),
            slug="beschikking-wacht",
            item=_item,
            op=op,
        )
    ]
