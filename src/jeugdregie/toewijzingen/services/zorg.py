"""Start and stop of care (SPEC §7; iJw start/stop zorg)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen.besluiten import ZorgGestopt
from jeugdregie.toewijzingen.constants import (
    TOEWIJZING_OVERGANGEN,
    VOORTIJDIG,
    FoutcodeVervolg,
    RedenBeeindiging,
    Resultaatscore,
    ToewijzingStatus,
)
from jeugdregie.toewijzingen.models import EerdereZorgperiode, Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van
from jeugdregie.toewijzingen.services.eenbudget import bewaak_een_budget
from jeugdregie.toewijzingen.services.meldingen import meld_betrokken_aanbieders
from jeugdregie.toewijzingen.verblijf import met_verblijf
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, MeldingDoel, MeldingSoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.meldingen import maak_melding, meld_verwijzer

# The fields a stop of care sets (and its withdrawal resets, services/zorgcorrectie.py).
STOPVELDEN = [
    "status",
    "stopdatum_zorg",
    "reden_beeindiging",
    "resultaatscore",
    "resultaat_toelichting",
    "vervolgzorg",
    "vervolg_toelichting",
]


@transaction.atomic
def start_zorg(
    *, verwijzing: Verwijzing | None = None, startdatum: date, door, toewijzing: Toewijzing | None = None
) -> Toewijzing:
    """R-H1: care starts only after acceptance, inside the allocation period. Two concurrent
    starts of the same care: the row lock lets exactly one through. ``toewijzing`` starts that
    allocation (iJw JW305 names it by ToewijzingNummer); without it, the referral's first.

    OP379: after a (temporary or definitive) stop care may start again on the same allocation, on
    a day after the stop and inside the allocation (``_herstart``)."""
    if verwijzing is not None:
        verwijzing_id = verwijzing.pk
    elif toewijzing is not None:
        verwijzing_id = toewijzing.verwijzing_id
    else:
        raise TypeError("start_zorg vraagt verwijzing of toewijzing")
    verwijzing = Verwijzing.objects.select_for_update().get(pk=verwijzing_id)
    vereis_aanbieder_van(verwijzing, door)
    if verwijzing.status != VerwijzingStatus.GEACCEPTEERD:
        raise DomainError(
            Foutcode.START,
            "Zorg kan pas starten nadat de aanbieder de verwijzing na screening heeft geaccepteerd.",
            field="verwijzing",
        )
    gekozen = Toewijzing.objects.select_for_update().filter(verwijzing=verwijzing)
    toewijzing = (gekozen.filter(pk=toewijzing.pk) if toewijzing else gekozen.order_by("id")).first()
    if toewijzing is None:
        raise DomainError(Foutcode.START, "Deze toewijzing hoort niet bij de verwijzing.", field="toewijzing")
    herstart = toewijzing.status == ToewijzingStatus.GESTOPT
    if not herstart:
        controleer_overgang(toewijzing, TOEWIJZING_OVERGANGEN, ToewijzingStatus.GESTART)
    if not toewijzing.begindatum <= startdatum <= toewijzing.einddatum:
        raise DomainError(
            Foutcode.START,
            f"De startdatum moet binnen de toewijzing liggen: {toewijzing.begindatum:%d-%m-%Y} tot en met "
            f"{toewijzing.einddatum:%d-%m-%Y}.",
            field="startdatum",
        )
    if herstart:  # TW026: a stopped keuzebudget runs again only when no other one runs there now
        bewaak_een_budget(toewijzing, wat="Opnieuw starten")
    vorige = _herstart(toewijzing, startdatum) if herstart else {}
    toewijzing.status = ToewijzingStatus.GESTART
    toewijzing.startdatum_zorg = startdatum
    toewijzing.save(update_fields=["status", "startdatum_zorg", *STOPVELDEN[1:]])
    registreer(toewijzing, Gebeurtenissoort.ZORG_GESTART, door=door, startdatum=startdatum.isoformat(), **vorige)
    return toewijzing


def _herstart(toewijzing: Toewijzing, startdatum: date) -> dict:
    """OP379: a start after a stop. The stopped period is kept (``EerdereZorgperiode``, with its
    result score and follow-up) and the allocation's stop fields are cleared for the new period.
    Not on or before the stop day (the periods of care do not overlap), and not after a stop for
    death (JZ588 02)."""
    assert toewijzing.startdatum_zorg is not None and toewijzing.stopdatum_zorg is not None  # stopped care
    if toewijzing.reden_beeindiging == RedenBeeindiging.OVERLIJDEN:
        raise DomainError(
            Foutcode.START,
            "De zorg is gestopt wegens overlijden: opnieuw starten kan niet.",
            field="startdatum",
        )
    if startdatum <= toewijzing.stopdatum_zorg:
        raise DomainError(
            Foutcode.START,
            f"De zorg is gestopt op {toewijzing.stopdatum_zorg:%d-%m-%Y}: een nieuwe start ligt na die datum (OP379).",
            field="startdatum",
        )
    periode = EerdereZorgperiode.objects.create(
        toewijzing=toewijzing,
        startdatum_zorg=toewijzing.startdatum_zorg,
        stopdatum_zorg=toewijzing.stopdatum_zorg,
        reden_beeindiging=toewijzing.reden_beeindiging,
        resultaatscore=toewijzing.resultaatscore,
        resultaat_toelichting=toewijzing.resultaat_toelichting,
        vervolgzorg=toewijzing.vervolgzorg,
        vervolg_toelichting=toewijzing.vervolg_toelichting,
        herstart_op=startdatum,
    )
    vorige = {
        "herstart": True,
        "eerdere_zorgperiode": periode.pk,
        "vorige_startdatum": toewijzing.startdatum_zorg.isoformat(),
        "vorige_stopdatum": toewijzing.stopdatum_zorg.isoformat(),
        "vorige_reden": toewijzing.reden_beeindiging,
    }
    toewijzing.stopdatum_zorg = None
    toewijzing.reden_beeindiging = ""
    toewijzing.resultaatscore = ""
    toewijzing.resultaat_toelichting = ""
    toewijzing.vervolgzorg = None
    toewijzing.vervolg_toelichting = ""
    return vorige


def _controleer_stop(toewijzing: Toewijzing, *, stopdatum: date, reden: RedenBeeindiging) -> None:
    """The dates of a stop against the start of care and the allocation."""
    assert toewijzing.startdatum_zorg is not None  # care has started (checked by the caller)
    if stopdatum < toewijzing.startdatum_zorg:
        raise DomainError(
            Foutcode.STOP,
            f"De stopdatum ligt voor de start van de zorg ({toewijzing.startdatum_zorg:%d-%m-%Y}).",
            field="stopdatum",
        )
    if stopdatum > toewijzing.einddatum:
        raise DomainError(
            Foutcode.STOP,
            f"De stopdatum ligt na het einde van de toewijzing ({toewijzing.einddatum:%d-%m-%Y}).",
            field="stopdatum",
        )


def _controleer_overstap(toewijzing: Toewijzing, *, stopdatum: date, reden: RedenBeeindiging) -> None:
    """R-H4 zorgcontinuïteit: a move to another provider only once that provider has started."""
    if reden == RedenBeeindiging.OVERSTAP:
        opvolger = Toewijzing.objects.filter(
            jeugdige_id=toewijzing.jeugdige_id, status=ToewijzingStatus.GESTART, startdatum_zorg__lte=stopdatum
        ).exclude(aanbieder_id=toewijzing.aanbieder_id)
        if not opvolger.exists():
            raise DomainError(
                Foutcode.STOP,
                "De jeugdige blijft uw verantwoordelijkheid tot de nieuwe aanbieder is gestart (zorgcontinuïteit).",
                field="reden",
            )


def _controleer_afspraken(
    toewijzing: Toewijzing,
    *,
    reden: RedenBeeindiging,
    resultaatscore: str,
    overleg_met_verwijzer: bool,
    in_overeenstemming: bool,
    overleg_met_toegang: bool,
) -> None:
    """What the provider declares about a stop: the result score (R-H5) and the consultation
    with referrer (R-H3) and toegang (R-H4). Checked at the stop, or for a stop reported by iJw
    (``resultaat_volgt``) when it is completed on screen (``zorgcorrectie.vul_stop_aan``)."""
    if resultaatscore not in Resultaatscore.values:
        raise DomainError(
            Foutcode.STOP,
            "Geef aan of de resultaten behaald zijn: behaald, deels behaald of niet behaald.",
            field="resultaatscore",
        )
    achteraf_melden = (
        not toewijzing.verwijzing.via_toegang and reden == RedenBeeindiging.VOLGENS_PLAN and in_overeenstemming
    )
    if not achteraf_melden and not overleg_met_verwijzer:
        raise DomainError(
            Foutcode.STOP,
            "Overleg eerst met de verwijzer over het voornemen te stoppen. Alleen bij beëindiging volgens plan, in "
            "overeenstemming met de jeugdige, en een andere verwijzer dan de toegang volstaat achteraf melden.",
            field="overleg_met_verwijzer",
        )
    if reden in VOORTIJDIG and not overleg_met_toegang:
        raise DomainError(
            Foutcode.STOP,
            "Tussentijds stoppen kan alleen na overleg met de toegang.",
            field="overleg_met_toegang",
        )


def _controleer_na_tijdelijke_stop(toewijzing: Toewijzing, *, stopdatum: date, reden: RedenBeeindiging) -> None:
    """OP377/OP378: after a temporary stop (JZ588 20) without a new start only a definitive stop
    may follow, not before it (TR413, TR414). A new start after a stop: ``start_zorg`` (OP379)."""
    assert toewijzing.stopdatum_zorg is not None  # temporarily stopped
    if reden == RedenBeeindiging.TIJDELIJK:
        raise DomainError(
            Foutcode.STOP, "Na een tijdelijke stop kan alleen een definitieve stop volgen (OP378).", field="reden"
        )
    if stopdatum < toewijzing.stopdatum_zorg:
        raise DomainError(
            Foutcode.STOP,
            f"De definitieve stop ligt voor de tijdelijke stop ({toewijzing.stopdatum_zorg:%d-%m-%Y}).",
            field="stopdatum",
        )


def _controleer_vervolgzorg(
    toewijzing: Toewijzing, *, reden: RedenBeeindiging, vervolgzorg: Toewijzing | None, vervolg_toelichting: str
) -> None:
    """R-W9: Verblijf cannot end while follow-up care is not arranged: either an allocation that
    carries on for the same young person, or a recorded follow-up outside youth care. Verblijf
    includes a crisis bed (R-W7)."""
    if not met_verblijf(toewijzing) or reden == RedenBeeindiging.OVERLIJDEN:
        return
    if vervolgzorg is not None:
        geldig = (
            vervolgzorg.pk != toewijzing.pk
            and vervolgzorg.jeugdige_id == toewijzing.jeugdige_id
            and vervolgzorg.status in (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)
        )
        if not geldig:
            raise DomainError(
                FoutcodeVervolg.VERVOLGZORG,
                "De gekozen vervolgzorg is geen lopende toewijzing voor deze jeugdige.",
                field="vervolgzorg",
            )
        return
    if not vervolg_toelichting.strip():
        raise DomainError(
            FoutcodeVervolg.VERVOLGZORG,
            "Verblijf kan niet eindigen zolang de vervolgzorg niet geregeld is. Kies de toewijzing die de "
            "zorg overneemt, of leg vast welk vervolg buiten de jeugdhulp geregeld is (bijv. Beschermd Wonen).",
            field="vervolgzorg",
        )


def _meld_afwijkend_einde(toewijzing: Toewijzing, gemeld_op: date) -> None:
    """R-W9: an early or late end of Verblijf is reported to the referrer and the other providers."""
    assert toewijzing.stopdatum_zorg is not None  # called after the stop
    if not met_verblijf(toewijzing):  # R-W7: a crisis bed too
        return
    if toewijzing.stopdatum_zorg < toewijzing.einddatum:
        onderwerp = f"Verblijf eerder beëindigd dan toegewezen (toewijzing {toewijzing.pk})"
    elif gemeld_op > toewijzing.einddatum:
        onderwerp = f"Einde verblijf te laat gemeld (toewijzing {toewijzing.pk})"
    else:
        return
    meld_verwijzer(toewijzing.verwijzing, onderwerp, soort=MeldingSoort.AFWIJKEND_EINDE)
    meld_betrokken_aanbieders(toewijzing, onderwerp, soort=MeldingSoort.AFWIJKEND_EINDE)


@transaction.atomic
def stop_zorg(
    *,
    toewijzing: Toewijzing,
    stopdatum: date,
    reden: RedenBeeindiging,
    resultaatscore: str,
    door,
    resultaat_toelichting: str = "",
    overleg_met_verwijzer: bool = False,
    in_overeenstemming: bool = False,
    overleg_met_toegang: bool = False,
    vervolgzorg: Toewijzing | None = None,
    vervolg_toelichting: str = "",
    gemeld_op: date | None = None,
    resultaat_volgt: bool = False,
) -> Toewijzing:
    """Stop care with a JZ588 reason and whether the results were achieved (R-H3…R-H5); for
    Wonen/Verblijf only with follow-up arranged (R-W9). After a temporary stop (JZ588 20) a
    definitive stop may follow (OP377/OP378).

    ``resultaat_volgt``: the stop is reported by iJw (JW307), which carries the reason and date
    but neither the result score nor the consultation. The stop is recorded without them; the
    referrer is told (as always) and, for a mid-trajectory reason, the toegang too. The provider
    completes score and consultation on screen (``zorgcorrectie.vul_stop_aan``), where R-H3,
    R-H4 and R-H5 are checked; until then the allocation is on the provider's worklist. The
    facts (dates, R-H4 continuity on a move, R-W9 follow-up) are checked now."""
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("verwijzing").get(pk=toewijzing.pk)
    vereis_aanbieder_van(toewijzing.verwijzing, door)
    try:
        reden = RedenBeeindiging(reden)
    except ValueError:
        raise DomainError(
            Foutcode.STOP, "Kies een reden beëindiging uit de iJw-lijst (JZ588).", field="reden"
        ) from None
    if toewijzing.status == ToewijzingStatus.TOEGEWEZEN:
        raise DomainError(Foutcode.STOP, "De zorg is nog niet gestart; stoppen kan pas na de start.", field="stopdatum")
    vorige = {}
    if toewijzing.status == ToewijzingStatus.GESTOPT and toewijzing.reden_beeindiging == RedenBeeindiging.TIJDELIJK:
        _controleer_na_tijdelijke_stop(toewijzing, stopdatum=stopdatum, reden=reden)
        assert toewijzing.stopdatum_zorg is not None  # temporarily stopped
        vorige = {"vorige_stopdatum": toewijzing.stopdatum_zorg.isoformat(), "vorige_reden": RedenBeeindiging.TIJDELIJK}
    else:
        controleer_overgang(toewijzing, TOEWIJZING_OVERGANGEN, ToewijzingStatus.GESTOPT)
    _controleer_stop(toewijzing, stopdatum=stopdatum, reden=reden)
    if not resultaat_volgt:
        _controleer_afspraken(
            toewijzing,
            reden=reden,
            resultaatscore=resultaatscore,
            overleg_met_verwijzer=overleg_met_verwijzer,
            in_overeenstemming=in_overeenstemming,
            overleg_met_toegang=overleg_met_toegang,
        )
    _controleer_overstap(toewijzing, stopdatum=stopdatum, reden=reden)
    _controleer_vervolgzorg(toewijzing, reden=reden, vervolgzorg=vervolgzorg, vervolg_toelichting=vervolg_toelichting)
    vorige_einde = (
        toewijzing.stopdatum_zorg
        if toewijzing.status == ToewijzingStatus.GESTOPT and toewijzing.stopdatum_zorg
        else toewijzing.einddatum
    )
    toewijzing.status = ToewijzingStatus.GESTOPT
    toewijzing.stopdatum_zorg = stopdatum
    toewijzing.reden_beeindiging = reden
    if not resultaat_volgt:  # an iJw stop leaves score and explanation to be completed on screen
        toewijzing.resultaatscore = resultaatscore
        toewijzing.resultaat_toelichting = resultaat_toelichting.strip()
    toewijzing.vervolgzorg = vervolgzorg
    toewijzing.vervolg_toelichting = vervolg_toelichting.strip()
    toewijzing.save(update_fields=STOPVELDEN)
    # R-B7: a stop dated in the past opens the declaration window from today (the ledger)
    publiceer(ZorgGestopt(toewijzing_id=toewijzing.pk, stopdatum=stopdatum, op=vandaag(), vorige_einde=vorige_einde))
    meld_verwijzer(
        toewijzing.verwijzing, f"Zorg gestopt voor toewijzing {toewijzing.pk}", soort=MeldingSoort.ZORG_GESTOPT
    )
    if resultaat_volgt and reden in VOORTIJDIG:  # R-H4: the toegang hears of it; consultation still unconfirmed
        maak_melding(
            soort=MeldingSoort.ZORG_GESTOPT,
            jeugdige_id=toewijzing.jeugdige_id,
            aan_gemeente_id=toewijzing.gemeente_id,
            onderwerp=f"Zorg tussentijds gestopt (iJw) voor toewijzing {toewijzing.pk}; overleg nog niet bevestigd",
            doel=MeldingDoel.VERWIJZING,
            doel_id=toewijzing.verwijzing_id,
        )
    _meld_afwijkend_einde(toewijzing, gemeld_op or vandaag())
    registreer(
        toewijzing,
        Gebeurtenissoort.ZORG_GESTOPT,
        door=door,
        reden=str(reden),
        resultaatscore=toewijzing.resultaatscore,
        **({"resultaat_volgt": True} if resultaat_volgt else {}),
        **vorige,
    )
    return toewijzing
