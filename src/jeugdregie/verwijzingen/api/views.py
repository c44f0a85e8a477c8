"""REST API of the referral: thin adapters over the services, scoped like the UI. The actions on a
referral that lead to the allocation (screening, start, adjustment, follow-up) are
``toewijzingen.api.views.VerwijzingActies``, on the same path."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from jeugdregie.catalogus.models import Product
from jeugdregie.catalogus.services import product_met_code
from jeugdregie.common.scoping import ApiMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.verwijzingen.api import serializers as s
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import mag_route_inzien
from jeugdregie.verwijzingen.services import registreer_verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verwijzingen.services.keuzelijst import keuzelijst


class VerwijzingViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Referrals with results and keuzebudget (R-T1). POST registers one; the chosen provider screens."""

    beleid = mag_route_inzien  # R-P1: finance reads declarations, not the client route
    persoonsgegevens = True
    queryset = Verwijzing.objects.select_related("keuzebudget", "gemeente", "aanbieder").prefetch_related("resultaten")
    serializer_class = s.VerwijzingSerializer
    filterset_fields = ["status", "aanbieder__agb_code"]

    def jeugdige_van(self, obj):
        return obj.jeugdige

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
        verwijzing = registreer_verwijzing(
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


class KeuzelijstViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Choice list (R-S5): providers contracted on the date for the product, registered ones
    (acceptatieplicht, R-S4) first. No personal data."""

    queryset = Aanbieder.objects.all()
    serializer_class = s.KeuzelijstSerializer
    filter_backends = []

    def get_queryset(self):
        vraag = s.KeuzelijstVraagSerializer(data=self.request.query_params)
        vraag.is_valid(raise_exception=True)
        d = vraag.validated_data
        product = product_met_code(d["product"]) if d.get("product") else None
        # R-R3: a municipality's token sees the contracts covering its municipality
        lijst = keuzelijst(datum=d.get("datum") or vandaag(), product=product, gemeente=self.request.user.gemeente)
        return lijst.filter(pk__in=super().get_queryset().values("pk"))

    @extend_schema(parameters=[s.KeuzelijstVraagSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
