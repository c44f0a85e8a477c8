from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import Actie, Uitkomst
from .models import AuditRegelJeugdige


class AuditZoekForm(forms.Form):
    gebruiker = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    client_id = forms.IntegerField(label=_("Interne id jeugdige"), required=False, min_value=1)
    actie = forms.ChoiceField(label=_("Actie"), required=False, choices=[("", "—"), *Actie.choices])
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), required=False, choices=[("", "—"), *Uitkomst.choices])
    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["gebruiker"]:
            queryset = queryset.filter(gebruikersnaam=data["gebruiker"])
        if data["client_id"]:  # the rows about this child, and the exports that contained it (R-P6)
            in_export = AuditRegelJeugdige.objects.filter(client_id=data["client_id"]).values("regel_id")
            queryset = queryset.filter(Q(client_id=data["client_id"]) | Q(pk__in=in_export))
        if data["actie"]:
            queryset = queryset.filter(actie=data["actie"])
        if data["uitkomst"]:
            queryset = queryset.filter(uitkomst=data["uitkomst"])
        if data["van"]:
            queryset = queryset.filter(tijdstip__date__gte=data["van"])
        if data["tot"]:
            queryset = queryset.filter(tijdstip__date__lte=data["tot"])
        return queryset
