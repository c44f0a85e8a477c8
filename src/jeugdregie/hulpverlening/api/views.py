"""The hulpverleningsplan on ``/api/v1/toewijzingen/{id}/`` (R-H2): ``plan`` and ``voortgang``. A
viewset of actions only, registered on the allocations' path before ``ToewijzingViewSet`` and
scoped like it (see ``wonen.api.views``)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.toewijzingen.api.views import ToewijzingActies
from jeugdregie.toewijzingen.api.views_vervolg import een_of_weiger, validated_input

from ..constants import Foutcode
from ..models import Hulpverleningsplan
from ..services import registreer_voortgang, stel_plan_op
from . import serializers as sh


class HulpverleningViewSet(ToewijzingActies):
    @extend_schema(request=sh.NieuwPlanSerializer, responses={200: sh.PlanSerializer})
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        """Draw up or revise the hulpverleningsplan, one approach per result (R-H2)."""
        d = validated_input(sh.NieuwPlanSerializer, request)
        hulpverleningsplan = stel_plan_op(
            toewijzing=self.get_object(),
            aanpak={regel["resultaat"]: regel["aanpak"] for regel in d["aanpak"]},
            opgesteld_op=d["opgesteld_op"],
            met_jeugdige=d["met_jeugdige"],
            door=request.user,
        )
        return Response(sh.PlanSerializer(hulpverleningsplan).data)

    @extend_schema(request=sh.NieuweVoortgangSerializer, responses={201: sh.VoortgangSerializer})
    @action(detail=True, methods=["post"])
    def voortgang(self, request, pk=None):
        """Progress on one result of the plan (R-H2)."""
        d = validated_input(sh.NieuweVoortgangSerializer, request)
        toewijzing = self.get_object()
        hulpverleningsplan = een_of_weiger(
            Hulpverleningsplan.objects.filter(toewijzing=toewijzing),
            Foutcode.PLAN,
            "Stel eerst het hulpverleningsplan op.",
            "toewijzing",
        )
        resultaat = get_object_or_404(toewijzing.verwijzing.resultaten, pk=d.pop("resultaat"))
        voortgang = registreer_voortgang(plan=hulpverleningsplan, resultaat=resultaat, door=request.user, **d)
        return Response(sh.VoortgangSerializer(voortgang).data, status=status.HTTP_201_CREATED)
