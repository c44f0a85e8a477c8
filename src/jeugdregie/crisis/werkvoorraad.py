"""The crisis function's worklists (issue 3 §4): the toegang's retroactive crisisopvolging
requests (R-C2) and the crisisdienst's reports to assess (R-C3). The home page shows them after the
route's lists (``toewijzingen.werkvoorraad``)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.tijd import datum_van
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.toewijzingen.constants import VerzoekStatus
from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad
from jeugdregie.verwijzingen.policies import AANBIEDER, GEMEENTE, bereik_route

from .models import Crisismelding, Crisisopvolgingsverzoek


def _verzoek_item(verzoek: Crisisopvolgingsverzoek) -> Werkitem:
    """R-C2: a retroactive request to decide on, waiting since it was filed; ``te_laat`` (filed
    after its deadline ``uiterlijk``) marks it."""
    return Werkitem(
        soort="crisisopvolgingsverzoek",
        pk=verzoek.pk,
        url=verzoek.get_absolute_url(),
        onderwerp=gettext("Crisisopvolging %(nr)s: besluiten") % {"nr": verzoek.pk},
        jeugdige=verzoek.jeugdige,
        jeugdige_weergave="" if verzoek.jeugdige_id else gettext("BSN %(bsn)s") % {"bsn": f"*****{verzoek.bsn[5:]}"},
        andere_partij=str(verzoek.aanbieder),
        sinds=verzoek.ingediend_op,
        verstreken=verzoek.te_laat,  # filed after its deadline: first on the list
        bron=verzoek,
    )


def _melding_item(nu, tijdlijn: Tijdlijn):
    """R-C3: a report to assess within the region's norm of the report (``Crisismelding.norm``, 4
    hours by default; R-R1: the rule set valid on the report's day, from ``tijdlijn``). The
    crisisdienst sees the BSN it reported (masked), never the register link (R-P4)."""

    def item(melding: Crisismelding) -> Werkitem:
        versie = tijdlijn.regels(melding.gemeente.regio_id, datum_van(melding.gemeld_op))
        melding.norm = timedelta(hours=versie.crisis_beoordeling_norm_uren)
        uiterlijk = melding.gemeld_op + melding.norm
        return Werkitem(
            soort="crisismelding",
            pk=melding.pk,
            url=melding.get_absolute_url(),
            onderwerp=gettext("Crisismelding %(nr)s beoordelen vóór %(tijd)s")
            % {"nr": melding.pk, "tijd": f"{timezone.localtime(uiterlijk):%d-%m-%Y %H:%M}"},
            jeugdige_weergave=gettext("BSN %(bsn)s") % {"bsn": melding.bsn_weergave} if melding.bsn else "",
            andere_partij=str(melding.gemeente),
            sinds=timezone.localtime(melding.gemeld_op).date(),
            uiterlijk=timezone.localtime(uiterlijk).date(),
            verstreken=nu > uiterlijk,
            bron=melding,
        )

    return item


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the toegang sees its municipality's requests; a crisisdienst (a provider with reports)
    its own reports; anyone else nothing."""
    bereik = bereik_route(user)
    if bereik is not None and bereik[0] == GEMEENTE:
        return [
            Werkvoorraad(
                _("Crisisopvolging: aanvragen achteraf"),
                Crisisopvolgingsverzoek.objects.filter(gemeente_id=bereik[1], status=VerzoekStatus.INGEDIEND)
                .select_related("jeugdige", "aanbieder")
                .order_by("-te_laat", "ingediend_op", "pk"),
                _("Te laat: later dan 3 werkdagen na de start aangevraagd."),  # R-C2
                slug="crisisopvolging",
                item=_verzoek_item,
                op=op,
            )
        ]
    if (
        bereik is not None
        and bereik[0] == AANBIEDER
        and Crisismelding.objects.filter(crisisdienst_id=bereik[1]).exists()
    ):
        te_beoordelen = Crisismelding.objects.filter(crisisdienst_id=bereik[1], beoordeeld_op__isnull=True)
        # R-R1: the rule sets of the reports' regions, read once for the whole list
        tijdlijn = Tijdlijn.van(te_beoordelen.order_by().values_list("gemeente__regio_id", flat=True).distinct())
        return [
            Werkvoorraad(
                _("Crisismeldingen te beoordelen"),
                te_beoordelen.select_related("gemeente").order_by("gemeld_op", "pk"),
                _("Binnen de beoordelingsnorm van de regio na de melding beoordelen (standaard 4 uur)."),  # R-C3
                slug="crisismeldingen",
                item=_melding_item(timezone.now(), tijdlijn),
                op=op,
            )
        ]
    return []
