"""Worklists per role (issue 3 §4), as scoped queries. The home page shows them; each item links
to the page where it is handled (``get_absolute_url``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.periods import plus_werkdagen, werkdagen_tussen
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import AANBIEDER, GEMEENTE, bereik_route

WAARSCHUWING_VOOR_ACHTWEKENPUNT = timedelta(weeks=4)
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


def verzoeken_om_wijziging(gemeente: int, *, op: date, limiet: int = 200) -> list[Antwoordtermijn]:
    """OP346: the municipality's JW317 requests not yet decided, with their answer deadline."""
    aanvragen = beperkte_lijst(open_verzoeken_om_wijziging().filter(verwijzing__gemeente_id=gemeente), limiet)
    return op_termijn([termijn_van_wijziging(a, op=op) for a in aanvragen])


def _verzoeken(gemeente: int, op: date) -> list[Werkvoorraad]:
    """The providers' JW317 requests with their answer deadline (OP346), for a municipality that
    receives them (the JW315 requests, OP274: ``verzoeken.werkvoorraad``)."""
    lijsten = []
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
