"""R-T8 as corrected by R-T10: a second GP-route referral (or an extension) needs contact with
the toegang only while the young person's GP-route trajectory runs or ended recently, and the
toegang's recorded consent lifts that block for one next GP-route referral.

The seed (001 annex 2): "tweede verwijzing en/of verlenging via de huisartsenroute niet mogelijk
zonder contact met de gemeentelijke toegang". *Recent* is the region's
``huisartsroute_venster_maanden`` (default 12: the standard keuzebudgets count on care "gedurende
een jaar"); older history no longer blocks. A consent is spent by the one referral it allowed:
each further second referral needs contact again, which is what the seed asks. It counts only
for the trajectory that ran when it was recorded, so a consent left unused cannot open a later
trajectory."""

from __future__ import annotations

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
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Gemeente, Regio
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import ToestemmingHuisartsroute, Verwijzing
from jeugdregie.verwijzingen.policies import mag_toestemming_huisartsroute_geven
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer

HUISARTSROUTE = {VerwijzerType.HUISARTS, VerwijzerType.JEUGDARTS, VerwijzerType.MEDISCH_SPECIALIST}


def venster_begin(op: date, regio: Regio) -> date:
    """R-T10: a GP-route referral whose keuzebudget ends on or after this date is running or recent."""
    return op - relativedelta(months=regio.huisartsroute_venster_maanden)


def huisartstraject(jeugdige: Jeugdige, *, op: date, regio: Regio) -> Verwijzing | None:
    """R-T8/R-T10: the young person's latest GP-route referral (not refused, not withdrawn) whose
    keuzebudget period runs on ``op`` or ended within the region's window; None when only older
    history exists. The period is the keuzebudget's as referred: an allocation stopped earlier
    still counts to its planned end (the stricter reading)."""
    return (
        Verwijzing.objects.filter(
            jeugdige=jeugdige,
            verwijzer_type__in=HUISARTSROUTE,
            keuzebudget__einddatum__gte=venster_begin(op, regio),
        )
        .exclude(status__in=[VerwijzingStatus.NIET_GEACCEPTEERD, VerwijzingStatus.INGETROKKEN])
        .order_by("-datum", "-id")
        .first()
    )


def open_toestemming(jeugdige: Jeugdige, traject: Verwijzing | None) -> ToestemmingHuisartsroute | None:
    """R-T10: the toegang's unused consent for this trajectory (recorded on or after its referral
    date); with no trajectory (an extension asked without one) any unused consent."""
    toestemmingen = ToestemmingHuisartsroute.objects.filter(jeugdige=jeugdige, verwijzing__isnull=True)
    if traject is not None:
        toestemmingen = toestemmingen.filter(datum__gte=traject.datum)
    return toestemmingen.order_by("-datum", "-id").first()


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
    traject = huisartstraject(jeugdige, op=op, regio=gemeente.regio)
    if traject is None:
        raise DomainError(
            Foutcode.TOESTEMMING_HUISARTSROUTE,
            f"Deze jeugdige heeft geen lopend of recent traject via de huisartsroute (de laatste "
            f"{gemeente.regio.huisartsroute_venster_maanden} maanden): een nieuwe verwijzing via de huisarts kan "
            "zonder toestemming van de toegang.",
            field="jeugdige",
        )
    if open_toestemming(jeugdige, traject) is not None:
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
