"""Worklists per role (issue 3 §4), as scoped queries. The home page shows them; each item links
to the page where it is handled (``get_absolute_url``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import Woonvorm
from jeugdregie.common.periods import plus_werkdagen, werkdagen_tussen

from .constants import (
    AanpassingStatus,
    ToewijzingSoort,
    ToewijzingStatus,
    ToewijzingsverzoekStatus,
    VerwijzingStatus,
)
from .models import (
    Aanpassingsaanvraag,
    Matching,
    Toewijzing,
    Toewijzingsverzoek,
    Verblijfsverzoek,
    Verwijzing,
    Weigeringsopvolging,
)
from .models.wonen import BED_NORM
from .policies import AANBIEDER, GEMEENTE, bereik_route
from .prognose import prognose

WAARSCHUWING_VOOR_ACHTWEKENPUNT = timedelta(weeks=4)
VERBLIJF_EINDE_VOORUIT = timedelta(weeks=8)  # R-W9: arrange follow-up well before the end
LEEFTIJD_VOORUIT = relativedelta(months=3)  # R-W7: age limits coming up
LEEFTIJDSGRENZEN = (16, 18, 21, 23)  # 16: toekomstplan; 18/21/23: limits per form (R-W7)
LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)
# OP274 (JW315) and OP346 (JW317): the municipality answers a provider's request within 5 working
# days, by JW301 or JW319; after "in onderzoek" (VerzoekAntwoord 2) the final answer follows within 8
# weeks of the request. Values the iJw standard gives, the same for every region.
ANTWOORD_WERKDAGEN = 5
ONDERZOEK_TERMIJN = timedelta(weeks=8)


@dataclass(frozen=True)
class Werkvoorraad:
    titel: str
    items: list
    toelichting: str = ""

    @property
    def aantal(self) -> int:
        return len(self.items)


def beperkte_lijst(queryset: QuerySet, limiet: int = 200) -> list:
    return list(queryset[:limiet])


def bij_8_wekenpunt(toewijzingen: QuerySet, *, op: date) -> list[Toewijzing]:
    """Started budgets whose 8-week point (R-A3) is within four weeks, or already passed."""
    grens = op + WAARSCHUWING_VOOR_ACHTWEKENPUNT
    return [t for t in toewijzingen if prognose(t, op=op).achtwekenpunt <= grens]


def matching_over_norm(gemeente_id: int, *, op: date) -> list[Matching]:
    """R-W5: open (or closed) matchings that took longer than their norm."""
    open_matchings = Matching.objects.filter(
        toewijzing__gemeente_id=gemeente_id, einddatum__isnull=True, toewijzing__status__in=LOPEND
    ).select_related("toewijzing__jeugdige")
    return [m for m in open_matchings.order_by("startdatum") if m.over_norm(op)]


def leeftijdsgrens_in_zicht(gemeente_id: int, *, op: date) -> list[Toewijzing]:
    """R-W7: running Wonen/Verblijf where the young person reaches 16 (toekomstplan), 18, 21 or
    23 within three months."""
    lopend = Toewijzing.objects.filter(
        gemeente_id=gemeente_id, soort=ToewijzingSoort.WONEN_VERBLIJF, status__in=LOPEND, einddatum__gte=op
    ).select_related("jeugdige")
    uiterst = op + LEEFTIJD_VOORUIT
    gevonden = []
    for toewijzing in lopend.order_by("jeugdige__geboortedatum"):
        for leeftijd in LEEFTIJDSGRENZEN:
            verjaardag = toewijzing.jeugdige.geboortedatum + relativedelta(years=leeftijd)
            if op <= verjaardag <= min(uiterst, toewijzing.einddatum):
                if leeftijd == 16 and toewijzing.toekomstplan:
                    continue
                if leeftijd == 21 and toewijzing.woonvorm not in (Woonvorm.PLEEGZORG, Woonvorm.GEZINSHUIS):
                    continue
                gevonden.append(toewijzing)
                break
    return gevonden


def verblijf_zonder_vervolg(gemeente_id: int, *, op: date) -> list[Toewijzing]:
    """R-W9: Verblijf ending within 8 weeks with no other allocation carrying on after it."""
    vervolg = Toewijzing.objects.filter(
        jeugdige_id=OuterRef("jeugdige_id"), status__in=LOPEND, einddatum__gt=OuterRef("einddatum")
    ).exclude(pk=OuterRef("pk"))
    return beperkte_lijst(
        Toewijzing.objects.filter(
            gemeente_id=gemeente_id,
            soort=ToewijzingSoort.WONEN_VERBLIJF,
            status__in=LOPEND,
            einddatum__gte=op,
            einddatum__lte=op + VERBLIJF_EINDE_VOORUIT,
        )
        .exclude(Exists(vervolg))
        .select_related("jeugdige")
        .order_by("einddatum")
    )


def bed_niet_binnen_norm(gemeente_id: int, *, op: date) -> list[Verblijfsverzoek]:
    """R-W6: urgent bed requests not placed within 24 hours (open ones count up to now, or to the
    end of ``op`` when looking at an earlier day)."""
    einde_dag = timezone.make_aware(datetime.combine(op + timedelta(days=1), time.min))
    nu = min(timezone.now(), einde_dag)
    verzoeken = Verblijfsverzoek.objects.filter(
        toewijzing__gemeente_id=gemeente_id, spoed=True, aangevraagd_op__date__lte=op
    ).select_related("toewijzing__jeugdige")
    recent = verzoeken.filter(Q(geplaatst_op__isnull=True) | Q(geplaatst_op__date__gte=op - timedelta(days=30)))
    return [v for v in recent.order_by("aangevraagd_op") if (v.geplaatst_op or nu) - v.aangevraagd_op > BED_NORM]


@dataclass(frozen=True)
class Antwoordtermijn:
    """A provider's iJw request waiting for the municipality's answer (OP274 for a JW315, OP346 for
    a JW317): when it came in, how many working days ago, and the day the answer is due. Open: 5
    working days after receipt; in onderzoek (JW319 VerzoekAntwoord 2 sent): 8 weeks after it
    (the request's Dagtekening is not kept; receipt is on or after it)."""

    verzoek: Toewijzingsverzoek | Aanpassingsaanvraag
    berichttype: str
    ontvangen: date
    uiterlijk: date
    leeftijd: int  # working days since receipt
    in_onderzoek: bool
    verstreken: bool  # overdue: highlighted on the worklist

    def __str__(self) -> str:
        v = self.verzoek
        referentie = v.referentie_aanbieder
        aanbieder = v.aanbieder if isinstance(v, Toewijzingsverzoek) else v.verwijzing.aanbieder
        status = _(" (in onderzoek)") if self.in_onderzoek else ""
        tekst = _(
            "%(type)s %(referentie)s van %(aanbieder)s%(status)s, ontvangen %(ontvangen)s (%(leeftijd)s werkdagen): "
            "antwoord uiterlijk %(uiterlijk)s"
        ) % {
            "type": self.berichttype,
            "referentie": referentie,
            "aanbieder": aanbieder,
            "status": status,
            "ontvangen": f"{self.ontvangen:%d-%m-%Y}",
            "leeftijd": self.leeftijd,
            "uiterlijk": f"{self.uiterlijk:%d-%m-%Y}",
        }
        return f"{tekst} — {_('te laat')}" if self.verstreken else tekst

    def get_absolute_url(self) -> str:
        return self.verzoek.get_absolute_url()


def antwoordtermijn(
    verzoek: Toewijzingsverzoek | Aanpassingsaanvraag, *, ontvangen: date, in_onderzoek: bool, op: date
) -> Antwoordtermijn:
    """OP274/OP346: the answer deadline of one open request on ``op``."""
    uiterlijk = ontvangen + ONDERZOEK_TERMIJN if in_onderzoek else plus_werkdagen(ontvangen, ANTWOORD_WERKDAGEN)
    return Antwoordtermijn(
        verzoek=verzoek,
        berichttype="JW315" if isinstance(verzoek, Toewijzingsverzoek) else "JW317",
        ontvangen=ontvangen,
        uiterlijk=uiterlijk,
        leeftijd=werkdagen_tussen(ontvangen, op),
        in_onderzoek=in_onderzoek,
        verstreken=op > uiterlijk,
    )


def _op_termijn(items: list[Antwoordtermijn]) -> list[Antwoordtermijn]:
    """Overdue first, then the earliest deadline."""
    return sorted(items, key=lambda i: (not i.verstreken, i.uiterlijk, i.verzoek.pk))


def verzoeken_om_toewijzing(gemeente: int, *, op: date, limiet: int = 200) -> list[Antwoordtermijn]:
    """OP274: the JW315 requests (one row per AangevraagdProduct) still waiting for an answer."""
    open_verzoeken = (
        Toewijzingsverzoek.objects.onderhanden()
        .filter(gemeente_id=gemeente)
        .select_related("jeugdige", "aanbieder")
        .order_by("ontvangen_op", "id")
    )
    return _op_termijn(
        [
            antwoordtermijn(
                v,
                ontvangen=timezone.localtime(v.ontvangen_op).date(),
                in_onderzoek=v.status == ToewijzingsverzoekStatus.IN_ONDERZOEK,
                op=op,
            )
            for v in beperkte_lijst(open_verzoeken, limiet)
        ]
    )


def verzoeken_om_wijziging(gemeente: int, *, op: date, limiet: int = 200) -> list[Antwoordtermijn]:
    """OP346: the JW317 requests (an adjustment request with a ReferentieAanbieder) not yet decided."""
    open_aanvragen = (
        Aanpassingsaanvraag.objects.filter(verwijzing__gemeente_id=gemeente, status=AanpassingStatus.INGEDIEND)
        .exclude(referentie_aanbieder="")
        .select_related("verwijzing__aanbieder")
        .order_by("ingediend_op", "id")
    )
    aanvragen = beperkte_lijst(open_aanvragen, limiet)
    return _op_termijn([antwoordtermijn(a, ontvangen=a.ingediend_op, in_onderzoek=False, op=op) for a in aanvragen])


def _verzoeken(gemeente: int, op: date) -> list[Werkvoorraad]:
    """The providers' iJw requests with their answer deadlines (OP274, OP346), for a municipality
    that receives them (like the crisisdienst's list in ``crisis.werkvoorraad``)."""
    lijsten = []
    if Toewijzingsverzoek.objects.filter(gemeente_id=gemeente).exists():
        lijsten.append(
            Werkvoorraad(
                _("Verzoeken om toewijzing (JW315)"),
                verzoeken_om_toewijzing(gemeente, op=op),
                # the deadlines of the iJw standard: OP274 (JW315); TR374 keeps a second request out
                _(
                    "Open en in onderzoek; de aanbieder wacht op een antwoord en kan zolang geen nieuw verzoek "
                    "sturen. Antwoord binnen 5 werkdagen, na 'in onderzoek' binnen 8 weken."
                ),
            )
        )
    wijziging = verzoeken_om_wijziging(gemeente, op=op)
    if wijziging:
        lijsten.append(
            Werkvoorraad(
                _("Verzoeken om wijziging (JW317)"),
                wijziging,
                _("De aanbieder wacht op een toewijzing of een antwoord, binnen 5 werkdagen."),  # OP346
            )
        )
    return lijsten


def _toegang(gebruiker, op: date) -> list[Werkvoorraad]:
    gemeente = gebruiker.gemeente_id
    return [
        *_verzoeken(gemeente, op),
        Werkvoorraad(
            _("Verwijzingen die wachten op screening"),
            beperkte_lijst(
                Verwijzing.objects.filter(gemeente_id=gemeente, status=VerwijzingStatus.TE_SCREENEN)
                .select_related("jeugdige", "aanbieder")
                .order_by("datum")
            ),
        ),
        Werkvoorraad(
            _("Weigeringen die opvolging vragen"),
            beperkte_lijst(
                Weigeringsopvolging.objects.filter(gemeente_id=gemeente, open=True).select_related(
                    "screening__verwijzing__jeugdige", "aanpassing__verwijzing__jeugdige"
                )
            ),
        ),
        Werkvoorraad(
            _("Aanpassingsaanvragen om te beslissen"),
            beperkte_lijst(
                Aanpassingsaanvraag.objects.filter(verwijzing__gemeente_id=gemeente, status=AanpassingStatus.INGEDIEND)
                .select_related("verwijzing__jeugdige")
                .order_by("ingediend_op")
            ),
        ),
        Werkvoorraad(_("Matching langer dan 3 maanden"), matching_over_norm(gemeente, op=op)),
        Werkvoorraad(_("Leeftijdsgrens in zicht"), leeftijdsgrens_in_zicht(gemeente, op=op)),
        Werkvoorraad(_("Verblijf eindigt zonder vervolgzorg"), verblijf_zonder_vervolg(gemeente, op=op)),
        Werkvoorraad(_("Verblijfsbed niet binnen 24 uur"), bed_niet_binnen_norm(gemeente, op=op)),
    ]


def _aanbieder(aanbieder: int, op: date) -> list[Werkvoorraad]:
    gestart = Toewijzing.objects.filter(
        aanbieder_id=aanbieder, status=ToewijzingStatus.GESTART, soort=ToewijzingSoort.KEUZEBUDGET
    ).select_related("keuzebudget", "jeugdige")
    lijsten = [
        Werkvoorraad(
            _("Te screenen"),
            beperkte_lijst(
                Verwijzing.objects.filter(aanbieder_id=aanbieder, status=VerwijzingStatus.TE_SCREENEN)
                .select_related("jeugdige")
                .order_by("datum")
            ),
        ),
        Werkvoorraad(
            _("Te starten"),
            beperkte_lijst(
                Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.TOEGEWEZEN)
                .select_related("jeugdige")
                .order_by("begindatum")
            ),
        ),
        Werkvoorraad(
            _("Budgetten bij het 8-wekenpunt"),
            bij_8_wekenpunt(gestart, op=op),
            _("Een aanpassingsaanvraag moet 8 weken voor het bereiken van het budget binnen zijn (R-A3)."),
        ),
        Werkvoorraad(
            _("Te melden stops"),
            beperkte_lijst(
                Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.GESTART, einddatum__lt=op)
                .select_related("jeugdige")
                .order_by("einddatum")
            ),
        ),
    ]
    aan_te_vullen = beperkte_lijst(  # stops reported by iJw JW307, without result score and consultation
        Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.GESTOPT, resultaatscore="")
        .select_related("jeugdige")
        .order_by("stopdatum_zorg")
    )
    if aan_te_vullen:
        lijsten.append(
            Werkvoorraad(
                _("Gestopte zorg: resultaat en overleg vastleggen"),
                aan_te_vullen,
                _(
                    "Gestopt met een iJw-stopbericht: leg vast of de resultaten behaald zijn en met wie is "
                    "overlegd (R-H3, R-H4, R-H5)."
                ),
            )
        )
    return lijsten


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the worklists of the organisation ``user`` works for (``policies.bereik_route``):
    the toegang's of its municipality, a provider's own; none for anyone else."""
    bereik = bereik_route(user)
    if bereik is not None and bereik[0] == GEMEENTE:
        return _toegang(user, op)
    if bereik is not None and bereik[0] == AANBIEDER:
        return _aanbieder(bereik[1], op)
    return []
