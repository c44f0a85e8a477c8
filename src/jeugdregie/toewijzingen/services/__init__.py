"""Write-side of the allocation route: the only place its state changes (STYLE.md §Writing 1)."""

from .aanpassen import besluit_aanpassing, dien_aanpassing_in
from .intrekken import trek_toewijzing_in
from .screenen import screen_verwijzing, sluit_opvolging
from .verwijzen import registreer_verwijzing
from .zorg import start_zorg, stop_zorg

__all__ = [
    "besluit_aanpassing",
    "dien_aanpassing_in",
    "registreer_verwijzing",
    "screen_verwijzing",
    "sluit_opvolging",
    "start_zorg",
    "stop_zorg",
    "trek_toewijzing_in",
]
