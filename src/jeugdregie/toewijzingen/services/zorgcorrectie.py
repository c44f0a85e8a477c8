"""Corrections of a reported start or stop of care (iJw StatusAanlevering 3, IV008/OP033) and
the completion of a stop reported by iJw (R-H3…R-H5). Outside the lifecycle table on purpose:
withdrawing a report puts the allocation back where it was, it is no step forward.

| correction | from → to |
|---|---|
| ``trek_start_in`` | gestart → toegewezen (not after a stop: TR071); a restart (OP379) → gestopt as before it |
| ``trek_stop_in`` | gestopt → gestart, or back to the temporary stop a definitive stop followed |
| ``vul_stop_aan`` | gestopt without result score → the same, with score and consultation |
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.constants import RedenBeeindiging, ToewijzingStatus
from jeugdregie.toewijzingen.models import EerdereZorgperiode, Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van
from jeugdregie.toewijzingen.services.eenbudget import bewaak_een_budget
from jeugdregie.toewijzingen.services.zorg import STOPVELDEN, _controleer_afspraken
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer


def _vergrendel(toewijzing: Toewijzing, door) -> Toewijzing:
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("verwijzing").get(pk=toewijzing.pk)
    vereis_aanbieder_van(toewijzing.verwijzing, door)
    return toewijzing


@transaction.atomic
def trek_start_in(*, toewijzing: Toewijzing, door) -> Toewijzing:
    """Withdraw a reported start (IV008): the care counts as not started, or, for a start after a
    stop (OP379), as stopped again as before it. Not once care has stopped (TR071): withdraw the
    stop first."""
    toewijzing = _vergrendel(toewijzing, door)
    if toewijzing.status != ToewijzingStatus.GESTART:
        raise DomainError(
            Foutcode.OVERGANG,
            "Alleen een start van lopende zorg kan worden ingetrokken; is de zorg gestopt, trek dan eerst de stop in "
            "(TR071).",
            field="status",
        )
    startdatum = toewijzing.startdatum_zorg
    assert startdatum is not None  # started care has a start date
    vorige = EerdereZorgperiode.objects.filter(toewijzing=toewijzing, herstart_op=startdatum).order_by("-id").first()
    if vorige is not None:  # a restart (OP379): the stopped period before it is current again
        toewijzing.status = ToewijzingStatus.GESTOPT
        toewijzing.startdatum_zorg = vorige.startdatum_zorg
        toewijzing.stopdatum_zorg = vorige.stopdatum_zorg
        toewijzing.reden_beeindiging = vorige.reden_beeindiging
        toewijzing.resultaatscore = vorige.resultaatscore
        toewijzing.resultaat_toelichting = vorige.resultaat_toelichting
        toewijzing.vervolgzorg_id = vorige.vervolgzorg_id
        toewijzing.vervolg_toelichting = vorige.vervolg_toelichting
        vorige.delete()
    else:
        toewijzing.status = ToewijzingStatus.TOEGEWEZEN
        toewijzing.startdatum_zorg = None
    toewijzing.save(update_fields=["startdatum_zorg", *STOPVELDEN])
    registreer(
        toewijzing,
        Gebeurtenissoort.START_ZORG_INGETROKKEN,
        door=door,
        startdatum=startdatum.isoformat(),
        **({"herstart": True} if vorige is not None else {}),
    )
    return toewijzing


@transaction.atomic
def trek_stop_in(*, toewijzing: Toewijzing, door) -> Toewijzing:
    """Withdraw a reported stop (IV008): care runs again, or, when the stop was the definitive
    one after a temporary stop (OP378), the temporary stop is current again."""
    toewijzing = _vergrendel(toewijzing, door)
    if toewijzing.status != ToewijzingStatus.GESTOPT:
        raise DomainError(Foutcode.OVERGANG, "Er is geen stop om in te trekken: de zorg loopt niet af.", field="status")
    stopdatum, reden = toewijzing.stopdatum_zorg, toewijzing.reden_beeindiging
    assert stopdatum is not None  # stopped care has a stop date
    vorige: dict = {}
    if reden != RedenBeeindiging.TIJDELIJK:  # the stop event that made the current definitive stop
        laatste = (
            Gebeurtenis.objects.filter(
                objecttype="toewijzing", object_id=toewijzing.pk, gebeurtenis=Gebeurtenissoort.ZORG_GESTOPT
            )
            .order_by("-id")
            .first()
        )
        vorige = laatste.gegevens if laatste else {}
    if vorige.get("vorige_reden") == RedenBeeindiging.TIJDELIJK:
        toewijzing.stopdatum_zorg = date.fromisoformat(vorige["vorige_stopdatum"])
        toewijzing.reden_beeindiging = RedenBeeindiging.TIJDELIJK
    else:
        bewaak_een_budget(toewijzing, wat="De stop intrekken")  # TW026: the care would run again
        toewijzing.status = ToewijzingStatus.GESTART
        toewijzing.stopdatum_zorg = None
        toewijzing.reden_beeindiging = ""
        toewijzing.resultaatscore = ""
        toewijzing.resultaat_toelichting = ""
        toewijzing.vervolgzorg = None
        toewijzing.vervolg_toelichting = ""
    toewijzing.save(update_fields=STOPVELDEN)
    registreer(
        toewijzing, Gebeurtenissoort.STOP_ZORG_INGETROKKEN, door=door, stopdatum=stopdatum.isoformat(), reden=reden
    )
    return toewijzing


@transaction.atomic
def vul_stop_aan(
    *,
    toewijzing: Toewijzing,
    resultaatscore: str,
    door,
    resultaat_toelichting: str = "",
    overleg_met_verwijzer: bool = False,
    in_overeenstemming: bool = False,
    overleg_met_toegang: bool = False,
) -> Toewijzing:
    """Complete a stop reported by iJw (JW307 carries no result score nor consultation): the
    same checks as a stop on screen, R-H3 referrer, R-H4 toegang, R-H5 result score."""
    toewijzing = _vergrendel(toewijzing, door)
    if toewijzing.status != ToewijzingStatus.GESTOPT or toewijzing.resultaatscore:
        raise DomainError(
            Foutcode.STOP, "Deze toewijzing heeft geen gestopte zorg die nog aangevuld moet worden.", field="status"
        )
    _controleer_afspraken(
        toewijzing,
        reden=RedenBeeindiging(toewijzing.reden_beeindiging),
        resultaatscore=resultaatscore,
        overleg_met_verwijzer=overleg_met_verwijzer,
        in_overeenstemming=in_overeenstemming,
        overleg_met_toegang=overleg_met_toegang,
    )
    toewijzing.resultaatscore = resultaatscore
    toewijzing.resultaat_toelichting = resultaat_toelichting.strip()
    toewijzing.save(update_fields=["resultaatscore", "resultaat_toelichting"])
    registreer(toewijzing, Gebeurtenissoort.STOP_ZORG_AANGEVULD, door=door, resultaatscore=resultaatscore)
    return toewijzing
