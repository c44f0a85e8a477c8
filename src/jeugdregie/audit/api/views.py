from rest_framework import mixins, serializers, viewsets

from jeugdregie.audit.models import AuditRegel
from jeugdregie.audit.policies import mag_auditlog_lezen
from jeugdregie.common.scoping import ApiMixin


class AuditRegelSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditRegel
        exclude = ["id", "ketenhash"]


class AuditRegelViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit log, for the functioneel beheerder only; this read is logged as well (R-P2)."""

    queryset = AuditRegel.objects.all()
    serializer_class = AuditRegelSerializer
    beleid = mag_auditlog_lezen
    persoonsgegevens = True
    filterset_fields = ["gebruikersnaam", "client_id", "actie", "uitkomst"]
