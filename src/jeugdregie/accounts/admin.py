from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
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
