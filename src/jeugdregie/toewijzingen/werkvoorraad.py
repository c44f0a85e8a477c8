"""Worklists per role (issue 3 §4), as scoped queries. The home page shows them; each item links
to the page where it is handled (``get_absolute_url``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.periods import plus_werkdagen, werkdagen_tussen
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.organisaties.regelset import regels
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.vertraging import Vertragingen
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing
from jeugdregie.verwijzingen.policies import AANBIEDER, GEMEENTE, bereik_route

from .werkitem import Werkitem, Werkvoorraad

__all__ = ["Werkitem", "Werkvoorraad"]

LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)
# OP274 (JW315) and OP346 (JW317): the municipality answers a provider's request within 5 working
# days, by JW301 or JW319; after "in onderzoek" (VerzoekAntwoord 2) the final answer follows within 8
# weeks of the request. Values the iJw standard gives, the same for every region.
ANTWOORD_WERKDAGEN = 5
ONDERZOEK_TERMIJN = timedelta(weeks=8)


def beperkte_lijst(queryset: QuerySet, limiet: int | None = 200) -> list:
    return list(queryset[:limiet])


def bij_8_wekenpunt(toewijzingen: QuerySet, *, op: date) -> list[Toewijzing]:
    """Started budgets whose 8-week point (R-A3) is within the weeks of their region
    (``achtwekenpunt_signaal_weken``, 4 by default), or already passed; the earliest 8-week point
    first. R-R1: the rule set valid on ``op``, the day the worklist looks ahead from."""
    vertragingen = Vertragingen()  # R-A3: the lag and the rule set once per provider and region, not per allocation
    punten = []
    for t in toewijzingen:
        grens = op + timedelta(weeks=vertragingen.regels(t, op=op).achtwekenpunt_signaal_weken)
        punt = prognose(t, op=op, vertragingen=vertragingen).achtwekenpunt
        if punt <= grens:
            punten.append((punt, t.pk, t))
    return [t for _punt, _pk, t in sorted(punten, key=lambda p: p[:2])]


@dataclass(frozen=True)
class Antwoordtermijn:
    """A provider's iJw request waiting for the municipality's answer (OP274 for a JW315, OP346 for
    a JW317): when it came in, how many working days ago, and the day the answer is due. Open: 5
    working days after receipt; in onderzoek (JW319 VerzoekAntwoord 2 sent): 8 weeks after it
    (the request's Dagtekening is not kept; receipt is on or after it)."""

    verzoek: Any  # a Toewijzingsverzoek (JW315, ``verzoeken``) or an Aanpassingsaanvraag (JW317)
    berichttype: str
    aanbieder: Any  # the provider waiting for the answer
    ontvangen: date
    uiterlijk: date
    leeftijd: int  # working days since receipt
    in_onderzoek: bool
    verstreken: bool  # overdue: highlighted on the worklist

    def __str__(self) -> str:
        status = _(" (in onderzoek)") if self.in_onderzoek else ""
        tekst = _(
            "%(type)s %(referentie)s van %(aanbieder)s%(status)s, ontvangen %(ontvangen)s (%(leeftijd)s werkdagen): "
            "antwoord uiterlijk %(uiterlijk)s"
        ) % {
            "type": self.berichttype,
            "referentie": self.verzoek.referentie_aanbieder,
            "aanbieder": self.aanbieder,
            "status": status,
            "ontvangen": f"{self.ontvangen:%d-%m-%Y}",
            "leeftijd": self.leeftijd,
            "uiterlijk": f"{self.uiterlijk:%d-%m-%Y}",
        }
        return f"{tekst} — {_('te laat')}" if self.verstreken else tekst

    def get_absolute_url(self) -> str:
        return self.verzoek.get_absolute_url()


def antwoordtermijn(
    verzoek, *, berichttype: str, aanbieder, ontvangen: date, in_onderzoek: bool, op: date
) -> Antwoordtermijn:
    """OP274/OP346: the answer deadline on ``op`` of one open request (``berichttype`` JW315 or
    JW317) from ``aanbieder``."""
    uiterlijk = ontvangen + ONDERZOEK_TERMIJN if in_onderzoek else plus_werkdagen(ontvangen, ANTWOORD_WERKDAGEN)
    return Antwoordtermijn(
        verzoek=verzoek,
        berichttype=berichttype,
        aanbieder=aanbieder,
        ontvangen=ontvangen,
        uiterlijk=uiterlijk,
        leeftijd=werkdagen_tussen(ontvangen, op),
        in_onderzoek=in_onderzoek,
        verstreken=op > uiterlijk,
    )


def op_termijn(items: list[Antwoordtermijn]) -> list[Antwoordtermijn]:
    """Overdue first, then the earliest deadline."""
    return sorted(items, key=lambda i: (not i.verstreken, i.uiterlijk, i.verzoek.pk))


def open_verzoeken_om_wijziging() -> QuerySet[Aanpassingsaanvraag]:
    """OP346: the JW317 requests (an adjustment request with a ReferentieAanbieder) not yet
    decided, of every municipality, oldest first."""
    return (
        Aanpassingsaanvraag.objects.filter(status=AanpassingStatus.INGEDIEND)
        .exclude(referentie_aanbieder="")
        .select_related("verwijzing__aanbieder")
        .order_by("ingediend_op", "id")
    )


def termijn_van_wijziging(aanvraag: Aanpassingsaanvraag, *, op: date) -> Antwoordtermijn:
    """OP346: the answer deadline of one open JW317 request."""
    return antwoordtermijn(
        aanvraag,
        berichttype="JW317",
        aanbieder=aanvraag.verwijzing.aanbieder,
        ontvangen=aanvraag.ingediend_op,
        in_onderzoek=False,
        op=op,
    )


def verzoeken_om_wijziging(gemeente: int, *, op: date, limiet: int | None = 200) -> list[Antwoordtermijn]:
    """OP346: the municipality's JW317 requests not yet decided, with their answer deadline."""
    aanvragen = beperkte_lijst(
        open_verzoeken_om_wijziging().filter(verwijzing__gemeente_id=gemeente).select_related("verwijzing__jeugdige"),
        limiet,
    )
    return op_termijn([termijn_van_wijziging(a, op=op) for a in aanvragen])


def termijn_item(termijn: Antwoordtermijn) -> Werkitem:
    """OP274/OP346: a request waiting for the municipality's answer, due on its deadline."""
    verzoek = termijn.verzoek
    jeugdige = verzoek.jeugdige if hasattr(verzoek, "jeugdige") else verzoek.verwijzing.jeugdige
    if termijn.berichttype == "JW315":
        onderwerp = gettext("Verzoek om toewijzing %(referentie)s beantwoorden")
    else:
        onderwerp = gettext("Verzoek om wijziging %(referentie)s beantwoorden")
    onderwerp %= {"referentie": verzoek.referentie_aanbieder}
    if termijn.in_onderzoek:
        onderwerp += gettext(" (in onderzoek)")
    return Werkitem(
        soort=verzoek._meta.model_name,
        pk=verzoek.pk,
        url=verzoek.get_absolute_url(),
        onderwerp=onderwerp,
        jeugdige=jeugdige,
        andere_partij=str(termijn.aanbieder),
        sinds=termijn.ontvangen,
        uiterlijk=termijn.uiterlijk,
        verstreken=termijn.verstreken,
        bron=termijn,
    )


def _verwijzing_item(onderwerp, partij: str):
    """A referral waiting since its date; no rule gives a screening deadline, so no due date."""

    def item(verwijzing: Verwijzing) -> Werkitem:
        return Werkitem(
            soort="verwijzing",
            pk=verwijzing.pk,
            url=verwijzing.get_absolute_url(),
            onderwerp=str(onderwerp) % {"nr": verwijzing.pk},
            jeugdige=verwijzing.jeugdige,
            andere_partij=str(getattr(verwijzing, partij)),
            sinds=verwijzing.datum,
            bron=verwijzing,
        )

    return item


def _opvolging_item(opvolging: Weigeringsopvolging) -> Werkitem:
    """R-S3: a refusal to follow up, waiting since the screening or the refused adjustment."""
    verwijzing = opvolging.verwijzing
    sinds = opvolging.screening.datum if opvolging.screening_id else opvolging.aanpassing.besluit_op
    return Werkitem(
        soort="weigeringsopvolging",
        pk=opvolging.pk,
        url=opvolging.get_absolute_url(),
        onderwerp=gettext("Verwijzing %(nr)s: weigering opvolgen") % {"nr": verwijzing.pk},
        jeugdige=verwijzing.jeugdige,
        andere_partij=str(verwijzing.aanbieder),
        sinds=sinds,
        bron=opvolging,
    )


def _aanpassing_item(aanvraag: Aanpassingsaanvraag) -> Werkitem:
    return Werkitem(
        soort="aanpassingsaanvraag",
        pk=aanvraag.pk,
        url=aanvraag.get_absolute_url(),
        onderwerp=gettext("Aanpassing %(nr)s: besluiten (%(reden)s)")
        % {"nr": aanvraag.pk, "reden": aanvraag.get_reden_display().lower()},
        jeugdige=aanvraag.verwijzing.jeugdige,
        andere_partij=str(aanvraag.verwijzing.aanbieder),
        sinds=aanvraag.ingediend_op,
        bron=aanvraag,
    )


def _toewijzing_item(onderwerp, *, sinds: str, op: date, uiterlijk: str = ""):
    """An allocation on the provider's list, waiting since ``sinds`` (a date field); with
    ``uiterlijk`` (a date field) it is due then and overdue after."""

    def item(toewijzing: Toewijzing) -> Werkitem:
        termijn = getattr(toewijzing, uiterlijk) if uiterlijk else None
        return Werkitem(
            soort="toewijzing",
            pk=toewijzing.pk,
            url=toewijzing.get_absolute_url(),
            onderwerp=str(onderwerp) % {"nr": toewijzing.pk},
            jeugdige=toewijzing.jeugdige,
            andere_partij=str(toewijzing.gemeente),
            sinds=getattr(toewijzing, sinds),
            uiterlijk=termijn,
            verstreken=termijn is not None and op > termijn,
            bron=toewijzing,
        )

    return item


def _achtwekenpunt_item(op: date):
    """R-A3: the adjustment request is due by the 8-week point; overdue once it has passed."""
    vertragingen = Vertragingen()  # the lag once per provider and region, not per allocation

    def item(toewijzing: Toewijzing) -> Werkitem:
        punt = prognose(toewijzing, op=op, vertragingen=vertragingen).achtwekenpunt
        return Werkitem(
            soort="toewijzing",
            pk=toewijzing.pk,
            url=toewijzing.get_absolute_url(),
            onderwerp=gettext("Toewijzing %(nr)s: aanpassing aanvragen vóór het 8-wekenpunt") % {"nr": toewijzing.pk},
            jeugdige=toewijzing.jeugdige,
            andere_partij=str(toewijzing.gemeente),
            sinds=toewijzing.startdatum_zorg or toewijzing.begindatum,
            uiterlijk=punt,
            verstreken=op > punt,
            bron=toewijzing,
        )

    return item


def duurzaam_te_verlengen(gemeente: int, *, op: date) -> QuerySet[Toewijzing]:
    """R-T9: the municipality's running duurzaam keuzebudgets that end within the region's
    ``verlenging_duurzaam_signaal_weken`` of ``op`` and have no standing renewal (one whose
    referral and allocation are not withdrawn); the earliest end first."""
    regio_id = Gemeente.objects.filter(pk=gemeente).values_list("regio_id", flat=True).first()
    # R-R1: the rule set valid on the worklist's day
    weken = regels(regio_id, op).verlenging_duurzaam_signaal_weken if regio_id is not None else 0
    grens = op + timedelta(weeks=weken)
    verlengd = (
        Keuzebudget.objects.filter(vorige=OuterRef("keuzebudget"))
        .exclude(verwijzing__status=VerwijzingStatus.INGETROKKEN)
        .exclude(toewijzingen__status=ToewijzingStatus.INGETROKKEN)
    )
    return (
        Toewijzing.objects.filter(
            gemeente_id=gemeente,
            soort=ToewijzingSoort.KEUZEBUDGET,
            keuzebudget__soort=KeuzebudgetSoort.DUURZAAM,
            status__in=LOPEND,
            einddatum__gte=op,
            einddatum__lte=grens,
            einddatum=F("keuzebudget__einddatum"),  # not one ended early (a move, R-D3)
        )
        .exclude(Exists(verlengd))
        .select_related("jeugdige", "aanbieder", "keuzebudget")
        .order_by("einddatum", "pk")
    )


def _verlengen_item(op: date):
    """R-T9: renew before the budget year ends; due on its last day."""

    def item(toewijzing: Toewijzing) -> Werkitem:
        return Werkitem(
            soort="toewijzing",
            pk=toewijzing.pk,
            url=toewijzing.get_absolute_url(),
            onderwerp=gettext("Toewijzing %(nr)s: duurzaam budget verlengen voor het volgende jaar")
            % {"nr": toewijzing.pk},
            jeugdige=toewijzing.jeugdige,
            andere_partij=str(toewijzing.aanbieder),
            sinds=toewijzing.begindatum,
            uiterlijk=toewijzing.einddatum,
            verstreken=op > toewijzing.einddatum,
            bron=toewijzing,
        )

    return item


def _verzoeken(gemeente: int, op: date) -> list[Werkvoorraad]:
    """The providers' JW317 requests with their answer deadline (OP346), for a municipality that
    receives them (the JW315 requests, OP274: ``verzoeken.werkvoorraad``)."""
    lijsten = []
    wijziging = verzoeken_om_wijziging(gemeente, op=op, limiet=None)
    if wijziging:
        lijsten.append(
            Werkvoorraad(
                _("Verzoeken om wijziging (JW317)"),
                wijziging,
                _("De aanbieder wacht op een toewijzing of een antwoord, binnen 5 werkdagen."),  # OP346
                slug="verzoeken-om-wijziging",
                item=termijn_item,
                op=op,
            )
        )
    return lijsten


def _toegang(gebruiker, op: date) -> list[Werkvoorraad]:
    gemeente = gebruiker.gemeente_id
    return [
        *_verzoeken(gemeente, op),
        Werkvoorraad(
            _("Verwijzingen die wachten op screening"),
            Verwijzing.objects.filter(gemeente_id=gemeente, status=VerwijzingStatus.TE_SCREENEN)
            .select_related("jeugdige", "aanbieder")
            .order_by("datum", "pk"),
            slug="verwijzingen-screening",
            item=_verwijzing_item(_("Verwijzing %(nr)s: wacht op screening"), "aanbieder"),
            op=op,
        ),
        Werkvoorraad(
            _("Weigeringen die opvolging vragen"),
            Weigeringsopvolging.objects.filter(gemeente_id=gemeente, open=True)
            .select_related(
                "screening__verwijzing__jeugdige",
                "screening__verwijzing__aanbieder",
                "aanpassing__verwijzing__jeugdige",
                "aanpassing__verwijzing__aanbieder",
            )
            .order_by("pk"),
            slug="weigeringen",
            item=_opvolging_item,
            op=op,
        ),
        Werkvoorraad(
            _("Duurzame budgetten te verlengen"),
            duurzaam_te_verlengen(gemeente, op=op),
            # R-T9
            _("Een duurzaam keuzebudget is een bedrag per jaar: verleng het vóór het einde als de hulp doorloopt."),
            slug="duurzaam-verlengen",
            item=_verlengen_item(op),
            op=op,
        ),
        Werkvoorraad(
            _("Aanpassingsaanvragen om te beslissen"),
            Aanpassingsaanvraag.objects.filter(verwijzing__gemeente_id=gemeente, status=AanpassingStatus.INGEDIEND)
            .select_related("verwijzing__jeugdige", "verwijzing__aanbieder")
            .order_by("ingediend_op", "pk"),
            slug="aanpassingsaanvragen",
            item=_aanpassing_item,
            op=op,
        ),
    ]


def _aanbieder(aanbieder: int, op: date) -> list[Werkvoorraad]:
    gestart = Toewijzing.objects.filter(
        aanbieder_id=aanbieder, status=ToewijzingStatus.GESTART, soort=ToewijzingSoort.KEUZEBUDGET
    ).select_related("keuzebudget", "jeugdige", "gemeente")
    lijsten = [
        Werkvoorraad(
            _("Te screenen"),
            Verwijzing.objects.filter(aanbieder_id=aanbieder, status=VerwijzingStatus.TE_SCREENEN)
            .select_related("jeugdige", "gemeente")
            .order_by("datum", "pk"),
            slug="te-screenen",
            item=_verwijzing_item(_("Verwijzing %(nr)s screenen"), "gemeente"),
            op=op,
        ),
        Werkvoorraad(
            _("Te starten"),
            Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.TOEGEWEZEN)
            .select_related("jeugdige", "gemeente")
            .order_by("begindatum", "pk"),
            slug="te-starten",
            item=_toewijzing_item(_("Toewijzing %(nr)s: start van de zorg melden"), sinds="begindatum", op=op),
            op=op,
        ),
        Werkvoorraad(
            _("Budgetten bij het 8-wekenpunt"),
            bij_8_wekenpunt(gestart, op=op),
            # R-A3
            _("Een aanpassingsaanvraag moet 8 weken voor het bereiken van het budget binnen zijn."),
            slug="achtwekenpunt",
            item=_achtwekenpunt_item(op),
            op=op,
        ),
        Werkvoorraad(
            _("Te melden stops"),
            # the allocation's end date has passed: the stop is due by then
            Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.GESTART, einddatum__lt=op)
            .select_related("jeugdige", "gemeente")
            .order_by("einddatum", "pk"),
            slug="te-melden-stops",
            item=_toewijzing_item(
                _("Toewijzing %(nr)s: stop van de zorg melden"), sinds="einddatum", uiterlijk="einddatum", op=op
            ),
            op=op,
        ),
    ]
    aan_te_vullen = (  # stops reported by iJw JW307, without result score and consultation
        Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.GESTOPT, resultaatscore="")
        .select_related("jeugdige", "gemeente")
        .order_by("stopdatum_zorg", "pk")
    )
    if aan_te_vullen.exists():
        lijsten.append(
            Werkvoorraad(
                _("Gestopte zorg: resultaat en overleg vastleggen"),
                aan_te_vullen,
                # R-H3, R-H4, R-H5
                _("Gestopt met een iJw-stopbericht: leg vast of de resultaten behaald zijn en met wie is overlegd."),
                slug="gestopte-zorg",
                item=_toewijzing_item(
                    _("Toewijzing %(nr)s: resultaat en overleg vastleggen"), sinds="stopdatum_zorg", op=op
                ),
                op=op,
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
