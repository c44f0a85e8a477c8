"""Shape only (STYLE.md §Writing 2): the message log as the API shows it. Never the content:
inbound content is not stored, outbound XML has its own download. Roles without personal data
(R-P1) get the codes per class but not the keys (a Client key is a BSN) or explanations."""

from rest_framework import serializers

from ..models import Bericht


class AfkeuringSerializer(serializers.Serializer):
    klasse = serializers.CharField(required=False, help_text="Berichtklasse, bijvoorbeeld Client of StartProduct")
    sleutel = serializers.CharField(
        required=False, help_text="Sleutel van de klasse in het bericht; leeg zonder inzage"
    )
    codes = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Retourcodes (WJ001 en regelcodes)"
    )
    toelichting = serializers.CharField(required=False, help_text="Wat er mis is en wat te doen; leeg zonder inzage")


class BerichtSerializer(serializers.ModelSerializer):
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    afgekeurde_klassen = serializers.SerializerMethodField()
    fouten = AfkeuringSerializer(many=True, read_only=True)
    melding = serializers.CharField(read_only=True, help_text="Bij weigering: de fout die de afzender kreeg")

    class Meta:
        model = Bericht
        fields = [
            "id",
            "richting",
            "berichttype",
            "identificatie",
            "dagtekening",
            "afzender",
            "ontvanger",
            "status",
            "aanbieder",
            "gemeente",
            "jeugdige",
            "toewijzing",
            "declaratie",
            "antwoord_op",
            "retourcodes",
            "afgekeurde_klassen",
            "grootte",
            "aangemaakt",
            "verwerkt",
            "opgehaald",
            "fouten",
            "melding",
        ]
        read_only_fields = fields

    def get_afgekeurde_klassen(self, bericht: Bericht) -> int:
        return len(bericht.fouten or [])

    def to_representation(self, bericht):
        data = super().to_representation(bericht)
        data["fouten"] = [{"klasse": "", "sleutel": "", "codes": [], "toelichting": "", **f} for f in data["fouten"]]
        if not self.context.get("inhoud", False):
            data["fouten"] = [{**fout, "sleutel": "", "toelichting": ""} for fout in data["fouten"]]
            data["melding"] = ""
        return data
