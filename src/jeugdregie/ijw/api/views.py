"""The iJw endpoint (issue 5 §6): a provider posts one message (XML) or a zip of messages and gets
the retour back; providers and the municipality read the message log and fetch outbound XML.
Thin over ``services.ontvangen.ontvang`` and ``services.archief``; a refusal is
``{"fouten": [{code, melding}]}`` (IV032 level 1: no retour)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdregie.common.scoping import ApiMixin
from jeugdregie.declaraties.api.serializers import FoutenSerializer  # the house refusal shape

from ..models import Bericht
from ..policies import mag_berichtactie, mag_berichtenlog_inzien, mag_berichtinhoud_lezen
from ..services.archief import lees_archief, max_archief_bytes, verwerk_batch, weiger_aanlevering
from ..services.ontvangen import Ontvangst, ontvang
from ..services.postvak import markeer_opgehaald
from ..views import lever_xml
from ..xml.veilig import Berichtweigering, controleer_grootte
from . import serializers as s
from .parsers import BerichtXmlParser, TekstXmlParser, ZipParser, te_groot_archief

ZIP = "application/zip"
FOUT = OpenApiResponse(
    FoutenSerializer, description="Geweigerd zonder retour (IV032 niveau 1); melding zegt wat te doen."
)
SAMENVATTING_KOLOMMEN = [
    "bestand",
    "berichttype",
    "identificatie",
    "bericht_id",
    "herhaald",
    "status",
    "retour",
    "retour_bestand",
    "retourcodes",
    "afgekeurde_klassen",
    "foutcode",
    "melding",
]
KOPPEN = [
    OpenApiParameter(
        "X-Ijw-Bericht",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        response=[200],
        description="Id van het ontvangen bericht in het berichtenlog",
    ),
    OpenApiParameter(
        "X-Ijw-Herhaling",
        OpenApiTypes.BOOL,
        OpenApiParameter.HEADER,
        response=[200],
        description="true: dit bericht was al verwerkt; dit is de eerste retour, er is niets gewijzigd",
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="Berichtenlog",
        description="Ontvangen en verzonden iJw-berichten binnen uw bereik, zonder inhoud.",
    ),
    retrieve=extend_schema(
        summary="Eén bericht",
        description="Het bericht met zijn status, retourcodes en afgekeurde berichtklassen, zonder inhoud. Rollen "
        "zonder persoonsgegevens zien de codes per klasse, niet de sleutel of toelichting.",
    ),
)
class BerichtViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """iJw 3.2 messages of a provider with a municipality (R-M1). A provider posts its messages
    here; the municipality sends its own through the outbox (``/xml/`` of an outbound message)."""

    persoonsgegevens = True
    queryset = Bericht.objects.defer("inhoud").select_related("aanbieder", "gemeente")
    serializer_class = s.BerichtSerializer
    filterset_fields = {"richting": ["exact"], "berichttype": ["exact"], "status": ["exact"]}
    parser_classes = [BerichtXmlParser, TekstXmlParser, ZipParser]

    beleid = mag_berichtenlog_inzien

    def toegestaan(self, gebruiker) -> bool:
        """R-P4: the endpoint's policy (every role that reads the log), and posting a message or
        fetching its XML have their own, narrower one."""
        return super().toegestaan(gebruiker) and mag_berichtactie(gebruiker, getattr(self, "action", None))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "inhoud": mag_berichtinhoud_lezen(self.request.user)}

    @extend_schema(
        summary="Bericht of zip met berichten indienen",
        description=(
            "Eén iJw-bericht (application/xml of text/xml; JW305, JW307, JW315, JW317 of JW323) of een zip met "
            "berichten (application/zip). Antwoord: de retour (XML), of voor een zip een zip met de retouren en "
            "samenvatting.csv/.json per bestand. Hetzelfde bericht opnieuw geeft dezelfde retour en wijzigt niets."
        ),
        request={
            "application/xml": OpenApiTypes.BINARY,
            "text/xml": OpenApiTypes.BINARY,
            ZIP: OpenApiTypes.BINARY,
        },
        parameters=KOPPEN,
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="XML: de retour (JW306/308/316/318/325). Zip: per bericht de retour als "
                "<naam>.<retourtype>.xml en samenvatting.csv/.json met de uitkomst of weigering per bestand.",
            ),
            (200, ZIP): OpenApiResponse(OpenApiTypes.BINARY, description="Retouren en samenvatting per bestand."),
            400: FOUT,
            403: OpenApiResponse(description="Alleen een aanbieder dient berichten in."),
        },
    )
    def create(self, request):
        soort = (request.content_type or "").split(";")[0].strip().lower()
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        try:
            if soort == ZIP and lengte > max_archief_bytes():
                raise te_groot_archief()
            if soort != ZIP:
                controleer_grootte(lengte)  # before a byte of the body is read
            data = request.data  # the parsers read at most the limit + 1 byte
        except Berichtweigering as fout:
            weiger_aanlevering(fout=fout, door=request.user, grootte=lengte)
            raise
        if soort == ZIP:
            return self._zip(request, data)
        ontvangst = ontvang(data if isinstance(data, bytes) else b"", door=request.user, context=self.toegangscontext)
        return self._retour(request, ontvangst)

    def _retour(self, request, ontvangst: Ontvangst) -> HttpResponse:
        if ontvangst.retour is None:
            return Response(
                {"fouten": [{"code": "IJW010", "melding": "Dit bericht wordt nog verwerkt; stuur het later opnieuw."}]},
                status=status.HTTP_409_CONFLICT,
            )
        markeer_opgehaald(ontvangst.retour)  # handed over in this response
        response = HttpResponse(ontvangst.retour_xml, content_type="application/xml")
        response["X-Ijw-Bericht"] = str(ontvangst.bericht.pk)
        response["X-Ijw-Herhaling"] = "true" if ontvangst.herhaald else "false"
        return response

    def _zip(self, request, bestand) -> HttpResponse:
        try:
            berichten = lees_archief(bestand if not isinstance(bestand, dict) else b"")
        except Berichtweigering as fout:
            weiger_aanlevering(fout=fout, door=request.user, grootte=int(request.META.get("CONTENT_LENGTH") or 0))
            raise
        try:
            inhoud = self._verwerk_zip(request, berichten)
        finally:
            if hasattr(bestand, "close"):
                bestand.close()
        response = HttpResponse(inhoud, content_type=ZIP)
        response["Content-Disposition"] = 'attachment; filename="retouren.zip"'
        return response

    def _verwerk_zip(self, request, berichten) -> bytes:
        uit = io.BytesIO()
        rijen = []
        with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as antwoord:
            for resultaat in verwerk_batch(berichten, door=request.user, context=self.toegangscontext):
                rijen.append(resultaat.als_rij())
                ontvangst = resultaat.ontvangst
                if ontvangst is None or ontvangst.retour is None:
                    continue
                antwoord.writestr(resultaat.retour_naam, ontvangst.retour_xml)
                markeer_opgehaald(ontvangst.retour)
            antwoord.writestr("samenvatting.csv", _csv(rijen))
            antwoord.writestr("samenvatting.json", json.dumps(rijen, ensure_ascii=False, indent=1))
        return uit.getvalue()

    @extend_schema(
        summary="XML van een verzonden bericht ophalen",
        description="Alleen uitgaande berichten (JW301, JW319 en retouren). Haalt de ontvangende aanbieder het op, "
        "dan staat het bericht op 'opgehaald'.",
        responses={
            (200, "application/xml"): OpenApiTypes.BINARY,
            404: OpenApiResponse(
                description="Niet gevonden, buiten uw bereik of een ontvangen bericht (inhoud niet bewaard)."
            ),
        },
    )
    @action(detail=True, methods=["get"], url_path="xml")
    def xml(self, request, pk=None):
        return lever_xml(self.get_object(), request)


def _csv(rijen: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SAMENVATTING_KOLOMMEN, delimiter=";", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rijen)
    return buffer.getvalue()
