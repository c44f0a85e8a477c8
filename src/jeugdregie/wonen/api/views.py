"""Wonen/Verblijf on ``/api/v1/toewijzingen/`` (R-W1…R-W8): the zorgtoewijzing, another intensity,
matching (R-W5) and the verblijfsbed (R-W6). Thin adapters over the services.

A viewset of actions only (no list or detail of its own), registered on the allocations' path
before ``ToewijzingViewSet``: the allocation is found with the route's scoping (``RouteBasis``
without its list and detail)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.catalogus.services import product_met_code
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.toewijzingen.api import serializers as s
from jeugdregie.toewijzingen.api.views import ToewijzingActies
from jeugdregie.toewijzingen.api.views_vervolg import een_of_weiger, validated_input

from ..constants import Foutcode
from ..services.plaatsing import registreer_plaatsing, rond_matching_af, start_matching, vraag_bed_aan
from ..services.toewijzen import wijs_wonen_toe, wijzig_intensiteit
from . import serializers as sw


class WonenViewSet(ToewijzingActies):
    @extend_schema(request=sw.NieuweWonenSerializer, responses={201: s.ToewijzingSerializer})
    @action(detail=False, methods=["post"])
    def wonen(self, request):
        """Zorgtoewijzing Wonen/Verblijf by the toegang (R-W1…R-W3, R-W7)."""
        d = validated_input(sw.NieuweWonenSerializer, request)
        jeugdige = get_object_or_404(Jeugdige.objects.voor_gebruiker(request.user), pk=d.pop("jeugdige"))
        gi = d.pop("gi", "")
        toewijzing = wijs_wonen_toe(
            jeugdige=jeugdige,
            aanbieder=get_object_or_404(Aanbieder, agb_code=d.pop("aanbieder")),
            product=product_met_code(d.pop("product")),
            gi=get_object_or_404(Verwijzer, agb_code=gi) if gi else None,
            door=request.user,
            context=self.toegangscontext,
            **d,
        )
        return Response(s.ToewijzingSerializer(toewijzing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sw.IntensiteitSerializer, responses={201: s.ToewijzingSerializer})
    @action(detail=True, methods=["post"])
    def intensiteit(self, request, pk=None):
        """Another Wonen/Verblijf intensity from a date, with the referrer's consent (R-W8): this
        allocation ends the day before, a new one holds the new intensity (OP257). Returns the new one."""
        d = validated_input(sw.IntensiteitSerializer, request)
        nieuw = wijzig_intensiteit(
            toewijzing=self.get_object(),
            product=product_met_code(d.pop("product")),
            door=request.user,
            context=self.toegangscontext,
            **d,
        )
        return Response(s.ToewijzingSerializer(nieuw).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sw.MatchingStartSerializer, responses={201: sw.MatchingSerializer})
    @action(detail=True, methods=["post"])
    def matching(self, request, pk=None):
        """The provider starts matching (R-W5)."""
        d = validated_input(sw.MatchingStartSerializer, request)
        matching = start_matching(toewijzing=self.get_object(), door=request.user, **d)
        return Response(sw.MatchingSerializer(matching).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sw.MatchingAfrondenSerializer, responses={200: sw.MatchingSerializer})
    @action(detail=True, methods=["post"], url_path="matching/afronden", url_name="matching-afronden")
    def matching_afronden(self, request, pk=None):
        """The provider ends the open matching with the placement found (R-W5)."""
        d = validated_input(sw.MatchingAfrondenSerializer, request)
        open_matching = een_of_weiger(
            self.get_object().matchings.filter(einddatum__isnull=True),
            Foutcode.MATCHING,
            "Er loopt geen matching voor deze zorgtoewijzing: start eerst een matching.",
            "toewijzing",
        )
        matching = rond_matching_af(matching=open_matching, door=request.user, **d)
        return Response(sw.MatchingSerializer(matching).data)

    @extend_schema(request=sw.BedAanvraagSerializer, responses={201: sw.VerblijfsverzoekSerializer})
    @action(detail=True, methods=["post"])
    def bed(self, request, pk=None):
        """The toegang requests a verblijfsbed; the 24-hour norm starts (R-W6)."""
        d = validated_input(sw.BedAanvraagSerializer, request)
        verzoek = vraag_bed_aan(toewijzing=self.get_object(), door=request.user, **d)
        return Response(sw.VerblijfsverzoekSerializer(verzoek).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=sw.PlaatsingSerializer, responses={200: sw.VerblijfsverzoekSerializer})
    @action(detail=True, methods=["post"], url_path="bed/plaatsing", url_name="bed-plaatsing")
    def bed_plaatsing(self, request, pk=None):
        """The provider records the placement on the open bed request (R-W6)."""
        d = validated_input(sw.PlaatsingSerializer, request)
        verzoek = een_of_weiger(
            self.get_object().verblijfsverzoeken.filter(geplaatst_op__isnull=True),
            Foutcode.VERBLIJFSBED,
            "Er staat geen open verzoek voor een bed bij deze zorgtoewijzing.",
            "toewijzing",
        )
        verzoek = registreer_plaatsing(verzoek=verzoek, door=request.user, **d)
        return Response(sw.VerblijfsverzoekSerializer(verzoek).data)
