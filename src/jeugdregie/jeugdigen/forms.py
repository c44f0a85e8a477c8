"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.organisaties.models import Gemeente

from .constants import Geslacht


class JeugdigeForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=20, help_text=_("9 cijfers"))
    voornamen = forms.CharField(label=_("Voornamen"), max_length=200)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = forms.DateField(label=_("Geboortedatum"), widget=forms.DateInput(attrs={"type": "date"}))
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices)
    gemeente = forms.ModelChoiceField(label=_("Woonplaats (gemeente)"), queryset=Gemeente.objects.all())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.gemeente_id:
            self.fields["gemeente"].queryset = Gemeente.objects.filter(pk=user.gemeente_id)
            self.fields["gemeente"].initial = user.gemeente_id


class ZoekForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of BSN"), required=False, max_length=100)

    def __init__(self, *args, via_post: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.via_post = via_post

    def clean_q(self) -> str:
        """R-P8: a BSN is searched through the form (POST) only, so it never lands in a URL, a
        browser history or an access log. A URL with digits in the search term is refused."""
        term = self.cleaned_data["q"]
        if not self.via_post and any(teken.isdigit() for teken in term):
            raise forms.ValidationError(_("Zoek op BSN met het zoekformulier: een BSN hoort niet in de adresregel."))
        return term
