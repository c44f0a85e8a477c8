from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from jeugdregie.accounts.constants import ROLLEN_MET_PERSOONSGEGEVENS, Rol
from jeugdregie.common.scoping import ApiMixin
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_jeugdige
from jeugdregie.jeugdigen.zoeken import zoek
from jeugdregie.organisaties.models import Gemeente

from .serializers import JeugdigeSerializer, NieuweJeugdigeSerializer


class JeugdigeViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Young people within the caller's scope (R-P1). Every read is audit-logged (R-P2)."""

    queryset = Jeugdige.objects.prefetch_related("woonplaatsen__gemeente")
    serializer_class = JeugdigeSerializer
    rollen = tuple(ROLLEN_MET_PERSOONSGEGEVENS)
    persoonsgegevens = True

    def get_queryset(self):
        return zoek(super().get_queryset(), self.request.query_params.get("q", ""))

    @extend_schema(request=NieuweJeugdigeSerializer, responses={201: JeugdigeSerializer})
    def create(self, request):
        if request.user.rol != Rol.TOEGANG:
            raise PermissionDenied("Alleen de toegang registreert jeugdigen.")
        invoer = NieuweJeugdigeSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        gemeente = get_object_or_404(Gemeente, cbs_code=data.pop("gemeente"))
        jeugdige = registreer_jeugdige(**data, gemeente=gemeente, door=request.user, request=request)
        return Response(JeugdigeSerializer(jeugdige).data, status=status.HTTP_201_CREATED)
