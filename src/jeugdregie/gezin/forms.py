"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.jeugdigen.constants import AanduidingWoonadres
from jeugdregie.jeugdigen.forms import ADRESVELDEN
from jeugdregie.jeugdigen.services_contact import landcodes

from .constants import ROLLEN_GEZINSLID, Gegevenssoort, Kanaal
from .services import Gezinsliddata


def _landen():
    return sorted(landcodes().items(), key=lambda paar: (paar[0] != "NL", paar[1]))


class GezinslidForm(forms.Form):
    """A parent, voogd or GI with contact details (issue 20 §1)."""

    rol = forms.ChoiceField(label=_("Rol"), choices=ROLLEN_GEZINSLID)
    gezag = forms.BooleanField(
        label=_("Heeft gezag"),
        required=False,
        initial=True,
        help_text=_("Een voogd of gecertificeerde instelling heeft altijd gezag."),
    )
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200, required=False)
    achternaam = forms.CharField(label=_("Achternaam of naam van de instelling"), max_length=200, required=False)
    kanaal = forms.ChoiceField(label=_("Brieven"), choices=Kanaal.choices, initial=Kanaal.POST)
    email = forms.CharField(label=_("E-mailadres"), max_length=254, required=False)
    telefoon = forms.CharField(
        label=_("Telefoonnummer"), max_length=30, required=False, help_text=_("Bijvoorbeeld 06-12345678")
    )
    woont_bij_jeugdige = forms.BooleanField(label=_("Woont op het adres van de jeugdige"), required=False)
    straatnaam = forms.CharField(label=_("Straat"), max_length=100, required=False)
    huisnummer = forms.CharField(label=_("Huisnummer"), max_length=10, required=False)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=5, required=False)
    huisnummertoevoeging = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    aanduiding = forms.ChoiceField(
        label=_("Aanduiding (bij, tegenover, woonboot of woonwagen)"),
        choices=[("", "—"), *AanduidingWoonadres.choices],
        required=False,
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=12, required=False)
    plaatsnaam = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    land = forms.ChoiceField(label=_("Land"), choices=_landen, initial="NL", required=False)

    PERSOON = ("rol", "gezag", "voornamen", "achternaam")
    CONTACT = ("kanaal", "email", "telefoon", "woont_bij_jeugdige")

    def adres(self) -> dict | None:
        gegevens = {naam: self.cleaned_data.get(naam) or "" for naam in ADRESVELDEN}
        if not any(str(v).strip() for k, v in gegevens.items() if k != "land"):
            return None
        return gegevens

    def gegevens(self) -> Gezinsliddata:
        data = self.cleaned_data
        return Gezinsliddata(
            rol=data["rol"],
            gezag=data["gezag"],
            voornamen=data["voornamen"],
            achternaam=data["achternaam"],
            email=data["email"],
            telefoon=data["telefoon"],
            kanaal=data["kanaal"],
            woont_bij_jeugdige=data["woont_bij_jeugdige"],
            adres=self.adres(),
        )

    def groepen(self):
        return [
            (_("Persoon en gezag"), [self[n] for n in self.PERSOON]),
            (_("Contact"), [self[n] for n in self.CONTACT]),
            (_("Adres (als het anders is dan dat van de jeugdige)"), [self[n] for n in ADRESVELDEN]),
        ]


class ContactvoorkeurForm(forms.Form):
    """The young person's own e-mail address and channel."""

    kanaal = forms.ChoiceField(label=_("Brieven"), choices=Kanaal.choices, initial=Kanaal.POST)
    email = forms.CharField(label=_("E-mailadres van de jeugdige"), max_length=254, required=False)


class ToestemmingForm(forms.Form):
    """A consent: what may be shared with whom, given by whom (issue 20 §4)."""

    gever = forms.ChoiceField(label=_("Gegeven door"))
    gegevens = forms.ChoiceField(label=_("Welke gegevens"), choices=Gegevenssoort.choices)
    ontvanger = forms.CharField(
        label=_("Met wie"), max_length=200, required=False, help_text=_("Bijvoorbeeld de school of de huisarts")
    )
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    JEUGDIGE = "jeugdige"

    def __init__(self, *args, gevers: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gever"].choices = gevers
