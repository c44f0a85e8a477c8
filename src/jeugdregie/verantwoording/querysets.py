"""Read-side scope of the verantwoording pages and endpoints (R-P1), in one place.

* contractmanager, beleid, bestuurder, beheerder — crisis split (R-B4): every municipality of
  their region; production statement (R-V1): every provider, the lines of their region's
  municipalities, aggregates only (no drill-down to lines).
* financieel, toegang — crisis split: their own municipality; statement: every provider, the
  lines of their own municipality, with drill-down.
* aanbieder — no crisis split; its own statement only, with drill-down.
* verwijzer, gi — neither.
"""

from __future__ import annotations

from django.db import models

from jeugdregie.accounts.constants import Rol
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio

REGIO_ROLLEN = (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER, Rol.BEHEERDER)
GEMEENTE_ROLLEN = (Rol.FINANCIEEL, Rol.TOEGANG)
CRISIS_ROLLEN = REGIO_ROLLEN + GEMEENTE_ROLLEN
PRODUCTIE_ROLLEN = (*REGIO_ROLLEN, *GEMEENTE_ROLLEN, Rol.AANBIEDER)
# The drill-down to lines shows BSN-bearing rows: only roles that work with personal data.
REGEL_ROLLEN = (*GEMEENTE_ROLLEN, Rol.AANBIEDER)


def _rol(user) -> str | None:
    return user.rol if getattr(user, "is_authenticated", False) else None


def regio_van(user) -> Regio | None:
    """The region whose crisis split a user sees."""
    rol = _rol(user)
    if rol in REGIO_ROLLEN:
        return user.regio
    if rol in GEMEENTE_ROLLEN:
        return user.gemeente.regio
    return None


def gemeenten_voor(user):
    """R-B4 report: the municipalities whose rows a user sees."""
    rol = _rol(user)
    if rol in REGIO_ROLLEN:
        return Gemeente.objects.filter(regio_id=user.regio_id)
    if rol in GEMEENTE_ROLLEN:
        return Gemeente.objects.filter(pk=user.gemeente_id)
    return Gemeente.objects.none()


def aanbieders_voor(user):
    """R-V1: whose statement a user may open (a provider only its own: another's is a 404)."""
    rol = _rol(user)
    if rol == Rol.AANBIEDER:
        return Aanbieder.objects.filter(pk=user.aanbieder_id)
    if rol in REGIO_ROLLEN + GEMEENTE_ROLLEN:
        return Aanbieder.objects.all()
    return Aanbieder.objects.none()


def declaratieregels_voor(user):
    """R-V1: the declaration lines behind the statement a user sees."""
    rol = _rol(user)
    regels = Declaratieregel.objects.all()
    if rol == Rol.AANBIEDER:
        return regels.filter(aanbieder_id=user.aanbieder_id)
    if rol in GEMEENTE_ROLLEN:
        return regels.filter(declaratie__gemeente_id=user.gemeente_id)
    if rol in REGIO_ROLLEN:
        return regels.filter(declaratie__gemeente__regio_id=user.regio_id)
    return regels.none()


def ziet_alle_gemeenten(user) -> bool:
    """True when the user's statement is the provider's whole statement (not one municipality's rows)."""
    return _rol(user) in (*REGIO_ROLLEN, Rol.AANBIEDER)


class CrisisbekostigingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        regio = regio_van(user)
        return self.filter(regio=regio) if regio is not None else self.none()


class ProductieverantwoordingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """A provider its own submissions; municipality and region roles every provider's."""
        rol = _rol(user)
        if rol == Rol.AANBIEDER:
            return self.filter(aanbieder_id=user.aanbieder_id)
        if rol in REGIO_ROLLEN + GEMEENTE_ROLLEN:
            return self.all()
        return self.none()
