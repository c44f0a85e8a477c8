"""Shape of the HSWV endpoints (SPEC §4.5). The services enforce the rules."""

from rest_framework import serializers

from ..constants import HswvOnderdeel
from ..models import HswvInzet


class HswvSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    collectief = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    verwijzer = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    onderdelen = serializers.ListField(child=serializers.ChoiceField(choices=HswvOnderdeel.choices), read_only=True)

    class Meta:
        model = HswvInzet
        fields = [
            "id",
            "jeugdige",
            "gemeente",
            "collectief",
            "verwijzer_type",
            "verwijzer",
            "onderdelen",
            "complexiteit",
            "begindatum",
            "einddatum",
            "status",
        ]


class NieuweHswvSerializer(serializers.Serializer):
    jeugdige = serializers.IntegerField(help_text="Interne id van de jeugdige")
    collectief = serializers.CharField(max_length=8, help_text="AGB-code van het HSWV-collectief")
    onderdelen = serializers.ListField(child=serializers.ChoiceField(choices=HswvOnderdeel.choices))
    complexiteit = serializers.CharField(max_length=4000, allow_blank=True, help_text="Waarom zeer complex (R-X1)")
    begindatum = serializers.DateField()


class HswvAfrondenSerializer(serializers.Serializer):
    einddatum = serializers.DateField()
