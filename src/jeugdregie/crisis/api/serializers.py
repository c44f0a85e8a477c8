"""Shape of the crisis endpoints (SPEC §4.4). The services enforce the rules."""

from rest_framework import serializers

from jeugdregie.jeugdigen.policies import zoekt_in_register_bij_aanmelding
from jeugdregie.toewijzingen.api.serializers import ZonderServerdatums

from ..constants import CrisisAfhandeling, CrisisBron, CrisisUitkomst
from ..models import Crisismelding, Crisisopvolgingsverzoek


class _MetRegisterkoppeling(serializers.ModelSerializer):
    # R-P4: the link with the register (``jeugdige``) is for the toegang only; the reporting party
    # gets back the BSN it reported, the same whether or not the child is in the register. (A
    # comment, not a docstring: drf-spectacular would publish it as the schema's description.)

    jeugdige = serializers.SerializerMethodField(help_text="Interne id van de jeugdige; alleen voor de toegang")

    def get_jeugdige(self, obj) -> int | None:
        request = self.context.get("request")
        if request is None or not zoekt_in_register_bij_aanmelding(request.user):
            return None
        return obj.jeugdige_id


class CrisismeldingSerializer(_MetRegisterkoppeling):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    crisisdienst = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)

    class Meta:
        model = Crisismelding
        fields = [
            "id",
            "gemeente",
            "jeugdige",
            "bsn",
            "crisisdienst",
            "bron",
            "huiselijk_geweld",
            "buiten_kantoortijd",
            "gemeld_op",
            "ontvangen_op",
            "beoordeeld_op",
            "hulp_binnen_24_uur",
            "uitkomst",
            "afhandeling",
        ]


class NieuweCrisismeldingSerializer(serializers.Serializer):
    crisisdienst = serializers.CharField(max_length=8, help_text="AGB-code van de crisisdienst")
    gemeente = serializers.CharField(max_length=4, help_text="CBS-code van de gemeente")
    bron = serializers.ChoiceField(choices=CrisisBron.choices, help_text="Via wie de melding binnenkomt (R-C4)")
    gemeld_op = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Wanneer de melding binnenkwam bij de crisisdienst (niet in de toekomst, hooguit het aantal uren "
        "van de regio terug; leeg: nu). De profijtsleutel telt de melding op de ontvangstdatum van de server (R-C5)",
    )
    bsn = serializers.CharField(
        max_length=9, required=False, allow_blank=True, default="", help_text="BSN van de jeugdige, als bekend"
    )
    huiselijk_geweld = serializers.BooleanField(default=False)
    buiten_kantoortijd = serializers.BooleanField(default=False)


class BeoordelingSerializer(serializers.Serializer):
    beoordeeld_op = serializers.DateTimeField(help_text="Binnen 4 uur na de melding (R-C3)")
    hulp_binnen_24_uur = serializers.BooleanField()
    uitkomst = serializers.ChoiceField(choices=CrisisUitkomst.choices)
    afhandeling = serializers.ChoiceField(
        choices=CrisisAfhandeling.choices,
        help_text="Alleen telefonisch, of crisisinterventie uitgevoerd: alleen die telt in de profijtsleutel (R-C5)",
    )


class CrisisverzoekSerializer(_MetRegisterkoppeling):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Crisisopvolgingsverzoek
        fields = [
            "id",
            "melding",
            "jeugdige",
            "bsn",
            "gemeente",
            "aanbieder",
            "product",
            "bed_onvermijdelijk",
            "startdatum",
            "ingediend_op",
            "uiterlijk",
            "te_laat",
            "status",
            "toewijzing",
            "motivering",
        ]


class NieuwCrisisverzoekSerializer(ZonderServerdatums):
    """The request date is the server's date of receipt, at the latest 3 working days after the
    start (R-C2, R-B9); a sent ``ingediend_op`` is refused."""

    serverdatums = {"ingediend_op": "de aanvraagdatum"}

    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de aanbieder die de opvolging levert")
    product = serializers.CharField(max_length=10, help_text="Productcode: ambulante spoedhulp, opvolging of bed")
    startdatum = serializers.DateField(
        help_text="Wanneer de crisisopvolging begon; aanvragen uiterlijk 3 werkdagen daarna (R-C2)"
    )
    bed_onvermijdelijk = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class CrisisbesluitSerializer(serializers.Serializer):
    toekennen = serializers.BooleanField()
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    volume = serializers.DecimalField(
        max_digits=10,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text="Toegekend volume: uren, of etmalen bij een crisisbed (standaard alle dagen). Plafond (R-B7).",
    )
    motivering = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
