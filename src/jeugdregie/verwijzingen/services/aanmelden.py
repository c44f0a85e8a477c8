"""A provider's, GI's or GP's submission on the referral form (R-P4): recorded as an
``Aanmelding`` whether or not the BSN is known. A GI's or GP's submission for a known child whose
rules pass becomes its referral at once; a provider's never does: the toegang honours it (a
referral by the toegang, a municipal decision) or refuses it, as it does a JW315 request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.verwijzingen.constants import (
    AANMELDING_OVERGANGEN,
    AanmeldingStatus,
    Foutcode,
    FoutcodeAanmelding,
    Gebeurtenissoort,
)
from jeugdregie.verwijzingen.models import Aanmelding, Verwijzing
from jeugdregie.verwijzingen.policies import aanmelding_via_toegang, mag_aanmelding_afhandelen
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, bepaal_budget
from jeugdregie.verwijzingen.services.verwijzen import controleer_ingediende_verwijzing, registreer_verwijzing


@dataclass(frozen=True)
class Aanmeldingsuitkomst:
    """What the service decided. Callers answering the registrant must not branch on it (R-P4):
    it is for the toegang's side and for tests."""

    aanmelding: Aanmelding
    verwijzing: Verwijzing | None


def _gegevens(
    *,
    aanbieder: Aanbieder,
    resultaten: Sequence[str],
    budget: BudgetKeuze,
    datum: date,
    verwijzer: Verwijzer | None,
    keuze_door_verwijzer: bool,
    product_indicatie: Product | None,
    grond_18plus: str,
    is_verlenging: bool,
) -> dict:
    """The form as submitted: ids plus the names shown back; nothing read from the client register."""
    return {
        "aanbieder_id": aanbieder.pk,
        "aanbieder": aanbieder.naam,
        "verwijzer_id": verwijzer.pk if verwijzer else None,
        "verwijzer": verwijzer.naam if verwijzer else "",
        "resultaten": [r.strip() for r in resultaten if r and r.strip()],
        "soort": str(budget.soort),
        "niveau": budget.niveau,
        "offerte_bedrag": str(budget.offerte_bedrag) if budget.offerte_bedrag is not None else None,
        "einddatum": budget.einddatum.isoformat() if budget.einddatum else None,
        "datum": datum.isoformat(),
        "keuze_door_verwijzer": keuze_door_verwijzer,
        "product_indicatie": product_indicatie.code if product_indicatie else "",
        "grond_18plus": grond_18plus,
        "is_verlenging": is_verlenging,
    }


@transaction.atomic
def meld_aan(
    *,
    bsn: str,
    aanbieder: Aanbieder,
    resultaten: Sequence[str],
    budget: BudgetKeuze,
    datum: date,
    door,
    verwijzer: Verwijzer | None = None,
    keuze_door_verwijzer: bool = True,
    product_indicatie: Product | None = None,
    grond_18plus: str = "",
    is_verlenging: bool = False,
    context: Toegangscontext | None = None,
) -> Aanmeldingsuitkomst:
    """R-P4: record what a provider, GI or GP submitted, then look the BSN up. Rules on the
    submission itself raise before anything is written (the form shows them for any BSN). An
    unknown BSN writes nothing but the submission, which the toegang of the registrant's region
    finds in its work queue. A provider's submission for a known child waits, open, in the queue
    of the child's municipality (``honoreer_aanmelding``, ``wijs_aanmelding_af``): it writes no
    more than for an unknown BSN. A GI's or GP's gets the referral ``registreer_verwijzing``
    makes (its rules may still refuse: then the submission stays for the toegang of the child's
    municipality)."""
    invoer = {
        "aanbieder": aanbieder,
        "resultaten": resultaten,
        "budget": budget,
        "datum": datum,
        "door": door,
        "verwijzer": verwijzer,
        "keuze_door_verwijzer": keuze_door_verwijzer,
        "product_indicatie": product_indicatie,
    }
    controleer_ingediende_verwijzing(**invoer)
    if door.verwijzer_id:
        verwijzer = verwijzer or door.verwijzer
    regio_id = regio_id_van(door)
    assert regio_id is not None  # providers, GIs and GPs belong to an organisation in a region
    aanmelding = Aanmelding.objects.create(
        door=door,
        indiener_aanbieder_id=door.aanbieder_id,
        indiener_verwijzer_id=door.verwijzer_id,
        regio_id=regio_id,
        ingediend_op=nu(),
        bsn=bsn,
        gegevens=_gegevens(
            aanbieder=aanbieder,
            resultaten=resultaten,
            budget=budget,
            datum=datum,
            verwijzer=verwijzer,
            keuze_door_verwijzer=keuze_door_verwijzer,
            product_indicatie=product_indicatie,
            grond_18plus=grond_18plus,
            is_verlenging=is_verlenging,
        ),
    )
    log(actie=Actie.AANMAKEN, objecttype=Aanmelding._meta.label, object_id=aanmelding.pk, door=door, context=context)
    verwijzing = None
    jeugdige = Jeugdige.objects.voor_aanmelding(door, bsn).first()
    if jeugdige is None:
        _niet_verwerkt(aanmelding, AanmeldingStatus.ONBEKEND_BSN, "onbekend BSN", door=door, context=context)
    elif aanmelding_via_toegang(
        door, kind_in_eigen_bereik=Jeugdige.objects.voor_gebruiker(door).filter(pk=jeugdige.pk).exists()
    ):
        # R-D3: the responsible municipality on the referral date, else today
        aanmelding.gemeente_id = (
            verantwoordelijke_gemeente(jeugdige, datum).gemeente_id
            or verantwoordelijke_gemeente(jeugdige, vandaag()).gemeente_id
        )
        aanmelding.save(update_fields=["gemeente"])
    else:
        try:
            with transaction.atomic():
                verwijzing = registreer_verwijzing(
                    jeugdige=jeugdige,
                    **invoer,
                    grond_18plus=grond_18plus,
                    is_verlenging=is_verlenging,
                    context=context,
                )
        except DomainError as fout:
            aanmelding.gemeente_id = verantwoordelijke_gemeente(jeugdige, datum).gemeente_id  # R-D3
            aanmelding.reden = str(fout.code)
            _niet_verwerkt(aanmelding, AanmeldingStatus.NIET_VERWERKT, fout.code, door=door, context=context)
        else:
            aanmelding.verwijzing = verwijzing
            aanmelding.status = AanmeldingStatus.VERWERKT
            aanmelding.save(update_fields=["verwijzing", "status"])
    registreer(
        aanmelding,
        Gebeurtenissoort.AANMELDING_ONTVANGEN,
        door=door,
        status=str(aanmelding.status),
        verwijzing_id=verwijzing.pk if verwijzing else None,
    )
    return Aanmeldingsuitkomst(aanmelding=aanmelding, verwijzing=verwijzing)


def _niet_verwerkt(
    aanmelding: Aanmelding, status: AanmeldingStatus, reden: str, *, door, context: Toegangscontext | None
) -> None:
    """The audit log keeps that the submission led to no referral (R-P2), without the BSN."""
    aanmelding.status = status
    aanmelding.save(update_fields=["status", "gemeente", "reden"])
    log(
        actie=Actie.AANMAKEN,
        objecttype=Verwijzing._meta.label,
        door=door,
        context=context,
        uitkomst=Uitkomst.MISLUKT,
        details=f"aanmelding {aanmelding.pk} niet verwerkt: {reden}",
    )


def _open_bij(aanmelding: Aanmelding, door, naar: AanmeldingStatus) -> Aanmelding:
    """Lock the row (one of two concurrent decisions wins), then check who and which step."""
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if not mag_aanmelding_afhandelen(door, aanmelding):
        raise DomainError(
            Foutcode.ROL, "Deze aanmelding ligt niet bij uw toegang: u kunt er niet over beslissen.", field="door"
        )
    if aanmelding.besloten:
        raise DomainError(
            FoutcodeAanmelding.BESLOTEN, "Over deze aanmelding is al beslist: dat besluit staat vast.", field="status"
        )
    controleer_overgang(aanmelding, AANMELDING_OVERGANGEN, naar)
    return aanmelding


def _budget(gegevens: dict) -> BudgetKeuze:
    return BudgetKeuze(
        soort=KeuzebudgetSoort(gegevens["soort"]),
        niveau=gegevens.get("niveau"),
        offerte_bedrag=Decimal(gegevens["offerte_bedrag"]) if gegevens.get("offerte_bedrag") else None,
        einddatum=date.fromisoformat(gegevens["einddatum"]) if gegevens.get("einddatum") else None,
    )


def _controleer_niet_verlopen(gegevens: dict, regio_id: int) -> None:
    """R-P4: a submission whose budget period has already run out (it waited longer than the
    period) would become a referral that has ended before anyone can act on it, and would still
    give the provider sight on the child for the window after it. The toegang refuses it instead,
    with the reason that a new referral is needed."""
    datum = date.fromisoformat(gegevens["datum"])
    _, einddatum = bepaal_budget(_budget(gegevens), begindatum=datum, regio_id=regio_id)
    if einddatum < vandaag():
        raise DomainError(
            FoutcodeAanmelding.VERLOPEN,
            f"Deze verwijzing is van {datum:%d-%m-%Y}; het keuzebudget zou lopen tot {einddatum:%d-%m-%Y} "
            "en die periode is voorbij. Wijs de aanmelding af met als reden dat een nieuwe verwijzing "
            "nodig is.",
            field="datum",
        )


@transaction.atomic
def honoreer_aanmelding(
    *, aanmelding: Aanmelding, door, motivering_afwijking: str = "", context: Toegangscontext | None = None
) -> Verwijzing:
    """R-P4 "Honoreren": the toegang registers the referral from what was submitted, through
    ``registreer_verwijzing`` with itself as ``door``: a municipal decision, so the named provider
    gets sight by the relation rules and screens it. The GP route is kept (the GP as referrer, the
    GP's choice of level as submitted): R-T6 and R-T8 apply to the toegang, which goes past them
    only with ``motivering_afwijking``. An unknown BSN asks the toegang to register the child
    first. On any refusal nothing is written and the submission stays open."""
    aanmelding = _open_bij(aanmelding, door, AanmeldingStatus.VERWERKT)
    jeugdige = Jeugdige.objects.voor_aanmelding(door, aanmelding.bsn).first()
    if jeugdige is None:
        raise DomainError(
            FoutcodeAanmelding.ONBEKEND_BSN,
            "Geen jeugdige met dit BSN in uw bereik. Registreer de jeugdige eerst.",
            field="bsn",
        )
    g = aanmelding.gegevens
    _controleer_niet_verlopen(g, aanmelding.regio_id)
    verwijzer = Verwijzer.objects.filter(pk=g["verwijzer_id"]).first() if g.get("verwijzer_id") else None
    product = Product.objects.filter(code=g["product_indicatie"]).first() if g.get("product_indicatie") else None
    verwijzing = registreer_verwijzing(
        jeugdige=jeugdige,
        aanbieder=Aanbieder.objects.get(pk=g["aanbieder_id"]),
        resultaten=g["resultaten"],
        budget=_budget(g),
        datum=date.fromisoformat(g["datum"]),
        door=door,
        verwijzer=verwijzer,
        keuze_door_verwijzer=g.get("keuze_door_verwijzer", True),
        product_indicatie=product,
        grond_18plus=g.get("grond_18plus", ""),
        is_verlenging=g.get("is_verlenging", False),
        motivering_afwijking=motivering_afwijking,
        context=context,
    )
    aanmelding.verwijzing = verwijzing
    aanmelding.gemeente_id = verwijzing.gemeente_id
    aanmelding.status = AanmeldingStatus.VERWERKT
    aanmelding.besluit_op = nu()
    aanmelding.besluit_door = door
    aanmelding.save(update_fields=["verwijzing", "gemeente", "status", "besluit_op", "besluit_door"])
    registreer(aanmelding, Gebeurtenissoort.AANMELDING_GEHONOREERD, door=door, verwijzing_id=verwijzing.pk)
    log(actie=Actie.WIJZIGEN, objecttype=Aanmelding._meta.label, object_id=aanmelding.pk, door=door, context=context)
    return verwijzing


@transaction.atomic
def wijs_aanmelding_af(
    *, aanmelding: Aanmelding, reden: str, door, context: Toegangscontext | None = None
) -> Aanmelding:
    """R-P4 "Afwijzen": the toegang refuses the submission with a reason the registrant sees.
    Nothing but the submission changes."""
    aanmelding = _open_bij(aanmelding, door, AanmeldingStatus.NIET_VERWERKT)
    reden = (reden or "").strip()
    if not reden:
        raise DomainError(
            FoutcodeAanmelding.AFWIJZING,
            "Geef de reden van afwijzing: de indiener ziet die en moet weten wat nu.",
            field="reden",
        )
    aanmelding.status = AanmeldingStatus.NIET_VERWERKT
    aanmelding.toelichting = reden
    aanmelding.besluit_op = nu()
    aanmelding.besluit_door = door
    aanmelding.save(update_fields=["status", "toelichting", "besluit_op", "besluit_door"])
    registreer(aanmelding, Gebeurtenissoort.AANMELDING_AFGEWEZEN, door=door)
    log(actie=Actie.WIJZIGEN, objecttype=Aanmelding._meta.label, object_id=aanmelding.pk, door=door, context=context)
    return aanmelding
