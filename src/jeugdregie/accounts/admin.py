"""The Django admin for accounts: superusers only (R-P5).

The functioneel beheerder manages accounts in the Dutch screens of ``gebruikersbeheer``,
confined to its region. Through the admin a beheerder with staff access could otherwise set
``is_superuser``, ``is_staff``, groups or permissions, or create accounts in any organisation:
so the account and group admins answer to superusers alone, and their changes are audit-logged
like the screens'."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import context_uit_request
from jeugdregie.audit.services import log

from .models import Gebruiker


class AlleenSuperuser:
    """Every permission of this admin for superusers only, whatever groups or permissions say."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


def _log_wijziging(request, obj, *, actie: Actie, velden) -> None:
    """R-P5: the admin's changes to accounts and groups reach the audit log (field names only)."""
    log(
        actie=actie,
        objecttype=obj._meta.label,
        object_id=obj.pk,
        context=context_uit_request(request),
        details=f"via beheer (admin): {', '.join(sorted(velden)) or 'geen velden'}",
    )


@admin.register(Gebruiker)
class GebruikerAdmin(AlleenSuperuser, UserAdmin):
    list_display = ["username", "get_full_name", "rol", "gemeente", "aanbieder", "verwijzer", "is_active"]
    list_filter = ["rol", "is_active", "gemeente"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Rol en organisatie", {"fields": ["rol", "regio", "gemeente", "aanbieder", "verwijzer"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Rol en organisatie", {"fields": ["rol", "regio", "gemeente", "aanbieder", "verwijzer"]}),
    ]
    autocomplete_fields = ["aanbieder", "verwijzer"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        velden = [v for v in form.changed_data if v not in ("password", "password1", "password2")]
        if any(v in form.changed_data for v in ("password", "password1", "password2")):
            velden.append("wachtwoord")
        _log_wijziging(request, obj, actie=Actie.WIJZIGEN if change else Actie.AANMAKEN, velden=velden)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        m2m = [v for v in ("groups", "user_permissions") if v in form.changed_data]
        if m2m:
            _log_wijziging(request, form.instance, actie=Actie.WIJZIGEN, velden=m2m)

    def delete_model(self, request, obj):
        _log_wijziging(request, obj, actie=Actie.VERWIJDEREN, velden=[])
        super().delete_model(request, obj)


admin.site.unregister(Group)


@admin.register(Group)
class GroepAdmin(AlleenSuperuser, GroupAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _log_wijziging(request, obj, actie=Actie.WIJZIGEN if change else Actie.AANMAKEN, velden=form.changed_data)


# R-P5: the admin must not show a second factor's key (its QR code would let the viewer copy the
# factor). Devices are managed in the account's own screens; a lost phone is, for now, reset by
# an operator deleting the device on the server (no Dutch screen for it yet).
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
