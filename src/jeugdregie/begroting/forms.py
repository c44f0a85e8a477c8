from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Post


class KeuzeForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100, required=False)
    gemeente = forms.TypedChoiceField(label=_("Gemeente"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, gemeenten, regio: bool, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(g.pk, g.naam) for g in gemeenten]
        self.fields["gemeente"].choices = [("", _("hele regio")), *keuzes] if regio else keuzes


class BegrotingForm(forms.Form):
    """Shape only; the rules are in ``stel_begroting_vast``."""

    jaar = forms.IntegerField(label=_("Jaar"))
    post = forms.ChoiceField(label=_("Begrotingspost"), choices=Post.choices)
    bedrag = forms.DecimalField(label=_("Bedrag (€)"), max_digits=14, decimal_places=2)
