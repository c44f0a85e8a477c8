from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.jeugdigen.constants import Geslacht


class CorrectieForm(forms.Form):
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"}))
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices)
    # issue 15 §2: the current woonadres and first phone number, when they were wrong (a move is
    # not a correction: that is entered on the child's page and keeps the old address as history)
    woon_straatnaam = forms.CharField(label=_("Woonadres: straat"), max_length=100, required=False)
    woon_huisnummer = forms.CharField(label=_("Woonadres: huisnummer"), max_length=10, required=False)
    woon_huisletter = forms.CharField(label=_("Woonadres: huisletter"), max_length=5, required=False)
    woon_huisnummertoevoeging = forms.CharField(label=_("Woonadres: toevoeging"), max_length=10, required=False)
    woon_postcode = forms.CharField(label=_("Woonadres: postcode"), max_length=12, required=False)
    woon_plaatsnaam = forms.CharField(label=_("Woonadres: woonplaats"), max_length=100, required=False)
    telefoon = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    reden = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class LangerBewarenForm(forms.Form):
    tot = forms.DateField(label=_("Bewaren tot en met"), widget=forms.DateInput(attrs={"type": "date"}))
    reden = forms.CharField(
        label=_("Waarom vraagt zorgvuldige zorg dit?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
