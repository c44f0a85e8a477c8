"""Forms of the task-based assignments (R-R2): record an assignment, set a year's lump sum and
schedule, and the toegang's referral of a child. Input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.models import Product
from jeugdregie.common.formulieren import datumveld
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.constants import RedenBeeindiging

from .models import TaakgerichteOpdracht


class OpdrachtForm(forms.Form):
    naam = forms.CharField(label=_("Naam van de opdracht"), max_length=120)
    aanbieder = forms.ModelChoiceField(label=_("Opdrachtnemer"), queryset=Aanbieder.objects.none())
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Gemeenten (het deelgebied)"), queryset=Gemeente.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    producten = forms.ModelMultipleChoiceField(
        label=_("Producten die taakgericht worden ingekocht"),
        queryset=Product.objects.filter(actief=True).order_by("code"),
        help_text=_("Voor deze gemeenten worden deze producten niet meer per regel gedeclareerd."),
    )
    begindatum = datumveld(_("Begindatum"))
    einddatum = datumveld(_("Einddatum (optioneel)"), required=False)

    def __init__(self, *args, regio_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = Aanbieder.objects.filter(regio_id=regio_id).order_by("naam")
        self.fields["gemeenten"].queryset = Gemeente.objects.filter(regio_id=regio_id).order_by("naam")


class BedragForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"))
    bedrag = forms.DecimalField(label=_("Opdrachtbedrag voor het jaar (€)"), max_digits=14, decimal_places=2)


class SchemaForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"))


class VerwijzenForm(forms.Form):
    opdracht = forms.ModelChoiceField(label=_("Opdracht"), queryset=TaakgerichteOpdracht.objects.none())
    bsn = forms.CharField(label=_("BSN van de jeugdige"), max_length=20)

    def __init__(self, *args, opdrachten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opdracht"].queryset = opdrachten


class StartForm(forms.Form):
    """JW305 on screen (iJw IV096): the child by BSN — the provider knows it from the family; a
    referral shows it nothing before the start (R-P4) — a product of the assignment and the day
    care began. Shape only: the service judges product, referral and date and sets the reporting
    date itself."""

    bsn = forms.CharField(label=_("BSN van de jeugdige"), max_length=20)
    productcode = forms.CharField(label=_("Product"), max_length=10, widget=forms.Select)
    begindatum = datumveld(_("Begindatum van de zorg"))

    def __init__(self, *args, opdracht: TaakgerichteOpdracht, **kwargs):
        super().__init__(*args, **kwargs)
        producten = opdracht.producten.order_by("code")
        self.fields["productcode"].widget.choices = [(p.code, f"{p.code} {p.naam}") for p in producten]


class StopForm(forms.Form):
    """JW307 on screen: the last day of care and the reason, a code of codelist JZ588 offered as a
    choice list (the service refuses any other code, TKG021)."""

    einddatum = datumveld(_("Einddatum van de zorg"))
    reden = forms.CharField(
        label=_("Reden beëindiging (JZ588)"), max_length=2, widget=forms.Select(choices=RedenBeeindiging.choices)
    )
