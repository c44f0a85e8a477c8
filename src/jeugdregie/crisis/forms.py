"""Shape checks of the crisis pages; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import nu

from .constants import CrisisAfhandeling, CrisisUitkomst


class CrisisBeoordelingForm(forms.Form):
    beoordeeld_op = forms.DateTimeField(
        label=_("Beoordeeld op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        initial=nu,
    )
    hulp_binnen_24_uur = forms.BooleanField(label=_("Hulp nodig binnen 24 uur"), required=False)
    afhandeling = forms.ChoiceField(
        label=_("Afhandeling"),
        choices=CrisisAfhandeling.choices,
        widget=forms.RadioSelect,
        help_text=_("Alleen een uitgevoerde crisisinterventie telt mee in de profijtsleutel van de crisiskosten."),
    )
    uitkomst = forms.ChoiceField(label=_("Vervolgstap"), choices=CrisisUitkomst.choices)


class CrisisBesluitForm(forms.Form):
    toekennen = forms.TypedChoiceField(
        label=_("Besluit"),
        choices=[("1", _("Toewijzen (met terugwerkende kracht)")), ("0", _("Afwijzen"))],
        coerce=lambda v: v == "1",
    )
    einddatum = datumveld(_("Einddatum crisisopvolging"), required=False)
    volume = forms.DecimalField(
        label=_("Toegekend volume (uren, of etmalen bij een crisisbed)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Het plafond van wat de aanbieder kan declareren. Bij een crisisbed standaard alle dagen."),
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
