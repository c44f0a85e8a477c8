"""What the declarations stage guards when an allocation's decision changes (R-B7, R-B8):
subscribed in ``jeugdregie/abonnementen.py`` and run inside the deciding transaction."""

from __future__ import annotations

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd

from ..constants import DebetCredit, Foutcode, RegelStatus
from ..models import Declaratieregel


def bij_bedragwijziging(besluit: BedragGewijzigd) -> None:
    """A shortened allocation (OP257) keeps no approved, uncredited debit after its new end:
    otherwise the same nights could be paid again on the allocation that follows. The provider
    credits those lines first; until then the change is refused and nothing changes."""
    if besluit.einddatum is None:
        return
    na_einde = Declaratieregel.objects.filter(
        toewijzing_id=besluit.toewijzing_id,
        status=RegelStatus.GOEDGEKEURD,
        debet_credit=DebetCredit.DEBET,
        creditregel__isnull=True,
        einddatum__gt=besluit.einddatum,
    ).order_by("begindatum")
    eerste = na_einde.first()
    if eerste is not None:
        raise DomainError(
            Foutcode.GEDECLAREERD_NA_EINDE,
            f"Er is al zorg na {besluit.einddatum:%d-%m-%Y} goedgekeurd op deze toewijzing (regel {eerste.referentie}, "
            f"{eerste.begindatum:%d-%m-%Y} t/m {eerste.einddatum:%d-%m-%Y}). Laat de aanbieder die regels eerst "
            "crediteren, of kies een latere ingangsdatum.",
            field="ingangsdatum",
        )
