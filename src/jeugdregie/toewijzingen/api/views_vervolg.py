"""Follow-up actions on referrals and allocations, and the choice list: thin adapters over the
services. The mixins are mixed into the viewsets of ``views.py``, so they share its scoping."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from jeugdregie.catalogus.services import product_met_code
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen import services
from jeugdregie.toewijzingen.api import serializers_vervolg as sv
from jeugdregie.toewijzingen.constants import FoutcodeVervolg, ToewijzingSoort
from jeugdregie.toewijzingen.models import Toewijzing, Weigeringsopvolging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.services.levering import registreer_levering


def validated_input(serializer_class, request) -> dict:
    invoer = serializer_class(data=request.data)
    invoer.is_valid(raise_exception=True)
    return dict(invoer.validated_data)


def een_of_weiger(queryset, code: str, message: str, field: str):
    """The one open item the action works on; none open is a Dutch 400 like a service refusal."""
    obj = queryset.first()
    if obj is None:
        raise DomainError(code, message, field=field)
    return obj


def vervolgzorg_van(toewijzing: Toewijzing, pk: int | None) -> Toewijzing | None:
    """The allocation that takes over when Verblijf ends (R-W9): any allocation of the same young
    person, also of another provider; the service checks that it is running."""
    if pk is None:
        return None
    return een_of_weiger(
        Toewijzing.objects.filter(pk=pk, jeugdige_id=toewijzing.jeugdige_id),
        FoutcodeVervolg.VERVOLGZORG,
        "De gekozen vervolgzorg is geen toewijzing voor deze jeugdige.",
        "vervolgzorg",
    )


class ToewijzingVervolgMixin:
    """Delivery and the budget forecast (R-A3) on ``/toewijzingen/`` (on the same path: Wonen/Verblijf,
    matching and bed in ``wonen.api.views.WonenViewSet``, the plan in ``hulpverlening.api.views``)."""

    @extend_schema(responses={200: sv.ResultaatSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def resultaten(self, request, pk=None):
        """The results of the referral, with the ids the plan and progress refer to (R-T1, R-H2)."""
        resultaten = self.get_object().verwijzing.resultaten.all()
        return Response(sv.ResultaatSerializer(resultaten, many=True).data)

    @extend_schema(request=sv.NieuweLeveringSerializer, responses={201: sv.LeveringSerializer})
    @action(detail=True, methods=["post"])
    def levering(self, request, pk=None):
        """Delivered volume of one month and product (R-W4); the spend source of R-A3."""
        d = validated_input(sv.NieuweLeveringSerializer, request)
        geleverd = registreer_levering(
            toewijzing=self.get_object(),
            product=product_met_code(d["product"]),
            maand=d["maand"],
            volume=d["volume"],
            door=request.user,
        )
        return Response(sv.LeveringSerializer(geleverd).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[sv.PrognoseVraagSerializer],
        responses={200: sv.PrognoseSerializer},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def prognose(self, request, pk=None):
        """Budget forecast of a keuzebudget: spend, run-rate, exhaustion and 8-week point (R-A3)."""
        toewijzing = self.get_object()
        if toewijzing.soort != ToewijzingSoort.KEUZEBUDGET or toewijzing.keuzebudget_id is None:
            raise NotFound("Een budgetprognose bestaat alleen voor een ambulant keuzebudget.")
        vraag = sv.PrognoseVraagSerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        op = vraag.validated_data.get("op") or vandaag()
        p = prognose(toewijzing, op=op)
        data = {
            "op": op,
            "budget": p.budget,
            "besteed": p.besteed,
            "per_dag": p.per_dag,
            "uitgeput_op": p.uitgeput_op,
            "achtwekenpunt": p.achtwekenpunt,
            "benutting": p.benutting,
            "besteed_geschat": p.besteed_geschat,
            "declaratievertraging_dagen": p.vertraging_dagen,
        }
        return Response(sv.PrognoseSerializer(data).data)


class VerwijzingVervolgMixin:
    """Closing the follow-up of a refused referral on ``/verwijzingen/`` (R-S3)."""

    @extend_schema(request=sv.OpvolgingSluitenSerializer, responses={200: sv.OpvolgingSerializer})
    @action(detail=True, methods=["post"])
    def opvolging(self, request, pk=None):
        """The toegang closes the follow-up once another provider or referrer takes over (R-S3)."""
        d = validated_input(sv.OpvolgingSluitenSerializer, request)
        opvolging = Weigeringsopvolging.objects.van_verwijzing(self.get_object()).first()
        if opvolging is None:
            raise NotFound("Deze verwijzing heeft geen opvolging na een weigering.")
        opvolging = services.sluit_opvolging(opvolging=opvolging, door=request.user, **d)
        return Response(sv.OpvolgingSerializer(opvolging).data)
