"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2). Labels are Dutch."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen.constants import (
    AanpassingReden,
    AanpassingStatus,
    RedenBeeindiging,
    Resultaatscore,
    ScreeningUitkomst,
    ToewijzingStatus,
)


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
        from jeugdregie.toewijzingen.models import Toewijzing

        self.fields["vervolgzorg"].queryset = Toewijzing.objects.filter(
            jeugdige_id=toewijzing.jeugdige_id, status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART]
        ).exclude(pk=toewijzing.pk)


class AanpassingForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=AanpassingReden.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))
    besproken_met_toegang = forms.BooleanField(label=_("Vooraf besproken met de toegang"), required=False)
    gevraagd_bedrag = forms.DecimalField(
        label=_("Gevraagd nieuw totaalbedrag (€)"), required=False, max_digits=12, decimal_places=2
    )
    gevraagde_einddatum = datumveld(_("Gevraagde nieuwe einddatum"), required=False)
    tweede_aanbieder = forms.ModelChoiceField(
        label=_("Tweede aanbieder (bij meerdere aanbieders)"),
        queryset=Aanbieder.objects.order_by("naam"),
        required=False,
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


class VerlengenForm(forms.Form):
    """R-T9: renew a duurzaam budget for the next year; an amount only for an offerte budget."""

    offerte_bedrag = forms.DecimalField(
        label=_("Bedrag voor het nieuwe jaar (€), alleen bij een offerte-keuzebudget"),
        required=False,
        max_digits=12,
        decimal_places=2,
    )
    bevestig = forms.BooleanField(
        label=_(
            "Ik verleng dit duurzame budget voor het volgende jaar: een nieuw budget van hetzelfde niveau, bij "
            "dezelfde aanbieder, vanaf de dag na het huidige einde."
        ),
    )
