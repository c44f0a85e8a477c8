"""Forms of the declaration screens: shape only, the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jeugdregie.declaraties.constants import RegelStatus


def voorgesteld_nummer() -> str:
    """A declaration number the provider may keep: UPL-JJJJMMDD-UUMMSS (local time)."""
    return timezone.localtime().strftime("UPL-%Y%m%d-%H%M%S")


class UploadForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        queryset=None,
        label=_("Gemeente"),
        empty_label=_("— kies de gemeente —"),
        help_text=_("De gemeente die de zorg betaalt: één declaratie per gemeente."),
    )
    nummer = forms.CharField(
        max_length=40,
        label=_("Declaratienummer"),
        help_text=_("Uw eigen nummer. Hetzelfde bestand opnieuw met hetzelfde nummer geeft dezelfde uitkomst."),
    )
    bestand = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        allow_empty_file=True,  # the upload service explains an empty file (DEC111)
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class LijstFilter(forms.Form):
    gemeente = forms.ModelChoiceField(queryset=None, required=False, label=_("Gemeente"), empty_label=_("Alle"))
    status = forms.ChoiceField(
        choices=[("", _("Alle")), *RegelStatus.choices], required=False, label=_("Met regels die zijn")
    )
    van = forms.DateField(required=False, label=_("Periode van"), widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(required=False, label=_("tot en met"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten


class PeildatumForm(forms.Form):
    op = forms.DateField(required=False, label=_("Peildatum"), widget=forms.DateInput(attrs={"type": "date"}))
