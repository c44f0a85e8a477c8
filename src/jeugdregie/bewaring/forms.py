from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.jeugdigen.constants import Geslacht


class CorrectieForm(forms.Form):
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"}))
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices)
    reden = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class LangerBewarenForm(forms.Form):
    tot = forms.DateField(label=_("Bewaren tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    reden = forms.CharField(
        label=_("Waarom vraagt zorgvuldige zorg dit?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
