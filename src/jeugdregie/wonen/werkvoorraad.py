"""Wonen/Verblijf worklists of the toegang (issue 3 §4): matching past its norm (R-W5), a bed
not placed within the region's norm (24 hours by default, R-W6), age limits in sight (R-W7) and
stays ending without follow-up (R-W9). The home page shows them after the route's lists
(``toewijzingen.werkvoorraad``). R-R1: every norm and look-ahead from the region's rule set."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.tijd import datum_van
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.organisaties.regelset import Tijdlijn, regels
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.verblijf import met_verblijf_q
from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad, beperkte_lijst
from jeugdregie.verwijzingen.policies import GEMEENTE, bereik_route

from .leeftijdsgrenzen import grenzen, verjaardag
from .models import Matching, Verblijfsverzoek

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


def _regio_id(gemeente_id: int) -> int:
    return Gemeente.objects.values_list("regio_id", flat=True).get(pk=gemeente_id)


def leeftijdsgrens_in_zicht(gemeente_id: int, *, op: date) -> list[Toewijzing]:
    """R-W7/R-W11: running Wonen/Verblijf where the young person reaches an age limit of the
    region within its months (``leeftijdsgrens_signaal_maanden``, 3 by default): 16 (toekomstplan,
    unless recorded), 18, 21 (family forms) or 23. An allocation that ends the day before the
    birthday counts (it ends because of the limit: after 23 it cannot run on at all). R-R1: the
    look-ahead from the rule set valid on ``op``, the day the worklist looks ahead from."""
    lopend = Toewijzing.objects.filter(
        gemeente_id=gemeente_id, soort=ToewijzingSoort.WONEN_VERBLIJF, status__in=LOPEND, einddatum__gte=op
    ).select_related("jeugdige", "aanbieder", "gemeente__regio")
    regio_id = _regio_id(gemeente_id)
    lopend = list(lopend.order_by("jeugdige__geboortedatum"))
    tijdlijn = Tijdlijn.van({regio_id, *(t.gemeente.regio_id for t in lopend)})  # R-R1: the versions, read once
    uiterst = op + relativedelta(months=tijdlijn.regels(regio_id, op).leeftijdsgrens_signaal_maanden)
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
    vooruit = timedelta(weeks=regels(_regio_id(gemeente_id), op).verblijf_einde_signaal_weken)
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
    """R-W6: urgent bed requests not placed within the region's norm (``bed_norm_uren``, 24 hours
    by default; open ones count up to now, or to the end of ``op`` when looking at an earlier day).
    R-R1: each request's norm from the rule set valid on the day it was made (``Verblijfsverzoek.norm``),
    the region's versions read once."""
    einde_dag = timezone.make_aware(datetime.combine(op + timedelta(days=1), time.min))
    nu = min(timezone.now(), einde_dag)
    verzoeken = Verblijfsverzoek.objects.filter(
        toewijzing__gemeente_id=gemeente_id, spoed=True, aangevraagd_op__date__lte=op
    ).select_related("toewijzing__jeugdige", "toewijzing__aanbieder", "toewijzing__gemeente")
    recent = list(
        verzoeken.filter(Q(geplaatst_op__isnull=True) | Q(geplaatst_op__date__gte=op - timedelta(days=30))).order_by(
            "aangevraagd_op"
        )
    )
    tijdlijn = Tijdlijn.van({v.toewijzing.gemeente.regio_id for v in recent})
    for verzoek in recent:  # the day of the request, as ``Verblijfsverzoek.norm`` reads it
        versie = tijdlijn.regels(verzoek.toewijzing.gemeente.regio_id, datum_van(verzoek.aangevraagd_op))
        verzoek.norm = timedelta(hours=versie.bed_norm_uren)
    return [v for v in recent if not v.binnen_norm(nu)]


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
    """R-W7: the next age limit within the region's months is the due date."""

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
    """R-W6: a bed not placed within the norm (``Verblijfsverzoek.norm``) of the request: overdue
    by definition."""
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
        uiterlijk=timezone.localtime(verzoek.aangevraagd_op + verzoek.norm).date(),
        verstreken=True,
        bron=verzoek,
    )


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the toegang's lists for its municipality; nothing for anyone else."""
    bereik = bereik_route(user)
    if bereik is None or bereik[0] != GEMEENTE:
        return []
    gemeente = bereik[1]
    # R-W6, R-R1: the title names the norm of the rule set valid on the worklist's day (each request
    # is judged by the norm of its own day, ``bed_niet_binnen_norm``)
    bed_uren = regels(_regio_id(gemeente), op).bed_norm_uren
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
            gettext("Verblijfsbed niet binnen %(uren)s uur") % {"uren": bed_uren},
            bed_niet_binnen_norm(gemeente, op=op),
            slug="verblijfsbed",
            item=_bed_item,
            op=op,
        ),
    ]
