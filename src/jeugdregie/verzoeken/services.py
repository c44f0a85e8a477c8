"""A provider's request for allocation (iJw JW315) and the toegang's handling of it: receive,
take under investigation, refuse (WJ759) or honour with a referral (SPEC §4.2).

The events ``verzoek_in_onderzoek`` and ``verzoek_afgewezen`` become JW319 messages, and the
allocation that follows an honoured request carries its ``referentie_aanbieder`` in JW301
(through ``Verwijzing.toewijzingsverzoek``): keep those names and that link."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from jeugdregie.audit.context import Toegangscontext
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.constants import HUISARTSROUTE, VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Verwijzer
from jeugdregie.toewijzingen.constants import AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.toewijzingen.services.herinneringen import herinner, te_herinneren
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, VerwijzingStatus
from jeugdregie.verwijzingen.models import Melding, Verwijzing
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verwijzingen.services.verwijzen import is_huisartsroute, registreer_verwijzing

from .constants import TOEWIJZINGSVERZOEK_OVERGANGEN, RedenAfwijzingVerzoek, ToewijzingsverzoekStatus
from .constants import Foutcode as FoutcodeVerzoek
from .models import Toewijzingsverzoek
from .policies import mag_verzoek_indienen
from .werkvoorraad import termijn_van_verzoek


@dataclass(frozen=True)
class AangevraagdProduct:
    """One AangevraagdProduct of a JW315: a product (or only a category) with a volume or a budget."""

    referentie_aanbieder: str
    ingangsdatum: date
    einddatum: date | None = None
    product: Product | None = None
    productcategorie: str = ""
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: Decimal | None = None
    verwijzer_type: str = ""
    verwijzer_naam: str = ""
    verwijzer_zorgverlenercode: str = ""


def heeft_onderhanden_verzoek(*, jeugdige: Jeugdige, aanbieder: Aanbieder) -> bool:
    """TR374/OP350: an open or under-investigation request (JW315), or an undecided adjustment
    request (JW317), of this provider for this client."""
    return (
        Toewijzingsverzoek.objects.onderhanden().filter(jeugdige=jeugdige, aanbieder=aanbieder).exists()
        or Aanpassingsaanvraag.objects.filter(
            verwijzing__jeugdige=jeugdige, verwijzing__aanbieder=aanbieder, status=AanpassingStatus.INGEDIEND
        ).exists()
    )


def gebruikte_referenties(*, aanbieder: Aanbieder, referenties: Iterable[str]) -> set[str]:
    """TR347/OP361: the references this provider already used on a JW315 or JW317."""
    referenties = set(referenties)
    verzoeken = Toewijzingsverzoek.objects.filter(aanbieder=aanbieder, referentie_aanbieder__in=referenties)
    aanpassingen = Aanpassingsaanvraag.objects.filter(
        verwijzing__aanbieder=aanbieder, referentie_aanbieder__in=referenties
    )
    return set(verzoeken.values_list("referentie_aanbieder", flat=True)) | set(
        aanpassingen.values_list("referentie_aanbieder", flat=True)
    )


def _controleer_producten(aanbieder: Aanbieder, producten: Sequence[AangevraagdProduct]) -> None:
    if not producten:
        raise DomainError(FoutcodeVerzoek.AANVRAAG, "Vraag ten minste één product aan.", field="producten")
    referenties = [p.referentie_aanbieder for p in producten]
    dubbel = {r for r in referenties if referenties.count(r) > 1} | gebruikte_referenties(
        aanbieder=aanbieder, referenties=referenties
    )
    if dubbel:
        raise DomainError(
            FoutcodeVerzoek.REFERENTIE,
            f"ReferentieAanbieder {', '.join(sorted(dubbel))} is al gebruikt. Geef iedere aanvraag een eigen, nieuwe "
            "referentie (TR347).",
            field="referentie_aanbieder",
        )
    for p in producten:
        if p.product is None and p.budget is None:
            raise DomainError(
                FoutcodeVerzoek.AANVRAAG, "Vraag een product of een budget aan (CD079).", field="producten"
            )
        if p.einddatum is not None and p.einddatum < p.ingangsdatum:
            raise DomainError(
                FoutcodeVerzoek.AANVRAAG,
                f"De einddatum {p.einddatum:%d-%m-%Y} ligt voor de ingangsdatum {p.ingangsdatum:%d-%m-%Y} (CS003).",
                field="einddatum",
            )


@transaction.atomic
def ontvang_toewijzingsverzoek(
    *,
    jeugdige: Jeugdige,
    gemeente: Gemeente,
    aanbieder: Aanbieder,
    producten: Sequence[AangevraagdProduct],
    ontvangen_op: datetime,
    door,
) -> list[Toewijzingsverzoek]:
    """Put a provider's request on the toegang's worklist: one row per requested product.
    TR374: refused while an earlier request of this provider for this client is still open; the
    client's row is locked first so two concurrent requests cannot both pass the check."""
    if not mag_verzoek_indienen(door, aanbieder):
        raise DomainError(Foutcode.ROL, "Een aanbieder dient alleen verzoeken voor zichzelf in.", field="door")
    jeugdige = Jeugdige.objects.select_for_update().get(pk=jeugdige.pk)
    if heeft_onderhanden_verzoek(jeugdige=jeugdige, aanbieder=aanbieder):
        raise DomainError(
            FoutcodeVerzoek.ONDERHANDEN,
            "Er is al een verzoek van u voor deze jeugdige in behandeling bij de gemeente. Wacht op het antwoord "
            "(afwijzing of toewijzing) voordat u een nieuw verzoek stuurt (TR374).",
            field="jeugdige",
        )
    _controleer_producten(aanbieder, producten)
    verzoeken = []
    try:
        with transaction.atomic():
            for p in producten:
                verzoeken.append(
                    Toewijzingsverzoek.objects.create(
                        jeugdige=jeugdige,
                        gemeente=gemeente,
                        aanbieder=aanbieder,
                        referentie_aanbieder=p.referentie_aanbieder,
                        product=p.product,
                        productcategorie=p.productcategorie or (p.product.ijw_productcategorie if p.product else ""),
                        ingangsdatum=p.ingangsdatum,
                        einddatum=p.einddatum,
                        volume=p.volume,
                        eenheid=p.eenheid,
                        frequentie=p.frequentie,
                        budget=p.budget,
                        verwijzer_type=p.verwijzer_type,
                        verwijzer_naam=p.verwijzer_naam,
                        verwijzer_zorgverlenercode=p.verwijzer_zorgverlenercode,
                        ontvangen_op=ontvangen_op,
                    )
                )
    except IntegrityError:  # a concurrent request took the same reference first (TR347)
        raise DomainError(
            FoutcodeVerzoek.REFERENTIE,
            "Deze ReferentieAanbieder is zojuist al gebruikt. Geef iedere aanvraag een eigen referentie (TR347).",
            field="referentie_aanbieder",
        ) from None
    for verzoek in verzoeken:
        registreer(
            verzoek,
            Gebeurtenissoort.VERZOEK_ONTVANGEN,
            door=door,
            aanbieder_id=aanbieder.pk,
            gemeente_id=gemeente.pk,
            product_id=verzoek.product_id,
        )
    return verzoeken


def _vergrendel(verzoek: Toewijzingsverzoek, door, naar: ToewijzingsverzoekStatus) -> Toewijzingsverzoek:
    """Lock the row (one of two concurrent decisions wins), then check who and which step."""
    verzoek = Toewijzingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    vereis_toegang_van(verzoek.gemeente_id, door)
    controleer_overgang(verzoek, TOEWIJZINGSVERZOEK_OVERGANGEN, naar)
    return verzoek


@transaction.atomic
def zet_in_onderzoek(*, verzoek: Toewijzingsverzoek, door) -> Toewijzingsverzoek:
    """The toegang investigates the request; the provider hears so by JW319 (VerzoekAntwoord 2)."""
    verzoek = _vergrendel(verzoek, door, ToewijzingsverzoekStatus.IN_ONDERZOEK)
    verzoek.status = ToewijzingsverzoekStatus.IN_ONDERZOEK
    verzoek.save(update_fields=["status"])
    registreer(verzoek, Gebeurtenissoort.VERZOEK_IN_ONDERZOEK, door=door, aanbieder_id=verzoek.aanbieder_id)
    return verzoek


@transaction.atomic
def wijs_verzoek_af(
    *, verzoek: Toewijzingsverzoek, reden: RedenAfwijzingVerzoek | str, toelichting: str, door
) -> Toewijzingsverzoek:
    """A refusal with its WJ759 reason and a motivation; answered by JW319 (VerzoekAntwoord 1)."""
    verzoek = _vergrendel(verzoek, door, ToewijzingsverzoekStatus.AFGEWEZEN)
    if reden not in RedenAfwijzingVerzoek.values:
        raise DomainError(FoutcodeVerzoek.AFWIJZING, "Kies een reden van afwijzing (WJ759).", field="reden")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise DomainError(
            FoutcodeVerzoek.AFWIJZING, "Licht de afwijzing toe: de aanbieder moet weten waarom.", field="toelichting"
        )
    verzoek.status = ToewijzingsverzoekStatus.AFGEWEZEN
    verzoek.reden_afwijzing = RedenAfwijzingVerzoek(reden)
    verzoek.toelichting = toelichting
    verzoek.besluit_op = vandaag()
    verzoek.besluit_door = door
    verzoek.save(update_fields=["status", "reden_afwijzing", "toelichting", "besluit_op", "besluit_door"])
    registreer(
        verzoek, Gebeurtenissoort.VERZOEK_AFGEWEZEN, door=door, aanbieder_id=verzoek.aanbieder_id, reden=str(reden)
    )
    return verzoek


@transaction.atomic
def honoreer_verzoek(*, verzoek: Toewijzingsverzoek, verwijzing: Verwijzing, door) -> Toewijzingsverzoek:
    """Link the referral the toegang registered for this request. The allocation that follows
    its screening answers the request in JW301 with the same ReferentieAanbieder (TR374)."""
    verzoek = _vergrendel(verzoek, door, ToewijzingsverzoekStatus.GEHONOREERD)
    past = (
        verwijzing.jeugdige_id == verzoek.jeugdige_id
        and verwijzing.aanbieder_id == verzoek.aanbieder_id
        and verwijzing.gemeente_id == verzoek.gemeente_id
        and verwijzing.status not in (VerwijzingStatus.NIET_GEACCEPTEERD, VerwijzingStatus.INGETROKKEN)
    )
    if not past:
        raise DomainError(
            FoutcodeVerzoek.VERWIJZING,
            "Kies een lopende verwijzing van uw gemeente voor dezelfde jeugdige en dezelfde aanbieder als het verzoek.",
            field="verwijzing",
        )
    if is_huisartsroute(verzoek.verwijzer_type) and verwijzing.verwijzer_type != verzoek.verwijzer_type:
        raise DomainError(
            FoutcodeVerzoek.VERWIJZING,
            "Dit verzoek draagt de verwijzing van een huisarts, jeugdarts of medisch specialist: honoreer het met een "
            "verwijzing waarin die verwijzer blijft staan (Honoreren), zodat de regels van de huisartsroute gelden"
            ".",
            field="verwijzing",
        )
    if Toewijzingsverzoek.objects.filter(verwijzing=verwijzing).exclude(pk=verzoek.pk).exists():
        raise DomainError(
            FoutcodeVerzoek.VERWIJZING,
            "Deze verwijzing hoort al bij een ander verzoek. Registreer een eigen verwijzing voor dit verzoek.",
            field="verwijzing",
        )
    verzoek.status = ToewijzingsverzoekStatus.GEHONOREERD
    verzoek.verwijzing = verwijzing
    verzoek.besluit_op = vandaag()
    verzoek.besluit_door = door
    verzoek.save(update_fields=["status", "verwijzing", "besluit_op", "besluit_door"])
    registreer(
        verzoek,
        Gebeurtenissoort.VERZOEK_GEHONOREERD,
        door=door,
        aanbieder_id=verzoek.aanbieder_id,
        verwijzing_id=verwijzing.pk,
    )
    return verzoek


@transaction.atomic
def honoreer_met_verwijzing(
    *,
    verzoek: Toewijzingsverzoek,
    resultaten: Sequence[str],
    budget: BudgetKeuze,
    datum: date,
    door,
    grond_18plus: str = "",
    motivering_afwijking: str = "",
    context: Toegangscontext | None = None,
) -> Verwijzing:
    """The page's "Honoreren": register the referral for this client and provider (all rules of
    ``registreer_verwijzing``) and link it, in one transaction: both happen or neither. A request
    carrying a GP's referral keeps the GP as referrer, so R-T6 (at most herstel 4) and R-T8 (no
    second GP route) apply; the toegang goes past them only with ``motivering_afwijking``."""
    verzoek = _vergrendel(verzoek, door, ToewijzingsverzoekStatus.GEHONOREERD)
    # The COD327 code of a GP-route referrer, or of a court or public prosecutor (08, R-T10), stays
    # the referrer of the toegang's referral.
    huisartsroute = (
        verzoek.verwijzer_type
        if is_huisartsroute(verzoek.verwijzer_type) or verzoek.verwijzer_type == VerwijzerType.RECHTER
        else ""
    )
    verwijzer = None
    if huisartsroute and verzoek.verwijzer_zorgverlenercode:
        verwijzer = Verwijzer.objects.filter(
            agb_code=verzoek.verwijzer_zorgverlenercode, type__in=HUISARTSROUTE
        ).first()
    verwijzing = registreer_verwijzing(
        jeugdige=verzoek.jeugdige,
        aanbieder=verzoek.aanbieder,
        resultaten=resultaten,
        budget=budget,
        datum=datum,
        door=door,
        product_indicatie=verzoek.product,
        grond_18plus=grond_18plus,
        verwijzer=verwijzer,
        huisartsroute=huisartsroute,
        keuze_door_verwijzer=False,  # a JW315 carries no GP's choice of level: the cap applies
        motivering_afwijking=motivering_afwijking,
        context=context,
    )
    honoreer_verzoek(verzoek=verzoek, verwijzing=verwijzing, door=door)
    return verwijzing


def herinner_verzoeken_om_toewijzing(*, op: date) -> list[Melding]:
    """Issue 17 §2, OP274: a reminder to the municipality for each JW315 request still waiting
    for an answer whose deadline (the worklist's, ``werkvoorraad.termijn_van_verzoek``) falls by
    the next working day or has passed; once per request and deadline
    (``toewijzingen.services.herinneringen``). The new notifications."""
    verzoeken = Toewijzingsverzoek.objects.onderhanden().select_related("aanbieder").order_by("ontvangen_op", "id")
    termijnen = te_herinneren((termijn_van_verzoek(v, op=op) for v in verzoeken), op=op)
    nieuw = [herinner(t, gemeente_id=t.verzoek.gemeente_id, jeugdige_id=t.verzoek.jeugdige_id) for t in termijnen]
    return [m for m in nieuw if m is not None]
