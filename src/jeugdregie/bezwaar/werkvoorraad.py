"""The toegang's worklist of objections (issue 20 §3, R-D2), one item per open bezwaar naming
its next step with the Awb date it is due by (``stap``, a pure function of the bezwaar and the
day), and the gegrond objections whose new decision is still to be taken. The home page shows
them after the route's lists (``portaal.werkvoorraden``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad
from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from . import termijnen
from .constants import BezwaarStatus, Uitkomst
from .models import Bezwaar


@dataclass(frozen=True)
class Stap:
    """What is due next on an objection, by when, and whether that day has passed."""

    soort: str  # "termijn" | "horen" | "advies" | "verdagen" | "beslissen" | "verstreken"
    omschrijving: str
    uiterlijk: date
    verstreken: bool


def stap(bezwaar: Bezwaar, *, op: date) -> Stap:
    """R-D2: the next step of an open objection. Past its decision term: overdue (Awb 7:10).
    Late and not excused: niet-ontvankelijk or excuse (Awb 6:11). Otherwise in order: hear
    (7:2), the committee's advice (7:13), extend while at most two weeks are left and not yet
    extended (7:10 lid 2), decide."""
    einde = bezwaar.einde_beslistermijn
    if op > einde:
        return Stap("verstreken", gettext("Beslistermijn verstreken: beslis zo snel mogelijk"), einde, True)
    if not bezwaar.ontvankelijk_qua_termijn:
        return Stap("termijn", gettext("Te laat: niet-ontvankelijk verklaren of verschonen"), einde, False)
    if bezwaar.gehoord_op is None and not bezwaar.horen_afgezien_reden:
        return Stap("horen", gettext("Indiener horen"), einde, False)
    if bezwaar.adviescommissie and bezwaar.advies_op is None:
        return Stap("advies", gettext("Advies commissie afwachten"), einde, False)
    if bezwaar.verdaagd_op is None and einde - op <= termijnen.VERDAGEN_VANAF:
        return Stap("verdagen", gettext("Beslissen of verdagen"), einde, False)
    return Stap("beslissen", gettext("Beslissen op bezwaar"), einde, False)


def _item(op: date):
    def item(bezwaar: Bezwaar) -> Werkitem:
        s = stap(bezwaar, op=op)
        return Werkitem(
            soort="bezwaar",
            pk=bezwaar.pk,
            url=bezwaar.get_absolute_url(),
            onderwerp=gettext("Bezwaar %(nr)s: %(stap)s") % {"nr": bezwaar.nummer, "stap": s.omschrijving},
            jeugdige=bezwaar.jeugdige,
            andere_partij=bezwaar.indiener,
            sinds=bezwaar.ontvangen_op,
            uiterlijk=s.uiterlijk,
            verstreken=s.verstreken,
            bron=bezwaar,
        )

    return item


def _herstel_item(bezwaar: Bezwaar) -> Werkitem:
    return Werkitem(
        soort="bezwaar_herstel",
        pk=bezwaar.pk,
        url=bezwaar.get_absolute_url(),
        onderwerp=gettext("Bezwaar %(nr)s gegrond: nieuw besluit nemen") % {"nr": bezwaar.nummer},
        jeugdige=bezwaar.jeugdige,
        andere_partij=bezwaar.indiener,
        sinds=bezwaar.besloten_op,
        bron=bezwaar,
    )


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P1: the toegang sees its municipality's objections; anyone else nothing."""
    bereik = bereik_route(user)
    if bereik is None or bereik[0] != GEMEENTE:
        return []
    eigen = Bezwaar.objects.filter(gemeente_id=bereik[1]).select_related("jeugdige")
    return [
        Werkvoorraad(
            _("Bezwaren"),
            list(eigen.filter(status=BezwaarStatus.IN_BEHANDELING)),
            _("Horen, advies, verdagen en beslissen binnen de wettelijke termijn."),
            slug="bezwaren",
            item=_item(op),
            op=op,
        ),
        Werkvoorraad(
            _("Gegronde bezwaren: nieuw besluit nemen"),
            list(
                eigen.filter(
                    status=BezwaarStatus.BESLOTEN,
                    uitkomst=Uitkomst.GEGROND,
                    nieuwe_verwijzing__isnull=True,
                    nieuwe_beschikking__isnull=True,
                )
            ),
            _("Neem het nieuwe besluit en koppel de nieuwe beschikking aan het bezwaar."),
            slug="bezwaren-herstel",
            item=_herstel_item,
            op=op,
        ),
    ]
