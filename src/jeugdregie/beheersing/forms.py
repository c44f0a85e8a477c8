"""Forms of the control pages: they check shape only; the rules are in the services (R-K2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.organisaties.categorieen import categoriekeuzes

from .constants import ALLE
from .indicatoren.register import INDICATOREN
from .models import Normsoort


class NormForm(forms.Form):
    """R-K2: a new version of a norm. Bounds in the indicator's unit; a percentile for relative."""

    # A select, but checked by the service, whose message says what to fix (R-K2).
    indicator = forms.CharField(label=_("Indicator"), max_length=12, widget=forms.Select())
    # A select of the region's categories (R-R1), checked by the service like the indicator.
    categorie = forms.CharField(label=_("Categorie aanbieders"), required=False, max_length=20, widget=forms.Select())
    soort = forms.ChoiceField(label=_("Soort norm"), choices=Normsoort.choices, widget=forms.RadioSelect)
    ondergrens = forms.DecimalField(label=_("Ondergrens"), required=False, max_digits=14, decimal_places=4)
    bovengrens = forms.DecimalField(label=_("Bovengrens"), required=False, max_digits=14, decimal_places=4)
    percentiel = forms.DecimalField(
        label=_("Percentiel (0–100)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        help_text=_("Relatief: onder dit percentiel van de categorie is rood, bijvoorbeeld 25."),
    )
    tolerantie = forms.DecimalField(
        label=_("Tolerantie (oranje)"),
        required=False,
        max_digits=14,
        decimal_places=4,
        help_text=_("Binnen deze afstand van de grens is oranje (eenheid van de indicator, of percentielpunten)."),
    )
    geldig_vanaf = forms.DateField(
        label=_("Geldig vanaf (maand)"),
        input_formats=["%Y-%m", "%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("De norm geldt voor perioden die in of na deze maand beginnen; eerdere perioden houden hun norm."),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, regio_id: int | None = None, **kwargs):
        """``regio_id``: the user's region, whose provider categories the select offers (R-R1)."""
        super().__init__(*args, **kwargs)
        self.fields["indicator"].widget.choices = [(i.code, f"{i.code} — {i.naam}") for i in INDICATOREN]
        self.fields["categorie"].widget.choices = [(ALLE, _("Alle categorieën")), *categoriekeuzes(regio_id)]

    def clean_geldig_vanaf(self):
        return self.cleaned_data["geldig_vanaf"].replace(day=1)
