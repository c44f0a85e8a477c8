"""Withdrawing an allocation before care has started (lifecycle toegewezen → ingetrokken): the
toegang's decision, for instance when the young person moves or chooses another provider before
the start. The outbox sends it once more as deleted (JW301 with Einddatum = Ingangsdatum and
RedenWijziging 13, iJw CS335) and no longer as current (OP087); the commitment is withdrawn
in the ledger in the same transaction (budgetten, R-B7).

One path removes an allocation whose care has started: a move dated before its first day
(``beeindigen.beeindig_bij_verhuizing``, R-D3): the old municipality was never responsible, so
the allocation is removed (JZ002 13, "ten onrechte verstuurd") once nothing approved on it
stands (iJw TR385/OP362, guarded by the declarations' ``bij_intrekking``); the provider then
declares that care to the new municipality."""

from __future__ import annotations

from django.db import transaction

from jeugdregie.common.domein import publiceer
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen.besluiten import Ingetrokken
from jeugdregie.toewijzingen.constants import TOEWIJZING_OVERGANGEN, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.verwijzingen.constants import Gebeurtenissoort, MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.meldingen import maak_melding


@transaction.atomic
def trek_toewijzing_in(*, toewijzing: Toewijzing, door, na_start_bij_verhuizing: bool = False) -> Toewijzing:
    """Only the toegang of the allocation's municipality (R-A2), only before the start of care
    (a started allocation ends by a stop, R-H3); the row lock makes a concurrent start or second
    withdrawal wait and then fail on the lifecycle."""
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    vereis_toegang_van(toewijzing.gemeente_id, door)
    if not (na_start_bij_verhuizing and toewijzing.status == ToewijzingStatus.GESTART):
        controleer_overgang(toewijzing, TOEWIJZING_OVERGANGEN, ToewijzingStatus.INGETROKKEN)
    toewijzing.status = ToewijzingStatus.INGETROKKEN
    toewijzing.save(update_fields=["status"])
    maak_melding(
        soort=MeldingSoort.TOEWIJZING_INGETROKKEN,
        jeugdige_id=toewijzing.jeugdige_id,
        aan_aanbieder_id=toewijzing.aanbieder_id,
        onderwerp=f"Toewijzing {toewijzing.pk} is ingetrokken door de gemeente",
        doel=MeldingDoel.VERWIJZING,
        doel_id=toewijzing.verwijzing_id,
    )
    publiceer(Ingetrokken(toewijzing_id=toewijzing.pk, op=vandaag()))
    registreer(toewijzing, Gebeurtenissoort.TOEWIJZING_INGETROKKEN, door=door)
    return toewijzing
