from rest_framework import serializers

from jeugdregie.jeugdigen.constants import AanduidingWoonadres, Geslacht
from jeugdregie.jeugdigen.models import Adres, Jeugdige, Telefoonnummer, Woonplaats


class WoonplaatsSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Woonplaats
        fields = ["gemeente", "begindatum", "einddatum"]


class AdresSerializer(serializers.ModelSerializer):
    """An address with its inclusive period; ``soort`` per iJw COD757 (01 woonadres, 02
    correspondentieadres), ``land`` per COD032, a Dutch postcode as 1234AB."""

    class Meta:
        model = Adres
        fields = [
            "soort",
            "straatnaam",
            "huisnummer",
            "huisletter",
            "huisnummertoevoeging",
            "aanduiding",
            "postcode",
            "plaatsnaam",
            "land",
            "begindatum",
            "einddatum",
        ]


class TelefoonnummerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Telefoonnummer
        fields = ["nummer", "landnummer", "volgorde", "begindatum", "einddatum"]


class JeugdigeSerializer(serializers.ModelSerializer):
    woonplaatsen = WoonplaatsSerializer(many=True, read_only=True)
    adressen = AdresSerializer(many=True, read_only=True, help_text="Woon- en correspondentieadressen met historie")
    telefoonnummers = TelefoonnummerSerializer(many=True, read_only=True)

    class Meta:
        model = Jeugdige
        fields = [
            "id",
            "bsn",
            "voornamen",
            "achternaam",
            "geboortedatum",
            "geslacht",
            "woonplaatsen",
            "adressen",
            "telefoonnummers",
        ]


class AdresInvoerSerializer(serializers.Serializer):
    """Shape only; the service checks the formats (postcode, house number, lengths)."""

    straatnaam = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    huisnummer = serializers.CharField(max_length=10)
    huisletter = serializers.CharField(max_length=5, required=False, allow_blank=True, default="")
    huisnummertoevoeging = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    aanduiding = serializers.ChoiceField(
        choices=AanduidingWoonadres.choices, required=False, allow_blank=True, default=""
    )
    postcode = serializers.CharField(max_length=12, help_text="Nederlands: 1234AB of 1234 AB")
    plaatsnaam = serializers.CharField(max_length=100)
    land = serializers.CharField(max_length=2, required=False, default="NL", help_text="iJw COD032, bijvoorbeeld NL")


class ContactgegevensSerializer(serializers.Serializer):
    """The current contact data as of today (dates set by the server): a missing or null
    ``correspondentieadres`` means post goes to the woonadres; at most two phone numbers."""

    woonadres = AdresInvoerSerializer(allow_null=True)
    correspondentieadres = AdresInvoerSerializer(required=False, allow_null=True, default=None)
    telefoonnummers = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, default=list, max_length=2
    )


class NieuweJeugdigeSerializer(serializers.Serializer):
    """Shape only; the service checks BSN, dates and scope."""

    bsn = serializers.CharField(max_length=20)
    voornamen = serializers.CharField(max_length=200)
    achternaam = serializers.CharField(max_length=200)
    geboortedatum = serializers.DateField()
    geslacht = serializers.ChoiceField(choices=Geslacht.choices)
    gemeente = serializers.CharField(max_length=4, help_text="CBS-code van de woonplaats")


class JeugdigeZoekvraagSerializer(serializers.Serializer):
    """R-P8: the search term travels in the body, so a BSN never lands in a URL or access log."""

    q = serializers.CharField(max_length=100, help_text="BSN (9 cijfers) of (deel van) de naam")
