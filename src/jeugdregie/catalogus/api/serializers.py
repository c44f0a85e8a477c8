from rest_framework import serializers

from jeugdregie.catalogus.models import Functie, KeuzebudgetNiveau, Product, Tarief


class TariefSerializer(serializers.ModelSerializer):
    regio = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Leeg: het tarief van de catalogus; anders van deze regio (R-R1)."
    )

    class Meta:
        model = Tarief
        fields = ["begindatum", "einddatum", "bedrag", "illustratief", "regio"]


class ProductSerializer(serializers.ModelSerializer):
    tarieven = TariefSerializer(many=True, read_only=True)
    tariefgroep = serializers.SlugRelatedField(slug_field="nummer", read_only=True)

    class Meta:
        model = Product
        fields = [
            "code",
            "naam",
            "onderdeel",
            "eenheid",
            "bekostiging",
            "ijw_productcategorie",
            "ijw_eenheid",
            "tariefgroep",
            "intensiteit",
            "woonvorm",
            "actief",
            "tarieven",
        ]


class FunctieSerializer(serializers.ModelSerializer):
    tariefgroep = serializers.SlugRelatedField(slug_field="nummer", read_only=True)

    class Meta:
        model = Functie
        fields = ["naam", "tariefgroep"]


class KeuzebudgetNiveauSerializer(serializers.ModelSerializer):
    jaar = serializers.SlugRelatedField(slug_field="jaar", read_only=True)
    illustratief = serializers.BooleanField(source="jaar.illustratief", read_only=True)
    regio = serializers.SlugRelatedField(
        source="jaar.regio",
        slug_field="code",
        read_only=True,
        help_text="Leeg: de keuzebudgetten van de catalogus; anders van deze regio (R-R1).",
    )

    class Meta:
        model = KeuzebudgetNiveau
        fields = ["jaar", "niveau", "bedrag", "voorbeeld_herstel", "voorbeeld_duurzaam", "illustratief", "regio"]


class NieuwTariefSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=10)
    begindatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
