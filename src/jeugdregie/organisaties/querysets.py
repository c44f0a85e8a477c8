"""Read scope of the organisations (R-P1) with several regions in one installation (issue 22
§5): a logged-in user reads the organisations of its own region only; a user whose organisation
has no region (a superuser made on the command line) reads them all, as before."""

from __future__ import annotations

from django.db.models import Q

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.common.querysets import IngelogdQuerySet


class RegioQuerySet(IngelogdQuerySet):
    #: the path from the model to its region's id
    regio_pad = "regio_id"

    def van_regio_q(self, regio_id: int) -> Q:
        return Q(**{self.regio_pad: regio_id})

    def van_regio(self, regio_id: int):
        return self.filter(self.van_regio_q(regio_id))

    def voor_gebruiker(self, user):
        eigen = super().voor_gebruiker(user)
        regio_id = regio_id_van(user) if getattr(user, "is_authenticated", False) else None
        return eigen if regio_id is None else eigen.van_regio(regio_id)


class RegioZelfQuerySet(RegioQuerySet):
    regio_pad = "pk"


class AanbiederQuerySet(RegioQuerySet):
    def van_regio_q(self, regio_id: int) -> Q:
        """A provider of the region, or one holding a contract of it (R-R3)."""
        contract = self.model._meta.get_field("contracten").related_model  # Contract, without a circular import
        return Q(regio_id=regio_id) | Q(pk__in=contract.objects.filter(regio_id=regio_id).values("aanbieder_id"))


class WachttijdQuerySet(RegioQuerySet):
    regio_pad = "aanbieder__regio_id"
