from rest_framework import mixins, serializers, viewsets

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.scoping import ApiMixin


class AuditRegelSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditRegel
        exclude = ["id", "ketenhash"]


class AuditRegelViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit log, for the functioneel beheerder only; this read is logged as well (R-P2)."""

    queryset = AuditRegel.objects.all()
    serializer_class = AuditRegelSerializer
    rollen = (Rol.BEHEERDER,)
    persoonsgegevens = True
    filterset_fields = ["gebruikersnaam", "client_id", "actie", "uitkomst"]
