"""What a GP, jeugdarts, specialist or GI finds on its home page (issue 19 §4): its own
submissions on the referral form and what became of them, and the referrals in its overview by
status. Counts only: the lists behind them (with the masked BSN) are on the pages they link to,
which log the read (R-P2). A submission the toegang has not decided on counts as "Ontvangen"
whether or not the BSN is known, exactly as in the overview of submissions (R-P4)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .constants import AANMELDING_VOOR_INDIENER, AanmeldingStatus, VerwijzingStatus
from .models import Aanmelding, Verwijzing
from .policies import mag_aanmeldingen_zien, mag_route_inzien


@dataclass(frozen=True)
class Telling:
    label: str
    aantal: int


def eigen_aanmeldingen(gebruiker) -> list[Telling]:
    """R-P4: the user's organisation's submissions by the status it may see: "Ontvangen" while
    the toegang has not decided, the toegang's decision after that."""
    if not mag_aanmeldingen_zien(gebruiker):
        return []
    rijen = Aanmelding.objects.voor_gebruiker(gebruiker).values_list("besluit_op", "status")
    tellingen = Counter(
        str(AanmeldingStatus(status).label) if besluit_op is not None else str(AANMELDING_VOOR_INDIENER)
        for besluit_op, status in rijen
    )
    return [Telling(label, aantal) for label, aantal in sorted(tellingen.items())]


def verwijzingen_per_status(gebruiker) -> list[Telling]:
    """R-P1/R-P4: the referrals in the user's overview (``in_overzicht``) by status."""
    if not mag_route_inzien(gebruiker):
        return []
    tellingen = Counter(Verwijzing.objects.in_overzicht(gebruiker).values_list("status", flat=True))
    return [Telling(str(s.label), tellingen[s.value]) for s in VerwijzingStatus if tellingen[s.value]]


def recente_verwijzingen(gebruiker, *, limiet: int = 8) -> list[Verwijzing]:
    """R-P1/R-P4: the newest referrals in the user's overview with their status and provider
    (issue 19 §4: the huisarts sees its own referrals and what became of them). No child data on
    the card: the referral's page names the child and logs that read."""
    if not mag_route_inzien(gebruiker):
        return []
    return list(
        Verwijzing.objects.in_overzicht(gebruiker).select_related("aanbieder").order_by("-datum", "-pk")[:limiet]
    )
