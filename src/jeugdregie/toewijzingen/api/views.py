"""REST API of the allocation route: thin adapters over the services, scoped like the UI."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.catalogus.models import Product
from jeugdregie.common.scoping import ApiActieMixin, ApiMixin
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.toewijzingen import services
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing, Verwijzing
from jeugdregie.toewijzingen.services.keuzebudget import BudgetKeuze

from ..policies import mag_route_inzien
from . import serializers as s
from .views_vervolg import ToewijzingVervolgMixin, VerwijzingVervolgMixin, vervolgzorg_van


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


class VerwijzingViewSet(VerwijzingVervolgMixin, RouteBasis):
    """Referrals with results and keuzebudget (R-T1). POST registers one; the chosen provider screens."""

    queryset = Verwijzing.objects.select_related("keuzebudget", "gemeente", "aanbieder").prefetch_related("resultaten")
    serializer_class = s.VerwijzingSerializer
    filterset_fields = ["status", "aanbieder__agb_code"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # R-P4: the list is the overview; a party's own registration is not in it until a
            # municipal decision relates it to the child (``VerwijzingQuerySet.in_overzicht``).
            return queryset.in_overzicht(self.request.user)
        return queryset

    @extend_schema(request=s.NieuweVerwijzingSerializer, responses={201: s.VerwijzingSerializer})
    def create(self, request):
        invoer = s.NieuweVerwijzingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        jeugdige = get_object_or_404(Jeugdige.objects.voor_gebruiker(request.user), pk=d["jeugdige"])
        verwijzing = services.registreer_verwijzing(
            jeugdige=jeugdige,
            aanbieder=get_object_or_404(Aanbieder, agb_code=d["aanbieder"]),
            verwijzer=get_object_or_404(Verwijzer, agb_code=d["verwijzer"]) if d.get("verwijzer") else None,
            keuze_door_verwijzer=d["keuze_door_verwijzer"],
            resultaten=d["resultaten"],
            datum=d["datum"],
            budget=BudgetKeuze(
                soort=d["soort"],
                niveau=d.get("niveau"),
                offerte_bedrag=d.get("offerte_bedrag"),
                einddatum=d.get("einddatum"),
            ),
            product_indicatie=get_object_or_404(Product, code=d["product_indicatie"])
            if d.get("product_indicatie")
            else None,
            grond_18plus=d.get("grond_18plus", ""),
            is_verlenging=d["is_verlenging"],
            motivering_afwijking=d["motivering_afwijking"],
            door=request.user,
            context=self.toegangscontext,
        )
        return Response(s.VerwijzingSerializer(verwijzing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ScreeningSerializer, responses={200: s.VerwijzingSerializer})
    @action(detail=True, methods=["post"])
    def screening(self, request, pk=None):
        invoer = s.ScreeningSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        verwijzing = self.get_object()
        services.screen_verwijzing(verwijzing=verwijzing, door=request.user, **invoer.validated_data)
        verwijzing.refresh_from_db()
        return Response(s.VerwijzingSerializer(verwijzing).data)

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
