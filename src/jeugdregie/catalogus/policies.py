"""Named access policies of the product catalog (R-P4)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import heeft_rol, regio_id_van


def mag_tarieven_beheren(gebruiker) -> bool:
    """R-P4: only the functioneel beheerder maintains the catalog's tariff periods."""
    return heeft_rol(gebruiker, Rol.BEHEERDER)


def mag_regiocatalogus_beheren(gebruiker, regio_id: int) -> bool:
    """R-R1 with R-P4: the functioneel beheerder of a region sets that region's own tariffs and
    keuzebudgets, no other region's."""
    return mag_tarieven_beheren(gebruiker) and regio_id_van(gebruiker) == regio_id
