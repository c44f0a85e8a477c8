"""Serializers of the referral API: shape only (STYLE.md §Writing 2)."""

from rest_framework import serializers

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.organisaties.services import wachttijd_tekst
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing


class KeuzebudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Keuzebudget
        fields = ["soort", "niveau", "is_offerte", "bedrag", "begindatum", "einddatum"]


class VerwijzingSerializer(serializers.ModelSerializer):
    keuzebudget = KeuzebudgetSerializer(read_only=True)
    resultaten = serializers.SerializerMethodField()
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)

    class Meta:
        model = Verwijzing
        fields = [
            "id",
            "jeugdige",
            "gemeente",
            "verwijzer_type",
            "verwijzer",
            "aanbieder",
            "datum",
            "status",
            "grond_18plus",
            "is_verlenging",
            "motivering_afwijking",
            "resultaten",
            "keuzebudget",
        ]

    def get_resultaten(self, verwijzing) -> list[str]:
        return [r.omschrijving for r in verwijzing.resultaten.all()]


class NieuweVerwijzingSerializer(serializers.Serializer):
    jeugdige = serializers.IntegerField(help_text="Interne id van de jeugdige")
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de gekozen aanbieder")
    verwijzer = serializers.CharField(
        max_length=8,
        required=False,
        allow_blank=True,
        help_text="AGB-code van huisarts/jeugdarts/specialist (verzoek van de aanbieder)",
    )
    keuze_door_verwijzer = serializers.BooleanField(default=True)
    resultaten = serializers.ListField(child=serializers.CharField(max_length=2000), allow_empty=False)
    soort = serializers.ChoiceField(choices=KeuzebudgetSoort.choices)
    niveau = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=6)
    offerte_bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    einddatum = serializers.DateField(required=False, allow_null=True)
    datum = serializers.DateField()
    product_indicatie = serializers.CharField(max_length=10, required=False, allow_blank=True)
    grond_18plus = serializers.CharField(max_length=30, required=False, allow_blank=True)
    is_verlenging = serializers.BooleanField(default=False)
    motivering_afwijking = serializers.CharField(
        max_length=4000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Alleen de toegang: waarom een huisartsverwijzing afwijkt van de huisartsroute (R-T6, R-T8)",
    )


class KeuzelijstVraagSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=10, required=False, help_text="Productcode")
    datum = serializers.DateField(required=False, help_text="Peildatum; standaard vandaag")


class KeuzelijstSerializer(serializers.ModelSerializer):
    ingeschreven = serializers.BooleanField(
        read_only=True, help_text="Ingeschreven: acceptatieplicht bij een passende vraag (R-S4)"
    )
    wachttijd_weken = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Actuele wachttijd in weken; leeg als onbekend of verouderd (R-S6)"
    )
    wachttijd_gemeld_op = serializers.DateField(
        read_only=True, allow_null=True, help_text="Datum van de actuele wachttijdmelding (R-S6)"
    )
    wachttijd = serializers.SerializerMethodField(help_text='Bijvoorbeeld "3 weken", "verouderd" of "onbekend"')

    class Meta:
        model = Aanbieder
        fields = [
            "agb_code",
            "naam",
            "categorie",
            "ingeschreven",
            "wachttijd_weken",
            "wachttijd_gemeld_op",
            "wachttijd",
        ]

    def get_wachttijd(self, aanbieder) -> str:
        return wachttijd_tekst(aanbieder.wachttijd_weken, aanbieder.wachttijd_laatst_gemeld)
