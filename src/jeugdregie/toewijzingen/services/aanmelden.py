"""A provider's or GI's submission on the referral form (R-P4): recorded as an ``Aanmelding``
whether or not the BSN is known; a referral follows only for a known child whose rules pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.services import log
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import nu
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Verwijzer

from ..constants import AanmeldingStatus
from ..models import Aanmelding, Verwijzing
from .gebeurtenissen import registreer
from .keuzebudget import BudgetKeuze
from .verwijzen import controleer_ingediende_verwijzing, registreer_verwijzing


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
    request=None,
) -> Aanmeldingsuitkomst:
    """R-P4: record what a provider or GI submitted, then look the BSN up. Rules on the submission
    itself raise before anything is written (the form shows them for any BSN). A known child gets
    the referral ``registreer_verwijzing`` makes (its rules may still refuse: then the submission
    stays for the toegang of the child's municipality); an unknown BSN writes nothing but the
    submission, which the toegang of the registrant's region finds in its work queue."""
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
    aanmelding = Aanmelding.objects.create(
        door=door,
        indiener_aanbieder_id=door.aanbieder_id,
        indiener_verwijzer_id=door.verwijzer_id,
        regio_id=regio_id_van(door),
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
    log(actie=Actie.AANMAKEN, objecttype=Aanmelding._meta.label, object_id=aanmelding.pk, door=door, request=request)
    verwijzing = None
    jeugdige = Jeugdige.objects.voor_aanmelding(door, bsn).first()
    if jeugdige is None:
        _niet_verwerkt(aanmelding, AanmeldingStatus.ONBEKEND_BSN, "onbekend BSN", door=door, request=request)
    else:
        try:
            with transaction.atomic():
                verwijzing = registreer_verwijzing(
                    jeugdige=jeugdige,
                    **invoer,
                    grond_18plus=grond_18plus,
                    is_verlenging=is_verlenging,
                    request=request,
                )
        except DomainError as fout:
            woonplaats = jeugdige.woonplaats_op(datum)
            aanmelding.gemeente_id = woonplaats.gemeente_id if woonplaats else None
            aanmelding.reden = str(fout.code)
            _niet_verwerkt(aanmelding, AanmeldingStatus.NIET_VERWERKT, fout.code, door=door, request=request)
        else:
            aanmelding.verwijzing = verwijzing
            aanmelding.status = AanmeldingStatus.VERWERKT
            aanmelding.save(update_fields=["verwijzing", "status"])
    registreer(
        aanmelding,
        "aanmelding_ontvangen",
        door=door,
        status=str(aanmelding.status),
        verwijzing_id=verwijzing.pk if verwijzing else None,
    )
    return Aanmeldingsuitkomst(aanmelding=aanmelding, verwijzing=verwijzing)


def _niet_verwerkt(aanmelding: Aanmelding, status: AanmeldingStatus, reden: str, *, door, request) -> None:
    """The audit log keeps that the submission led to no referral (R-P2), without the BSN."""
    aanmelding.status = status
    aanmelding.save(update_fields=["status", "gemeente", "reden"])
    log(
        actie=Actie.AANMAKEN,
        objecttype=Verwijzing._meta.label,
        door=door,
        request=request,
        uitkomst=Uitkomst.MISLUKT,
        details=f"aanmelding {aanmelding.pk} niet verwerkt: {reden}",
    )
