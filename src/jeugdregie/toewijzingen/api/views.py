"""REST API of the allocation route: thin adapters over the services, scoped like the UI."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.common.scoping import ApiActieMixin, ApiMixin
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen import services
from jeugdregie.toewijzingen.api import serializers as s
from jeugdregie.toewijzingen.api.views_vervolg import ToewijzingVervolgMixin, VerwijzingVervolgMixin, vervolgzorg_van
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.api.serializers import VerwijzingSerializer
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import mag_route_inzien


class RouteBasis(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    beleid = mag_route_inzien  # R-P1: finance reads declarations, not the client route
    persoonsgegevens = True

    def jeugdige_van(self, obj):
        return obj.jeugdige if hasattr(obj, "jeugdige") else obj.verwijzing.jeugdige


class ToewijzingActies(ApiActieMixin, viewsets.GenericViewSet):
    # Base of the action-only viewsets that later apps register on ``/toewijzingen/`` before
    # ``ToewijzingViewSet`` (Wonen, plan): the allocation found with the route's scoping, no list
    # or detail of their own. (A comment: DRF would publish a docstring as the description.)
    beleid = mag_route_inzien  # R-P1, as the route's allocations
    persoonsgegevens = True
    queryset = Toewijzing.objects.select_related("keuzebudget", "gemeente", "aanbieder", "verwijzing")
    serializer_class = s.ToewijzingSerializer

    def jeugdige_van(self, obj):
        return obj.jeugdige


class VerwijzingActies(VerwijzingVervolgMixin, ApiActieMixin, viewsets.GenericViewSet):
    """Referrals with results and keuzebudget (R-T1). POST registers one; the chosen provider screens."""

    # The actions on a referral that lead to the allocation, on ``/verwijzingen/`` next to
    # ``verwijzingen.api.views.VerwijzingViewSet`` (list, detail, registration); the docstring is
    # that viewset's, as DRF publishes it as the description of the actions without their own.
    beleid = mag_route_inzien  # R-P1, as the referrals
    persoonsgegevens = True
    queryset = Verwijzing.objects.select_related("keuzebudget", "gemeente", "aanbieder").prefetch_related("resultaten")
    serializer_class = VerwijzingSerializer

    def jeugdige_van(self, obj):
        return obj.jeugdige

    @extend_schema(request=s.ScreeningSerializer, responses={200: VerwijzingSerializer})
    @action(detail=True, methods=["post"])
    def screening(self, request, pk=None):
        invoer = s.ScreeningSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        verwijzing = self.get_object()
        services.screen_verwijzing(verwijzing=verwijzing, door=request.user, **invoer.validated_data)
        verwijzing.refresh_from_db()
        return Response(VerwijzingSerializer(verwijzing).data)

    @extend_schema(request=s.StartSerializer, responses={200: s.ToewijzingSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        invoer = s.StartSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        toewijzing = services.start_zorg(verwijzing=self.get_object(), door=request.user, **invoer.validated_data)
        return Response(s.ToewijzingSerializer(toewijzing).data)

    @extend_schema(request=s.NieuweAanpassingSerializer, responses={201: s.AanpassingSerializer})
    @action(detail=True, methods=["post"])
    def aanpassing(self, request, pk=None):
        invoer = s.NieuweAanpassingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        tweede = d.pop("tweede_aanbieder", "")
        aanvraag = services.dien_aanpassing_in(
            verwijzing=self.get_object(),
            door=request.user,
            tweede_aanbieder=get_object_or_404(Aanbieder, agb_code=tweede) if tweede else None,
            **d,
        )
        return Response(s.AanpassingSerializer(aanvraag).data, status=status.HTTP_201_CREATED)


class ToewijzingViewSet(ToewijzingVervolgMixin, RouteBasis):
    """Allocations with start and stop of care (iJw 305/307), Wonen/Verblijf and the follow-up actions."""

    queryset = Toewijzing.objects.select_related("keuzebudget", "gemeente", "aanbieder", "verwijzing")
    serializer_class = s.ToewijzingSerializer
    filterset_fields = ["status", "soort"]

    @extend_schema(request=s.StopSerializer, responses={200: s.ToewijzingSerializer})
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        invoer = s.StopSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = dict(invoer.validated_data)
        toewijzing = self.get_object()
        vervolgzorg = vervolgzorg_van(toewijzing, d.pop("vervolgzorg"))
        toewijzing = services.stop_zorg(toewijzing=toewijzing, vervolgzorg=vervolgzorg, door=request.user, **d)
        return Response(s.ToewijzingSerializer(toewijzing).data)


class AanpassingViewSet(RouteBasis):
    """Adjustment requests (SPEC §6); the toegang of the municipality decides."""

    queryset = Aanpassingsaanvraag.objects.select_related("verwijzing__jeugdige")
    serializer_class = s.AanpassingSerializer
    filterset_fields = ["status", "reden", "te_laat"]

    @extend_schema(request=s.BesluitSerializer, responses={200: s.AanpassingSerializer})
    @action(detail=True, methods=["post"])
    def besluit(self, request, pk=None):
        invoer = s.BesluitSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanvraag = services.besluit_aanpassing(aanvraag=self.get_object(), door=request.user, **invoer.validated_data)
        return Response(s.AanpassingSerializer(aanvraag).data)
