"""Shape of the follow-up endpoints on allocations: Wonen/Verblijf, matching, bed, plan, delivery,
budget forecast, refusal follow-up and the choice list. The services enforce the rules."""

from rest_framework import serializers

from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen.constants import Maatregel, Plaatsing, PlaatsingsVoorkeur, Voortgangsstand
from jeugdregie.toewijzingen.models import (
    Hulpverleningsplan,
    Levering,
    Matching,
    PlanAfspraak,
    Resultaat,
    Verblijfsverzoek,
    Voortgang,
    Weigeringsopvolging,
)

from .serializers import ZonderServerdatums

GELD = {"max_digits": 12, "decimal_places": 2}


class NieuweWonenSerializer(serializers.Serializer):
    jeugdige = serializers.IntegerField(help_text="Interne id van de jeugdige")
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de aanbieder")
    product = serializers.CharField(max_length=10, help_text="Productcode van een van de tien intensiteiten")
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


class ResultaatSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resultaat
        fields = ["id", "omschrijving"]


class AfspraakSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAfspraak
        fields = ["resultaat", "aanpak"]


class VoortgangSerializer(serializers.ModelSerializer):
    class Meta:
        model = Voortgang
        fields = ["id", "resultaat", "datum", "stand", "toelichting"]


class PlanSerializer(serializers.ModelSerializer):
    afspraken = AfspraakSerializer(many=True, read_only=True)

    class Meta:
        model = Hulpverleningsplan
        fields = ["id", "toewijzing", "versie", "opgesteld_op", "met_jeugdige", "afspraken"]


class AanpakInvoerSerializer(serializers.Serializer):
    resultaat = serializers.IntegerField(help_text="Id van een resultaat van de verwijzing")
    aanpak = serializers.CharField(max_length=4000, allow_blank=True)


class NieuwPlanSerializer(serializers.Serializer):
    opgesteld_op = serializers.DateField()
    met_jeugdige = serializers.BooleanField(help_text="Samen met de jeugdige opgesteld (R-H2)")
    aanpak = AanpakInvoerSerializer(many=True, help_text="Eén aanpak per resultaat van de verwijzing")

    def validate_aanpak(self, aanpak):
        ids = [regel["resultaat"] for regel in aanpak]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Noem elk resultaat één keer.")
        return aanpak


class NieuweVoortgangSerializer(serializers.Serializer):
    resultaat = serializers.IntegerField(help_text="Id van een resultaat van de verwijzing")
    datum = serializers.DateField()
    stand = serializers.ChoiceField(choices=Voortgangsstand.choices)
    toelichting = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


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


class KeuzelijstVraagSerializer(serializers.Serializer):
    product = serializers.CharField(max_length=10, required=False, help_text="Productcode")
    datum = serializers.DateField(required=False, help_text="Peildatum; standaard vandaag")


class KeuzelijstSerializer(serializers.ModelSerializer):
    ingeschreven = serializers.BooleanField(
        read_only=True, help_text="Ingeschreven: acceptatieplicht bij een passende vraag (R-S4)"
    )

    class Meta:
        model = Aanbieder
        fields = ["agb_code", "naam", "categorie", "ingeschreven"]
