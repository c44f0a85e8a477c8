from django import forms
from django.contrib import admin

from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError

from .inkoop import controleer_inkoopniveau
from .models import (
    PARAMETERS,
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Inschrijving,
    Regelset,
    Regio,
    Subregio,
    Verwijzer,
)
from .regelset import zorg_voor_regelset
from .services import contract_gewijzigd


class RegelsetInline(admin.TabularInline):
    """R-R1: the versions of the region's rule set, read-only: a version is set in the Dutch
    screens (``organisaties:regelsets``) through ``regelset.stel_regelset_vast``, which refuses a
    start in the past and checks every parameter; the admin does not go round it."""

    model = Regelset
    extra = 0
    can_delete = False
    ordering = ["-geldig_vanaf"]
    fields = ["geldig_vanaf", *PARAMETERS, "vastgesteld_door", "vastgesteld_op"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin):
    """The region; its rule parameters are versions of its rule set (R-R1), shown read-only."""

    list_display = ["naam", "code"]
    fields = ["code", "naam"]
    inlines = [RegelsetInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            zorg_voor_regelset(obj)  # R-R1: a new region gets its first version


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "cbs_code", "regio", "subregio", "inwoners", "jeugdigen"]
    list_filter = ["regio", "subregio"]
    search_fields = ["naam", "cbs_code"]


@admin.register(Subregio)
class SubregioAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "regio"]
    list_filter = ["regio"]


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    list_display = ["naam", "agb_code", "categorie", "regio"]
    list_filter = ["categorie", "regio"]
    search_fields = ["naam", "agb_code"]


class ContractProductForm(forms.ModelForm):
    """R-R3: a contract line added here is judged like one of ``registreer_contract``: the region
    buys the product at the contract's level on the line's first day."""

    class Meta:
        model = ContractProduct
        fields = ["product", "begindatum", "einddatum"]

    def clean(self):
        gegevens = super().clean()
        contract = self.instance.contract if self.instance.contract_id else None
        product, begindatum = gegevens.get("product"), gegevens.get("begindatum")
        if contract is not None and product is not None and begindatum is not None:
            try:
                controleer_inkoopniveau(
                    regio_id=contract.regio_id,
                    lokaal=contract.gemeente_id is not None,
                    producten=[product],
                    op=begindatum,
                )
            except DomainError as fout:
                raise forms.ValidationError({"product": fout.message}) from None
        return gegevens


class ContractProductInline(admin.TabularInline):
    model = ContractProduct
    form = ContractProductForm
    extra = 0
    autocomplete_fields = ["product"]


class InschrijvingInline(admin.TabularInline):
    model = Inschrijving
    extra = 0
    autocomplete_fields = ["product"]


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["nummer", "aanbieder", "gemeente", "begindatum", "einddatum"]
    list_filter = ["regio", ("gemeente", admin.EmptyFieldListFilter)]
    search_fields = ["nummer", "aanbieder__naam", "aanbieder__agb_code"]
    autocomplete_fields = ["aanbieder"]
    inlines = [ContractProductInline, InschrijvingInline]

    # Issue 22 review F6: a change here (the contract or its product lines) can change which
    # allocations count as locally bought (R-R3): the contract as it was and as it is are
    # published, in the admin's transaction, for the control system's queue after the commit.
    def save_model(self, request, obj, form, change) -> None:
        if change:
            vorig = Contract.objects.filter(pk=obj.pk).first()
            if vorig is not None:
                publiceer(contract_gewijzigd(vorig))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        publiceer(contract_gewijzigd(form.instance))

    def delete_model(self, request, obj) -> None:
        publiceer(contract_gewijzigd(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for contract in queryset:
            publiceer(contract_gewijzigd(contract))
        super().delete_queryset(request, queryset)


@admin.register(Verwijzer)
class VerwijzerAdmin(admin.ModelAdmin):
    list_display = ["naam", "type", "agb_code", "regio"]
    list_filter = ["type"]
    search_fields = ["naam", "agb_code"]
