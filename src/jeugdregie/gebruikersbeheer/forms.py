"""Shape only: the services decide what a manager may do (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.accounts.constants import ORGANISATIE, Rol
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Verwijzer

MODELLEN = {"gemeente": Gemeente, "aanbieder": Aanbieder, "verwijzer": Verwijzer}


class GebruikerForm(forms.Form):
    """Name, e-mail, role and the organisation the role needs. The lists show the organisations of
    the manager's own region; a value from elsewhere passes the form and is refused by the service
    (R-P5), so a forged request is answered with 403 and an audit row."""

    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"), help_text=_("Hierheen gaat de link om een wachtwoord in te stellen.")
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=Rol.choices)
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Gemeente.objects.all(), required=False)
    aanbieder = forms.ModelChoiceField(label=_("Aanbieder"), queryset=Aanbieder.objects.all(), required=False)
    verwijzer = forms.ModelChoiceField(label=_("Verwijzer"), queryset=Verwijzer.objects.all(), required=False)

    def __init__(self, *args, regio_id: int, nieuw: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["gebruikersnaam"]
        for veld, model in MODELLEN.items():
            # Shown: the region's organisations only. Accepted: any, for the service to refuse.
            keuzes = model.objects.filter(regio_id=regio_id).order_by("naam")
            self.fields[veld].widget.choices = [("", "---------"), *((o.pk, str(o)) for o in keuzes)]

    def organisatie(self):
        vereist = ORGANISATIE[Rol(self.cleaned_data["rol"])]
        return self.cleaned_data.get(vereist) if vereist in MODELLEN else None
