"""Shape checks of the plan page; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import vandaag


class PlanForm(forms.Form):
    """R-H2: one approach per result, drawn up with the young person."""

    opgesteld_op = datumveld(_("Opgesteld op"), initial=vandaag)
    met_jeugdige = forms.BooleanField(label=_("Samen met de jeugdige opgesteld"), required=False)

    def __init__(self, *args, resultaten=(), plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        bestaand = {a.resultaat_id: a.aanpak for a in plan.afspraken.all()} if plan else {}
        self.resultaten = list(resultaten)
        for resultaat in self.resultaten:
            self.fields[f"aanpak_{resultaat.pk}"] = forms.CharField(
                label=_("Aanpak voor: %(resultaat)s") % {"resultaat": resultaat.omschrijving},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=bestaand.get(resultaat.pk, ""),
            )

    def clean(self):
        cleaned = super().clean()
        cleaned["aanpak"] = {r.pk: cleaned.get(f"aanpak_{r.pk}", "") for r in self.resultaten}
        return cleaned
