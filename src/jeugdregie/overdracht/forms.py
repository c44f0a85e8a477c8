"""Forms of the handover pages: shape only; the services enforce the rules (R-D3)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import GeschilUitkomst


class BeeindigenForm(forms.Form):
    regel = forms.IntegerField(widget=forms.HiddenInput)


class AfrondenForm(forms.Form):
    nieuwe_verwijzing = forms.ModelChoiceField(
        label=_("Nieuwe verwijzing van uw gemeente"), queryset=None, required=False, empty_label=_("Geen")
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als er geen nieuwe verwijzing is: schrijf waarom er geen nieuwe hulp nodig is."),
    )

    def __init__(self, *args, verwijzingen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nieuwe_verwijzing"].queryset = verwijzingen


class GeschilForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Waarover zijn de gemeenten het oneens?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class UitkomstForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=GeschilUitkomst.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))
