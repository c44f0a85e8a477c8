"""Crisis reports and retroactive crisisopvolging requests (SPEC §4.4): thin adapters over the
services, scoped like the UI."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.catalogus.services import product_met_code
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.api.views import RouteBasis
from jeugdregie.toewijzingen.api.views_vervolg import validated_input

from ..models import Crisismelding, Crisisopvolgingsverzoek
from ..policies import mag_crisismeldingen_inzien, mag_crisisverzoeken_inzien
from ..services import (
    beoordeel_crisis,
    besluit_crisisopvolging,
    registreer_crisismelding,
    vraag_crisisopvolging_aan,
)
from . import serializers as sc


class CrisismeldingViewSet(RouteBasis):
    """Reports to the crisisdienst (R-C1, R-C3, R-C4): the toegang sees those for its municipality,
    the crisisdienst its own."""

    beleid = mag_crisismeldingen_inzien
    queryset = Crisismelding.objects.select_related("gemeente", "crisisdienst")
    serializer_class = sc.CrisismeldingSerializer
    filterset_fields = ["bron", "uitkomst", "afhandeling", "huiselijk_geweld"]

    @extend_schema(request=sc.NieuweCrisismeldingSerializer, responses={201: sc.CrisismeldingSerializer})
    def create(self, request):
        """The crisisdienst registers a report; no allocation is needed for the crisis function (R-C1)."""
        d = validated_input(sc.NieuweCrisismeldingSerializer, request)
        crisisdienst = get_object_or_404(Aanbieder, agb_code=d["crisisdienst"])
        melding = registreer_crisismelding(
            crisisdienst=crisisdienst,
            gemeente=get_object_or_404(Gemeente, cbs_code=d["gemeente"]),
            bron=d["bron"],
            gemeld_op=d["gemeld_op"],
            bsn=d["bsn"],
            huiselijk_geweld=d["huiselijk_geweld"],
            buiten_kantoortijd=d["buiten_kantoortijd"],
            door=request.user,
            context=self.toegangscontext,
        )
        return Response(
            sc.CrisismeldingSerializer(melding, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=sc.BeoordelingSerializer, responses={200: sc.CrisismeldingSerializer})
    @action(detail=True, methods=["post"])
    def beoordeling(self, request, pk=None):
        """The crisisdienst assesses within 4 hours and decides the next step (R-C3, R-C4)."""
        d = validated_input(sc.BeoordelingSerializer, request)
        melding = beoordeel_crisis(melding=self.get_object(), door=request.user, **d)
        return Response(sc.CrisismeldingSerializer(melding, context=self.get_serializer_context()).data)

    @extend_schema(request=sc.NieuwCrisisverzoekSerializer, responses={201: sc.CrisisverzoekSerializer})
    @action(detail=True, methods=["post"])
    def crisisopvolging(self, request, pk=None):
        """The provider requests the crisisopvolging allocation retroactively (R-C2)."""
        d = validated_input(sc.NieuwCrisisverzoekSerializer, request)
        verzoek = vraag_crisisopvolging_aan(
            melding=self.get_object(),
            aanbieder=get_object_or_404(Aanbieder, agb_code=d.pop("aanbieder")),
            product=product_met_code(d.pop("product")),
            door=request.user,
            **d,
        )
        return Response(
            sc.CrisisverzoekSerializer(verzoek, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class CrisisverzoekViewSet(RouteBasis):
    """Requests for a retroactive crisisopvolging allocation; the toegang decides (R-C2)."""

    beleid = mag_crisisverzoeken_inzien
    queryset = Crisisopvolgingsverzoek.objects.select_related("gemeente", "aanbieder", "product")
    serializer_class = sc.CrisisverzoekSerializer
    filterset_fields = ["status", "te_laat"]

    @extend_schema(request=sc.CrisisbesluitSerializer, responses={200: sc.CrisisverzoekSerializer})
    @action(detail=True, methods=["post"])
    def besluit(self, request, pk=None):
        """Allocate from the start of the crisisopvolging, or refuse with a motivation (R-C2)."""
        d = validated_input(sc.CrisisbesluitSerializer, request)
        verzoek = besluit_crisisopvolging(verzoek=self.get_object(), door=request.user, **d)
        return Response(sc.CrisisverzoekSerializer(verzoek, context=self.get_serializer_context()).data)
