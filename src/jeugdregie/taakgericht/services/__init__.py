"""Write-side of the task-based assignments (R-R2): keyword-only, the acting user as ``door``, one
transaction each with the rows it changes locked, an event row and an audit row per change; a
broken rule raises ``DomainError`` with a Dutch message and changes nothing."""

from .betaalschema import betaal_termijn, stel_betaalschema_op, termijnbedragen
from .opdracht import leg_opdracht_vast, stel_opdrachtbedrag_vast
from .zorg import meld_start, meld_stop, trek_start_in, trek_stop_in, verwijs_naar_opdracht

__all__ = [
    "betaal_termijn",
    "leg_opdracht_vast",
    "meld_start",
    "meld_stop",
    "stel_betaalschema_op",
    "stel_opdrachtbedrag_vast",
    "termijnbedragen",
    "trek_start_in",
    "trek_stop_in",
    "verwijs_naar_opdracht",
]
