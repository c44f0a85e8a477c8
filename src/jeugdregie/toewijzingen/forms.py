"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2). Labels are Dutch."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import KeuzebudgetSoort, Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Verwijzer

from .constants import (
    AanpassingReden,
    AanpassingStatus,
    Grond18Plus,
    RedenBeeindiging,
    Resultaatscore,
    ScreeningUitkomst,
    ToewijzingStatus,
)

OFFERTE = "offerte"
NIVEAUS = [(str(n), _("Niveau %(n)s") % {"n": n}) for n in range(1, 7)] + [(OFFERTE, _("Offerte (eigen bedrag)"))]


class AanbiederKeuze(forms.ModelChoiceField):
    #: R-K7: provider id -> information lines (services.keuzelijst.aanbiederinfo), set by the form.
    info: dict = {}

    def label_from_instance(self, obj):
        naam = f"{obj.naam} (ingeschreven)" if getattr(obj, "ingeschreven", False) else obj.naam
        regels = self.info.get(obj.pk)
        return f"{naam} — {'; '.join(str(r) for r in regels)}" if regels else naam


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
    niveau = forms.ChoiceField(label=_("Keuzebudget"), choices=NIVEAUS)
    offerte_bedrag = forms.DecimalField(label=_("Offertebedrag (€)"), required=False, max_digits=12, decimal_places=2)
    einddatum = datumveld(_("Einddatum offerte (optioneel)"), required=False)
    datum = datumveld(_("Verwijsdatum"), initial=vandaag)
    grond_18plus = forms.ChoiceField(
        label=_("Grond voor hulp na 18 jaar"), choices=[("", "—"), *Grond18Plus.choices], required=False
    )
    is_verlenging = forms.BooleanField(label=_("Dit is een verlenging"), required=False)


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


class ScreeningForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=ScreeningUitkomst.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht bij zwaarwegende redenen."),
    )
    # No date: the server records the screening date (R-B9).


class StartForm(forms.Form):
    startdatum = datumveld(_("Startdatum zorg"), initial=vandaag)


class StopForm(forms.Form):
    stopdatum = datumveld(_("Stopdatum zorg"), initial=vandaag)
    reden = forms.ChoiceField(label=_("Reden beëindiging (JZ588)"), choices=RedenBeeindiging.choices)
    resultaatscore = forms.ChoiceField(label=_("Zijn de resultaten behaald?"), choices=Resultaatscore.choices)
    resultaat_toelichting = forms.CharField(
        label=_("Toelichting op het resultaat"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    overleg_met_verwijzer = forms.BooleanField(label=_("Voornemen besproken met de verwijzer"), required=False)
    in_overeenstemming = forms.BooleanField(label=_("Jeugdige en aanbieder zijn het eens"), required=False)
    overleg_met_toegang = forms.BooleanField(label=_("Tussentijds stoppen besproken met de toegang"), required=False)
    vervolgzorg = forms.ModelChoiceField(
        label=_("Vervolgzorg (Wonen/Verblijf)"), queryset=Aanbieder.objects.none(), required=False
    )
    vervolg_toelichting = forms.CharField(
        label=_("Vervolg buiten de jeugdhulp (Wonen/Verblijf)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, toewijzing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if toewijzing is None or toewijzing.soort != "wonen_verblijf":
            del self.fields["vervolgzorg"], self.fields["vervolg_toelichting"]
            return
        from .models import Toewijzing

        self.fields["vervolgzorg"].queryset = Toewijzing.objects.filter(
            jeugdige_id=toewijzing.jeugdige_id, status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART]
        ).exclude(pk=toewijzing.pk)


class AanpassingForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden (R-A4)"), choices=AanpassingReden.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))
    besproken_met_toegang = forms.BooleanField(label=_("Vooraf besproken met de toegang"), required=False)
    gevraagd_bedrag = forms.DecimalField(
        label=_("Gevraagd nieuw totaalbedrag (€)"), required=False, max_digits=12, decimal_places=2
    )
    gevraagde_einddatum = datumveld(_("Gevraagde nieuwe einddatum"), required=False)
    tweede_aanbieder = forms.ModelChoiceField(
        label=_("Tweede aanbieder (reden 4)"), queryset=Aanbieder.objects.order_by("naam"), required=False
    )
    # No date: the server records the filing date (R-B9).


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(s.value, s.label) for s in AanpassingStatus if s != AanpassingStatus.INGEDIEND],
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    toegekend_bedrag = forms.DecimalField(
        label=_("Toegekend totaalbedrag (€)"), required=False, max_digits=12, decimal_places=2
    )
    toegekende_einddatum = datumveld(_("Toegekende einddatum"), required=False)
    # No date: the server records the decision date (R-B9).


class OpvolgingForm(forms.Form):
    afsluiting = forms.CharField(label=_("Hoe is de opvolging geregeld?"), widget=forms.Textarea(attrs={"rows": 2}))


class IntrekkenForm(forms.Form):
    bevestig = forms.BooleanField(
        label=_("Ik trek deze toewijzing in; de zorg is nog niet gestart en de aanbieder krijgt bericht."),
    )


class KeuzelijstForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("Wat wordt verwezen"), queryset=Product.objects.order_by("code"), required=False
    )
    datum = datumveld(_("Op datum"), required=False)
