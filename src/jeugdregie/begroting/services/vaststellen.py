"""R-V3: finance enters the yearly begroting per budget line; every amount is a new version."""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max, Min

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Foutcode, Post
from ..models import Begroting
from ..policies import mag_begroting_vaststellen

logger = logging.getLogger(__name__)


def jaren_met_gegevens(gemeente) -> range:
    """The years a begroting may be entered for: from the year before the first allocation of
    the municipality up to and including next year (without allocations: last year to next)."""
    huidig = vandaag().year
    begin = Toewijzing.objects.filter(gemeente=gemeente).aggregate(begin=Min("begindatum"))["begin"]
    eerste = begin.year if begin is not None else huidig
    return range(min(eerste, huidig) - 1, huidig + 2)


def stel_begroting_vast(*, gemeente, jaar: int, post: str, bedrag: Decimal | str, door) -> Begroting:
    """Record a new version of the begroting of ``gemeente`` for ``jaar`` and ``post``.

    Refused, with nothing saved: a user other than finance of that municipality, an unknown
    budget line, a negative amount, a year outside ``jaren_met_gegevens``."""
    if not mag_begroting_vaststellen(door, gemeente):
        raise DomainError(
            Foutcode.GEEN_BEVOEGDHEID, "Alleen een financieel medewerker van deze gemeente stelt haar begroting vast."
        )
    if post not in Post.values:
        raise DomainError(
            Foutcode.ONBEKENDE_POST,
            f"Onbekende begrotingspost '{post}'. Kies uit: {', '.join(str(p.label) for p in Post)}.",
            field="post",
        )
    try:
        bedrag = euro(bedrag)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(
            Foutcode.NEGATIEF, "Vul een geldig bedrag in, bijvoorbeeld 125000,00.", field="bedrag"
        ) from None
    if bedrag < 0:
        raise DomainError(Foutcode.NEGATIEF, "Een begrotingsbedrag kan niet negatief zijn.", field="bedrag")
    jaren = jaren_met_gegevens(gemeente)
    if jaar not in jaren:
        raise DomainError(
            Foutcode.JAAR_ZONDER_GEGEVENS,
            f"Voor {jaar} zijn er geen gegevens. Kies een jaar van {jaren[0]} tot en met {jaren[-1]}.",
            field="jaar",
        )
    with transaction.atomic():
        vorige = (
            Begroting.objects.select_for_update()
            .filter(gemeente=gemeente, jaar=jaar, post=post)
            .aggregate(versie=Max("versie"))["versie"]
            or 0
        )
        begroting = Begroting.objects.create(
            gemeente=gemeente, jaar=jaar, post=post, versie=vorige + 1, bedrag=bedrag, door=door, tijdstip=nu()
        )
        log(
            actie=Actie.AANMAKEN if vorige == 0 else Actie.WIJZIGEN,
            objecttype=Begroting._meta.label,
            object_id=begroting.pk,
            door=door,
            details=f"gemeente={gemeente.pk} jaar={jaar} post={post} versie={begroting.versie}",
        )
        if jaar == vandaag().year:  # the home pages' signal of this municipality follows at once (R-V4)
            from .signalen import ververs_gemeente

            ververs_gemeente(gemeente, jaar=jaar)
    logger.info(
        "begroting_vastgesteld",
        extra={"velden": {"gemeente_id": gemeente.pk, "jaar": jaar, "post": post, "versie": begroting.versie}},
    )
    return begroting
