"""Shape checks of the casusregie pages; the services enforce the rules (STYLE.md §Writing 2). No
date is entered: every date is the server's, the waakvlam check's from the rule set (R-R1)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Stap, Toetsuitkomst, Voorwaarde


def _regisseur_label(gebruiker) -> str:
    return f"{gebruiker.get_full_name() or gebruiker.get_username()} · {gebruiker.organisatie_omschrijving}"


class RegisseurForm(forms.Form):
    """Open a casus, or change its casusregisseur (with a reason)."""

    casusregisseur = forms.ModelChoiceField(
        label=_("Casusregisseur"),
        queryset=None,
        help_text=_(
            "Bij vrijwillige hulp een medewerker van het lokale team of de toegang; tijdens een maatregel "
            "(OTS of voogdij) een medewerker van de GI die de maatregel uitvoert."
        ),
    )
    reden = forms.CharField(label=_("Reden van de wissel"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, kandidaten=None, wissel: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["casusregisseur"].queryset = kandidaten
        self.fields["casusregisseur"].label_from_instance = _regisseur_label
        if not wissel:
            del self.fields["reden"]


class StapForm(forms.Form):
    stap = forms.TypedChoiceField(label=_("Stap"), coerce=int, choices=Stap.choices)
    inhoud = forms.CharField(label=_("Wat is er vastgesteld?"), widget=forms.Textarea(attrs={"rows": 6}))
    verwijzingen = forms.ModelMultipleChoiceField(
        label=_("Verwijzingen die bij de middelen horen"),
        queryset=None,
        required=False,
        help_text=_("Alleen bij stap 3 (middelen): de verwijzingen van deze jeugdige die u inzet."),
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst van de toetsing"),
        choices=[("", "—"), *Toetsuitkomst.choices],
        required=False,
        help_text=_("Alleen bij stap 4 (toetsing)."),
    )

    def __init__(self, *args, stappen=(), verwijzingen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stap"].choices = [(s, Stap(s).label) for s in stappen] or Stap.choices
        self.fields["verwijzingen"].queryset = verwijzingen
        self.fields["verwijzingen"].label_from_instance = lambda v: f"{v.pk} · {v.aanbieder.naam} · {v.datum:%d-%m-%Y}"


class AfschalenForm(forms.Form):
    voorwaarden = forms.MultipleChoiceField(
        label=_("Geregelde voorwaarden in het gezin"),
        choices=Voorwaarde.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wat is er geregeld zodat de jeugdige in de eigen omgeving verder kan?"),
    )
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    waakvlam = forms.BooleanField(
        label=_("Waakvlam houden"),
        required=False,
        help_text=_(
            "Bij chronische of levenslange problematiek: de casus blijft op de waakvlam, u controleert periodiek en "
            "kunt weer opschalen."
        ),
    )


class BevindingForm(forms.Form):
    bevinding = forms.CharField(label=_("Bevinding"), widget=forms.Textarea(attrs={"rows": 4}))


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Waarom is er weer hulp nodig?"), widget=forms.Textarea(attrs={"rows": 3}))
