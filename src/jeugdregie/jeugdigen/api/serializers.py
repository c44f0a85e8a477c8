from rest_framework import serializers

from jeugdregie.jeugdigen.constants import Geslacht
from jeugdregie.jeugdigen.models import Jeugdige, Woonplaats


class WoonplaatsSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Woonplaats
        fields = ["gemeente", "begindatum", "einddatum"]


class JeugdigeSerializer(serializers.ModelSerializer):
    woonplaatsen = WoonplaatsSerializer(many=True, read_only=True)

    class Meta:
        model = Jeugdige
        fields = ["id", "bsn", "voornamen", "achternaam", "geboortedatum", "geslacht", "woonplaatsen"]


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
