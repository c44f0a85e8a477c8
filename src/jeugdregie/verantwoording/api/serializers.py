"""Shapes of the verantwoording API. Money is serialised as decimal strings."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..services.productie import betaalbatch_van

BEDRAG = {"max_digits": 16, "decimal_places": 2}


class CrisisVraagSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)
    maand = serializers.IntegerField(min_value=1, max_value=12, required=False)


class AandeelSerializer(serializers.Serializer):
    gemeente_id = serializers.IntegerField(allow_null=True)
    gemeente = serializers.CharField()
    maand = serializers.IntegerField(allow_null=True)
    sleutelaandeel = serializers.DecimalField(max_digits=5, decimal_places=2, help_text="Procent van de sleutel.")
    beschikbaarheid = serializers.DecimalField(**BEDRAG)
    interventies = serializers.IntegerField()
    interventiebedrag = serializers.DecimalField(**BEDRAG)
    totaal = serializers.DecimalField(**BEDRAG)


class ComponentGemeenteSerializer(serializers.Serializer):
    gemeente_id = serializers.IntegerField()
    gemeente = serializers.CharField()
    bedrag = serializers.DecimalField(**BEDRAG)


class ComponentaandeelSerializer(serializers.Serializer):
    """R-C5: one availability component, its payee and the shares of the municipalities shown."""

    component_id = serializers.IntegerField()
    naam = serializers.CharField()
    ontvanger = serializers.CharField(
        source="ontvanger_agb", help_text="AGB-code van de aanbieder die het bedrag ontvangt (leeg: niet ingesteld)."
    )
    ontvanger_naam = serializers.CharField(source="ontvanger")
    jaarbedrag = serializers.DecimalField(**BEDRAG)
    aandelen = serializers.SerializerMethodField()
    totaal = serializers.DecimalField(**BEDRAG, help_text="Som van de getoonde gemeenten over de getoonde maanden.")

    @extend_schema_field(ComponentGemeenteSerializer(many=True))
    def get_aandelen(self, obj):
        return ComponentGemeenteSerializer(
            [{"gemeente_id": gid, "gemeente": naam, "bedrag": bedrag} for gid, naam, bedrag in obj.aandelen], many=True
        ).data


class CrisisverdelingSerializer(serializers.Serializer):
    """R-B4: the split per municipality per month, per municipality and in total; R-C5: per
    availability component and payee."""

    regio = serializers.CharField(source="bekostiging.regio.code")
    jaar = serializers.IntegerField(source="bekostiging.jaar")
    sleutel = serializers.CharField(source="bekostiging.sleutel")
    beschikbaarheid_jaar = serializers.DecimalField(source="bekostiging.beschikbaarheid", **BEDRAG)
    tarief_interventie = serializers.DecimalField(source="bekostiging.tarief_interventie", **BEDRAG)
    componenten = ComponentaandeelSerializer(many=True)
    regels = AandeelSerializer(many=True)
    per_gemeente = AandeelSerializer(many=True)
    totaal = AandeelSerializer()


class ProductieVraagSerializer(serializers.Serializer):
    aanbieder = serializers.CharField(max_length=8, help_text="AGB-code van de aanbieder.")
    jaar = serializers.IntegerField(min_value=2000, max_value=2100)


class ProductieregelVraagSerializer(ProductieVraagSerializer):
    gemeente = serializers.CharField(max_length=4, help_text="CBS-code van de gemeente.")
    product = serializers.CharField(
        max_length=10, required=False, allow_blank=True, help_text="Productcode; leeg: regels zonder product."
    )


class ProductierijSerializer(serializers.Serializer):
    CIJFERS = ("aantal_regels", "volume", "gedeclareerd", "afgekeurd", "goedgekeurd", "betaald")

    gemeente_id = serializers.IntegerField()
    gemeente = serializers.CharField()
    productcode = serializers.CharField()
    product = serializers.CharField()
    eenheid = serializers.CharField()
    aantal_regels = serializers.IntegerField(allow_null=True)
    volume = serializers.DecimalField(**BEDRAG, allow_null=True)
    gedeclareerd = serializers.DecimalField(**BEDRAG, allow_null=True)
    afgekeurd = serializers.DecimalField(**BEDRAG, allow_null=True)
    goedgekeurd = serializers.DecimalField(**BEDRAG, allow_null=True)
    betaald = serializers.DecimalField(**BEDRAG, allow_null=True)
    verborgen = serializers.CharField(
        allow_blank=True,
        help_text='"<5" of "—": te weinig jeugdigen in deze rij; de cijfers zijn leeg (issue 14 §7).',
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.verborgen:  # suppressed for an aggregates-only role (services/onthulling.py)
            data.update(dict.fromkeys(self.CIJFERS))
        return data


class TotalenSerializer(serializers.Serializer):
    aantal_regels = serializers.IntegerField(allow_null=True)
    gedeclareerd = serializers.DecimalField(**BEDRAG, allow_null=True)
    afgekeurd = serializers.DecimalField(**BEDRAG, allow_null=True)
    goedgekeurd = serializers.DecimalField(**BEDRAG, allow_null=True)
    betaald = serializers.DecimalField(**BEDRAG, allow_null=True)


class VerschilSerializer(serializers.Serializer):
    soort = serializers.CharField()
    omschrijving = serializers.CharField()
    waar = serializers.CharField()
    verwacht = serializers.DecimalField(**BEDRAG)
    gevonden = serializers.DecimalField(**BEDRAG)


class ReconciliatieSerializer(serializers.Serializer):
    klopt = serializers.BooleanField()
    betaalposten = serializers.IntegerField()
    toewijzingen = serializers.IntegerField()
    verschillen = VerschilSerializer(many=True)


class IndieningSerializer(serializers.Serializer):
    ingediend_op = serializers.DateTimeField()
    dagen_na_jaareinde = serializers.IntegerField()
    goedgekeurd_totaal = serializers.DecimalField(**BEDRAG)
    betaald_totaal = serializers.DecimalField(**BEDRAG)
    taakgericht_gepland_totaal = serializers.DecimalField(
        **BEDRAG, allow_null=True, help_text="Taakgericht gepland bij indiening; leeg als dat toen niet werd bewaard."
    )
    taakgericht_betaald_totaal = serializers.DecimalField(
        **BEDRAG, allow_null=True, help_text="Taakgericht betaald bij indiening; leeg als dat toen niet werd bewaard."
    )


class TaakgerichteProductieSerializer(serializers.Serializer):
    """R-R2: one assignment's year in one municipality — terms paid instead of declared lines."""

    opdracht = serializers.CharField()
    gemeente_id = serializers.IntegerField()
    gemeente = serializers.CharField()
    gepland = serializers.DecimalField(**BEDRAG)
    termijnen_betaald = serializers.IntegerField()
    betaald = serializers.DecimalField(**BEDRAG)


class TaakgerichteTotalenSerializer(serializers.Serializer):
    gepland = serializers.DecimalField(**BEDRAG)
    betaald = serializers.DecimalField(**BEDRAG)


class ProductieverantwoordingSerializer(serializers.Serializer):
    """R-V1: the statement (aggregates only), its reconciliation and its submission (R-V2)."""

    aanbieder = serializers.CharField(source="cijfers.aanbieder.agb_code")
    jaar = serializers.IntegerField(source="cijfers.jaar")
    alleen_gemeente = serializers.CharField(allow_null=True, help_text="CBS-code wanneer alleen de eigen gemeente.")
    illustratieve_tarieven = serializers.BooleanField(source="cijfers.illustratief")
    rijen = ProductierijSerializer(source="cijfers.rijen", many=True)
    toelichting = serializers.CharField(source="cijfers.toelichting", help_text="Waarom rijen verborgen zijn.")
    totalen = TotalenSerializer(source="cijfers.totalen")
    reconciliatie = ReconciliatieSerializer()
    indiening = IndieningSerializer(allow_null=True)
    gewijzigd_sinds_indiening = serializers.BooleanField(allow_null=True)
    taakgericht = TaakgerichteProductieSerializer(
        many=True, help_text="R-R2: de termijnen van taakgerichte opdrachten, per opdracht en gemeente."
    )
    taakgericht_totaal = TaakgerichteTotalenSerializer()
    betaald_samen = serializers.DecimalField(
        **BEDRAG,
        allow_null=True,
        help_text="Betaald per regel plus taakgericht betaald; leeg als de totalen verborgen zijn (issue 14 §7).",
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance["cijfers"].totaal_verborgen:  # one small row: the totals would give it back (§7)
            data["totalen"] = dict.fromkeys(data["totalen"])
            data["indiening"] = None
        return data


class IndienenSerializer(ProductieVraagSerializer):
    pass


class ProductieregelSerializer(serializers.Serializer):
    """One line behind a cell of the statement (personal data: the BSN, masked for finance)."""

    id = serializers.IntegerField()
    declaratie = serializers.CharField(source="declaratie.nummer")
    referentie = serializers.CharField()
    bsn = serializers.SerializerMethodField()
    productcode = serializers.CharField(source="product.code", default="")
    begindatum = serializers.DateField()
    einddatum = serializers.DateField()
    volume = serializers.DecimalField(max_digits=10, decimal_places=2)
    eenheid = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
    debet_credit = serializers.CharField()
    status = serializers.CharField()
    afkeur = serializers.CharField()
    retourcode = serializers.CharField()
    betaalbatch = serializers.SerializerMethodField(help_text="Id van de betaalbatch die de regel betaalt")
    betaalbatch_referentie = serializers.SerializerMethodField()
    betaald = serializers.BooleanField(read_only=True, help_text="In een goedgekeurde betaalbatch")

    def get_bsn(self, regel) -> str:
        if regel.jeugdige is None:
            return ""
        return regel.jeugdige.bsn if self.context.get("toon_volledig_bsn") else regel.jeugdige.bsn_gemaskeerd

    def get_betaalbatch(self, regel) -> int | None:
        batch = betaalbatch_van(regel)
        return batch.pk if batch else None

    def get_betaalbatch_referentie(self, regel) -> str:
        batch = betaalbatch_van(regel)
        return batch.referentie if batch else ""
