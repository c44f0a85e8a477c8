"""Shape checks of the Wonen/Verblijf page; the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import Onderdeel, Woonvorm
from jeugdregie.catalogus.models import Product
from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.toewijzingen.constants import Maatregel, Plaatsing
from jeugdregie.verwijzingen.constants import Grond18Plus
from jeugdregie.verwijzingen.forms import AanbiederEnResultaten, AanbiederKeuze


class WonenForm(AanbiederEnResultaten, forms.Form):
    """Zorgtoewijzing Wonen/Verblijf by the toegang (R-W1…R-W3, R-W7; the form apart from the intensity, R-W10)."""

    bsn = forms.CharField(label=_("BSN van de jeugdige"), max_length=20)
    ambulant_onvoldoende = forms.BooleanField(
        label=_("Ambulante hulp alleen volstaat niet (vastgelegd na onderzoek)"), required=False
    )
    product = forms.ModelChoiceField(
        label=_("Intensiteit"),
        queryset=Product.objects.filter(onderdeel=Onderdeel.WONEN_VERBLIJF, intensiteit__isnull=False).order_by(
            "intensiteit"
        ),
    )
    woonvorm = forms.ChoiceField(
        label=_("Woonvorm"),
        choices=[("", "—"), *Woonvorm.choices],
        help_text=_("De vorm van Wonen, Verblijf of respijtzorg, los van de intensiteit gekozen."),
    )
    aanbieder = AanbiederKeuze(label=_("Aanbieder"), queryset=Aanbieder.objects.none())
    begindatum = datumveld(_("Begindatum"), initial=vandaag)
    einddatum = datumveld(_("Einddatum (hooguit een jaar)"))
    resultaten = forms.CharField(
        label=_("Resultaten"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Eén resultaat per regel.")
    )
    plaatsing = forms.ChoiceField(label=_("Plaatsing"), choices=Plaatsing.choices)
    gi = forms.ModelChoiceField(
        label=_("GI (bij gedwongen plaatsing)"),
        queryset=Verwijzer.objects.filter(type=VerwijzerType.GI).order_by("naam"),
        required=False,
    )
    maatregel = forms.ChoiceField(label=_("Maatregel"), choices=[("", "—"), *Maatregel.choices], required=False)
    machtiging_van = datumveld(_("Machtiging uithuisplaatsing vanaf"), required=False)
    machtiging_tot = datumveld(_("Machtiging uithuisplaatsing tot en met"), required=False)
    grond_18plus = forms.ChoiceField(
        label=_("Grond voor hulp na 18 jaar"), choices=[("", "—"), *Grond18Plus.choices], required=False
    )
    toekomstplan = forms.BooleanField(label=_("Toekomstplan vastgelegd (vanaf 16 jaar)"), required=False)
