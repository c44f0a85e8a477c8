"""Shape only: the intake service enforces the rules (STYLE.md §Writing 2)."""

from rest_framework import serializers

from ..constants import DebetCredit
from ..models import Declaratie, Declaratieregel
from ..services.upload import MAX_REGELS


class RegelInvoerSerializer(serializers.Serializer):
    referentie = serializers.CharField(max_length=40, help_text="Uw eigen unieke kenmerk van de regel (TR314)")
    bsn = serializers.CharField(max_length=9, help_text="BSN van de jeugdige")
    toewijzing = serializers.IntegerField(allow_null=True, required=False, default=None, help_text="Toewijzingsnummer")
    product = serializers.CharField(max_length=10, help_text="Productcode uit de catalogus, bijvoorbeeld 45A03")
    begindatum = serializers.DateField()
    einddatum = serializers.DateField(help_text="In dezelfde kalendermaand als de begindatum (TR387/388)")
    volume = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="Uren of etmalen, groter dan 0")
    eenheid = serializers.CharField(max_length=12, help_text="uur of etmaal")
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="Volume × tarief op de begindatum")
    debet_credit = serializers.ChoiceField(choices=DebetCredit.choices, default=DebetCredit.DEBET)
    credit_referentie = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class NieuweDeclaratieSerializer(serializers.Serializer):
    gemeente = serializers.RegexField(r"^\d{4}$", help_text="CBS-code van de gemeente die betaalt, bijvoorbeeld 0193")
    nummer = serializers.CharField(max_length=40, help_text="Uw eigen declaratienummer, uniek per aanbieder")
    regels = RegelInvoerSerializer(many=True, max_length=MAX_REGELS)


class RegelSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    afkeur_omschrijving = serializers.CharField(source="get_afkeur_display", read_only=True)

    class Meta:
        model = Declaratieregel
        fields = [
            "volgnummer",
            "referentie",
            "jeugdige",
            "toewijzing",
            "product",
            "begindatum",
            "einddatum",
            "volume",
            "eenheid",
            "bedrag",
            "debet_credit",
            "status",
            "afkeur",
            "afkeur_omschrijving",
            "retourcode",
            "toelichting",
        ]


class DeclaratieSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    aanbieder = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    aantal_goedgekeurd = serializers.IntegerField(read_only=True)
    aantal_afgekeurd = serializers.IntegerField(read_only=True)

    class Meta:
        model = Declaratie
        fields = [
            "id",
            "nummer",
            "aanbieder",
            "gemeente",
            "bron",
            "ingediend_op",
            "periode_einde",
            "dagen_na_periode",
            "ingediend_bedrag",
            "goedgekeurd_bedrag",
            "aantal_goedgekeurd",
            "aantal_afgekeurd",
        ]


class DeclaratieMetRegelsSerializer(DeclaratieSerializer):
    regels = RegelSerializer(many=True, read_only=True)

    class Meta(DeclaratieSerializer.Meta):
        fields = [*DeclaratieSerializer.Meta.fields, "regels"]


class FoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    melding = serializers.CharField()
    veld = serializers.CharField(required=False)


class FoutenSerializer(serializers.Serializer):
    fouten = FoutSerializer(many=True)


class PeildatumSerializer(serializers.Serializer):
    op = serializers.DateField(required=False, help_text="Peildatum; standaard vandaag")


class BudgetOverzichtSerializer(serializers.Serializer):
    gemeente = serializers.CharField(source="gemeente.cbs_code")
    naam = serializers.CharField(source="gemeente.naam")
    op = serializers.DateField()
    vastgelegd = serializers.DecimalField(max_digits=14, decimal_places=2)
    besteed = serializers.DecimalField(max_digits=14, decimal_places=2)
    vrijgevallen = serializers.DecimalField(max_digits=14, decimal_places=2)
    beschikbaar = serializers.DecimalField(max_digits=14, decimal_places=2)
