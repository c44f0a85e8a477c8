from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from jeugdregie.common.scoping import ApiActieMixin, ApiMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente, Wachttijdmelding, categorienaam_expressie
from jeugdregie.organisaties.policies import mag_contracten_registreren, mag_wachttijden_melden
from jeugdregie.organisaties.services import meld_wachttijd, registreer_contract, wachttijden_van

from .serializers import (
    AanbiederSerializer,
    ContractSerializer,
    GemeenteSerializer,
    NieuwContractSerializer,
    WachttijdmeldingSerializer,
    WachttijdSerializer,
)


class GemeenteViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Municipalities with CBS code, inhabitants and young inhabitants."""

    queryset = Gemeente.objects.select_related("regio")
    serializer_class = GemeenteSerializer
    lookup_field = "cbs_code"


class AanbiederViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Contracted providers (AGB code, category and its name in the region's list)."""

    queryset = Aanbieder.objects.annotate(categorie_naam=categorienaam_expressie())
    serializer_class = AanbiederSerializer
    lookup_field = "agb_code"


class ContractViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Contracts with contracted products and registrations (acceptatieplicht, R-S4)."""

    queryset = Contract.objects.select_related("aanbieder").prefetch_related(
        "producten__product", "inschrijvingen__product"
    )
    serializer_class = ContractSerializer
    lookup_field = "nummer"

    @extend_schema(request=NieuwContractSerializer, responses={201: ContractSerializer})
    def create(self, request):
        """Register a contract (functioneel beheerder). Unknown products are refused."""
        if not mag_contracten_registreren(request.user):
            raise PermissionDenied("Alleen de functioneel beheerder registreert contracten.")
        invoer = NieuwContractSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        aanbieder = get_object_or_404(Aanbieder, agb_code=data["aanbieder"])
        cbs = data.get("gemeente") or ""
        gemeente = get_object_or_404(Gemeente, cbs_code=cbs) if cbs else None
        contract = registreer_contract(
            aanbieder=aanbieder,
            nummer=data["nummer"],
            begindatum=data["begindatum"],
            einddatum=data.get("einddatum"),
            productcodes=data["producten"],
            inschrijvingen=data.get("inschrijvingen", []),
            gemeente=gemeente,
            door=request.user,
        )
        return Response(ContractSerializer(contract).data, status=status.HTTP_201_CREATED)


class WachttijdViewSet(ApiActieMixin, viewsets.GenericViewSet):
    """Waiting times of the provider itself (R-S6): GET lists the current waiting time per
    contracted product category; POST reports a new one (dated by the server)."""

    beleid = mag_wachttijden_melden
    queryset = Wachttijdmelding.objects.all()
    serializer_class = WachttijdmeldingSerializer
    pagination_class = None

    def _aanbieder(self) -> Aanbieder:
        return Aanbieder.objects.select_related("regio").get(pk=self.request.user.aanbieder_id)

    @extend_schema(responses={200: WachttijdSerializer(many=True)})
    def list(self, request):
        regels = wachttijden_van(aanbieder=self._aanbieder(), datum=vandaag())
        return Response(WachttijdSerializer(regels, many=True).data)

    @extend_schema(request=WachttijdmeldingSerializer, responses={201: WachttijdmeldingSerializer})
    def create(self, request):
        invoer = WachttijdmeldingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        melding = meld_wachttijd(
            aanbieder=self._aanbieder(),
            productcategorie=invoer.validated_data["productcategorie"],
            weken=invoer.validated_data["weken"],
            door=request.user,
            context=self.toegangscontext,
        )
        return Response(WachttijdmeldingSerializer(melding).data, status=status.HTTP_201_CREATED)
