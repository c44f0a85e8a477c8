"""The worklists of the handover (R-D3), for the toegang of both municipalities: the old one ends
its allocations by the day before the move, the new one confirms the moving day (when care
already given is handed over), allocates and closes the handover, and either records the outcome
of an open dispute. Shown after the route's lists (``portaal.werkvoorraden``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.services.beeindigen import raakt_gegeven_zorg
from jeugdregie.toewijzingen.werkitem import Werkitem
from jeugdregie.toewijzingen.werkvoorraad import Werkvoorraad

from .constants import GeschilStatus, OverdrachtStatus
from .models import Geschil, Overdracht, OverdrachtToewijzing
from .policies import is_toegang
from .services import wacht_op_bevestiging


def _te_beeindigen_item(regel: OverdrachtToewijzing, op: date) -> Werkitem:
    overdracht = regel.overdracht
    uiterlijk = overdracht.verhuisdatum - timedelta(days=1)
    wacht = overdracht.verhuisdatum_bevestigd_op is None and raakt_gegeven_zorg(
        regel.toewijzing, overdracht.verhuisdatum
    )
    onderwerp = (
        gettext("Toewijzing %(nr)s: wacht op bevestiging van de verhuisdatum door %(gemeente)s")
        if wacht
        else gettext("Toewijzing %(nr)s beëindigen: verhuisd naar %(gemeente)s")
    )
    return Werkitem(
        soort="overdrachttoewijzing",
        pk=regel.pk,
        url=overdracht.get_absolute_url(),
        onderwerp=onderwerp % {"nr": regel.toewijzing_id, "gemeente": overdracht.naar_gemeente.naam},
        jeugdige=overdracht.jeugdige,
        andere_partij=overdracht.naar_gemeente.naam,
        sinds=overdracht.verhuisdatum,
        uiterlijk=uiterlijk,
        verstreken=op > uiterlijk,
    )


def _toewijzen_item(overdracht: Overdracht) -> Werkitem:
    onderwerp = (
        gettext("Verhuisdatum bevestigen en opnieuw toewijzen na verhuizing uit %(gemeente)s")
        if wacht_op_bevestiging(overdracht)
        else gettext("Opnieuw toewijzen na verhuizing uit %(gemeente)s")
    )
    return Werkitem(
        soort="overdracht",
        pk=overdracht.pk,
        url=overdracht.get_absolute_url(),
        onderwerp=onderwerp % {"gemeente": overdracht.van_gemeente.naam},
        jeugdige=overdracht.jeugdige,
        andere_partij=overdracht.van_gemeente.naam,
        sinds=overdracht.verhuisdatum,
    )


def _geschil_item(geschil: Geschil) -> Werkitem:
    overdracht = geschil.overdracht
    return Werkitem(
        soort="geschil",
        pk=geschil.pk,
        url=overdracht.get_absolute_url(),
        onderwerp=gettext("Geschil over de verantwoordelijke gemeente"),
        jeugdige=overdracht.jeugdige,
        andere_partij=geschil.ingediend_door_gemeente.naam,
        sinds=geschil.ingediend_op,
    )


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-D3: the toegang of a municipality with open handovers or disputes; nobody else."""
    if not is_toegang(user):
        return []
    gemeente = user.gemeente_id
    lijsten = []
    te_beeindigen = list(
        OverdrachtToewijzing.objects.filter(
            overdracht__van_gemeente_id=gemeente, overdracht__status=OverdrachtStatus.OPEN, beeindigd_op__isnull=True
        ).select_related("overdracht__jeugdige", "overdracht__naar_gemeente", "toewijzing")
    )
    if te_beeindigen:
        lijsten.append(
            Werkvoorraad(
                _("Verhuisd: toewijzingen beëindigen"),
                te_beeindigen,
                _("De jeugdige verhuisde naar een andere gemeente. Beëindig de toewijzing per de dag ervoor."),
                slug="overdracht-beeindigen",
                item=lambda r: _te_beeindigen_item(r, op),
                op=op,
            )
        )
    toewijzen = list(
        Overdracht.objects.filter(naar_gemeente_id=gemeente, status=OverdrachtStatus.OPEN).select_related(
            "jeugdige", "van_gemeente"
        )
    )
    if toewijzen:
        lijsten.append(
            Werkvoorraad(
                _("Verhuisd: opnieuw toewijzen"),
                toewijzen,
                _(
                    "Een jeugdige met hulp woont nu in uw gemeente. Bevestig zo nodig de verhuisdatum, wijs opnieuw "
                    "toe en rond de overdracht af."
                ),
                slug="overdracht-toewijzen",
                item=_toewijzen_item,
                op=op,
            )
        )
    geschillen = list(
        Geschil.objects.voor_gebruiker(user)
        .filter(status=GeschilStatus.OPEN)
        .select_related("overdracht__jeugdige", "ingediend_door_gemeente")
    )
    if geschillen:
        lijsten.append(
            Werkvoorraad(
                _("Geschillen tussen gemeenten"),
                geschillen,
                _("Leg de uitkomst vast zodra de gemeenten het eens zijn."),
                slug="overdracht-geschillen",
                item=_geschil_item,
                op=op,
            )
        )
    return lijsten
