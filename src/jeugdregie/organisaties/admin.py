from django.contrib import admin

from .models import Aanbieder, Contract, ContractProduct, Gemeente, Inschrijving, Regio, Verwijzer


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "solidariteitssleutel"]


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
