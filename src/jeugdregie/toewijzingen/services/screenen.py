"""Screening and acceptance (SPEC §5)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.organisaties.services import ingeschreven_functiegroep, is_ingeschreven
from jeugdregie.toewijzingen.besluiten import Toegewezen
from jeugdregie.toewijzingen.constants import (
    WEIGERINGEN,
    AanpassingReden,
    AanpassingStatus,
    ScreeningUitkomst,
    ToewijzingSoort,
)
from jeugdregie.toewijzingen.models import Contractsignaal, Screening, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.policies import toewijzing_geeft_zicht
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van, vereis_toegang_van
from jeugdregie.verwijzingen.constants import (
    VERWIJZING_OVERGANGEN,
    Foutcode,
    Gebeurtenissoort,
    MeldingSoort,
    VerwijzingStatus,
)
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.keuzelijst import duurzaam_uitgesloten
from jeugdregie.verwijzingen.services.meldingen import meld_verwijzer
from jeugdregie.verwijzingen.services.verwijzen import controleer_een_budget_bij_aanbieder, vergrendel
from jeugdregie.verwijzingen.services.zicht import geef_zicht


def _niet_geaccepteerd(verwijzing: Verwijzing, screening: Screening, door) -> None:
    verwijzing.status = VerwijzingStatus.NIET_GEACCEPTEERD
    verwijzing.save(update_fields=["status"])
    # R-S3: the case stays open on the toegang's worklist until follow-up is arranged.
    Weigeringsopvolging.objects.create(screening=screening, gemeente_id=verwijzing.gemeente_id)
    meld_verwijzer(
        verwijzing,
        f"Verwijzing {verwijzing.pk} niet geaccepteerd door de aanbieder",
        soort=MeldingSoort.NIET_GEACCEPTEERD,
    )


def verplichte_inschrijving(verwijzing: Verwijzing, datum: date) -> Product | None:
    """R-S4 for every referral: the registration that obliges the provider to accept it on
    ``datum``, or None. A referral with an indicated tariff group or intensity: that one, when the
    provider is registered on it. A keuzebudget referral without one (most: the provider chooses
    the professional, 001 §4.4.1): a function group the provider is registered on, among those the
    budget's kind may use (duurzaam leaves out the catalogue's exclusions of its year, R-B2)."""
    product = verwijzing.product_indicatie
    if product is not None:
        gemeente = verwijzing.gemeente  # R-R3: a registration under a contract covering the municipality
        return (
            product
            if is_ingeschreven(aanbieder=verwijzing.aanbieder, product=product, dag=datum, gemeente=gemeente)
            else None
        )
    budget = verwijzing.keuzebudget
    uitgesloten: list[int] = []
    if budget.soort == KeuzebudgetSoort.DUURZAAM:
        uitgesloten = duurzaam_uitgesloten(budget.begindatum.year, verwijzing.gemeente.regio_id)
    return ingeschreven_functiegroep(
        aanbieder=verwijzing.aanbieder, dag=datum, behalve=uitgesloten, gemeente=verwijzing.gemeente
    )


def wijs_keuzebudget_toe(*, verwijzing: Verwijzing, door, op: date) -> Toewijzing:
    """The referral accepted: its keuzebudget becomes an allocation. The ledger commits its amount
    in the caller's transaction (``Toegewezen``); after the commit the event row brings the JW301
    and the beschikking (``abonnementen``). Used by the screening and by the yearly renewal of a
    duurzaam budget (R-T9); the caller checked the lifecycle and holds the referral's lock."""
    verwijzing.status = VerwijzingStatus.GEACCEPTEERD
    verwijzing.save(update_fields=["status"])
    budget = verwijzing.keuzebudget
    toewijzing = Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige_id=verwijzing.jeugdige_id,
        gemeente_id=verwijzing.gemeente_id,
        aanbieder_id=verwijzing.aanbieder_id,
        soort=ToewijzingSoort.KEUZEBUDGET,
        keuzebudget=budget,
        begindatum=budget.begindatum,
        einddatum=budget.einddatum,
    )
    if toewijzing_geeft_zicht(verwijzing):  # R-P4: not for a referral the provider entered itself
        geef_zicht(
            jeugdige=verwijzing.jeugdige,
            aanbieder=verwijzing.aanbieder,
            verwijzer=verwijzing.verwijzer,
            bron_aanbieder=BetrokkenheidBron.TOEWIJZING,
            begindatum=toewijzing.begindatum,
        )
    publiceer(Toegewezen(toewijzing_id=toewijzing.pk, bedrag=budget.bedrag, op=op))
    registreer(toewijzing, Gebeurtenissoort.TOEWIJZING_AANGEMAAKT, door=door, verwijzing_id=verwijzing.pk)
    return toewijzing


@transaction.atomic
def screen_verwijzing(*, verwijzing: Verwijzing, uitkomst: ScreeningUitkomst, door, toelichting: str = "") -> Screening:
    """Record the screening outcome (R-S1, R-S2). Acceptance creates the allocation; a refusal
    opens the follow-up (R-S3), notifies the referrer, and raises a contract signal when the
    provider is registered for what was asked (R-S4). The screening date is the server's
    Amsterdam date of today (R-B9): the refusal indicators and the contract signal count it."""
    datum = vandaag()
    verwijzing = Verwijzing.objects.select_for_update(of=("self",)).select_related("keuzebudget").get(pk=verwijzing.pk)
    vereis_aanbieder_van(verwijzing, door)
    naar = (
        VerwijzingStatus.GEACCEPTEERD
        if uitkomst == ScreeningUitkomst.GEACCEPTEERD
        else (VerwijzingStatus.NIET_GEACCEPTEERD)
    )
    controleer_overgang(verwijzing, VERWIJZING_OVERGANGEN, naar)
    try:
        uitkomst = ScreeningUitkomst(uitkomst)
    except ValueError:
        raise DomainError(
            Foutcode.WEIGERREDEN,
            "Kies een uitkomst uit de lijst; andere weigerredenen bestaan niet.",
            field="uitkomst",
        ) from None
    if uitkomst == ScreeningUitkomst.ZWAARWEGEND and not toelichting.strip():
        raise DomainError(Foutcode.WEIGERREDEN, "Licht de zwaarwegende reden toe.", field="toelichting")
    if verwijzing.aanpassingen.filter(
        reden=AanpassingReden.KEUZEBUDGET_ONJUIST, status=AanpassingStatus.INGEDIEND
    ).exists():
        raise DomainError(
            Foutcode.OVERGANG,
            "Er loopt een aanvraag 'keuzebudget onjuist': wacht op het besluit van de toegang.",
            field="uitkomst",
        )
    if datum < verwijzing.datum:
        raise DomainError(
            Foutcode.PERIODE,
            f"De verwijzing gaat in op {verwijzing.datum:%d-%m-%Y}: screen de verwijzing vanaf die dag "
            f"(vandaag is het {datum:%d-%m-%Y}).",
            field="verwijzing",
        )
    if uitkomst == ScreeningUitkomst.GEACCEPTEERD:  # TR302: one keuzebudget at a time at this provider
        budget = verwijzing.keuzebudget
        vergrendel(verwijzing.jeugdige)
        controleer_een_budget_bij_aanbieder(
            verwijzing.jeugdige,
            verwijzing.aanbieder,
            budget.begindatum,
            budget.einddatum,
            behalve=verwijzing,
            te_screenen=False,
        )
    product = verplichte_inschrijving(verwijzing, datum) if uitkomst in WEIGERINGEN else None
    signaal = product is not None
    screening = Screening.objects.create(
        verwijzing=verwijzing,
        uitkomst=uitkomst,
        toelichting=toelichting.strip(),
        datum=datum,
        door=door,
        contractsignaal=signaal,
    )
    if signaal and product is not None:
        Contractsignaal.objects.create(
            aanbieder_id=verwijzing.aanbieder_id,
            screening=screening,
            product_id=product.pk,
            datum=datum,
        )
    if uitkomst == ScreeningUitkomst.GEACCEPTEERD:
        wijs_keuzebudget_toe(verwijzing=verwijzing, door=door, op=datum)
    else:
        _niet_geaccepteerd(verwijzing, screening, door)
    registreer(
        verwijzing, Gebeurtenissoort.VERWIJZING_GESCREEND, door=door, uitkomst=str(uitkomst), contractsignaal=signaal
    )
    return screening


@transaction.atomic
def sluit_opvolging(*, opvolging: Weigeringsopvolging, afsluiting: str, door) -> Weigeringsopvolging:
    """R-S3: the toegang closes the follow-up once another provider or referrer takes over."""
    opvolging = Weigeringsopvolging.objects.select_for_update().get(pk=opvolging.pk)
    vereis_toegang_van(opvolging.gemeente_id, door)
    if not opvolging.open:
        raise DomainError(Foutcode.OVERGANG, "Deze opvolging is al afgesloten.", field="open")
    if not afsluiting.strip():
        raise DomainError(Foutcode.MOTIVERING, "Beschrijf hoe de opvolging geregeld is.", field="afsluiting")
    opvolging.open = False
    opvolging.afgesloten_op = timezone.now()
    opvolging.afgesloten_door = door
    opvolging.afsluiting = afsluiting.strip()
    opvolging.save(update_fields=["open", "afgesloten_op", "afgesloten_door", "afsluiting"])
    registreer(opvolging, Gebeurtenissoort.OPVOLGING_GESLOTEN, door=door)
    return opvolging
