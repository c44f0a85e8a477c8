"""The dispatch of a beschikking (R-D1): recorded once, on the server's date, with the channel
the addressees chose; the objection term starts the day after (Awb 6:8, app ``bezwaar``)."""

from __future__ import annotations

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from ..constants import Foutcode, Kanaal
from ..models import Beschikking
from ..policies import mag_beschikking_lezen


def kanaal_van(geadresseerden: list[dict]) -> Kanaal:
    kanalen = {g.get("kanaal") for g in geadresseerden}
    if kanalen == {Kanaal.DIGITAAL.value}:
        return Kanaal.DIGITAAL
    return Kanaal.BEIDE if Kanaal.DIGITAAL.value in kanalen else Kanaal.POST


@transaction.atomic
def verstuur(*, beschikking: Beschikking, door, context: Toegangscontext | None = None) -> Beschikking:
    """Record that the letter went out today (server date) by the addressees' channels."""
    beschikking = Beschikking.objects.select_for_update().get(pk=beschikking.pk)
    if not mag_beschikking_lezen(door, beschikking):
        raise DomainError(Foutcode.GEEN_BESLUIT, "U mag deze beschikking niet verzenden.")
    if beschikking.verzonden_op is not None:
        raise DomainError(
            Foutcode.AL_VERZONDEN,
            f"Deze beschikking is al verzonden op {beschikking.verzonden_op:%d-%m-%Y}.",
            field="verzonden_op",
        )
    beschikking.verzonden_op = vandaag()
    beschikking.kanaal = kanaal_van(beschikking.geadresseerden)
    beschikking.verzonden_door = door
    beschikking.save(update_fields=["verzonden_op", "kanaal", "verzonden_door"])
    log_persoonsgegevens(
        actie=Actie.WIJZIGEN,
        obj=beschikking,
        jeugdige=beschikking.jeugdige,
        door=door,
        context=context,
        details="verzonden",
    )
    return beschikking
