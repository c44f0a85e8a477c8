"""REST API of declarations: intake through the same service as the upload, scoped reads, and
the R-B5 budget overview. Thin adapters; a refusal is ``{"fouten": [{code, melding, veld}]}``."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from jeugdregie.budgetten.policies import mag_budgetoverzicht_zien
from jeugdregie.budgetten.querysets import budgetoverzicht, gemeenten_voor_budget
from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import ApiMixin
from jeugdregie.organisaties.models import Gemeente

from ..constants import DeclaratieBron, Foutcode, Invoerfout
from ..models import Declaratie
from ..policies import mag_declaraties_inzien
from ..services.intake import dien_declaratie_in
from ..services.invoer import RegelInvoer
from ..services.upload import controleer_grootte
from . import serializers as s

FOUT = OpenApiResponse(s.FoutenSerializer, description="Geweigerd; niets opgeslagen. Code en Nederlandse melding.")


class DeclaratieViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Declarations of a provider to a municipality, validated line by line (R-B2). The provider
    posts; the provider, toegang and finance of the municipality read."""

    beleid = mag_declaraties_inzien
    persoonsgegevens = True
    queryset = Declaratie.objects.select_related("aanbieder", "gemeente")
    serializer_class = s.DeclaratieSerializer
    filterset_fields = {"nummer": ["exact"], "gemeente__cbs_code": ["exact"], "bron": ["exact"]}

    def get_queryset(self):
        queryset = super().get_queryset().met_tellingen().order_by("-ingediend_op", "-id")
        return queryset.prefetch_related("regels__product") if self.action != "list" else queryset

    def get_serializer_class(self):
        return s.DeclaratieSerializer if self.action == "list" else s.DeclaratieMetRegelsSerializer

    def jeugdige_van(self, obj):
        return None  # many young people; the lines name them

    @extend_schema(
        request=s.NieuweDeclaratieSerializer,
        responses={
            201: OpenApiResponse(s.DeclaratieMetRegelsSerializer, description="Verwerkt: uitkomst per regel."),
            200: OpenApiResponse(
                s.DeclaratieMetRegelsSerializer,
                description="Herhaling van een eerder verwerkte declaratie (zelfde nummer, zelfde regels): de "
                "eerste uitkomst, niets opnieuw goedgekeurd.",
            ),
            400: FOUT,
            409: OpenApiResponse(s.FoutenSerializer, description="DEC100: nummer al gebruikt met andere regels."),
        },
    )
    def create(self, request):
        controleer_grootte(int(request.META.get("CONTENT_LENGTH") or 0))  # DEC110, before the body is read
        invoer = s.NieuweDeclaratieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        gemeente = Gemeente.objects.filter(cbs_code=d["gemeente"]).first()
        if gemeente is None:
            raise DomainError(
                Invoerfout.GEMEENTE_ONBEKEND, f"Er is geen gemeente met CBS-code {d['gemeente']}.", field="gemeente"
            )
        moment = timezone.now()
        try:
            resultaat = dien_declaratie_in(
                aanbieder=request.user.aanbieder,
                gemeente=gemeente,
                nummer=d["nummer"],
                regels=[RegelInvoer(**regel) for regel in d["regels"]],
                door=request.user,
                ingediend_op=moment,
                bron=DeclaratieBron.API,
                context=self.toegangscontext,
            )
        except DomainError as fout:
            if fout.code == Foutcode.NUMMER_HERGEBRUIKT:
                return Response({"fouten": [fout.as_dict()]}, status=status.HTTP_409_CONFLICT)
            raise
        declaratie = resultaat.declaratie
        uitkomst = get_object_or_404(self.get_queryset(), pk=declaratie.pk)
        return Response(
            s.DeclaratieMetRegelsSerializer(uitkomst).data,
            status=status.HTTP_201_CREATED if resultaat.nieuw else status.HTTP_200_OK,
        )


class BudgetViewSet(ApiMixin, viewsets.GenericViewSet):
    """R-B5: committed, spent and released per municipality at a date (aggregates, no personal data)."""

    beleid = mag_budgetoverzicht_zien
    queryset = Gemeente.objects.order_by("naam")
    serializer_class = s.BudgetOverzichtSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return gemeenten_voor_budget(super().get_queryset(), self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("op", OpenApiTypes.DATE, description="Peildatum; standaard vandaag")],
        responses={200: s.BudgetOverzichtSerializer(many=True)},
    )
    def list(self, request):
        peildatum = s.PeildatumSerializer(data=request.query_params)
        peildatum.is_valid(raise_exception=True)
        op = peildatum.validated_data.get("op") or timezone.localdate()
        rijen = [{**rij, "op": op} for rij in budgetoverzicht(self.get_queryset(), op=op)]
        return Response(s.BudgetOverzichtSerializer(rijen, many=True).data)
