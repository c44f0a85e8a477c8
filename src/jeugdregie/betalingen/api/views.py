"""REST API of the payment batches: thin adapters over the services, scoped like the pages."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.common.scoping import ApiMixin

from .. import services
from ..models import Betaalbatch, Betaalpost
from ..policies import mag_betaalbatch_actie, mag_betaalbatches_inzien, mag_betaalposten_inzien
from . import serializers as s


def _bestand(inhoud: bytes, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


class BetaalbatchViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Payment batches: one per municipality per (ended) month in which the declarations were
    submitted; the batch takes those declarations and has one post per provider (Σ debit −
    Σ credit of their approved lines). Finance prepares (POST), a second finance user approves or
    rejects; an approved batch is downloaded as CSV or SEPA pain.001.001.03. Regional roles read
    the batches of their region."""

    queryset = Betaalbatch.objects.select_related("gemeente", "voorbereid_door", "beoordeeld_door").prefetch_related(
        "posten__aanbieder"
    )
    serializer_class = s.BetaalbatchSerializer
    filterset_fields = {"jaar": ["exact"], "maand": ["exact"], "status": ["exact"], "gemeente__cbs_code": ["exact"]}

    beleid = mag_betaalbatches_inzien

    def toegestaan(self, gebruiker) -> bool:
        """R-P4: the endpoint's policy, and an action that changes or pays out a batch has its
        own (finance only)."""
        return super().toegestaan(gebruiker) and mag_betaalbatch_actie(gebruiker, self.action)

    def _antwoord(self, batch: Betaalbatch, code: int = status.HTTP_200_OK) -> Response:
        return Response(s.BetaalbatchSerializer(self.get_queryset().get(pk=batch.pk)).data, status=code)

    @extend_schema(request=s.NieuweBatchSerializer, responses={201: s.BetaalbatchSerializer})
    def create(self, request):
        invoer = s.NieuweBatchSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        batch = services.maak_batch(gemeente=request.user.gemeente, door=request.user, **invoer.validated_data)
        return self._antwoord(batch, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.BetaalbatchSerializer})
    @action(detail=True, methods=["post"])
    def goedkeuren(self, request, pk=None):
        return self._antwoord(services.keur_goed(batch=self.get_object(), door=request.user))

    @extend_schema(request=s.AfwijzenSerializer, responses={200: s.BetaalbatchSerializer})
    @action(detail=True, methods=["post"])
    def afwijzen(self, request, pk=None):
        invoer = s.AfwijzenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        batch = services.wijs_af(batch=self.get_object(), door=request.user, **invoer.validated_data)
        return self._antwoord(batch)

    @extend_schema(responses={200: s.AansluitingSerializer})
    @action(detail=True, methods=["get"])
    def aansluiting(self, request, pk=None):
        return Response(s.AansluitingSerializer(services.reconciliatie(self.get_object())).data)

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def csv(self, request, pk=None):
        batch = self.get_object()
        inhoud = services.csv_bestand(batch, door=request.user)
        return _bestand(inhoud, "text/csv; charset=utf-8", f"{batch.referentie}.csv")

    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.STR})
    @action(detail=True, methods=["get"])
    def sepa(self, request, pk=None):
        batch = self.get_object()
        return _bestand(services.sepa_bestand(batch, door=request.user), "application/xml", f"{batch.referentie}.xml")


class BetaalpostViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Payment posts with their batch: a provider sees only its own, finance those of its
    municipality, the regional roles those of their region."""

    beleid = mag_betaalposten_inzien
    queryset = Betaalpost.objects.select_related("batch__gemeente", "aanbieder").order_by(
        "-batch__jaar", "-batch__maand", "id"
    )
    serializer_class = s.MijnBetaalpostSerializer
    filterset_fields = {
        "batch": ["exact"],
        "batch__jaar": ["exact"],
        "batch__maand": ["exact"],
        "batch__status": ["exact"],
    }
