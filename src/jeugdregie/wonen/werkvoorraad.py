"""Wonen/Verblijf worklists of the toegang (issue 3 §4): matching past its norm (R-W5), a bed
not placed within 24 hours (R-W6), age limits in sight (R-W7) and stays ending without follow-up
(R-W9). The home page shows them after the route's lists (``toewijzingen.werkvoorraad``)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.organisaties.models import Gemeente
from jeugdregie.organisaties.regelset import Tijdlijn, regels
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.verblijf import met_verblijf_q
from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad, beperkte_lijst
from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from .leeftijdsgrenzen import grenzen, verjaardag
from .models import BED_NORM, Matching, Verblijfsverzoek

LEEFTIJD_VOORUIT = relativedelta(months=3)  # R-W7: age limits coming up
LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)


def matching_over_norm(gemeente_id: int, *, op: date) -> list[Matching]:
    """R-W5: open matchings that took longer than their norm (the region's, ``Matching.norm``)."""
    open_matchings = Matching.objects.filter(
        toewijzing__gemeente_id=gemeente_id, einddatum__isnull=True, toewijzing__status__in=LOPEND
    ).select_related("toewijzing__jeugdige", "toewijzing__aanbieder", "toewijzing__gemeente__regio")
    return [m for m in open_matchings.order_by("startdatum") if m.over_norm(op)]


def _grensdagen(toewijzing: Toewijzing, tijdlijn: Tijdlijn | None = None) -> list[date]:
    """R-W7/R-W11: the birthdays at the region's age limits for this allocation's form, by the
    rule set valid on the day the allocation started (R-R1: the limits it was allocated under)."""
    regio_id, begin = toewijzing.gemeente.regio_id, toewijzing.begindatum
    versie = tijdlijn.regels(regio_id, begin) if tijdlijn is not None else regels(regio_id, begin)
    leeftijden = grenzen(versie, toewijzing.woonvorm, toekomstplan=toewijzing.toekomstplan)
    return [verjaardag(toewijzing.jeugdige.geboortedatum, leeftijd) for leeftijd in leeftijden]


def leeftijdsgrens_in_zicht(gemeente_id: int, *, op: date) -> list[Toewijzing]:
    """R-W7/R-W11: running Wonen/Verblijf where the young person reaches an age limit of the
    region within three months: 16 (toekomstplan, unless recorded), 18, 21 (family forms) or 23.
    An allocation that ends the day before the birthday counts (it ends because of the limit:
    after 23 it cannot run on at all)."""
    lopend = Toewijzing.objects.filter(
        gemeente_id=gemeente_id, soort=ToewijzingSoort.WONEN_VERBLIJF, status__in=LOPEND, einddatum__gte=op
    ).select_related("jeugdige", "aanbieder", "gemeente__regio")
    uiterst = op + LEEFTIJD_VOORUIT
    lopend = list(lopend.order_by("jeugdige__geboortedatum"))
    tijdlijn = Tijdlijn.van({t.gemeente.regio_id for t in lopend})  # R-R1: the versions, read once
    return [
        toewijzing
        for toewijzing in lopend
        if any(
            op <= dag <= min(uiterst, toewijzing.einddatum + timedelta(days=1))
            for dag in _grensdagen(toewijzing, tijdlijn)
        )
    ]


def verblijf_zonder_vervolg(gemeente_id: int, *, op: date) -> list[Toewijzing]:
    """R-W9: Verblijf (R-W7: a crisis bed too) ending within the region's weeks
    (``verblijf_einde_signaal_weken``, 8 by default) with no other allocation carrying on after it.
    R-R1: the rule set valid on ``op``, the day the worklist looks ahead from."""
    regio_id = Gemeente.objects.values_list("regio_id", flat=True).get(pk=gemeente_id)
    vooruit = timedelta(weeks=regels(regio_id, op).verblijf_einde_signaal_weken)
    vervolg = Toewijzing.objects.filter(
        jeugdige_id=OuterRef("jeugdige_id"), status__in=LOPEND, einddatum__gt=OuterRef("einddatum")
    ).exclude(pk=OuterRef("pk"))
    return beperkte_lijst(
        Toewijzing.objects.filter(
            met_verblijf_q(),
            gemeente_id=gemeente_id,
            status__in=LOPEND,
            einddatum__gte=op,
            einddatum__lte=op + vooruit,
        )
        .exclude(Exists(vervolg))
        .select_related("jeugdige", "aanbieder")
        .order_by("einddatum", "pk"),
        None,
    )


def bed_niet_binnen_norm(gemeente_id: int, *, op: date) -> list[Verblijfsverzoek]:
    """R-W6: urgent bed requests not placed within 24 hours (open ones count up to now, or to the
    end of ``op`` when looking at an earlier day)."""
    einde_dag = timezone.make_aware(datetime.combine(op + timedelta(days=1), time.min))
    nu = min(timezone.now(), einde_dag)
    verzoeken = Verblijfsverzoek.objects.filter(
        toewijzing__gemeente_id=gemeente_id, spoed=True, aangevraagd_op__date__lte=op
    ).select_related("toewijzing__jeugdige", "toewijzing__aanbieder")
    recent = verzoeken.filter(Q(geplaatst_op__isnull=True) | Q(geplaatst_op__date__gte=op - timedelta(days=30)))
    return [v for v in recent.order_by("aangevraagd_op") if (v.geplaatst_op or nu) - v.aangevraagd_op > BED_NORM]


def _matching_item(matching: Matching) -> Werkitem:
    """R-W5: a matching past its norm: due at start plus norm, overdue by definition."""
    toewijzing = matching.toewijzing
    uiterlijk = matching.startdatum + matching.norm
    return Werkitem(
        soort="matching",
        pk=matching.pk,
        url=matching.get_absolute_url(),
        onderwerp=gettext("Toewijzing %(nr)s: matching afronden") % {"nr": toewijzing.pk},
        jeugdige=toewijzing.jeugdige,
        andere_partij=str(toewijzing.aanbieder),
        sinds=matching.startdatum,
        uiterlijk=uiterlijk,
        verstreken=True,
        bron=matching,
    )


def _leeftijdsgrens_item(op: date):
    """R-W7: the next age limit within three months is the due date."""

    def item(toewijzing: Toewijzing) -> Werkitem:
        grens = min((d for d in _grensdagen(toewijzing) if d >= op), default=None)
        return Werkitem(
            soort="toewijzing",
            pk=toewijzing.pk,
            url=toewijzing.get_absolute_url(),
            onderwerp=gettext("Toewijzing %(nr)s: leeftijdsgrens voorbereiden") % {"nr": toewijzing.pk},
            jeugdige=toewijzing.jeugdige,
            andere_partij=str(toewijzing.aanbieder),
            uiterlijk=grens,
            bron=toewijzing,
        )

    return item


def _vervolg_item(toewijzing: Toewijzing) -> Werkitem:
    """R-W9: follow-up care is due by the end of the stay."""
    return Werkitem(
        soort="toewijzing",
        pk=toewijzing.pk,
        url=toewijzing.get_absolute_url(),
        onderwerp=gettext("Toewijzing %(nr)s: vervolgzorg regelen") % {"nr": toewijzing.pk},
        jeugdige=toewijzing.jeugdige,
        andere_partij=str(toewijzing.aanbieder),
        uiterlijk=toewijzing.einddatum,
        bron=toewijzing,
    )


def _bed_item(verzoek: Verblijfsverzoek) -> Werkitem:
    """R-W6: a bed not placed within 24 hours of the request: overdue by definition."""
    toewijzing = verzoek.toewijzing
    return Werkitem(
        soort="verblijfsverzoek",
        pk=verzoek.pk,
        url=verzoek.get_absolute_url(),
        onderwerp=gettext("Toewijzing %(nr)s: verblijfsbed") % {"nr": toewijzing.pk}
        + (gettext(" (geplaatst)") if verzoek.geplaatst_op else ""),
        jeugdige=toewijzing.jeugdige,
        andere_partij=str(toewijzing.aanbieder),
        sinds=timezone.localtime(verzoek.aangevraagd_op).date(),
        uiterlijk=timezone.localtime(verzoek.aangevraagd_op + BED_NORM).date(),
        verstreken=True,
        bron=verzoek,
    )


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the toegang's lists for its municipality; nothing for anyone else."""
    bereik = bereik_route(user)
    if bereik is None or bereik[0] != GEMEENTE:
        return []
    gemeente = bereik[1]
    return [
        Werkvoorraad(
            _("Matching langer dan de norm"),
            matching_over_norm(gemeente, op=op),
            slug="matching",
            item=_matching_item,
            op=op,
        ),
        Werkvoorraad(
            _("Leeftijdsgrens in zicht"),
            leeftijdsgrens_in_zicht(gemeente, op=op),
            slug="leeftijdsgrens",
            item=_leeftijdsgrens_item(op),
            op=op,
        ),
        Werkvoorraad(
            _("Verblijf eindigt zonder vervolgzorg"),
            verblijf_zonder_vervolg(gemeente, op=op),
            slug="verblijf-zonder-vervolg",
            item=_vervolg_item,
            op=op,
        ),
        Werkvoorraad(
            _("Verblijfsbed niet binnen 24 uur"),
            bed_niet_binnen_norm(gemeente, op=op),
            slug="verblijfsbed",
            item=_bed_item,
            op=op,
        ),
    ]
