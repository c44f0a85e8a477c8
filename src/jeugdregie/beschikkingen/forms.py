from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import BeschikkingSoort
from .models import Sjabloon

LOGO_MAX_BYTES = 1024 * 1024
LOGO_SOORTEN = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}


class RegisterFilter(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle")), *BeschikkingSoort.choices])
    verzonden = forms.ChoiceField(
        label=_("Verzonden"), required=False, choices=[("", _("Alle")), ("ja", _("Ja")), ("nee", _("Nee"))]
    )
    van = forms.DateField(label=_("Datum vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Datum tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    nummer = forms.CharField(label=_("Nummer"), required=False, max_length=30)


class SjabloonForm(forms.ModelForm):
    logo = forms.FileField(label=_("Logo (PNG of JPEG, ten hoogste 1 MB)"), required=False)
    logo_verwijderen = forms.BooleanField(label=_("Logo weghalen"), required=False)

    class Meta:
        model = Sjabloon
        fields = ["afzender", "ondertekenaar", "functie_ondertekenaar", "inleiding", "slot", "contact"]
        labels = {
            "afzender": _("Afzender"),
            "ondertekenaar": _("Ondertekenaar"),
            "functie_ondertekenaar": _("Functie van de ondertekenaar"),
            "inleiding": _("Inleiding"),
            "slot": _("Slot"),
            "contact": _("Contact"),
        }

    def clean_logo(self):
        """Shape only: a PNG or JPEG by its first bytes, not its name, and not too large."""
        logo = self.cleaned_data.get("logo")
        if not logo:
            return None
        if logo.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Het logo is groter dan 1 MB. Kies een kleiner bestand."))
        begin = logo.read(8)
        logo.seek(0)
        if not any(begin.startswith(handtekening) for handtekening in LOGO_SOORTEN.values()):
            raise forms.ValidationError(_("Het logo moet een PNG- of JPEG-afbeelding zijn."))
        return logo
