"""The upload form: shape only (STYLE.md §Writing 2); the service checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .bestandscontrole import TOEGESTAAN, max_bytes


class DocumentForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort document"))
    titel = forms.CharField(label=_("Titel"), max_length=200)
    verwijzing = forms.ModelChoiceField(
        label=_("Bij verwijzing"), queryset=None, required=False, empty_label=_("(geen: bij de jeugdige)")
    )
    toewijzing = forms.ModelChoiceField(
        label=_("Bij toewijzing"), queryset=None, required=False, empty_label=_("(geen)")
    )
    bestand = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(e for ext in TOEGESTAAN.values() for e in ext)}),
    )

    def __init__(self, *args, soorten, verwijzingen, toewijzingen, **kwargs):
        super().__init__(*args, **kwargs)
        mb = max_bytes() // (1024 * 1024)
        self.fields["bestand"].help_text = _("PDF, PNG of JPEG, hoogstens %(mb)s MB.") % {"mb": mb}
        self.fields["soort"].choices = [(s.value, s.label) for s in soorten]
        self.fields["verwijzing"].queryset = verwijzingen
        self.fields["verwijzing"].label_from_instance = lambda v: (
            _("Verwijzing %(nummer)s van %(datum)s")
            % {
                "nummer": v.pk,
                "datum": v.datum.strftime("%d-%m-%Y"),
            }
        )
        self.fields["toewijzing"].queryset = toewijzingen
        self.fields["toewijzing"].label_from_instance = lambda t: (
            _("Toewijzing %(nummer)s (%(aanbieder)s)")
            % {
                "nummer": t.pk,
                "aanbieder": t.aanbieder.naam,
            }
        )
