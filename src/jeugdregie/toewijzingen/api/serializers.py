"""Shape only: the services enforce the rules (STYLE.md §Writing 2)."""

from rest_framework import serializers

from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus, RedenBeeindiging, ScreeningUitkomst
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.api.serializers import KeuzebudgetSerializer


class ZonderServerdatums(serializers.Serializer):
    """R-B9: the server sets the filing, request or decision date when the call arrives. A client
    that still sends one is refused (400), so it cannot believe its date counted.
    ``serverdatums``: field name -> what the server records (Dutch)."""

    serverdatums: dict[str, str] = {}

    def validate(self, attrs):
        gestuurd = {veld: wat for veld, wat in self.serverdatums.items() if veld in self.initial_data}
        if gestuurd:
            raise serializers.ValidationError(
                {
                    veld: f"Laat '{veld}' weg: de server legt {wat} vast op het moment dat uw verzoek binnenkomt "
                    "(R-B9)."
                    for veld, wat in gestuurd.items()
                }
            )
        return attrs


class ScreeningSerializer(ZonderServerdatums):
    """The screening date is the server's date of receipt (R-B9); a sent ``datum`` is refused."""

    serverdatums = {"datum": "de screeningsdatum"}

    uitkomst = serializers.ChoiceField(choices=ScreeningUitkomst.choices)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="")


class StartSerializer(serializers.Serializer):
    startdatum = serializers.DateField()


class ToewijzingSerializer(serializers.ModelSerializer):
    keuzebudget = KeuzebudgetSerializer(read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Toewijzing
        fields = [
            "id",
            "verwijzing",
            "jeugdige",
            "gemeente",
            "aanbieder",
            "soort",
            "begindatum",
            "einddatum",
            "status",
            "startdatum_zorg",
            "stopdatum_zorg",
            "reden_beeindiging",
            "resultaatscore",
            "keuzebudget",
            "product",
            "woonvorm",
            "plaatsing",
            "maatregel",
            "machtiging_van",
            "machtiging_tot",
            "toekomstplan",
            "vervolgzorg",
            "vervolg_toelichting",
        ]


class StopSerializer(serializers.Serializer):
    stopdatum = serializers.DateField()
    reden = serializers.ChoiceField(choices=RedenBeeindiging.choices)
    resultaatscore = serializers.CharField(max_length=20, allow_blank=True)
    resultaat_toelichting = serializers.CharField(required=False, allow_blank=True, default="")
    overleg_met_verwijzer = serializers.BooleanField(default=False)
    in_overeenstemming = serializers.BooleanField(default=False)
    overleg_met_toegang = serializers.BooleanField(default=False)
    vervolgzorg = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id van de toewijzing die de zorg overneemt (R-W9)"
    )
    vervolg_toelichting = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Vervolg buiten de jeugdhulp (R-W9)"
    )


class AanpassingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanpassingsaanvraag
        fields = [
            "id",
            "verwijzing",
            "toewijzing",
            "reden",
            "toelichting",
            "besproken_met_toegang",
            "gevraagd_bedrag",
            "gevraagde_einddatum",
            "tweede_aanbieder",
            "status",
            "te_laat",
            "ingediend_op",
            "besluit_op",
            "motivering",
            "toegekend_bedrag",
            "toegekende_einddatum",
        ]


class NieuweAanpassingSerializer(ZonderServerdatums):
    """The filing date is the server's date of receipt (R-B9); a sent ``datum`` is refused."""

    serverdatums = {"datum": "de indieningsdatum", "ingediend_op": "de indieningsdatum"}

    reden = serializers.ChoiceField(choices=AanpassingReden.choices)
    toelichting = serializers.CharField(max_length=4000)
    gevraagd_bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    gevraagde_einddatum = serializers.DateField(required=False, allow_null=True)
    besproken_met_toegang = serializers.BooleanField(default=False)
    tweede_aanbieder = serializers.CharField(max_length=8, required=False, allow_blank=True)


class BesluitSerializer(ZonderServerdatums):
    """The decision date is the server's date of receipt (R-B9); a sent ``datum`` is refused."""

    serverdatums = {"datum": "de besluitdatum", "besluit_op": "de besluitdatum"}

    besluit = serializers.ChoiceField(choices=[c for c in AanpassingStatus.choices if c[0] != "ingediend"])
    motivering = serializers.CharField(max_length=4000, allow_blank=True)
    toegekend_bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    toegekende_einddatum = serializers.DateField(required=False, allow_null=True)
