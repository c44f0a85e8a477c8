from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.catalogus.models import Functie, KeuzebudgetNiveau, Product, Tarief
from jeugdregie.catalogus.policies import mag_regiocatalogus_beheren
from jeugdregie.catalogus.regionaal import stel_regiotarief_vast
from jeugdregie.catalogus.services import product_met_code
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

    queryset = Product.objects.select_related("tariefgroep")
    serializer_class = ProductSerializer
    lookup_field = "code"
    filterset_fields = ["onderdeel", "eenheid"]

    def get_queryset(self):
        """R-R1: each product with the catalogue's tariffs and those of the user's region."""
        eigen = Q(regio__isnull=True) | Q(regio_id=regio_id_van(self.request.user))
        tarieven = Prefetch("tarieven", queryset=Tarief.objects.filter(eigen).order_by("begindatum"))
        return Product.objects.select_related("tariefgroep").prefetch_related(tarieven)

    @extend_schema(request=NieuwTariefSerializer, responses={201: TariefSerializer})
    def create(self, request):
        """Add a tariff of the user's region from today or later on (functioneel beheerder of the
        region, R-R1; ``catalogus.regionaal.stel_regiotarief_vast``): the region's running tariff
        ends the day before; the catalogue's tariffs are not changed over the API."""
        regio_id = regio_id_van(request.user)
        if regio_id is None or not mag_regiocatalogus_beheren(request.user, regio_id):
            raise PermissionDenied("Alleen de functioneel beheerder van een regio stelt tarieven van de regio vast.")
        invoer = NieuwTariefSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = invoer.validated_data
        product = product_met_code(data["product"])
        tarief = stel_regiotarief_vast(
            regio_id=regio_id,
            product=product,
            begindatum=data["begindatum"],
            einddatum=data.get("einddatum"),
            bedrag=data["bedrag"],
            door=request.user,
        )
        return Response(TariefSerializer(tarief).data, status=status.HTTP_201_CREATED)


class FunctieViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """The function table: every professional function with its tariff group."""

    queryset = Functie.objects.select_related("tariefgroep")
    serializer_class = FunctieSerializer


class KeuzebudgetNiveauViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Standard keuzebudget levels per year (R-T4): the catalogue's and those of the user's
    region (R-R1; ``regio`` says whose)."""

    queryset = KeuzebudgetNiveau.objects.select_related("jaar__regio")

    def get_queryset(self):
        eigen = Q(jaar__regio__isnull=True) | Q(jaar__regio_id=regio_id_van(self.request.user))
        return super().get_queryset().filter(eigen)

    serializer_class = KeuzebudgetNiveauSerializer
    filterset_fields = ["jaar__jaar", "niveau"]
