"""Verantwoording API: the crisis split (R-B4), the production statement with its
reconciliation and submission (R-V1, R-V2), and the lines behind one cell (personal data)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from jeugdregie.catalogus.models import Product
from jeugdregie.common.scoping import ApiMixin
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.taakgericht.monitoring import TaakgerichteTotalen

from ..models import Crisisbekostiging, Productieverantwoording
from ..policies import (
    mag_crisisverdeling_inzien,
    mag_productie_inzien,
    mag_productieregels_inzien,
    ziet_alle_gemeenten,
    ziet_volledig_bsn_in_regels,
)
from ..querysets import (
    aanbieders_voor,
    declaratieregels_voor,
    gemeenten_voor,
    regio_van,
    taakgerichte_productie_voor,
)
from ..services.crisisverdeling import verdeel_crisiskosten
from ..services.indienen import dien_verantwoording_in, wijziging_sinds_indiening
from ..services.onthulling import onderdruk_productie, onderdrukken_voor
from ..services.productie import productieverantwoording, regels_achter
from ..services.reconciliatie import reconcilieer
from . import serializers as s


def _vraag(serializer_class, data) -> dict:
    vraag = serializer_class(data=data)
    vraag.is_valid(raise_exception=True)
    return dict(vraag.validated_data)


class EenObjectSchema(AutoSchema):
    """For the report endpoints whose GET on the collection URL answers one object (a report for
    the query parameters), not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class CrisisverdelingViewSet(ApiMixin, viewsets.GenericViewSet):
    # R-B4 crisis split per municipality per month (?jaar=, optional ?maand=); regional roles see
    # every municipality of their region, finance and toegang their own. No personal data.
    beleid = mag_crisisverdeling_inzien
    queryset = Crisisbekostiging.objects.all()
    serializer_class = s.CrisisverdelingSerializer
    filter_backends = []
    pagination_class = None
    schema = EenObjectSchema()

    @extend_schema(parameters=[s.CrisisVraagSerializer], responses={200: s.CrisisverdelingSerializer})
    def list(self, request, *args, **kwargs):
        """The crisis split of a year (or one month): availability by key, interventions by profijt."""
        d = _vraag(s.CrisisVraagSerializer, request.query_params)
        verdeling = verdeel_crisiskosten(
            regio=regio_van(request.user),
            jaar=d["jaar"],
            maand=d.get("maand"),
            gemeenten=gemeenten_voor(request.user).values_list("pk", flat=True),
        )
        data = {
            "bekostiging": verdeling.bekostiging,
            "componenten": verdeling.per_component(),
            "regels": verdeling.regels,
            "per_gemeente": verdeling.per_gemeente(),
            "totaal": verdeling.totaal(),
        }
        return Response(s.CrisisverdelingSerializer(data).data)


class ProductieverantwoordingViewSet(ApiMixin, viewsets.GenericViewSet):
    # R-V1 statement of a provider's year (?aanbieder=<AGB>&jaar=), aggregates only; POST submits
    # it (R-V2, the provider itself). A provider sees only its own (another's is a 404).
    beleid = mag_productie_inzien
    queryset = Productieverantwoording.objects.all()
    serializer_class = s.ProductieverantwoordingSerializer
    filter_backends = []
    pagination_class = None
    schema = EenObjectSchema()

    @extend_schema(parameters=[s.ProductieVraagSerializer], responses={200: s.ProductieverantwoordingSerializer})
    def list(self, request, *args, **kwargs):
        """The statement per municipality and product, its reconciliation and its submission."""
        d = _vraag(s.ProductieVraagSerializer, request.query_params)
        user = request.user
        aanbieder = get_object_or_404(aanbieders_voor(user), agb_code=d["aanbieder"])
        regels = declaratieregels_voor(user)
        cijfers = productieverantwoording(aanbieder=aanbieder, jaar=d["jaar"], regels=regels)
        if onderdrukken_voor(user):  # issue 14 §7: aggregates-only roles see no small rows
            cijfers = onderdruk_productie(cijfers, regels=regels)
        wijziging = wijziging_sinds_indiening(aanbieder=aanbieder, jaar=d["jaar"])
        volledig = ziet_alle_gemeenten(user)
        data = {
            "cijfers": cijfers,
            "alleen_gemeente": None if volledig else user.gemeente.cbs_code,
            "reconciliatie": reconcilieer(aanbieder, d["jaar"], regels=regels, cijfers=cijfers),
            "indiening": wijziging.ingediend if wijziging and volledig else None,
            # whole-provider totals: a municipality's user learns nothing of the others' (issue 14 §7)
            "gewijzigd_sinds_indiening": wijziging.gewijzigd if wijziging and volledig else None,
        }
        # R-R2: the statement per funding variant
        taakgericht = taakgerichte_productie_voor(user, aanbieder=aanbieder, jaar=d["jaar"])
        totaal = TaakgerichteTotalen.van(taakgericht)
        data.update(
            taakgericht=taakgericht,
            taakgericht_totaal=totaal,
            betaald_samen=None if cijfers.totaal_verborgen else cijfers.totalen.betaald + totaal.betaald,
        )
        return Response(s.ProductieverantwoordingSerializer(data).data)

    @extend_schema(request=s.IndienenSerializer, responses={201: s.IndieningSerializer})
    def create(self, request, *args, **kwargs):
        """R-V2: the provider submits its statement for a past year, once."""
        d = _vraag(s.IndienenSerializer, request.data)
        aanbieder = get_object_or_404(aanbieders_voor(request.user), agb_code=d["aanbieder"])
        verantwoording = dien_verantwoording_in(aanbieder=aanbieder, jaar=d["jaar"], door=request.user)
        return Response(s.IndieningSerializer(verantwoording).data, status=status.HTTP_201_CREATED)


class ProductieregelViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    # R-V1 traceability: the lines behind one cell (?aanbieder=<AGB>&jaar=&gemeente=<CBS>&product=<code>).
    # Personal data: only roles that work with it; reads are audit-logged.
    beleid = mag_productieregels_inzien
    persoonsgegevens = True
    model = Declaratieregel  # for the audit row of a refusal, before the query parameters are read
    queryset = Declaratieregel.objects.all()
    serializer_class = s.ProductieregelSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Declaratieregel.objects.none()
        d = _vraag(s.ProductieregelVraagSerializer, self.request.query_params)
        aanbieder = get_object_or_404(aanbieders_voor(self.request.user), agb_code=d["aanbieder"])
        gemeente = get_object_or_404(Gemeente, cbs_code=d["gemeente"])
        product = get_object_or_404(Product, code=d["product"]) if d.get("product") else None
        return regels_achter(
            aanbieder=aanbieder,
            jaar=d["jaar"],
            gemeente_id=gemeente.pk,
            product_id=product.pk if product else None,
            regels=declaratieregels_voor(self.request.user),
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "toon_volledig_bsn": ziet_volledig_bsn_in_regels(self.request.user)}

    @extend_schema(parameters=[s.ProductieregelVraagSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
