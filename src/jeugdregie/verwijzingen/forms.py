"""Forms of the referral: shape only, the services enforce the rules (STYLE.md §Writing 2)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import KeuzebudgetSoort, Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Verwijzer
from jeugdregie.organisaties.services import wachttijd_tekst
from jeugdregie.verwijzingen.constants import Grond18Plus
from jeugdregie.verwijzingen.services.keuzebudget import niveaus as keuzebudgetniveaus

OFFERTE = "offerte"


def niveaukeuzes(niveaus: list[int]) -> list[tuple[str, str]]:
    """R-T4/R-R1: the region's standard levels of the year, then the offerte."""
    return [(str(n), _("Niveau %(n)s") % {"n": n}) for n in niveaus] + [(OFFERTE, _("Offerte (eigen bedrag)"))]


class AanbiederKeuze(forms.ModelChoiceField):
    #: R-K7: provider id -> information lines (services.keuzelijst.aanbiederinfo), set by the form.
    info: dict = {}

    def label_from_instance(self, obj):
        naam = f"{obj.naam} (ingeschreven)" if getattr(obj, "ingeschreven", False) else obj.naam
        regels = [str(r) for r in self.info.get(obj.pk, [])]
        if hasattr(obj, "wachttijd_weken"):  # R-S6: the choice list's waiting time comes first
            regels.insert(0, f"Wachttijd: {wachttijd_tekst(obj.wachttijd_weken, obj.wachttijd_laatst_gemeld)}")
        return f"{naam} — {'; '.join(regels)}" if regels else naam


class AanbiederEnResultaten:
    """For the forms that allocate: the provider from the choice list with its information
    (R-S5, R-K7) and one result per line (R-T1)."""

    def __init__(self, *args, aanbieders=None, aanbiederinfo=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders if aanbieders is not None else Aanbieder.objects.none()
        self.fields["aanbieder"].info = aanbiederinfo or {}

    def clean_resultaten(self):
        return [r.strip() for r in self.cleaned_data["resultaten"].splitlines() if r.strip()]


class VerwijzingForm(AanbiederEnResultaten, forms.Form):
    """A referral: results + keuzebudget (R-T1) for a provider from the choice list (R-S5)."""

    bsn = forms.CharField(label=_("BSN van de jeugdige"), max_length=20)
    product_indicatie = forms.ModelChoiceField(
        label=_("Verwachte tariefgroep (optioneel)"),
        queryset=Product.objects.filter(onderdeel__in=[Onderdeel.AMBULANT, Onderdeel.DYSLEXIE]).order_by("code"),
        required=False,
        help_text=_("Beperkt de keuzelijst tot aanbieders die hiervoor gecontracteerd zijn."),
    )
    aanbieder = AanbiederKeuze(
        label=_("Aanbieder (keuze van de jeugdige en het gezin)"), queryset=Aanbieder.objects.none()
    )
    resultaten = forms.CharField(
        label=_("Resultaten"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén concreet resultaat per regel: wat moet de hulp bereiken?"),
    )
    soort = forms.ChoiceField(label=_("Soort keuzebudget"), choices=KeuzebudgetSoort.choices, widget=forms.RadioSelect)
    niveau = forms.ChoiceField(label=_("Keuzebudget"), choices=[])
    offerte_bedrag = forms.DecimalField(label=_("Offertebedrag (€)"), required=False, max_digits=12, decimal_places=2)
    einddatum = datumveld(_("Einddatum offerte (optioneel)"), required=False)
    datum = datumveld(_("Verwijsdatum"), initial=vandaag)
    grond_18plus = forms.ChoiceField(
        label=_("Grond voor hulp na 18 jaar"), choices=[("", "—"), *Grond18Plus.choices], required=False
    )
    is_verlenging = forms.BooleanField(label=_("Dit is een verlenging"), required=False)

    def __init__(self, *args, niveaus: list[int] | None = None, **kwargs):
        """``niveaus``: the standard levels of the user's region this year (R-T4, R-R1); without
        them the catalogue's."""
        super().__init__(*args, **kwargs)
        if niveaus is None:
            niveaus = [n.niveau for n in keuzebudgetniveaus(op=vandaag(), regio_id=None)]
        self.fields["niveau"].choices = niveaukeuzes(niveaus)


class VerzoekNamensVerwijzerForm(VerwijzingForm):
    """R-T6: a GP/jeugdarts/specialist referral arrives as the provider's request carrying the
    referrer's choice (herstel 2 or 4), or none (then the provider sets it, at most level 4)."""

    verwijzer = forms.ModelChoiceField(
        label=_("Verwijzer (huisarts, jeugdarts of medisch specialist)"),
        queryset=Verwijzer.objects.filter(
            type__in=[VerwijzerType.HUISARTS, VerwijzerType.JEUGDARTS, VerwijzerType.MEDISCH_SPECIALIST]
        ).order_by("naam"),
    )
    keuze_door_verwijzer = forms.BooleanField(
        label=_("De verwijzer heeft het keuzebudget gekozen"), required=False, initial=True
    )

    field_order = ["verwijzer", "keuze_door_verwijzer", "bsn"]


class KeuzelijstForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Wat wordt verwezen"), queryset=Product.objects.order_by("code"), required=False
    )
    datum = datumveld(_("Op datum"), required=False)
