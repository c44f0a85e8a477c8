from django.contrib import admin, messages

from jeugdregie.audit.context import context_uit_request
from jeugdregie.common.errors import DomainError

from .models import ApiToken
from .services import trek_in


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read and revoke only. A token is made with ``manage.py api_token maak`` (its key is shown
    once); every change goes through the services, so it is audit-logged (R-P8)."""

    list_display = ["sleutel_begin", "gebruiker", "omschrijving", "aangemaakt_op", "verloopt_op", "ingetrokken_op"]
    list_filter = ["ingetrokken_op"]
    search_fields = ["gebruiker__username", "omschrijving"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["intrekken"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Geselecteerde tokens intrekken", permissions=["view"])
    def intrekken(self, request, queryset):
        for token in queryset:
            try:
                trek_in(token=token, door=request.user, context=context_uit_request(request))
            except DomainError as fout:
                self.message_user(request, f"{token}: {fout.message}", messages.WARNING)
