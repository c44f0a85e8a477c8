"""Shape of the plan endpoints (R-H2). The services enforce the rules."""

from rest_framework import serializers

from ..constants import Voortgangsstand
from ..models import Hulpverleningsplan, PlanAfspraak, Voortgang


class AfspraakSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAfspraak
        fields = ["resultaat", "aanpak"]


class VoortgangSerializer(serializers.ModelSerializer):
    class Meta:
        model = Voortgang
        fields = ["id", "resultaat", "datum", "stand", "toelichting"]


class PlanSerializer(serializers.ModelSerializer):
    afspraken = AfspraakSerializer(many=True, read_only=True)

    class Meta:
        model = Hulpverleningsplan
        fields = ["id", "toewijzing", "versie", "opgesteld_op", "met_jeugdige", "afspraken"]


class AanpakInvoerSerializer(serializers.Serializer):
    resultaat = serializers.IntegerField(help_text="Id van een resultaat van de verwijzing")
    aanpak = serializers.CharField(max_length=4000, allow_blank=True)


class NieuwPlanSerializer(serializers.Serializer):
    opgesteld_op = serializers.DateField()
    met_jeugdige = serializers.BooleanField(help_text="Samen met de jeugdige opgesteld (R-H2)")
    aanpak = AanpakInvoerSerializer(many=True, help_text="Eén aanpak per resultaat van de verwijzing")

    def validate_aanpak(self, aanpak):
        ids = [regel["resultaat"] for regel in aanpak]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Noem elk resultaat één keer.")
        return aanpak


class NieuweVoortgangSerializer(serializers.Serializer):
    resultaat = serializers.IntegerField(help_text="Id van een resultaat van de verwijzing")
    datum = serializers.DateField()
    stand = serializers.ChoiceField(choices=Voortgangsstand.choices)
    toelichting = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
