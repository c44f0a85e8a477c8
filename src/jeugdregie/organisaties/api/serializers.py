from rest_framework import serializers

from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente


class GemeenteSerializer(serializers.ModelSerializer):
    regio = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gemeente
        fields = ["cbs_code", "naam", "regio", "inwoners", "jeugdigen"]


class AanbiederSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanbieder
        fields = ["id", "agb_code", "naam", "categorie"]


class ContractSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    producten = serializers.SerializerMethodField()
    inschrijvingen = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = ["nummer", "aanbieder", "begindatum", "einddatum", "producten", "inschrijvingen"]

    def get_producten(self, contract) -> list[str]:
        return [cp.product.code for cp in contract.producten.all()]

    def get_inschrijvingen(self, contract) -> list[str]:
        return [i.product.code for i in contract.inschrijvingen.all()]


class NieuwContractSerializer(serializers.Serializer):
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code")
    nummer = serializers.CharField(max_length=30)
    begindatum = serializers.DateField()
    einddatum = serializers.DateField(required=False, allow_null=True)
    producten = serializers.ListField(child=serializers.CharField(max_length=10), allow_empty=False)
    inschrijvingen = serializers.ListField(child=serializers.CharField(max_length=10), required=False)
