"""Shape checks of the bezwaar pages; the services enforce the rules (STYLE.md §Writing 2). No
date is entered except the postmark of a posted objection (Awb 6:9 lid 2): every other date is
the server's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.formulieren import datumveld

from .constants import Uitkomst


class RegistratieForm(forms.Form):
    indiener = forms.CharField(label=_("Wie maakt bezwaar"), max_length=200)
    gronden = forms.CharField(label=_("Gronden van het bezwaar"), widget=forms.Textarea(attrs={"rows": 5}))
    ter_post_op = datumveld(
        _("Datum poststempel"),
        required=False,
        help_text=_("Alleen bij een bezwaar per post: de datum op de envelop. De ontvangstdatum is vandaag."),
    )
    adviescommissie = forms.BooleanField(label=_("Voorleggen aan de adviescommissie bezwaarschriften"), required=False)


class LeegForm(forms.Form):
    """A step without input (the hearing was held today)."""


class RedenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))


class MotiveringForm(forms.Form):
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))


class AdviesForm(forms.Form):
    advies = forms.CharField(label=_("Advies van de commissie"), widget=forms.Textarea(attrs={"rows": 4}))


class BeslissingForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Uitkomst.choices)
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))
    resultaten = forms.CharField(
        label=_("Resultaten van de nieuwe verwijzing (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Alleen bij gegrond: de aanbieder beoordeelt de nieuwe verwijzing, daarna volgt de toewijzing "
            "met een eigen beschikking."
        ),
    )

    def __init__(self, *args, herverwijzen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not herverwijzen:
            del self.fields["resultaten"]
            self.fields["uitkomst"].help_text = _(
                "Bij gegrond neemt u daarna het nieuwe besluit op de pagina van de toewijzing of de aanvraag. "
                "Het bezwaar blijft op uw werkvoorraad tot u de nieuwe beschikking eraan koppelt."
            )

    def clean_resultaten(self):
        return [r.strip() for r in self.cleaned_data.get("resultaten", "").splitlines() if r.strip()]


class KoppelForm(forms.Form):
    beschikking = forms.ModelChoiceField(
        label=_("Nieuwe beschikking"),
        queryset=None,
        help_text=_(
            "Alleen verzonden beschikkingen van deze jeugdige van na de beslissing op bezwaar staan in de lijst. "
            "Leg de verzending eerst vast in het dossier."
        ),
    )

    def __init__(self, *args, beschikkingen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beschikking"].queryset = beschikkingen
        # number, kind and date: the number alone does not tell which decision it is
        self.fields["beschikking"].label_from_instance = lambda b: (
            f"{b.nummer} · {b.get_soort_display()} · {b.datum:%d-%m-%Y}"
        )


class BeroepForm(forms.Form):
    rechtbank = forms.CharField(label=_("Rechtbank"), max_length=200)
    zaaknummer = forms.CharField(label=_("Zaaknummer"), max_length=60, required=False)


class UitspraakForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Uitkomst.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
