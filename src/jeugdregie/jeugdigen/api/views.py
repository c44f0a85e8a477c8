from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from jeugdregie.common.scoping import ApiMixin
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import mag_contact_wijzigen_rol, mag_jeugdige_registreren, mag_register_inzien
from jeugdregie.jeugdigen.services import registreer_jeugdige
from jeugdregie.jeugdigen.services_contact import wijzig_contactgegevens
from jeugdregie.jeugdigen.zoeken import zoek
from jeugdregie.organisaties.models import Gemeente

from .serializers import (
    ContactgegevensSerializer,
    JeugdigeSerializer,
    JeugdigeZoekvraagSerializer,
    NieuweJeugdigeSerializer,
)

BSN_NIET_IN_URL = "Zoek op BSN met POST /api/v1/jeugdigen/zoeken/: een BSN hoort niet in een URL."


class JeugdigeViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Young people within the caller's scope (R-P1). Every read is audit-logged (R-P2)."""

    queryset = Jeugdige.objects.prefetch_related("woonplaatsen__gemeente", "adressen", "telefoonnummers")
    serializer_class = JeugdigeSerializer
    beleid = mag_register_inzien  # R-P1: finance reads declarations, not the client register
    persoonsgegevens = True

    def get_queryset(self):
        if self.action == "zoeken":
            return super().get_queryset()
        term = self.request.query_params.get("q", "")
        if any(teken.isdigit() for teken in term):
            raise ValidationError({"q": [BSN_NIET_IN_URL]})
        return zoek(super().get_queryset(), term)

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="(Deel van) de naam; zoek op BSN met POST zoeken/")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=JeugdigeZoekvraagSerializer, responses={200: JeugdigeSerializer(many=True)})
    @action(detail=False, methods=["post"])
    def zoeken(self, request):
        """Search by BSN or name with the term in the body (R-P8); paged like the list."""
        vraag = JeugdigeZoekvraagSerializer(data=request.data)
        vraag.is_valid(raise_exception=True)
        queryset = zoek(self.filter_queryset(self.get_queryset()), vraag.validated_data["q"])
        pagina = self.paginate_queryset(queryset)
        response = self.get_paginated_response(self.get_serializer(pagina, many=True).data)
        self.log_zoeken(aantal=response.data.get("count", 0))
        return response

    @extend_schema(request=NieuweJeugdigeSerializer, responses={201: JeugdigeSerializer})
    def create(self, request):
        if not mag_jeugdige_registreren(request.user):
            raise PermissionDenied("Alleen de toegang registreert jeugdigen.")
        invoer = NieuweJeugdigeSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        gemeente = get_object_or_404(Gemeente, cbs_code=data.pop("gemeente"))
        jeugdige = registreer_jeugdige(**data, gemeente=gemeente, door=request.user, context=self.toegangscontext)
        return Response(JeugdigeSerializer(jeugdige).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ContactgegevensSerializer, responses={200: JeugdigeSerializer})
    @action(detail=True, methods=["put"])
    def contactgegevens(self, request, pk=None):
        """Issue 15 §2: the toegang sets the woonadres, correspondence address and phone numbers
        as of today; the history stays. Others who may read the child get 403."""
        jeugdige = self.get_object()
        invoer = ContactgegevensSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        wijzig_contactgegevens(
            jeugdige=jeugdige,
            woonadres=data["woonadres"],
            correspondentieadres=data.get("correspondentieadres"),
            telefoonnummers=data.get("telefoonnummers") or [],
            door=request.user,
            context=self.toegangscontext,
        )
        return Response(JeugdigeSerializer(self.get_queryset().get(pk=jeugdige.pk)).data)

    def toegestaan(self, gebruiker) -> bool:
        if getattr(self, "action", None) == "contactgegevens":
            return mag_contact_wijzigen_rol(gebruiker)
        return super().toegestaan(gebruiker)
