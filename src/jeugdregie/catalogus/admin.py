"""The functioneel beheerder maintains the catalog here. Tariffs go through the service so an
overlapping period is refused with the same message as in the API."""

from django import forms
from django.contrib import admin

from jeugdregie.common.errors import DomainError

from .models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief, Tariefgroep
from .services import controleer_tariefperiode, registreer_tarief


class TariefForm(forms.ModelForm):
    class Meta:
        model = Tarief
        fields = ["product", "begindatum", "einddatum", "bedrag", "illustratief"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            raise forms.ValidationError("Een tarief wijzigt u niet: sluit het af en voeg een nieuw tarief toe.")
        if cleaned.get("product") and cleaned.get("begindatum") and cleaned.get("bedrag") is not None:
            try:
                controleer_tariefperiode(
                    product=cleaned["product"],
                    begindatum=cleaned["begindatum"],
                    einddatum=cleaned.get("einddatum"),
                    bedrag=cleaned["bedrag"],
                )
            except DomainError as error:
                raise forms.ValidationError(error.message) from error
        return cleaned


@admin.register(Tarief)
class TariefAdmin(admin.ModelAdmin):
    form = TariefForm
    list_display = ["product", "begindatum", "einddatum", "bedrag", "illustratief"]
    list_filter = ["illustratief", "product__onderdeel"]

    def save_model(self, request, obj, form, change):
        saved = registreer_tarief(
            product=obj.product,
            begindatum=obj.begindatum,
            einddatum=obj.einddatum,
            bedrag=obj.bedrag,
            illustratief=obj.illustratief,
            door=request.user,
        )
        obj.pk = saved.pk


class TariefInline(admin.TabularInline):
    model = Tarief
    extra = 0
    can_delete = False
    readonly_fields = ["begindatum", "einddatum", "bedrag", "illustratief"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "onderdeel", "eenheid", "ijw_productcategorie", "ijw_eenheid", "actief"]
    list_filter = ["onderdeel", "eenheid", "actief"]
    search_fields = ["code", "naam"]
    inlines = [TariefInline]


@admin.register(Tariefgroep)
class TariefgroepAdmin(admin.ModelAdmin):
    list_display = ["nummer", "naam", "opleidingsniveau", "fwg", "schaal"]


@admin.register(Functie)
class FunctieAdmin(admin.ModelAdmin):
    list_display = ["naam", "tariefgroep"]
    list_filter = ["tariefgroep"]
    search_fields = ["naam"]


class KeuzebudgetNiveauInline(admin.TabularInline):
    model = KeuzebudgetNiveau
    extra = 0


@admin.register(KeuzebudgetJaar)
class KeuzebudgetJaarAdmin(admin.ModelAdmin):
    list_display = ["jaar", "max_maanden_herstel", "max_maanden_duurzaam", "illustratief"]
    filter_horizontal = ["duurzaam_uitgesloten"]
    inlines = [KeuzebudgetNiveauInline]
