"""Who listens to which domain event, in one place (common/domein.py dispatches).

Every subscriber here runs inside the publishing service's transaction."""

from jeugdregie.budgetten.services import grootboek
from jeugdregie.declaraties.services import bewaking
from jeugdregie.toewijzingen import besluiten

IN_TRANSACTIE = {
    besluiten.Toegewezen: [grootboek.bij_toewijzing],
    # the declarations first: no approved care after a shortened end (OP257), then the ledger.
    besluiten.BedragGewijzigd: [bewaking.bij_bedragwijziging, grootboek.bij_bedragwijziging],
    besluiten.Ingetrokken: [bewaking.bij_intrekking, grootboek.bij_intrekking],
}
