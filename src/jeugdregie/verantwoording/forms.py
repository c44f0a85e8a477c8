"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Sleutel


class CrisisJaarForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    maand = forms.TypedChoiceField(
        label=_("Maand"),
        choices=[("", _("Hele jaar"))] + [(str(m), str(m)) for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class CrisisbekostigingForm(forms.Form):
    """R-B4 settings of one year; one weight field per municipality for the manual key."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    beschikbaarheid = forms.DecimalField(
        label=_("Jaarbedrag beschikbaarheid (€)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Taakgericht, verdeeld over de gemeenten naar de verdeelsleutel (solidariteit)."),
    )
    tarief_interventie = forms.DecimalField(
        label=_("Bedrag per interventie (€)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Per crisismelding, ten laste van de gemeente van de melding (profijtbeginsel)."),
    )
    sleutel = forms.ChoiceField(label=_("Verdeelsleutel"), choices=Sleutel.choices)

    def __init__(self, *args, gemeenten=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = list(gemeenten)
        for gemeente in self.gemeenten:
            self.fields[f"gewicht_{gemeente.pk}"] = forms.DecimalField(
                label=_("Gewicht %(gemeente)s (alleen bij handmatige verdeling)") % {"gemeente": gemeente.naam},
                max_digits=10,
                decimal_places=4,
                required=False,
            )

    def gewichten(self) -> dict[int, object] | None:
        if self.cleaned_data["sleutel"] != Sleutel.HANDMATIG:
            return None
        return {g.pk: self.cleaned_data.get(f"gewicht_{g.pk}") for g in self.gemeenten}


class ProductieKeuzeForm(forms.Form):
    aanbieder = forms.ModelChoiceField(label=_("Aanbieder"), queryset=None)
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)

    def __init__(self, *args, aanbieders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders
