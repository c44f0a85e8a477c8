"""Shape of the Wonen/Verblijf endpoints (R-W1…R-W8): the zorgtoewijzing, intensity, matching
and the verblijfsbed. The services enforce the rules."""

from rest_framework import serializers

from jeugdregie.catalogus.constants import Woonvorm
from jeugdregie.toewijzingen.api.serializers import ZonderServerdatums
from jeugdregie.toewijzingen.constants import Maatregel, Plaatsing

from ..constants import PlaatsingsVoorkeur
from ..models import Matching, Verblijfsverzoek

GELD = {"max_digits": 12, "decimal_places": 2}


class NieuweWonenSerializer(serializers.Serializer):
    jeugdige = serializers.IntegerField(help_text="Interne id van de jeugdige")
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de aanbieder")
    product = serializers.CharField(max_length=10, help_text="Productcode van een van de tien intensiteiten")
    woonvorm = serializers.ChoiceField(
        choices=Woonvorm.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Vorm van Wonen, Verblijf of respijtzorg, los van de intensiteit (R-W10); leeg: die van het product",
    )
    begindatum = serializers.DateField()
    einddatum = serializers.DateField(help_text="Hooguit een jaar na de begindatum (R-W3)")
    ambulant_onvoldoende = serializers.BooleanField(help_text="Ambulante hulp alleen volstaat niet (R-W3)")
    resultaten = serializers.ListField(child=serializers.CharField(max_length=2000), allow_empty=False)
    plaatsing = serializers.ChoiceField(choices=Plaatsing.choices, default=Plaatsing.VRIJWILLIG)
    gi = serializers.CharField(max_length=8, required=False, allow_blank=True, help_text="AGB-code van de GI (R-W2)")
    maatregel = serializers.ChoiceField(choices=Maatregel.choices, required=False, allow_blank=True, default="")
    machtiging_van = serializers.DateField(required=False, allow_null=True, default=None)
    machtiging_tot = serializers.DateField(required=False, allow_null=True, default=None)
    grond_18plus = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    toekomstplan = serializers.BooleanField(default=False, help_text="Toekomstplan vastgelegd (vanaf 16 jaar, R-W7)")


class IntensiteitSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=10, help_text="Productcode van de nieuwe intensiteit")
    ingangsdatum = serializers.DateField(
        help_text="Eerste dag van de nieuwe intensiteit; de huidige toewijzing eindigt de dag ervoor (OP257)"
    )
    toestemming_verwijzer = serializers.BooleanField(help_text="De verwijzer stemt in (R-W8)")
    met_verhuizing = serializers.BooleanField(default=False, help_text="Bij pleegzorg en gezinshuis (R-W8)")
    woonvorm = serializers.ChoiceField(
        choices=Woonvorm.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nieuwe woonvorm (R-W10); leeg: de huidige vorm als die bij de nieuwe intensiteit past",
    )


class MatchingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Matching
        fields = ["id", "toewijzing", "startdatum", "einddatum", "voorkeur", "motivering"]


class MatchingStartSerializer(serializers.Serializer):
    startdatum = serializers.DateField()


class MatchingAfrondenSerializer(serializers.Serializer):
    einddatum = serializers.DateField()
    voorkeur = serializers.ChoiceField(choices=PlaatsingsVoorkeur.choices)
    motivering = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class VerblijfsverzoekSerializer(serializers.ModelSerializer):
    binnen_24_uur = serializers.SerializerMethodField()

    class Meta:
        model = Verblijfsverzoek
        fields = ["id", "toewijzing", "spoed", "aangevraagd_op", "geplaatst_op", "binnen_24_uur"]

    def get_binnen_24_uur(self, verzoek) -> bool | None:
        """Placed within 24 hours of the request (R-W6); empty while not placed."""
        return verzoek.binnen_norm(verzoek.geplaatst_op) if verzoek.geplaatst_op else None


class BedAanvraagSerializer(ZonderServerdatums):
    """The request time is the server's moment of receipt: it starts the 24-hour norm (R-W6,
    R-B9); a sent ``aangevraagd_op`` is refused."""

    serverdatums = {"aangevraagd_op": "het aanvraagmoment"}

    spoed = serializers.BooleanField(default=True)


class PlaatsingSerializer(serializers.Serializer):
    geplaatst_op = serializers.DateTimeField()
