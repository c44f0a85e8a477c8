"""Worklists per role (issue 3 §4), as scoped querysets. The home page shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jeugdregie.accounts.constants import Rol

from .constants import AanpassingStatus, ToewijzingStatus, VerwijzingStatus
from .models import Aanpassingsaanvraag, Toewijzing, Verwijzing, Weigeringsopvolging
from .prognose import prognose

WAARSCHUWING_VOOR_ACHTWEKENPUNT = timedelta(weeks=4)


@dataclass(frozen=True)
class Werkvoorraad:
    titel: str
    items: list

    @property
    def aantal(self) -> int:
        return len(self.items)


def _lijst(queryset: QuerySet, limiet: int = 200) -> list:
    return list(queryset[:limiet])


def bij_8_wekenpunt(toewijzingen: QuerySet, *, op: date) -> list[Toewijzing]:
    """Started budgets whose 8-week point (R-A3) is within four weeks, or already passed."""
    grens = op + WAARSCHUWING_VOOR_ACHTWEKENPUNT
    return [t for t in toewijzingen if prognose(t, op=op).achtwekenpunt <= grens]


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    if user.rol == Rol.TOEGANG:
        gemeente = user.gemeente_id
        return [
            Werkvoorraad(
                _("Verwijzingen die wachten op screening"),
                _lijst(
                    Verwijzing.objects.filter(gemeente_id=gemeente, status=VerwijzingStatus.TE_SCREENEN)
                    .select_related("jeugdige", "aanbieder")
                    .order_by("datum")
                ),
            ),
            Werkvoorraad(
                _("Weigeringen die opvolging vragen"),
                _lijst(
                    Weigeringsopvolging.objects.filter(gemeente_id=gemeente, open=True).select_related(
                        "screening__verwijzing__jeugdige"
                    )
                ),
            ),
            Werkvoorraad(
                _("Aanpassingsaanvragen om te beslissen"),
                _lijst(
                    Aanpassingsaanvraag.objects.filter(
                        verwijzing__gemeente_id=gemeente, status=AanpassingStatus.INGEDIEND
                    )
                    .select_related("verwijzing__jeugdige")
                    .order_by("ingediend_op")
                ),
            ),
        ]
    if user.rol == Rol.AANBIEDER:
        aanbieder = user.aanbieder_id
        gestart = Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.GESTART).select_related(
            "keuzebudget", "jeugdige"
        )
        return [
            Werkvoorraad(
                _("Te screenen"),
                _lijst(
                    Verwijzing.objects.filter(aanbieder_id=aanbieder, status=VerwijzingStatus.TE_SCREENEN)
                    .select_related("jeugdige")
                    .order_by("datum")
                ),
            ),
            Werkvoorraad(
                _("Te starten"),
                _lijst(
                    Toewijzing.objects.filter(aanbieder_id=aanbieder, status=ToewijzingStatus.TOEGEWEZEN)
                    .select_related("jeugdige")
                    .order_by("begindatum")
                ),
            ),
            Werkvoorraad(_("Budgetten bij het 8-wekenpunt"), bij_8_wekenpunt(gestart, op=op)),
            Werkvoorraad(_("Te melden stops"), _lijst(gestart.filter(einddatum__lt=op).order_by("einddatum"))),
        ]
    return []
