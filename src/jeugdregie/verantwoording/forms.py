"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.organisaties.models import Aanbieder

from .constants import Sleutel
from .services.crisisbekostiging import Component

COMPONENTREGELS = 4  # R-C5: rows for availability components on the settings page


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
    """R-B4/R-C5 settings of one year: availability components (name, amount, payee), the amount
    per intervention, the key, and one weight field per municipality for the manual key."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    tarief_interventie = forms.DecimalField(
        label=_("Bedrag per interventie (€)"),
        max_digits=10,
        decimal_places=2,
        help_text=_(
            "Per uitgevoerde crisisinterventie, ten laste van de gemeente van de melding (profijtbeginsel); "
            "telefonisch afgehandelde meldingen en de route Veilig Thuis tellen niet mee."
        ),
    )
    sleutel = forms.ChoiceField(label=_("Verdeelsleutel"), choices=Sleutel.choices)

    def __init__(self, *args, gemeenten=(), aanbieders=None, regels=COMPONENTREGELS, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = list(gemeenten)
        # R-C5: one row per availability component (name, annual amount, payee); empty rows are skipped
        self.regels = regels
        for i in range(regels):
            self.fields[f"component_{i}_naam"] = forms.CharField(
                label=_("Component %(nr)s: naam") % {"nr": i + 1}, max_length=100, required=False
            )
            self.fields[f"component_{i}_bedrag"] = forms.DecimalField(
                label=_("Component %(nr)s: jaarbedrag (€)") % {"nr": i + 1},
                max_digits=14,
                decimal_places=2,
                required=False,
            )
            self.fields[f"component_{i}_ontvanger"] = forms.ModelChoiceField(
                label=_("Component %(nr)s: ontvanger (aanbieder)") % {"nr": i + 1},
                queryset=aanbieders if aanbieders is not None else Aanbieder.objects.none(),
                required=False,
            )
        for gemeente in self.gemeenten:
            self.fields[f"gewicht_{gemeente.pk}"] = forms.DecimalField(
                label=_("Gewicht %(gemeente)s (alleen bij handmatige verdeling)") % {"gemeente": gemeente.naam},
                max_digits=10,
                decimal_places=4,
                required=False,
            )

    def componenten(self) -> list[Component]:
        """The filled component rows, in order (the service checks them)."""
        rijen = []
        for i in range(self.regels):
            naam = self.cleaned_data.get(f"component_{i}_naam") or ""
            bedrag = self.cleaned_data.get(f"component_{i}_bedrag")
            ontvanger = self.cleaned_data.get(f"component_{i}_ontvanger")
            if naam.strip() or bedrag is not None or ontvanger is not None:
                rijen.append(Component(naam=naam, bedrag=bedrag, ontvanger=ontvanger))
        return rijen

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
