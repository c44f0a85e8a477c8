"""Shape of the follow-up endpoints on allocations: delivery, budget forecast, refusal follow-up and
the choice list (Wonen/Verblijf: ``wonen.api``; the plan: ``hulpverlening.api``). The services
enforce the rules."""

from rest_framework import serializers

from jeugdregie.toewijzingen.models import Levering, Weigeringsopvolging
from jeugdregie.verwijzingen.models import Resultaat

GELD = {"max_digits": 12, "decimal_places": 2}


class ResultaatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resultaat
        fields = ["id", "omschrijving"]


class LeveringSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Levering
        fields = ["id", "toewijzing", "product", "maand", "volume", "bedrag"]


class NieuweLeveringSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=10, help_text="Productcode")
    maand = serializers.DateField(help_text="Een dag in de maand; opgeslagen als de eerste dag")
    volume = serializers.DecimalField(max_digits=10, decimal_places=2)


class PrognoseVraagSerializer(serializers.Serializer):
    op = serializers.DateField(required=False, help_text="Peildatum; standaard vandaag")


class PrognoseSerializer(serializers.Serializer):
    """The budget forecast of a keuzebudget (R-A3) on the reference date ``op``."""

    op = serializers.DateField()
    budget = serializers.DecimalField(**GELD)
    besteed = serializers.DecimalField(**GELD)
    per_dag = serializers.DecimalField(**GELD)
    uitgeput_op = serializers.DateField()
    achtwekenpunt = serializers.DateField(help_text="Uiterste datum voor een aanpassingsaanvraag (R-A3)")
    benutting = serializers.DecimalField(max_digits=6, decimal_places=1, help_text="Percentage van het budget")
    besteed_geschat = serializers.DecimalField(
        **GELD, help_text="Gedeclareerd plus de geschatte nog niet gedeclareerde zorg binnen de declaratievertraging"
    )
    declaratievertraging_dagen = serializers.IntegerField(
        help_text="Gemeten declaratievertraging van de aanbieder in dagen (mediaan, R-A3)"
    )


class OpvolgingSerializer(serializers.ModelSerializer):
    verwijzing = serializers.IntegerField(source="verwijzing.pk", read_only=True)
    door_toegang = serializers.BooleanField(
        read_only=True, help_text="De toegang wees 'keuzebudget onjuist' af (R-A5), niet de aanbieder bij de screening"
    )

    class Meta:
        model = Weigeringsopvolging
        fields = ["id", "verwijzing", "door_toegang", "open", "afgesloten_op", "afsluiting"]


class OpvolgingSluitenSerializer(serializers.Serializer):
    afsluiting = serializers.CharField(
        max_length=4000, allow_blank=True, help_text="Hoe de opvolging geregeld is (R-S3)"
    )
