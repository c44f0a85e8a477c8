"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _


class NieuweBatchForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=9999)
    maand = forms.TypedChoiceField(
        label=_("Maand van indienen"),
        choices=sorted(MONTHS.items()),
        coerce=int,
        help_text=_(
            "De batch betaalt de goedgekeurde regels van de declaraties die in deze maand zijn ingediend. "
            "Alleen een afgelopen maand."
        ),
    )


class AfwijzenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting bij afwijzen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat moet de voorbereider herstellen? De declaraties komen vrij voor een nieuwe voorbereiding."),
    )
