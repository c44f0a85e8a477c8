"""The casusregisseur's worklist (issue 22 §4, R-R3): its open casussen, each naming what is due
(the next step, afschalen, or the waakvlam check with its date). Waakvlam checks that are due come
first (``op_volgorde``: overdue, then the earliest date). Shown on the home page after the
route's lists (``portaal.werkvoorraden``)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad

from .constants import Fase, Stap
from .models import Casus
from .policies import mag_casusregie_gebruiken


def omschrijving(casus: Casus, *, op: date) -> str:
    """What is due on ``casus`` for its casusregisseur (R-R3)."""
    if casus.fase == Fase.WAAKVLAM:
        if casus.waakvlam_controle_op is not None and casus.waakvlam_controle_op <= op:
            return gettext("Waakvlam: controle nodig")
        return gettext("Waakvlam")
    if casus.fase == Fase.AFGESLOTEN:
        return gettext("Afgesloten")
    if casus.mag_afschalen:
        return gettext("Resultaat bereikt: afschalen")
    volgende = casus.volgende_stappen
    if len(volgende) == 1:
        return gettext("Volgende stap: %(stap)s") % {"stap": Stap(volgende[0]).label}
    return gettext("Nieuwe ronde: resultaat of middelen bijstellen")


def _item(op: date):
    def item(casus: Casus) -> Werkitem:
        waakvlam = casus.fase == Fase.WAAKVLAM
        return Werkitem(
            soort="casus",
            pk=casus.pk,
            url=casus.get_absolute_url(),
            onderwerp=gettext("Casus %(nr)s: %(wat)s") % {"nr": casus.pk, "wat": omschrijving(casus, op=op)},
            jeugdige=casus.jeugdige,
            sinds=casus.geopend_op,
            uiterlijk=casus.waakvlam_controle_op if waakvlam else None,
            verstreken=bool(waakvlam and casus.waakvlam_controle_op and casus.waakvlam_controle_op <= op),
            bron=casus,
        )

    return item


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-R3: the casusregisseur sees its own open casussen; anyone else no list."""
    if not mag_casusregie_gebruiken(user):
        return []
    eigen = list(Casus.objects.open().van_regisseur(user).select_related("jeugdige"))
    if not eigen:
        return []
    return [
        Werkvoorraad(
            _("Casusregie"),
            eigen,
            _("Uw casussen als casusregisseur: de volgende stap, afschalen en de waakvlamcontroles."),
            slug="casusregie",
            item=_item(op),
            op=op,
        )
    ]
