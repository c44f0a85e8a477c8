"""Write-side of the referral: the only place its state changes (STYLE.md §Writing 1)."""

from jeugdregie.verwijzingen.services.aanmelden import honoreer_aanmelding, meld_aan, wijs_aanmelding_af
from jeugdregie.verwijzingen.services.verwijzen import registreer_verwijzing

__all__ = ["honoreer_aanmelding", "meld_aan", "registreer_verwijzing", "wijs_aanmelding_af"]
