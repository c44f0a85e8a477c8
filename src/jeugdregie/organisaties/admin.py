from django.contrib import admin

from .models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio, Verwijzer


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    """The region and its rule parameters (seed values as defaults; per region and year in issue 22)."""

    list_display = ["naam", "code", "solidariteitssleutel"]
    fieldsets = [
        (None, {"fields": ["code", "naam", "solidariteitssleutel"]}),
        (
            "Declareren en toegang",
            {
                "fields": [
                    "declaratietermijn_dagen",
                    "declaratievertraging_venster_dagen",
                    "declaratievertraging_min_regels",
                    "huisartsroute_venster_maanden",
                    "verlenging_duurzaam_signaal_weken",
                    "wachttijd_geldigheid_dagen",
                ]
            },
        ),
        ("Crisis", {"fields": ["crisismelding_terugmelden_uren"]}),
        (
            "Wonen/Verblijf: leeftijdsgrenzen en matchingsnormen",
            {
                "fields": [
                    "toekomstplan_vanaf_leeftijd",
                    "wonen_grens_leeftijd",
                    "gezinsvorm_verlenging_tot_leeftijd",
                    "verlengde_jeugdhulp_tot_leeftijd",
                    "matching_norm_dagen",
                    "matching_norm_respijtzorg_dagen",
                ]
            },
        ),
    ]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "regio", "inwoners", "jeugdigen"]
    list_filter = ["regio"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    list_display = ["naam", "agb_code", "categorie", "regio"]
    list_filter = ["categorie", "regio"]
    search_fields = ["naam", "agb_code"]


class ContractProductInline(admin.TabularInline):
    model = ContractProduct
    extra = 0
    autocomplete_fields = ["product"]


class InschrijvingInline(admin.TabularInline):
    model = Inschrijving
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["nummer", "aanbieder", "begindatum", "einddatum"]
    search_fields = ["nummer", "aanbieder__naam", "aanbieder__agb_code"]
    autocomplete_fields = ["aanbieder"]
    inlines = [ContractProductInline, InschrijvingInline]


@admin.register(Verwijzer)
class VerwijzerAdmin(admin.ModelAdmin):
    list_display = ["naam", "type", "agb_code", "regio"]
    list_filter = ["type"]
    search_fields = ["naam", "agb_code"]
