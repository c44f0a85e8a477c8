from rest_framework import serializers

from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente, Wachttijdmelding


class GemeenteSerializer(serializers.ModelSerializer):
    regio = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gemeente
        fields = ["cbs_code", "naam", "regio", "inwoners", "jeugdigen"]


class AanbiederSerializer(serializers.ModelSerializer):
    categorie_naam = serializers.CharField(
        source="categorienaam", read_only=True, help_text="Naam van de categorie in de lijst van de regio (R-R1)"
    )

    class Meta:
        model = Aanbieder
        fields = ["id", "agb_code", "naam", "categorie", "categorie_naam"]


class ContractSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    producten = serializers.SerializerMethodField()
    inschrijvingen = serializers.SerializerMethodField()
    gemeente = serializers.SlugRelatedField(
        slug_field="cbs_code", read_only=True, help_text="CBS-code van de gemeente van een lokaal contract (R-R3)"
    )
    niveau = serializers.ChoiceField(
        choices=["lokaal", "regionaal"], read_only=True, help_text="R-R3: lokaal (één gemeente) of regionaal"
    )

    class Meta:
        model = Contract
        fields = ["nummer", "aanbieder", "niveau", "gemeente", "begindatum", "einddatum", "producten", "inschrijvingen"]

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
    gemeente = serializers.CharField(
        max_length=4,
        required=False,
        allow_blank=True,
        help_text="R-R3: CBS-code van de gemeente voor een lokaal contract; leeg voor een regionaal contract",
    )


class WachttijdSerializer(serializers.Serializer):
    """R-S6: a provider's current waiting time for one contracted product category."""

    productcategorie = serializers.CharField(
        help_text="Productcategorie (onderdeel van de catalogus), bijvoorbeeld ambulant"
    )
    productcategorie_naam = serializers.CharField(source="categorienaam")
    weken = serializers.IntegerField(
        allow_null=True, help_text="Actuele wachttijd in weken; leeg als onbekend of verouderd"
    )
    gemeld_op = serializers.DateField(allow_null=True, help_text="Datum van de laatste melding")
    verouderd = serializers.BooleanField(help_text="De laatste melding is ouder dan de geldigheid van de regio")
    wachttijd = serializers.CharField(source="tekst", help_text='Bijvoorbeeld "3 weken", "verouderd" of "onbekend"')


class WachttijdmeldingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wachttijdmelding
        fields = ["id", "productcategorie", "weken", "gemeld_op"]
        read_only_fields = ["id", "gemeld_op"]
        extra_kwargs = {"weken": {"min_value": 0, "max_value": Wachttijdmelding.MAX_WEKEN}}
