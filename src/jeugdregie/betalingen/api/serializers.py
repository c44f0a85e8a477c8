"""Shape only: the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Betaalbatch, Betaalpost
from ..services.export import soort


class BetaalpostSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True, help_text="AGB-code")
    aanbieder_naam = serializers.CharField(source="aanbieder.naam", read_only=True)
    soort = serializers.SerializerMethodField(help_text="overmaken (> 0, in SEPA) of te verrekenen (≤ 0)")

    class Meta:
        model = Betaalpost
        fields = ["aanbieder", "aanbieder_naam", "iban", "bedrag", "aantal_regels", "soort"]

    def get_soort(self, post) -> str:
        return soort(post)


class BetaalbatchSerializer(serializers.ModelSerializer):
    referentie = serializers.CharField(read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True, help_text="CBS-code")
    voorbereid_door = serializers.SlugRelatedField(slug_field="username", read_only=True)
    beoordeeld_door = serializers.SlugRelatedField(slug_field="username", read_only=True)
    posten = BetaalpostSerializer(many=True, read_only=True)

    class Meta:
        model = Betaalbatch
        fields = [
            "id",
            "referentie",
            "gemeente",
            "jaar",
            "maand",
            "status",
            "totaal",
            "aantal_regels",
            "voorbereid_door",
            "voorbereid_op",
            "beoordeeld_door",
            "beoordeeld_op",
            "toelichting",
            "posten",
        ]


class MijnBetaalpostSerializer(BetaalpostSerializer):
    """A post with its batch, as a provider sees it (only its own posts)."""

    batch = serializers.IntegerField(source="batch_id", read_only=True)
    referentie = serializers.CharField(source="batch.referentie", read_only=True)
    gemeente = serializers.CharField(source="batch.gemeente.cbs_code", read_only=True)
    jaar = serializers.IntegerField(source="batch.jaar", read_only=True)
    maand = serializers.IntegerField(source="batch.maand", read_only=True)
    status = serializers.CharField(source="batch.status", read_only=True)

    class Meta(BetaalpostSerializer.Meta):
        fields = ["id", "batch", "referentie", "gemeente", "jaar", "maand", "status", *BetaalpostSerializer.Meta.fields]


class NieuweBatchSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=9999)
    maand = serializers.IntegerField(
        min_value=1, max_value=12, help_text="Maand van indienen van de declaraties; alleen een afgelopen maand"
    )


class AfwijzenSerializer(serializers.Serializer):
    toelichting = serializers.CharField(max_length=2000)


class AansluitingSerializer(serializers.Serializer):
    klopt = serializers.BooleanField()
    batch_totaal = serializers.DecimalField(max_digits=14, decimal_places=2)
    posten_totaal = serializers.DecimalField(max_digits=14, decimal_places=2)
    regels_totaal = serializers.DecimalField(max_digits=14, decimal_places=2)
    batch_aantal = serializers.IntegerField()
    posten_aantal = serializers.IntegerField()
    regels_aantal = serializers.IntegerField()
    verschillen = serializers.ListField(child=serializers.CharField())
    open_aantal = serializers.IntegerField(help_text="Goedgekeurde regels van deze gemeente en maand in geen batch")
    open_bedrag = serializers.DecimalField(max_digits=14, decimal_places=2)
    open_declaraties = serializers.IntegerField(help_text="Declaraties met zulke regels (in geen batch)")
