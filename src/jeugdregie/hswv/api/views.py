"""HSWV inzet (SPEC §4.5): thin adapters over the services, scoped like the UI."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen.api.views import RouteBasis
from jeugdregie.toewijzingen.api.views_vervolg import validated_input

from ..models import HswvInzet
from ..policies import mag_hswv_inzien
from ..services import rond_hswv_af, zet_hswv_in
from . import serializers as sc


class HswvViewSet(RouteBasis):
    """HSWV inzet (R-X1): the toegang of the municipality, the collective and the calling GI see it."""

    beleid = mag_hswv_inzien
    queryset = HswvInzet.objects.select_related("gemeente", "collectief", "verwijzer")
    serializer_class = sc.HswvSerializer
    filterset_fields = ["status"]

    @extend_schema(request=sc.NieuweHswvSerializer, responses={201: sc.HswvSerializer})
    def create(self, request):
        """The toegang or a GI calls on the HSWV collective for a very complex request (R-X1)."""
        d = validated_input(sc.NieuweHswvSerializer, request)
        inzet = zet_hswv_in(
            jeugdige=get_object_or_404(Jeugdige.objects.voor_gebruiker(request.user), pk=d.pop("jeugdige")),
            collectief=get_object_or_404(Aanbieder, agb_code=d.pop("collectief")),
            door=request.user,
            context=self.toegangscontext,
            **d,
        )
        return Response(sc.HswvSerializer(inzet).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sc.HswvAfrondenSerializer, responses={200: sc.HswvSerializer})
    @action(detail=True, methods=["post"])
    def afronden(self, request, pk=None):
        """The toegang or the collective ends the inzet (R-X1)."""
        d = validated_input(sc.HswvAfrondenSerializer, request)
        inzet = rond_hswv_af(inzet=self.get_object(), door=request.user, **d)
        return Response(sc.HswvSerializer(inzet).data)
