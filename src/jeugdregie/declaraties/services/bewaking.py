"""What the declarations stage guards when an allocation's decision changes (R-B7, R-B8):
subscribed in ``jeugdregie/abonnementen.py`` and run inside the deciding transaction."""

from __future__ import annotations

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd, Ingetrokken
from jeugdregie.toewijzingen.services.beeindigen import Goedgekeurd, GoedgekeurdNaEindevraag

from ..constants import DebetCredit, Foutcode, RegelStatus
from ..models import Declaratieregel


def _goedgekeurd_na(toewijzing_id: int, einde):
    """The approved, uncredited debit lines of an allocation for care after ``einde``."""
    return Declaratieregel.objects.filter(
        toewijzing_id=toewijzing_id,
        status=RegelStatus.GOEDGEKEURD,
        debet_credit=DebetCredit.DEBET,
        creditregel__isnull=True,
        einddatum__gt=einde,
    ).order_by("begindatum", "referentie")


def beantwoord_goedgekeurd_na_einde(vraag: GoedgekeurdNaEindevraag) -> list[Goedgekeurd]:
    """R-D3 with R-B7, answering ``GoedgekeurdNaEindevraag``: what the provider must credit before
    a move can end the allocation (the same lines that make ``bij_bedragwijziging`` refuse)."""
    return [
        Goedgekeurd(referentie, begin, einde)
        for referentie, begin, einde in _goedgekeurd_na(vraag.toewijzing_id, vraag.na).values_list(
            "referentie", "begindatum", "einddatum"
        )
    ]


def bij_bedragwijziging(besluit: BedragGewijzigd) -> None:
    """A shortened allocation (OP257) keeps no approved, uncredited debit after its new end:
    otherwise the same nights could be paid again on the allocation that follows. The provider
    credits those lines first; until then the change is refused and nothing changes."""
    if besluit.einddatum is None:
        return
    eerste = _goedgekeurd_na(besluit.toewijzing_id, besluit.einddatum).first()
    if eerste is not None:
        raise DomainError(
            Foutcode.GEDECLAREERD_NA_EINDE,
            f"Er is al zorg na {besluit.einddatum:%d-%m-%Y} goedgekeurd op deze toewijzing (regel {eerste.referentie}, "
            f"{eerste.begindatum:%d-%m-%Y} t/m {eerste.einddatum:%d-%m-%Y}). Laat de aanbieder die regels eerst "
            "crediteren, of kies een latere datum.",
            field="einddatum",
        )


def bij_intrekking(besluit: Ingetrokken) -> None:
    """iJw OP362: an allocation is withdrawn only when that loses no legality of care declared on
    it. Start and stop never block payment (OP364), so care can be approved before the start;
    while such a debit stands, the withdrawal is refused and nothing changes."""
    eerste = (
        Declaratieregel.objects.filter(
            toewijzing_id=besluit.toewijzing_id,
            status=RegelStatus.GOEDGEKEURD,
            debet_credit=DebetCredit.DEBET,
            creditregel__isnull=True,
        )
        .order_by("begindatum")
        .first()
    )
    if eerste is not None:
        raise DomainError(
            Foutcode.GEDECLAREERD_OP_TOEWIJZING,
            f"Op deze toewijzing is al zorg goedgekeurd (regel {eerste.referentie}, {eerste.begindatum:%d-%m-%Y} "
            f"t/m {eerste.einddatum:%d-%m-%Y}). Intrekken kan pas als de aanbieder die regels heeft gecrediteerd "
            "(iJw OP362); beëindig de toewijzing anders met een stop.",
            field="toewijzing",
        )
