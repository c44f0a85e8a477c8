"""Crisis function (SPEC §4.4): reports and their assessment (R-C1, R-C3, R-C4) and the
retroactive crisisopvolging allocation (R-C2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.constants import Eenheid, Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import plus_werkdagen
from jeugdregie.common.tijd import datum_van, vandaag
from jeugdregie.jeugdigen.bsn import controleer_bsn
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.constants import AanbiederCategorie, VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regelset, Regio
from jeugdregie.organisaties.regelset import regels
from jeugdregie.toewijzingen.besluiten import Toegewezen
from jeugdregie.toewijzingen.constants import VERZOEK_OVERGANGEN, ToewijzingSoort, ToewijzingStatus, VerzoekStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bedrag import volume_bedrag
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.verwijzingen.constants import Gebeurtenissoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import Resultaat, Verwijzing
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.verwijzen import controleer_contract
from jeugdregie.verwijzingen.services.zicht import geef_zicht

from .constants import CrisisAfhandeling, CrisisBron, CrisisUitkomst, Foutcode
from .models import Crisismelding, Crisisopvolgingsverzoek
from .policies import mag_crisis_melden, mag_crisisopvolging_aanvragen


def _crisisvolume(product: Product, volume, begin: date, einde: date) -> Decimal:
    """R-B7: the allocated volume of crisisopvolging. Crisis-bed nights default to the days of
    the period; hours must be given (no ceiling is no allocation)."""
    dagen = (einde - begin).days + 1
    if volume in (None, ""):
        if product.eenheid == Eenheid.ETMAAL:
            return Decimal(dagen)
        raise _fout(
            "Geef het aantal toegekende uren crisisopvolging op: dat is het plafond van wat de aanbieder "
            "kan declareren.",
            "volume",
            Foutcode.CRISISOPVOLGING,
        )
    try:
        volume = Decimal(str(volume))
    except InvalidOperation:
        volume = Decimal("0")
    if volume <= 0 or volume != volume.quantize(Decimal("0.01")):
        raise _fout(
            "Het toegekende volume moet een positief getal zijn (hooguit 2 decimalen).",
            "volume",
            Foutcode.CRISISOPVOLGING,
        )
    if product.eenheid == Eenheid.ETMAAL and volume > dagen:
        raise _fout(f"Er passen hooguit {dagen} etmalen in deze periode.", "volume", Foutcode.CRISISOPVOLGING)
    return volume


CRISISBED = "46C03"


def _fout(message: str, field: str, code=Foutcode.CRISIS) -> DomainError:
    return DomainError(code, message, field=field)


def _vereis_crisisdienst(crisisdienst: Aanbieder, door) -> None:
    if not mag_crisis_melden(door, crisisdienst):
        raise _fout("Alleen de crisisdienst zelf registreert en beoordeelt crisismeldingen.", "door")


def _controleer_meldtijd(gemeld_op: datetime | None, ontvangen_op: datetime, gemeente: Gemeente) -> datetime:
    """R-C5, R-B9: the stated time of a report lies between the region's limit back and the
    server's moment of arrival; without one, the moment of arrival."""
    if gemeld_op is None:
        return ontvangen_op
    if gemeld_op > ontvangen_op:
        raise _fout(
            f"De tijd van de melding ({timezone.localtime(gemeld_op):%d-%m-%Y %H:%M}) ligt in de toekomst. Vul in "
            "wanneer de melding binnenkwam, of laat het veld leeg voor nu.",
            "gemeld_op",
        )
    # R-R1: the rule set valid on the day the report arrived (the server's moment)
    uren = regels(gemeente.regio_id, datum_van(ontvangen_op)).crisismelding_terugmelden_uren
    if gemeld_op < ontvangen_op - timedelta(hours=uren):
        raise _fout(
            f"De tijd van de melding ({timezone.localtime(gemeld_op):%d-%m-%Y %H:%M}) ligt meer dan {uren} uur "
            "terug. Registreer een melding direct; een oudere melding kan niet meer worden vastgelegd.",
            "gemeld_op",
        )
    return gemeld_op


@transaction.atomic
def registreer_crisismelding(
    *,
    crisisdienst: Aanbieder,
    gemeente: Gemeente,
    bron: CrisisBron,
    door,
    gemeld_op: datetime | None = None,
    bsn: str = "",
    huiselijk_geweld: bool = False,
    buiten_kantoortijd: bool = False,
    context: Toegangscontext | None = None,
) -> Crisismelding:
    """A report to the crisisdienst. No allocation is needed for the crisis function itself (R-C1):
    the report is accepted whatever the young person's allocations. Sources of R-C4 only. R-C5:
    for a child in the register ``gemeente`` is the responsible municipality by the
    woonplaatsbeginsel (R-D3), whatever the crisisdienst stated.

    R-C5, R-B9: the server records when the report arrived (``ontvangen_op``); the profijt key
    counts it in that month. ``gemeld_op`` is the time of the report the crisisdienst states
    (default: now): kept as information and as the start of the 4-hour norm (R-C3), never in the
    future and at most the region's ``crisismelding_terugmelden_uren`` before now.

    R-P4: the report is a registration like a referral. It is accepted and answered the same for
    a BSN in the register and for one that is not; the service links the report to the child for
    the toegang, and the link gives the crisisdienst no sight on the register (the crisisdienst
    has the child in front of it). Sight follows from the toegang's decision on crisisopvolging."""
    _vereis_crisisdienst(crisisdienst, door)
    if crisisdienst.categorie != AanbiederCategorie.CRISIS:
        raise _fout(f"{crisisdienst.naam} is geen crisisdienst.", "crisisdienst")
    try:
        bron = CrisisBron(bron)
    except ValueError:
        raise _fout(
            "Een crisismelding komt binnen via de toegang, Veilig Thuis, de huisarts, een aanbieder of een GI.",
            "bron",
        ) from None
    bsn = controleer_bsn(bsn.strip()) if bsn and bsn.strip() else ""
    ontvangen_op = timezone.now()
    gemeld_op = _controleer_meldtijd(gemeld_op, ontvangen_op, gemeente)
    jeugdige = Jeugdige.objects.voor_aanmelding(door, bsn).first() if bsn else None
    if jeugdige is not None:
        # R-C5 with R-D3: the municipality that pays (and whose profijt key counts the
        # intervention) follows from the child by the woonplaatsbeginsel on the server's date,
        # not from the crisisdienst's choice; the stated one stands only for a child not in the
        # register (no BSN, or one the register does not know). No error on a mismatch: R-P4,
        # the answer must not tell the crisisdienst whether the BSN is in the register.
        verantwoordelijk = verantwoordelijke_gemeente(jeugdige, vandaag())
        if verantwoordelijk.gemeente_id is not None:
            gemeente = Gemeente.objects.get(pk=verantwoordelijk.gemeente_id)
    melding = Crisismelding.objects.create(
        gemeente=gemeente,
        jeugdige=jeugdige,
        bsn=bsn,
        crisisdienst=crisisdienst,
        bron=bron,
        huiselijk_geweld=huiselijk_geweld,
        buiten_kantoortijd=buiten_kantoortijd,
        gemeld_op=gemeld_op,
        ontvangen_op=ontvangen_op,
        geregistreerd_door=door,
    )
    registreer(melding, Gebeurtenissoort.CRISIS_GEMELD, door=door, bron=str(bron), gemeente_id=gemeente.pk)
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=melding, jeugdige=jeugdige, door=door, context=context)
    return melding


@transaction.atomic
def beoordeel_crisis(
    *,
    melding: Crisismelding,
    beoordeeld_op: datetime,
    hulp_binnen_24_uur: bool,
    uitkomst: CrisisUitkomst,
    afhandeling: CrisisAfhandeling | str,
    door,
) -> Crisismelding:
    """R-C3: assess within the region's norm (4 hours by default, ``Crisismelding.norm``, R-R1)
    whether help is needed within 24 hours and decide the next step. R-C4: domestic violence and
    child abuse follow the Veilig Thuis route. R-C5: record whether the report was handled by phone
    only or a crisis intervention was carried out (the profijt key counts the latter);
    crisisopvolging follows a crisis intervention (001 §3.3.1)."""
    melding = Crisismelding.objects.select_for_update().get(pk=melding.pk)
    _vereis_crisisdienst(melding.crisisdienst, door)
    if melding.beoordeeld_op is not None:
        raise _fout("Deze melding is al beoordeeld.", "melding")
    if beoordeeld_op < melding.gemeld_op:
        raise _fout(
            f"De beoordeling ligt voor de melding ({timezone.localtime(melding.gemeld_op):%d-%m-%Y %H:%M}).",
            "beoordeeld_op",
        )
    try:
        uitkomst = CrisisUitkomst(uitkomst)
    except ValueError:
        raise _fout("Kies geen vervolg, reguliere hulp of crisisopvolging.", "uitkomst") from None
    if melding.huiselijk_geweld and uitkomst != CrisisUitkomst.VEILIG_THUIS:
        raise _fout(
            "Bij huiselijk geweld of kindermishandeling volgt de melding de route van Veilig Thuis, buiten dit "
            "contract.",
            "uitkomst",
        )
    if uitkomst == CrisisUitkomst.VEILIG_THUIS and not melding.huiselijk_geweld:
        raise _fout("De route Veilig Thuis is voor huiselijk geweld en kindermishandeling.", "uitkomst")
    try:
        afhandeling = CrisisAfhandeling(afhandeling)
    except ValueError:
        raise _fout(
            "Geef aan of de melding alleen telefonisch is afgehandeld of dat de crisisdienst een "
            "crisisinterventie heeft uitgevoerd.",
            "afhandeling",
        ) from None
    if uitkomst == CrisisUitkomst.CRISISOPVOLGING and afhandeling != CrisisAfhandeling.INTERVENTIE:
        raise _fout(
            "Crisisopvolging volgt op een crisisinterventie: kies 'crisisinterventie uitgevoerd' of een andere "
            "vervolgstap.",
            "afhandeling",
        )
    if uitkomst == CrisisUitkomst.CRISISOPVOLGING and not melding.bsn:
        raise _fout("Crisisopvolging vraagt het BSN van de jeugdige: registreer de melding opnieuw met het BSN.", "bsn")
    melding.beoordeeld_op = beoordeeld_op
    melding.hulp_binnen_24_uur = hulp_binnen_24_uur
    melding.uitkomst = uitkomst
    melding.afhandeling = afhandeling
    melding.save(update_fields=["beoordeeld_op", "hulp_binnen_24_uur", "uitkomst", "afhandeling"])
    registreer(
        melding,
        Gebeurtenissoort.CRISIS_BEOORDEELD,
        door=door,
        uitkomst=str(uitkomst),
        afhandeling=str(afhandeling),
        binnen_4_uur=melding.binnen_norm(beoordeeld_op),
    )
    return melding


def uiterste_aanvraagdatum(startdatum: date, regio: Regio | int | None = None) -> date:
    """R-C2: the region's term (``crisisopvolging_termijn_werkdagen``, 3 by default) in working
    days after the start; Dutch public holidays are not working days. R-R1: the rule set valid on
    the day the care started, the day the term runs from; without a region the default term."""
    versie = Regelset() if regio is None else regels(regio, startdatum)
    return plus_werkdagen(startdatum, versie.crisisopvolging_termijn_werkdagen)


@transaction.atomic
def vraag_crisisopvolging_aan(
    *,
    melding: Crisismelding,
    aanbieder: Aanbieder,
    product: Product,
    startdatum: date,
    door,
    bed_onvermijdelijk: str = "",
) -> Crisisopvolgingsverzoek:
    """R-C2: crisisopvolging starts at once; the provider then requests the allocation from the
    toegang, retroactively. Later than the region's term (3 working days by default, R-R1) after
    the start is flagged late. The provider states when the care started (a past event); the
    request date is the server's date of today (R-B9), so lateness cannot be argued away."""
    ingediend_op = vandaag()
    if not mag_crisisopvolging_aanvragen(door, aanbieder):
        raise _fout(
            "De aanbieder die de crisisopvolging levert, vraagt de toewijzing aan.",
            "door",
            Foutcode.CRISISOPVOLGING,
        )
    if melding.uitkomst != CrisisUitkomst.CRISISOPVOLGING or not melding.bsn:
        raise _fout(
            "Crisisopvolging volgt op een crisismelding met de uitkomst crisisopvolging.",
            "melding",
            Foutcode.CRISISOPVOLGING,
        )
    if product.onderdeel not in (Onderdeel.CRISIS, Onderdeel.AMBULANT) or product.eenheid == Eenheid.TAAKGERICHT:
        raise _fout("Kies ambulante spoedhulp, crisisopvolging of een crisisbed.", "product", Foutcode.CRISISOPVOLGING)
    if product.code == CRISISBED and not bed_onvermijdelijk.strip():
        raise _fout(
            "Eerst ambulante spoedhulp; een crisisbed alleen als het onvermijdelijk is. Motiveer dat.",
            "bed_onvermijdelijk",
            Foutcode.CRISISOPVOLGING,
        )
    if startdatum < datum_van(melding.gemeld_op):
        raise _fout("De crisisopvolging kan niet beginnen voor de melding.", "startdatum", Foutcode.CRISISOPVOLGING)
    if ingediend_op < startdatum:
        raise _fout(
            f"De aanvraag volgt op de start van de crisisopvolging: kies een startdatum tot en met vandaag "
            f"({ingediend_op:%d-%m-%Y}).",
            "startdatum",
            Foutcode.CRISISOPVOLGING,
        )
    controleer_contract(aanbieder, startdatum, product, melding.gemeente)  # R-R3: the reporting municipality's
    uiterlijk = uiterste_aanvraagdatum(startdatum, melding.gemeente.regio_id)
    verzoek = Crisisopvolgingsverzoek.objects.create(
        melding=melding,
        jeugdige_id=melding.jeugdige_id,
        bsn=melding.bsn,
        gemeente=melding.gemeente,
        aanbieder=aanbieder,
        product=product,
        bed_onvermijdelijk=bed_onvermijdelijk.strip(),
        startdatum=startdatum,
        ingediend_op=ingediend_op,
        uiterlijk=uiterlijk,
        te_laat=ingediend_op > uiterlijk,
        ingediend_door=door,
    )
    registreer(verzoek, Gebeurtenissoort.CRISISOPVOLGING_AANGEVRAAGD, door=door, te_laat=verzoek.te_laat)
    return verzoek


def _koppel_jeugdige(verzoek: Crisisopvolgingsverzoek, door) -> None:
    """R-P4: the toegang allocates for a child of its own register. The report's BSN is looked up
    within the toegang's residents; an unknown BSN asks it to register the child first."""
    jeugdige = Jeugdige.objects.voor_aanmelding(door, verzoek.bsn).first()
    if jeugdige is None:
        raise _fout(
            "Geen jeugdige met het BSN van deze melding in uw bereik. Registreer de jeugdige eerst; "
            "daarna kunt u de crisisopvolging toewijzen.",
            "bsn",
            Foutcode.CRISISOPVOLGING,
        )
    if verzoek.jeugdige_id != jeugdige.pk:
        verzoek.jeugdige = jeugdige
        verzoek.save(update_fields=["jeugdige"])


@transaction.atomic
def besluit_crisisopvolging(
    *,
    verzoek: Crisisopvolgingsverzoek,
    toekennen: bool,
    door,
    einddatum: date | None = None,
    motivering: str = "",
    volume: Decimal | str | None = None,
) -> Crisisopvolgingsverzoek:
    """The toegang allocates crisisopvolging retroactively from its start (R-C2), or refuses it
    with a motivation. Exactly one of two concurrent decisions wins (row lock). The allocation
    holds one product with a volume (hours; crisis-bed nights default to the days of the period)
    and commits product × volume in the ledger (R-B7): the ceiling of what can be paid."""
    verzoek = Crisisopvolgingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    vereis_toegang_van(verzoek.gemeente_id, door)
    naar = VerzoekStatus.TOEGEWEZEN if toekennen else VerzoekStatus.AFGEWEZEN
    controleer_overgang(verzoek, VERZOEK_OVERGANGEN, naar)
    motivering = motivering.strip()
    if not toekennen:
        if not motivering:
            raise _fout("Motiveer de afwijzing.", "motivering", Foutcode.CRISISOPVOLGING)
        verzoek.status = naar
        verzoek.motivering = motivering
        verzoek.besluit_door = door
        verzoek.save(update_fields=["status", "motivering", "besluit_door"])
        registreer(verzoek, Gebeurtenissoort.CRISISOPVOLGING_AFGEWEZEN, door=door)
        return verzoek
    if einddatum is None or einddatum < verzoek.startdatum:
        raise _fout(
            f"Kies een einddatum op of na de start ({verzoek.startdatum:%d-%m-%Y}).",
            "einddatum",
            Foutcode.CRISISOPVOLGING,
        )
    volume = _crisisvolume(verzoek.product, volume, verzoek.startdatum, einddatum)
    _koppel_jeugdige(verzoek, door)
    assert verzoek.jeugdige_id is not None  # set by _koppel_jeugdige
    verwijzing = Verwijzing.objects.create(
        jeugdige_id=verzoek.jeugdige_id,
        gemeente_id=verzoek.gemeente_id,
        verwijzer_type=VerwijzerType.GEMEENTE,
        aanbieder_id=verzoek.aanbieder_id,
        product_indicatie=verzoek.product,
        datum=verzoek.startdatum,
        status=VerwijzingStatus.GEACCEPTEERD,
        aangemaakt_door=door,
    )
    Resultaat.objects.create(verwijzing=verwijzing, omschrijving="Crisis gestabiliseerd; vervolg geregeld")
    toewijzing = Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige_id=verzoek.jeugdige_id,
        gemeente_id=verzoek.gemeente_id,
        aanbieder_id=verzoek.aanbieder_id,
        soort=ToewijzingSoort.CRISISOPVOLGING,
        product=verzoek.product,
        volume=volume,
        begindatum=verzoek.startdatum,
        einddatum=einddatum,
        status=ToewijzingStatus.GESTART,
        startdatum_zorg=verzoek.startdatum,
    )
    bedrag = volume_bedrag(verzoek.product, volume, verzoek.startdatum, einddatum, regio_id=verzoek.gemeente.regio_id)
    publiceer(Toegewezen(toewijzing_id=toewijzing.pk, bedrag=bedrag, op=vandaag()))
    geef_zicht(
        jeugdige=verzoek.jeugdige,
        aanbieder=verzoek.aanbieder,
        verwijzer=None,
        bron_aanbieder=BetrokkenheidBron.TOEWIJZING,
        begindatum=verzoek.startdatum,
    )
    verzoek.status = naar
    verzoek.toewijzing = toewijzing
    verzoek.motivering = motivering
    verzoek.besluit_door = door
    verzoek.save(update_fields=["status", "toewijzing", "motivering", "besluit_door"])
    registreer(verzoek, Gebeurtenissoort.CRISISOPVOLGING_TOEGEWEZEN, door=door, toewijzing_id=toewijzing.pk)
    return verzoek
