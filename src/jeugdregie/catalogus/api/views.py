from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from jeugdregie.catalogus.models import Functie, KeuzebudgetNiveau, Product
from jeugdregie.catalogus.policies import mag_tarieven_beheren
from jeugdregie.catalogus.services import product_met_code, registreer_tarief
from jeugdregie.common.scoping import ApiMixin

from .serializers import (
    FunctieSerializer,
    KeuzebudgetNiveauSerializer,
    NieuwTariefSerializer,
    ProductSerializer,
    TariefSerializer,
)


class ProductViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Products of the catalog with their tariffs per period (illustrative tariffs flagged)."""

    queryset = Product.objects.select_related("tariefgroep").prefetch_related("tarieven")
    serializer_class = ProductSerializer
    lookup_field = "code"
    filterset_fields = ["onderdeel", "eenheid"]

    @extend_schema(request=NieuwTariefSerializer, responses={201: TariefSerializer})
    def create(self, request):
        """Add a tariff period (functioneel beheerder). Overlapping periods are refused."""
        if not mag_tarieven_beheren(request.user):
            raise PermissionDenied("Alleen de functioneel beheerder onderhoudt tarieven.")
        invoer = NieuwTariefSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        product = product_met_code(data.pop("product"))
        tarief = registreer_tarief(product=product, einddatum=data.pop("einddatum", None), door=request.user, **data)
        return Response(TariefSerializer(tarief).data, status=status.HTTP_201_CREATED)


class FunctieViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """The function table: every professional function with its tariff group."""

    queryset = Functie.objects.select_related("tariefgroep")
    serializer_class = FunctieSerializer


class KeuzebudgetNiveauViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Standard keuzebudget levels 1–6 per year (R-T4)."""

    queryset = KeuzebudgetNiveau.objects.select_related("jaar")
    serializer_class = KeuzebudgetNiveauSerializer
    filterset_fields = ["jaar__jaar", "niveau"]
