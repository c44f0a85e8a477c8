"""Adjustment requests for a keuzebudget (SPEC §6, R-A1…R-A5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.organisaties.regelset import regels
from jeugdregie.organisaties.services import is_gecontracteerd
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd
from jeugdregie.toewijzingen.constants import AANPASSING_OVERGANGEN, AanpassingReden, AanpassingStatus, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van, vereis_toegang_van
from jeugdregie.toewijzingen.services.eenbudget import bewaak_een_budget
from jeugdregie.verwijzingen.constants import (
    VERWIJZING_OVERGANGEN,
    Foutcode,
    Gebeurtenissoort,
    MeldingDoel,
    MeldingSoort,
    VerwijzingStatus,
)
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, controleer_periode
from jeugdregie.verwijzingen.services.meldingen import maak_melding, meld_verwijzer
from jeugdregie.verwijzingen.services.verwijzen import registreer_verwijzing


def _fout(message: str, field: str = "reden") -> DomainError:
    return DomainError(Foutcode.AANPASSING_REDEN, message, field=field)


def _duurzaam_per_jaar(verwijzing: Verwijzing, einddatum: date | None, field: str) -> None:
    """R-T9: a duurzaam budget is an amount per year; an adjustment does not stretch it past its
    budget year (it is renewed yearly instead, ``verlengen.verleng_duurzaam``), as the region's
    keuzebudgets set it (R-R1)."""
    budget = verwijzing.keuzebudget
    if einddatum is not None and budget.soort == KeuzebudgetSoort.DUURZAAM:
        controleer_periode(
            soort=KeuzebudgetSoort.DUURZAAM,
            begindatum=budget.begindatum,
            einddatum=einddatum,
            regio_id=verwijzing.gemeente.regio_id,
            field=field,
        )


def _controleer_reden(
    verwijzing: Verwijzing,
    toewijzing: Toewijzing | None,
    reden: AanpassingReden,
    datum: date,
    besproken_met_toegang: bool,
    tweede_aanbieder: Aanbieder | None,
) -> None:
    gestart = toewijzing is not None and toewijzing.status != ToewijzingStatus.TOEGEWEZEN
    if reden == AanpassingReden.KEUZEBUDGET_ONJUIST:
        if verwijzing.status != VerwijzingStatus.TE_SCREENEN or gestart:
            raise _fout("'Keuzebudget onjuist' kan alleen bij de screening, voordat de hulp start.")
        return
    if toewijzing is None or not gestart or toewijzing.status != ToewijzingStatus.GESTART:
        raise _fout("Deze reden kan alleen tijdens lopende hulp. Start eerst de zorg.")
    if reden == AanpassingReden.HULP_SLAAT_NIET_AAN:
        # from the first start: a restart after a stop (OP379) does not open a new window. R-R1: the
        # window of the region's rule set valid on that start.
        start = toewijzing.eerste_startdatum_zorg
        maanden = regels(toewijzing.gemeente.regio_id, start).hulp_slaat_niet_aan_maanden
        uiterlijk = start + relativedelta(months=maanden)
        if datum > uiterlijk:
            raise _fout(
                f"'Hulp slaat niet aan' kan tot uiterlijk {maanden} maanden na de start van de hulp "
                f"({uiterlijk:%d-%m-%Y}). Neem contact op met de toegang."
            )
    if reden == AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN and not besproken_met_toegang:
        raise _fout(
            "Bespreek gewijzigde omstandigheden eerst met de toegang, voordat u handelt.",
            "besproken_met_toegang",
        )
    if reden == AanpassingReden.MEERDERE_AANBIEDERS:
        if tweede_aanbieder is None or tweede_aanbieder.pk == verwijzing.aanbieder_id:
            raise _fout("Kies de tweede aanbieder met specifieke expertise.", "tweede_aanbieder")
        if not is_gecontracteerd(aanbieder=tweede_aanbieder, dag=datum, gemeente=verwijzing.gemeente):  # R-R3
            raise _fout(
                f"{tweede_aanbieder.naam} is op {datum:%d-%m-%Y} niet gecontracteerd voor gemeente "
                f"{verwijzing.gemeente.naam}.",
                "tweede_aanbieder",
            )


@transaction.atomic
def dien_aanpassing_in(
    *,
    verwijzing: Verwijzing,
    reden: AanpassingReden,
    toelichting: str,
    door,
    gevraagd_bedrag: Decimal | str | None = None,
    gevraagde_einddatum: date | None = None,
    besproken_met_toegang: bool = False,
    tweede_aanbieder: Aanbieder | None = None,
    referentie_aanbieder: str = "",
) -> Aanpassingsaanvraag:
    """The provider requests, on behalf of the young person, an adjustment (R-A2). Late requests
    (less than 8 weeks before the budget is reached in time or money) are marked late (R-A3).
    ``referentie_aanbieder``: the ReferentieAanbieder of an iJw JW317 request (empty from the portal).
    The filing date is the server's date of today (R-B9): the 6-month limit of reason 2 and the
    8-week point (R-A3) are measured from it, never from a date the provider states."""
    datum = vandaag()
    verwijzing = Verwijzing.objects.select_for_update(of=("self",)).select_related("keuzebudget").get(pk=verwijzing.pk)
    vereis_aanbieder_van(verwijzing, door)
    try:
        reden = AanpassingReden(reden)
    except ValueError:
        raise _fout("Alleen de vier redenen uit het uitvoeringsplan zijn toegestaan.") from None
    if not toelichting.strip():
        raise DomainError(Foutcode.MOTIVERING, "Licht de aanvraag toe.", field="toelichting")
    if verwijzing.aanpassingen.filter(status=AanpassingStatus.INGEDIEND).exists():
        raise _fout("Er loopt al een aanpassingsaanvraag voor dit keuzebudget; wacht op het besluit.")
    toewijzing = verwijzing.toewijzingen.order_by("id").first()
    _controleer_reden(verwijzing, toewijzing, reden, datum, besproken_met_toegang, tweede_aanbieder)
    budget = verwijzing.keuzebudget
    bedrag = euro(gevraagd_bedrag) if gevraagd_bedrag not in (None, "") else None
    if bedrag is not None and bedrag <= 0:
        raise _fout("Het gevraagde bedrag moet groter dan nul zijn.", "gevraagd_bedrag")
    if reden != AanpassingReden.MEERDERE_AANBIEDERS and bedrag is None and gevraagde_einddatum is None:
        raise _fout("Vraag een ander bedrag of een andere einddatum aan.", "gevraagd_bedrag")
    if reden == AanpassingReden.MEERDERE_AANBIEDERS and bedrag is None:
        raise _fout("Vraag het bedrag aan voor het keuzebudget van de tweede aanbieder.", "gevraagd_bedrag")
    if gevraagde_einddatum is not None and gevraagde_einddatum < budget.begindatum:
        raise DomainError(
            Foutcode.PERIODE,
            "De gevraagde einddatum ligt voor de begindatum van het budget.",
            field="gevraagde_einddatum",
        )
    _duurzaam_per_jaar(verwijzing, gevraagde_einddatum, "gevraagde_einddatum")
    if toewijzing is not None and gevraagde_einddatum is not None and gevraagde_einddatum > budget.einddatum:
        bewaak_een_budget(toewijzing, gevraagde_einddatum, wat="Deze einddatum aanvragen")  # TW026, TR302
    te_laat = False
    if toewijzing is not None and toewijzing.status == ToewijzingStatus.GESTART:
        te_laat = datum > prognose(toewijzing, op=datum).achtwekenpunt
    aanvraag = Aanpassingsaanvraag.objects.create(
        verwijzing=verwijzing,
        toewijzing=toewijzing,
        reden=reden,
        toelichting=toelichting.strip(),
        besproken_met_toegang=besproken_met_toegang,
        gevraagd_bedrag=bedrag,
        gevraagde_einddatum=gevraagde_einddatum,
        tweede_aanbieder=tweede_aanbieder,
        te_laat=te_laat,
        referentie_aanbieder=referentie_aanbieder,
        ingediend_op=datum,
        ingediend_door=door,
    )
    registreer(aanvraag, Gebeurtenissoort.AANPASSING_INGEDIEND, door=door, reden=str(reden), te_laat=te_laat)
    return aanvraag


def _pas_budget_aan(budget: Keuzebudget, bedrag: Decimal | None, einddatum: date | None) -> None:
    """Change the budget with one atomic UPDATE (STYLE.md §Writing 6), and the allocation's end with
    it; a new amount is booked in the allocation's ledger at once (R-B7), which refuses an amount
    below what is already approved."""
    wijziging = {k: v for k, v in (("bedrag", bedrag), ("einddatum", einddatum)) if v is not None}
    vorige_einddatum = budget.einddatum
    if wijziging:
        Keuzebudget.objects.filter(pk=budget.pk).update(**wijziging)
    if einddatum is not None:
        Toewijzing.objects.filter(keuzebudget=budget).update(einddatum=einddatum)
    if bedrag is not None or einddatum is not None:
        # a new amount or period is a new allocated total for the ledger (R-B7: refused below what is
        # approved, after the release or a withdrawal) and a new end for the declarations (no approved
        # care may lie after it)
        for toewijzing_id in Toewijzing.objects.filter(keuzebudget=budget).values_list("pk", flat=True):
            publiceer(
                BedragGewijzigd(
                    toewijzing_id=toewijzing_id,
                    bedrag=bedrag if bedrag is not None else budget.bedrag,
                    op=vandaag(),
                    einddatum=einddatum,
                    vorige_einddatum=vorige_einddatum if einddatum is not None else None,
                )
            )


def _tweede_budget(aanvraag: Aanpassingsaanvraag, bedrag: Decimal | None, door) -> Verwijzing:
    """R-A4 reason 4 honoured: the second provider gets its own keuzebudget, by toegang decision.
    The first provider is told (issue 15 §4, "OP346" there): its allocation is unchanged, so there
    is no JW301 for it, and a reason-4 request never comes by JW317, so no JW319 either; a
    notification names the decision and the second provider's new referral (ids only)."""
    oud = aanvraag.verwijzing
    assert aanvraag.tweede_aanbieder is not None and aanvraag.besluit_op is not None  # reason 4, decided
    nieuw = registreer_verwijzing(
        jeugdige=oud.jeugdige,
        aanbieder=aanvraag.tweede_aanbieder,
        door=door,
        datum=aanvraag.besluit_op,
        resultaten=[r.omschrijving for r in oud.resultaten.all()],
        budget=BudgetKeuze(
            soort=KeuzebudgetSoort(oud.keuzebudget.soort),
            niveau=None,
            offerte_bedrag=bedrag,
            einddatum=min(oud.keuzebudget.einddatum, aanvraag.besluit_op + relativedelta(months=12, days=-1)),
        ),
        grond_18plus=oud.grond_18plus,
    )
    maak_melding(
        soort=MeldingSoort.AANPASSING_TOEGEKEND,
        jeugdige_id=oud.jeugdige_id,
        aan_aanbieder_id=oud.aanbieder_id,
        onderwerp=f"Aanpassing {aanvraag.pk} (reden 4) toegekend: {aanvraag.tweede_aanbieder.naam} krijgt een eigen "
        f"keuzebudget (verwijzing {nieuw.pk}); uw toewijzing blijft ongewijzigd",
        doel=MeldingDoel.VERWIJZING,
        doel_id=oud.pk,
    )
    return nieuw


def _reden_1_afgewezen(aanvraag: Aanpassingsaanvraag, door) -> None:
    """R-A5: the toegang refuses reason 1 ("keuzebudget onjuist"), so the provider does not accept
    and another provider is sought. This is the toegang's decision, not the provider's refusal at
    screening: no Screening row (the refusal indicators and contract signals count those), the
    R-S3 follow-up hangs on the adjustment, and the initial referrer is notified."""
    verwijzing = Verwijzing.objects.select_for_update().get(pk=aanvraag.verwijzing_id)
    controleer_overgang(verwijzing, VERWIJZING_OVERGANGEN, VerwijzingStatus.NIET_GEACCEPTEERD)
    verwijzing.status = VerwijzingStatus.NIET_GEACCEPTEERD
    verwijzing.save(update_fields=["status"])
    Weigeringsopvolging.objects.create(aanpassing=aanvraag, gemeente_id=verwijzing.gemeente_id)
    meld_verwijzer(
        verwijzing,
        f"Verwijzing {verwijzing.pk} niet geaccepteerd: de toegang wees aanpassing {aanvraag.pk} (keuzebudget "
        "onjuist) af",
        soort=MeldingSoort.NIET_GEACCEPTEERD,
    )
    registreer(verwijzing, Gebeurtenissoort.VERWIJZING_NIET_GEACCEPTEERD, door=door, aanpassing_id=aanvraag.pk)


@transaction.atomic
def besluit_aanpassing(
    *,
    aanvraag: Aanpassingsaanvraag,
    besluit: AanpassingStatus,
    motivering: str,
    door,
    toegekend_bedrag: Decimal | str | None = None,
    toegekende_einddatum: date | None = None,
) -> Aanpassingsaanvraag:
    """The toegang of the young person's municipality decides, with motivation (R-A2, R-A5), on
    the server's date of today (R-B9). Two users deciding at once: the row lock lets exactly one
    through."""
    aanvraag = (
        Aanpassingsaanvraag.objects.select_for_update(of=("self",))
        .select_related("verwijzing__keuzebudget")
        .get(pk=aanvraag.pk)
    )
    vereis_toegang_van(aanvraag.verwijzing.gemeente_id, door)
    besluit = AanpassingStatus(besluit)
    controleer_overgang(aanvraag, AANPASSING_OVERGANGEN, besluit)
    if not motivering.strip():
        raise DomainError(Foutcode.MOTIVERING, "Motiveer het besluit.", field="motivering")
    bedrag, einddatum = aanvraag.gevraagd_bedrag, aanvraag.gevraagde_einddatum
    if besluit == AanpassingStatus.DEELS_TOEGEKEND:
        bedrag = euro(toegekend_bedrag) if toegekend_bedrag not in (None, "") else None
        einddatum = toegekende_einddatum
        if bedrag is None and einddatum is None:
            raise DomainError(
                Foutcode.MOTIVERING,
                "Geef bij deels toekennen het toegekende bedrag of de einddatum op.",
                field="toegekend_bedrag",
            )
        if einddatum is not None and einddatum < aanvraag.verwijzing.keuzebudget.begindatum:
            raise DomainError(
                Foutcode.MOTIVERING,
                f"De toegekende einddatum ligt voor de begindatum van het budget "
                f"({aanvraag.verwijzing.keuzebudget.begindatum:%d-%m-%Y}).",
                field="toegekende_einddatum",
            )
        vorige = aanvraag.verwijzing.keuzebudget.einddatum
        if einddatum is not None and einddatum < min(vorige, vandaag()):
            # R-B7 with R-D3: a shorter period reaching back before today would cut off care the
            # provider may already have given (and, after a move, pass it to another municipality)
            raise DomainError(
                Foutcode.PERIODE,
                f"De toegekende einddatum ({einddatum:%d-%m-%Y}) ligt in het verleden: de aanbieder kan na die "
                "datum al zorg hebben gegeven. Kies vandaag of een latere datum.",
                field="toegekende_einddatum",
            )
    verwijzing = aanvraag.verwijzing
    if besluit != AanpassingStatus.AFGEWEZEN and aanvraag.reden != AanpassingReden.MEERDERE_AANBIEDERS:
        _duurzaam_per_jaar(verwijzing, einddatum, "toegekende_einddatum")
    aanvraag.status = besluit
    aanvraag.motivering = motivering.strip()
    aanvraag.besluit_op = vandaag()
    aanvraag.besluit_door = door
    if besluit == AanpassingStatus.AFGEWEZEN:
        bedrag = einddatum = None
        if aanvraag.reden == AanpassingReden.KEUZEBUDGET_ONJUIST:
            _reden_1_afgewezen(aanvraag, door)
    elif aanvraag.reden == AanpassingReden.MEERDERE_AANBIEDERS:
        _tweede_budget(aanvraag, bedrag, door)
    else:
        if einddatum is not None and einddatum > verwijzing.keuzebudget.einddatum:
            for toewijzing in Toewijzing.objects.filter(keuzebudget=verwijzing.keuzebudget):
                bewaak_een_budget(toewijzing, einddatum, wat="Deze einddatum toekennen")  # TW026, TR302
        _pas_budget_aan(verwijzing.keuzebudget, bedrag, einddatum)
    aanvraag.toegekend_bedrag = bedrag
    aanvraag.toegekende_einddatum = einddatum
    aanvraag.save()
    registreer(aanvraag, Gebeurtenissoort.AANPASSING_BESLOTEN, door=door, besluit=str(besluit))
    return aanvraag
