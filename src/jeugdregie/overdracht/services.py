"""Write-side of the handover (R-D3, issue 20 §5). A move during ambulant care hands the case
over: the move opens a handover in its own transaction (``bij_verhuizing``, subscribed to
``jeugdigen.gebeurtenissen.Verhuisd`` in ``jeugdregie/abonnementen.py``); the old
municipality's toegang ends each old allocation through the normal end service
(``toewijzingen.services.beeindigen``: JW301 with RedenWijziging 07); the new municipality's
toegang allocates through the normal route and closes the handover. When ending an old
allocation reaches back over care already given (``raakt_gegeven_zorg``), the new municipality
first confirms the moving day (``bevestig_verhuisdatum``): one municipality alone never moves the
cost of given care to another. Disputes between the two are recorded with their outcome. Every
write is audit-logged; dates are the server's."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.gebeurtenissen import Verhuisd
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import (
    Bewoning,
    Verblijf,
    bepaal,
    bewoningen,
    verantwoordelijke_gemeente,
    verblijven,
)
from jeugdregie.toewijzingen.besluiten import Toegewezen
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.beeindigen import (
    beeindig_bij_verhuizing,
    raakt_gegeven_zorg,
    te_corrigeren_bij_verhuizing,
)
from jeugdregie.toewijzingen.verblijf import met_verblijf, met_verblijf_q
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Verwijzing

from .constants import (
    GESCHIL_OVERGANGEN,
    OVERDRACHT_OVERGANGEN,
    Foutcode,
    GeschilStatus,
    GeschilUitkomst,
    OverdrachtStatus,
)
from .models import Geschil, Overdracht, OverdrachtToewijzing
from .policies import (
    mag_geschil_beslissen,
    mag_geschil_registreren,
    mag_oude_toewijzing_beeindigen,
    mag_overdracht_afronden,
    mag_verhuisdatum_bevestigen,
)

#: Ambulant care handed over: every allocation but care with verblijf (R-W7: Wonen/Verblijf and
#: crisis beds; a stay stays with the municipality of the address before it): the keuzebudget and
#: hours of crisis follow-up, and any kind added later. An HSWV inzet is no allocation (no amount,
#: no iJw message): it is not handed over.
AMBULANT = ~met_verblijf_q()


def _controleer_status(obj, overgangen: dict, naar) -> None:
    if naar not in overgangen[type(naar)(obj.status)]:
        raise DomainError(Foutcode.OVERGANG, f"Dit kan niet meer: de status is '{obj.get_status_display()}'.")


def lopende_ambulante_toewijzingen(jeugdige_id: int, gemeente_id: int, per: date):
    """The old municipality's ambulant allocations that still run on or after the moving day."""
    return Toewijzing.objects.filter(
        AMBULANT,
        jeugdige_id=jeugdige_id,
        gemeente_id=gemeente_id,
        status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART],
        einddatum__gte=per,
    ).order_by("pk")


def bij_verhuizing(verhuisd: Verhuisd) -> Overdracht | None:
    """R-D3, inside the move's transaction: the handovers this child now needs
    (``herbeoordeel``); returns the one of this moving day, if any (none during a stay: then the
    municipality of before the stay stays responsible for all care, until the stay ends)."""
    herbeoordeel(verhuisd.jeugdige_id)
    return Overdracht.objects.filter(
        jeugdige_id=verhuisd.jeugdige_id, verhuisdatum=verhuisd.per, status=OverdrachtStatus.OPEN
    ).first()


def _wisseldagen(bewoners: list[Bewoning], stays: list[Verblijf], van: date, tot: date) -> list[date]:
    """The days in (``van``, ``tot``] on which the responsible municipality can change: a move,
    the first day of a stay, the first day after a stay."""
    dagen = {b.begindatum for b in bewoners} | {v.begindatum for v in stays}
    dagen |= {v.einddatum + timedelta(days=1) for v in stays}
    return sorted(d for d in dagen if van < d <= tot)


def _te_toetsen(bewoners: list[Bewoning], stays: list[Verblijf], begin: date, einde: date) -> list[date]:
    """The days to test for an allocation over ``begin``–``einde``: its first day, as the day of
    the last change on or before it (an allocation that would begin after a move already made),
    then each change within it."""
    eerder = [d for d in _wisseldagen(bewoners, stays, date.min, begin)]
    return [eerder[-1] if eerder else begin, *_wisseldagen(bewoners, stays, begin, einde)]


def herbeoordeel(jeugdige_id: int) -> list[Overdracht]:
    """R-D3 for every fact that can change who is responsible, in any order: a move, a stay
    recorded (also after the move it preceded), a stay shortened or ended. Idempotent.

    1. An open handover whose new municipality the rule no longer names on its day, with no old
       allocation ended yet, lapses (``vervallen``), with the reason.
    2. Each running ambulant allocation: the first day in its period on which the rule names
       another municipality opens (or reopens, or joins) the handover of that day, for both
       municipalities. A closed handover is never reopened.
    Returns the handovers open afterwards."""
    jeugdige = Jeugdige.objects.select_for_update().get(pk=jeugdige_id)
    bewoners, stays = bewoningen(jeugdige), verblijven(jeugdige.pk)
    for overdracht in Overdracht.objects.filter(jeugdige=jeugdige, status=OverdrachtStatus.OPEN):
        naar = bepaal(bewoners, stays, overdracht.verhuisdatum).gemeente_id
        if naar != overdracht.naar_gemeente_id and not overdracht.regels.filter(beeindigd_op__isnull=False).exists():
            overdracht.status = OverdrachtStatus.VERVALLEN
            overdracht.toelichting = (
                f"Vervallen op {vandaag():%d-%m-%Y}: volgens de gegevens van nu blijft de vorige gemeente "
                "verantwoordelijk (bijvoorbeeld een verblijf dat voor de verhuizing begon)."
            )
            # a confirmation holds for the facts it was given on: a reopened handover asks again
            overdracht.verhuisdatum_bevestigd_op = overdracht.verhuisdatum_bevestigd_door = None
            overdracht.save(
                update_fields=["status", "toelichting", "verhuisdatum_bevestigd_op", "verhuisdatum_bevestigd_door"]
            )
            log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=overdracht, jeugdige=jeugdige)
    lopend = Toewijzing.objects.filter(
        AMBULANT, jeugdige=jeugdige, status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART]
    ).order_by("pk")
    for toewijzing in lopend:
        if (
            OverdrachtToewijzing.objects.filter(toewijzing=toewijzing)
            .exclude(overdracht__status=OverdrachtStatus.VERVALLEN)
            .exists()
        ):
            continue  # already handed over, or on its way
        for dag in _te_toetsen(bewoners, stays, toewijzing.begindatum, toewijzing.einddatum):
            naar = bepaal(bewoners, stays, max(dag, toewijzing.begindatum)).gemeente_id
            if naar is None or naar == toewijzing.gemeente_id:
                continue
            overdracht, nieuw = Overdracht.objects.get_or_create(
                jeugdige=jeugdige,
                verhuisdatum=dag,
                defaults={"van_gemeente_id": toewijzing.gemeente_id, "naar_gemeente_id": naar},
            )
            if overdracht.van_gemeente_id != toewijzing.gemeente_id or overdracht.status == OverdrachtStatus.AFGEROND:
                break
            if overdracht.status == OverdrachtStatus.VERVALLEN:
                overdracht.status, overdracht.toelichting = OverdrachtStatus.OPEN, ""
                overdracht.naar_gemeente_id = naar
                overdracht.save(update_fields=["status", "toelichting", "naar_gemeente"])
            OverdrachtToewijzing.objects.get_or_create(overdracht=overdracht, toewijzing=toewijzing)
            log_persoonsgegevens(actie=Actie.AANMAKEN if nieuw else Actie.WIJZIGEN, obj=overdracht, jeugdige=jeugdige)
            break
    return list(Overdracht.objects.filter(jeugdige=jeugdige, status=OverdrachtStatus.OPEN))


def bij_verblijfswijziging(gebeurtenis) -> None:
    """R-D3: a stay allocated, shortened, withdrawn or stopped can change who is responsible for
    the child's other care (``herbeoordeel``). For ``Toegewezen``/``BedragGewijzigd``/``Ingetrokken``
    of an allocation with verblijf (R-W7: a crisis bed too), inside its transaction."""
    toewijzing = Toewijzing.objects.filter(met_verblijf_q(), pk=gebeurtenis.toewijzing_id).values("jeugdige_id").first()
    if toewijzing:
        herbeoordeel(toewijzing["jeugdige_id"])


def bij_zorg_gestopt(vastgelegd) -> None:
    """R-D3, after the commit: care with verblijf stopped before its allocation's end ends the stay
    early (``stopdatum_zorg``); the child's other care may then pass to another municipality."""
    if vastgelegd.soort != Gebeurtenissoort.ZORG_GESTOPT or vastgelegd.objecttype != "toewijzing":
        return
    toewijzing = Toewijzing.objects.filter(met_verblijf_q(), pk=vastgelegd.object_id).values("jeugdige_id").first()
    if toewijzing:
        with transaction.atomic():
            herbeoordeel(toewijzing["jeugdige_id"])


def te_corrigeren(regel: OverdrachtToewijzing) -> str:
    """R-D3: what must be corrected before this old allocation can end on the day before the move
    (a move recorded after the fact, with care after that day already approved), in Dutch; empty
    when nothing. The handover's page shows it on the line."""
    return te_corrigeren_bij_verhuizing(regel.toewijzing, regel.overdracht.verhuisdatum)


def bij_toewijzing(toegewezen: Toegewezen) -> OverdrachtToewijzing | None:
    """R-D3, inside the allocating transaction: an ambulant allocation that runs past a move that
    is already registered (a move known ahead, the old municipality allocating before the moving
    day) joins the handover of that move, which opens when it has no handover yet. Found by the
    random sequences of ``tests/test_overdracht_eigenschappen.py``. A handover that was already
    closed is not reopened: the allocation is refused with a Dutch message, nothing is saved."""
    toewijzing = Toewijzing.objects.select_related("jeugdige", "product").get(pk=toegewezen.toewijzing_id)
    if met_verblijf(toewijzing):
        return None
    jeugdige = toewijzing.jeugdige
    verhuizingen = jeugdige.woonplaatsen.filter(
        begindatum__gt=toewijzing.begindatum, begindatum__lte=toewijzing.einddatum
    ).order_by("begindatum")
    for verhuisdatum in verhuizingen.values_list("begindatum", flat=True):
        naar = verantwoordelijke_gemeente(jeugdige, verhuisdatum).gemeente_id
        if naar is None or naar == toewijzing.gemeente_id:
            continue
        overdracht, nieuw = Overdracht.objects.get_or_create(
            jeugdige=jeugdige,
            verhuisdatum=verhuisdatum,
            defaults={"van_gemeente_id": toewijzing.gemeente_id, "naar_gemeente_id": naar},
        )
        if overdracht.van_gemeente_id != toewijzing.gemeente_id:
            continue
        if overdracht.status != OverdrachtStatus.OPEN:
            raise DomainError(
                Foutcode.OVERGANG,
                f"De jeugdige verhuist per {verhuisdatum:%d-%m-%Y} en de overdracht aan de nieuwe gemeente is al "
                "afgerond: de nieuwe gemeente wijst de hulp vanaf die datum toe.",
            )
        if nieuw:
            log_persoonsgegevens(actie=Actie.AANMAKEN, obj=overdracht, jeugdige=jeugdige)
        return OverdrachtToewijzing.objects.create(overdracht=overdracht, toewijzing=toewijzing)
    return None


def wacht_op_bevestiging(overdracht: Overdracht) -> bool:
    """R-D3: an old allocation of this open handover can only end once the new municipality
    confirmed the moving day (its care started and the moving day has come)."""
    if overdracht.status != OverdrachtStatus.OPEN or overdracht.verhuisdatum_bevestigd_op is not None:
        return False
    return any(
        raakt_gegeven_zorg(regel.toewijzing, overdracht.verhuisdatum)
        for regel in overdracht.regels.filter(beeindigd_op__isnull=True).select_related("toewijzing")
    )


def _vergrendel(overdracht_id: int) -> Overdracht:
    """Lock the child, then the handover: the order ``herbeoordeel`` uses (a move or stay changing
    who is responsible), so a confirmation or an end never interleaves with a lapse or reopening."""
    jeugdige_id = Overdracht.objects.values_list("jeugdige_id", flat=True).get(pk=overdracht_id)
    Jeugdige.objects.select_for_update().filter(pk=jeugdige_id).first()
    return Overdracht.objects.select_for_update().get(pk=overdracht_id)


@transaction.atomic
def bevestig_verhuisdatum(*, overdracht: Overdracht, door, context: Toegangscontext | None = None) -> Overdracht:
    """R-D3: the new municipality's toegang confirms the moving day of an open handover, so the
    old municipality may end care that already started on it (its cost passes to the new one).
    The day and the user are the server's; a wrong date is disputed instead (``registreer_geschil``)."""
    overdracht = _vergrendel(overdracht.pk)
    if not mag_verhuisdatum_bevestigen(door, overdracht):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de nieuwe gemeente bevestigt de verhuisdatum.")
    if overdracht.status != OverdrachtStatus.OPEN:
        raise DomainError(Foutcode.OVERGANG, f"Dit kan niet meer: de status is '{overdracht.get_status_display()}'.")
    if overdracht.verhuisdatum_bevestigd_op is not None:
        raise DomainError(
            Foutcode.AL_BEVESTIGD,
            f"De verhuisdatum is al bevestigd op {overdracht.verhuisdatum_bevestigd_op:%d-%m-%Y}.",
        )
    overdracht.verhuisdatum_bevestigd_op, overdracht.verhuisdatum_bevestigd_door = vandaag(), door
    overdracht.save(update_fields=["verhuisdatum_bevestigd_op", "verhuisdatum_bevestigd_door"])
    log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=overdracht, jeugdige=overdracht.jeugdige, door=door, context=context)
    return overdracht


def _eindigt_al_voor(toewijzing: Toewijzing, verhuisdatum: date) -> bool:
    """The allocation holds no day from the moving day on any more."""
    if toewijzing.status == ToewijzingStatus.INGETROKKEN:
        return True
    einde = (
        toewijzing.stopdatum_zorg
        if toewijzing.status == ToewijzingStatus.GESTOPT and toewijzing.stopdatum_zorg
        else toewijzing.einddatum
    )
    return einde < verhuisdatum


@transaction.atomic
def beeindig_oude_toewijzing(
    *, regel: OverdrachtToewijzing, door, context: Toegangscontext | None = None
) -> OverdrachtToewijzing:
    """The old municipality's toegang ends one old allocation the day before the move (JZ002 07),
    or withdraws it when it would only start after the move."""
    overdracht = _vergrendel(regel.overdracht_id)
    regel = OverdrachtToewijzing.objects.select_for_update(of=("self",)).select_related("toewijzing").get(pk=regel.pk)
    if not mag_oude_toewijzing_beeindigen(door, overdracht):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de vorige gemeente beëindigt deze toewijzing.")
    if overdracht.status != OverdrachtStatus.OPEN:  # a lapsed handover ends nothing (R-D3)
        raise DomainError(Foutcode.OVERGANG, f"Dit kan niet meer: de status is '{overdracht.get_status_display()}'.")
    if regel.beeindigd_op is not None:
        raise DomainError(Foutcode.OVERGANG, "Deze toewijzing is al beëindigd.")
    if _eindigt_al_voor(regel.toewijzing, overdracht.verhuisdatum):
        # nothing left to end (ended, stopped or withdrawn before the moving day by another
        # decision): the line is done, so the handover can close
        regel.beeindigd_op, regel.beeindigd_door = vandaag(), door
        regel.save(update_fields=["beeindigd_op", "beeindigd_door"])
        log_persoonsgegevens(
            actie=Actie.WIJZIGEN, obj=overdracht, jeugdige=overdracht.jeugdige, door=door, context=context
        )
        return regel
    beeindig_bij_verhuizing(
        toewijzing=regel.toewijzing,
        verhuisdatum=overdracht.verhuisdatum,
        door=door,
        verhuisdatum_bevestigd=overdracht.verhuisdatum_bevestigd_op is not None,
    )
    regel.beeindigd_op, regel.beeindigd_door = vandaag(), door
    regel.save(update_fields=["beeindigd_op", "beeindigd_door"])
    log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=overdracht, jeugdige=overdracht.jeugdige, door=door, context=context)
    return regel


@transaction.atomic
def rond_overdracht_af(
    *,
    overdracht: Overdracht,
    door,
    nieuwe_verwijzing: Verwijzing | None = None,
    toelichting: str = "",
    context: Toegangscontext | None = None,
) -> Overdracht:
    """The new municipality's toegang closes the handover once every old allocation has ended,
    naming its own referral for the child from the moving day on, or why no new care follows."""
    overdracht = Overdracht.objects.select_for_update().get(pk=overdracht.pk)
    if not mag_overdracht_afronden(door, overdracht):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de nieuwe gemeente rondt de overdracht af.")
    _controleer_status(overdracht, OVERDRACHT_OVERGANGEN, OverdrachtStatus.AFGEROND)
    if overdracht.regels.filter(beeindigd_op__isnull=True).exists():
        raise DomainError(
            Foutcode.NIET_GEREED,
            "De vorige gemeente heeft nog niet alle toewijzingen beëindigd. Rond de overdracht daarna af.",
        )
    toelichting = toelichting.strip()
    if nieuwe_verwijzing is not None and not (
        nieuwe_verwijzing.jeugdige_id == overdracht.jeugdige_id
        and nieuwe_verwijzing.gemeente_id == overdracht.naar_gemeente_id
        and nieuwe_verwijzing.datum >= overdracht.verhuisdatum
    ):
        raise DomainError(
            Foutcode.INVOER,
            "Kies een verwijzing van uw gemeente voor deze jeugdige vanaf de verhuisdatum.",
            field="nieuwe_verwijzing",
        )
    if nieuwe_verwijzing is None and not toelichting:
        raise DomainError(
            Foutcode.INVOER,
            "Kies de nieuwe verwijzing, of leg uit waarom er geen nieuwe hulp nodig is.",
            field="toelichting",
        )
    overdracht.status = OverdrachtStatus.AFGEROND
    overdracht.nieuwe_verwijzing = nieuwe_verwijzing
    overdracht.toelichting = toelichting
    overdracht.afgerond_op, overdracht.afgerond_door = vandaag(), door
    overdracht.save(update_fields=["status", "nieuwe_verwijzing", "toelichting", "afgerond_op", "afgerond_door"])
    log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=overdracht, jeugdige=overdracht.jeugdige, door=door, context=context)
    return overdracht


@transaction.atomic
def registreer_geschil(
    *, overdracht: Overdracht, omschrijving: str, door, context: Toegangscontext | None = None
) -> Geschil:
    """Either municipality records a dispute about who is responsible."""
    if not mag_geschil_registreren(door, overdracht):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van een van beide gemeenten registreert een geschil.")
    if not omschrijving.strip():
        raise DomainError(Foutcode.INVOER, "Beschrijf waarover de gemeenten het oneens zijn.", field="omschrijving")
    geschil = Geschil.objects.create(
        overdracht=overdracht,
        ingediend_door_gemeente_id=door.gemeente_id,
        omschrijving=omschrijving.strip(),
        ingediend_op=vandaag(),
        ingediend_door=door,
    )
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=geschil, jeugdige=overdracht.jeugdige, door=door, context=context)
    return geschil


@transaction.atomic
def beslis_geschil(
    *, geschil: Geschil, uitkomst: str, toelichting: str, door, context: Toegangscontext | None = None
) -> Geschil:
    """Record the outcome of a dispute (by agreement or by the arbiter the municipalities chose)."""
    geschil = Geschil.objects.select_for_update(of=("self",)).select_related("overdracht__jeugdige").get(pk=geschil.pk)
    if not mag_geschil_beslissen(door, geschil):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van een van beide gemeenten legt de uitkomst vast.")
    _controleer_status(geschil, GESCHIL_OVERGANGEN, GeschilStatus.BESLIST)
    try:
        uitkomst = GeschilUitkomst(uitkomst)
    except ValueError:
        raise DomainError(Foutcode.INVOER, "Kies een uitkomst uit de lijst.", field="uitkomst") from None
    indiener = door.gemeente_id == geschil.ingediend_door_gemeente_id
    if indiener and uitkomst != GeschilUitkomst.INGETROKKEN:
        # R-D3: a dispute is settled by both (an agreement) or an arbiter, never by the filer alone
        raise DomainError(
            Foutcode.ROL,
            "Uw gemeente diende dit geschil in en kan het alleen intrekken. De andere gemeente legt de "
            "uitkomst vast, na overeenstemming of de uitspraak van de arbiter.",
            field="uitkomst",
        )
    if not indiener and uitkomst == GeschilUitkomst.INGETROKKEN:
        raise DomainError(
            Foutcode.ROL, "Alleen de gemeente die het geschil indiende kan het intrekken.", field="uitkomst"
        )
    if not toelichting.strip():
        raise DomainError(Foutcode.INVOER, "Licht de uitkomst toe.", field="toelichting")
    geschil.status, geschil.uitkomst = GeschilStatus.BESLIST, uitkomst
    geschil.toelichting_uitkomst = toelichting.strip()
    geschil.beslist_op, geschil.beslist_door = vandaag(), door
    geschil.save(update_fields=["status", "uitkomst", "toelichting_uitkomst", "beslist_op", "beslist_door"])
    log_persoonsgegevens(
        actie=Actie.WIJZIGEN, obj=geschil, jeugdige=geschil.overdracht.jeugdige, door=door, context=context
    )
    return geschil
