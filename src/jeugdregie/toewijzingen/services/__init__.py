"""Write-side of the allocation (the referral's is ``verwijzingen.services``): the only place its
state changes (STYLE.md §Writing 1)."""

from jeugdregie.toewijzingen.services.aanpassen import besluit_aanpassing, dien_aanpassing_in
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
from jeugdregie.toewijzingen.services.screenen import screen_verwijzing, sluit_opvolging
from jeugdregie.toewijzingen.services.verlengen import verleng_duurzaam
from jeugdregie.toewijzingen.services.zorg import start_zorg, stop_zorg

__all__ = [
    "besluit_aanpassing",
    "dien_aanpassing_in",
    "screen_verwijzing",
    "sluit_opvolging",
    "start_zorg",
    "stop_zorg",
    "trek_toewijzing_in",
    "verleng_duurzaam",
]
