"""R-T8 as corrected by R-T10: a second GP-route referral (or an extension) needs contact with
the toegang only while the young person's GP-route trajectory runs or ended recently, and the
toegang's recorded consent lifts that block for one next GP-route referral.

The seed (001 annex 2): "tweede verwijzing en/of verlenging via de huisartsenroute niet mogelijk
zonder contact met de gemeentelijke toegang". *Recent* is the region's
``huisartsroute_venster_maanden`` (default 12: the standard keuzebudgets count on care "gedurende
een jaar"); older history no longer blocks. A consent is spent by the one referral it allowed:
each further second referral needs contact again, which is what the seed asks. It counts only
for the trajectory that ran when it was recorded, so a consent left unused cannot open a later
trajectory, and only for referrals the municipality whose toegang recorded it pays (R-D3: after
a move the new municipality's toegang decides). An extension obeys the same rule: a consent for
the running or recent trajectory, spent by the extension. "Running or recent" is measured from
the server's date, in one place (``huisartsroutestand``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Gemeente, Regio
from jeugdregie.organisaties.regelset import regels
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import ToestemmingHuisartsroute, Verwijzing
from jeugdregie.verwijzingen.policies import mag_toestemming_huisartsroute_geven
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer


def venster_maanden(regio: Regio | int, op: date) -> int:
    """R-T10: the region's window in months, by its rule set valid on ``op``, the day of the
    referral asked for (R-R1)."""
    return regels(regio, op).huisartsroute_venster_maanden


def venster_begin(op: date, regio: Regio | int) -> date:
    """R-T10: a GP-route referral whose keuzebudget ends on or after this date is running or recent."""
    return op - relativedelta(months=venster_maanden(regio, op))


@dataclass(frozen=True)
class Huisartsroutestand:
    """R-T8/R-T10 for one young person and the municipality that pays the referral asked for, on
    the server's date: the running or recent GP-route trajectory (None when only older history
    exists) and the toegang's unused consent that lifts its block (None when there is none)."""

    gemeente: Gemeente
    traject: Verwijzing | None
    toestemming: ToestemmingHuisartsroute | None

    @property
    def venster_maanden(self) -> int:
        return venster_maanden(self.gemeente.regio_id, vandaag())  # the server's date, as the stand

    @property
    def geblokkeerd(self) -> bool:
        """A second GP-route referral needs the toegang: a trajectory runs or is recent and no
        consent of this municipality's toegang for it is open."""
        return self.traject is not None and self.toestemming is None


def huisartsroutestand(jeugdige: Jeugdige, *, gemeente: Gemeente) -> Huisartsroutestand:
    """R-T8/R-T10, the one place that decides "running or recent trajectory" and "open consent";
    the referral service, the consent service and the pages all ask it. Measured from the
    server's date (R-B9), never from a date a party supplies.

    The trajectory is the young person's latest GP-route referral (``via_huisartsroute``: its
    referrer was on its region's GP route that day, R-R1; not refused, not withdrawn)
    whose keuzebudget period runs today or ended within the window of ``gemeente``'s region
    (``huisartsroute_venster_maanden``), whichever municipality it was made in: the period is the
    keuzebudget's as referred (an allocation stopped earlier still counts to its planned end,
    the stricter reading). The consent counts only when ``gemeente``'s toegang recorded it (the
    municipality that pays the referral, R-D3: a consent of the old municipality does not bind
    the new one after a move), unused, for this trajectory (recorded on or after its referral
    date). Without a running or recent trajectory no consent applies: an unused consent of an
    earlier trajectory opens nothing, for a referral or an extension alike."""
    op = vandaag()
    traject = (
        Verwijzing.objects.filter(
            jeugdige=jeugdige,
            via_huisartsroute=True,
            keuzebudget__einddatum__gte=venster_begin(op, gemeente.regio_id),
        )
        .exclude(status__in=[VerwijzingStatus.NIET_GEACCEPTEERD, VerwijzingStatus.INGETROKKEN])
        .select_related("keuzebudget")
        .order_by("-datum", "-id")
        .first()
    )
    toestemming = None
    if traject is not None:
        toestemming = (
            ToestemmingHuisartsroute.objects.filter(
                jeugdige=jeugdige, gemeente=gemeente, verwijzing__isnull=True, datum__gte=traject.datum
            )
            .order_by("-datum", "-id")
            .first()
        )
    return Huisartsroutestand(gemeente=gemeente, traject=traject, toestemming=toestemming)


def gebruik_toestemming(toestemming: ToestemmingHuisartsroute, verwijzing: Verwijzing) -> None:
    """R-T10: the referral spends the consent. A conditional update: of two referrals racing for
    one consent only one gets it; the other is refused and its transaction rolls back."""
    if not ToestemmingHuisartsroute.objects.filter(pk=toestemming.pk, verwijzing__isnull=True).update(
        verwijzing=verwijzing
    ):
        raise DomainError(
            Foutcode.TWEEDE_HUISARTSROUTE,
            "De toestemming van de toegang voor een tweede verwijzing via de huisarts is zojuist al gebruikt. "
            "Neem opnieuw contact op met de gemeentelijke toegang.",
            field="verwijzer",
        )


@transaction.atomic
def leg_toestemming_vast(
    *, jeugdige: Jeugdige, reden: str, door, context: Toegangscontext | None = None
) -> ToestemmingHuisartsroute:
    """R-T10: the toegang of the young person's municipality records that contact took place, so
    one next GP-route referral may follow the running or recent one. Dated by the server; a
    reason is required; refused (nothing written) when no GP-route trajectory runs or ended
    recently (then no consent is needed) or when an unused consent for it is already open."""
    op = vandaag()
    uitkomst = verantwoordelijke_gemeente(jeugdige, op)
    if uitkomst.gemeente_id is None or not mag_toestemming_huisartsroute_geven(door, uitkomst.gemeente_id):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de toegang van de gemeente van de jeugdige kan toestemming geven voor een tweede verwijzing "
            "via de huisarts.",
            field="door",
        )
    reden = (reden or "").strip()
    if not reden:
        raise DomainError(
            Foutcode.TOESTEMMING_HUISARTSROUTE,
            "Vul de reden in: waarover had de toegang contact met de huisarts of het gezin?",
            field="reden",
        )
    gemeente = Gemeente.objects.select_related("regio").get(pk=uitkomst.gemeente_id)
    Jeugdige.objects.select_for_update().filter(pk=jeugdige.pk).exists()  # one open consent at a time
    stand = huisartsroutestand(jeugdige, gemeente=gemeente)
    traject = stand.traject
    if traject is None:
        raise DomainError(
            Foutcode.TOESTEMMING_HUISARTSROUTE,
            f"Deze jeugdige heeft geen lopend of recent traject via de huisartsroute (de laatste "
            f"{stand.venster_maanden} maanden): een nieuwe verwijzing via de huisarts kan "
            "zonder toestemming van de toegang.",
            field="jeugdige",
        )
    if stand.toestemming is not None:
        raise DomainError(
            Foutcode.TOESTEMMING_HUISARTSROUTE,
            "Voor deze jeugdige staat al een toestemming voor een tweede verwijzing via de huisarts open. Die "
            "geldt voor de eerstvolgende verwijzing via de huisarts.",
            field="jeugdige",
        )
    toestemming = ToestemmingHuisartsroute.objects.create(
        jeugdige=jeugdige, gemeente=gemeente, datum=op, reden=reden, vastgelegd_door=door
    )
    registreer(toestemming, Gebeurtenissoort.TOESTEMMING_HUISARTSROUTE, door=door, traject_verwijzing_id=traject.pk)
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=toestemming, jeugdige=jeugdige, door=door, context=context)
    return toestemming
