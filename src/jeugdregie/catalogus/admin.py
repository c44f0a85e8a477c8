"""The installation's catalogue (the values without a region, which hold in every region without
its own, R-R1) is maintained here. With more than one region only the installation's
administrator (superuser) changes it: a functioneel beheerder of one region sets that region's own
tariffs and keuzebudgets on the region's pages (``organisaties:regiotarieven``,
``organisaties:regiokeuzebudgetten``) and reads the catalogue here; with one region its beheerder
is the catalogue's beheerder, as before. Tariffs go through the service so an overlapping period
is refused with the same message as in the API."""

from django import forms
from django.contrib import admin

from jeugdregie.common.errors import DomainError

from .models import Functie, KeuzebudgetJaar, KeuzebudgetNiveau, Product, Tarief, Tariefgroep
from .services import controleer_tariefperiode, registreer_tarief


def _beheert_de_catalogus(gebruiker) -> bool:
    """R-R1, "who else could do this?": the catalogue holds in every region without its own
    values, so with several regions a region's beheerder would change the others' tariffs."""
    if gebruiker.is_superuser:
        return True
    regio = Tarief._meta.get_field("regio").related_model  # organisaties.Regio, a later layer
    return regio._default_manager.count() <= 1


class AlleenInstallatie:
    """The catalogue's rows: changed by the installation's beheerder (``_beheert_de_catalogus``)."""

    def has_add_permission(self, request, *args):
        return _beheert_de_catalogus(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return _beheert_de_catalogus(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _beheert_de_catalogus(request.user) and super().has_delete_permission(request, obj)


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
class TariefAdmin(AlleenInstallatie, admin.ModelAdmin):
    form = TariefForm
    list_display = ["product", "regio", "begindatum", "einddatum", "bedrag", "illustratief"]
    list_filter = ["illustratief", "regio", "product__onderdeel"]

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
    readonly_fields = ["regio", "begindatum", "einddatum", "bedrag", "illustratief"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(AlleenInstallatie, admin.ModelAdmin):
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


class KeuzebudgetNiveauInline(AlleenInstallatie, admin.TabularInline):
    model = KeuzebudgetNiveau
    extra = 0


@admin.register(KeuzebudgetJaar)
class KeuzebudgetJaarAdmin(AlleenInstallatie, admin.ModelAdmin):
    list_display = ["jaar", "regio", "max_maanden_herstel", "max_maanden_duurzaam", "illustratief"]
    filter_horizontal = ["duurzaam_uitgesloten"]
    inlines = [KeuzebudgetNiveauInline]
