"""Shape checks only; the services enforce the rules (STYLE.md §Writing 2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jeugdregie.organisaties.models import Gemeente

from .constants import AanduidingWoonadres, Geslacht


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


ADRESVELDEN = (
    "straatnaam",
    "huisnummer",
    "huisletter",
    "huisnummertoevoeging",
    "aanduiding",
    "postcode",
    "plaatsnaam",
    "land",
)


def _landen():
    from .services_contact import landcodes

    return sorted(landcodes().items(), key=lambda paar: (paar[0] != "NL", paar[1]))


class ContactForm(forms.Form):
    """Woonadres, correspondence address and phone numbers (issue 15 §2). Shape only: the
    service ``services_contact`` checks the formats and says what to fix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for prefix in ("woon", "post"):
            velden = {
                "straatnaam": forms.CharField(label=_("Straat"), max_length=100, required=False),
                "huisnummer": forms.CharField(label=_("Huisnummer"), max_length=10, required=False),
                "huisletter": forms.CharField(label=_("Huisletter"), max_length=5, required=False),
                "huisnummertoevoeging": forms.CharField(label=_("Toevoeging"), max_length=10, required=False),
                "aanduiding": forms.ChoiceField(
                    label=_("Aanduiding (bij, tegenover, woonboot of woonwagen)"),
                    choices=[("", "—"), *AanduidingWoonadres.choices],
                    required=False,
                ),
                "postcode": forms.CharField(label=_("Postcode"), max_length=12, required=False),
                "plaatsnaam": forms.CharField(label=_("Woonplaats"), max_length=100, required=False),
                "land": forms.ChoiceField(label=_("Land"), choices=_landen(), initial="NL", required=False),
            }
            for naam, veld in velden.items():
                self.fields[f"{prefix}_{naam}"] = veld
        self.fields["telefoon_1"] = forms.CharField(
            label=_("Telefoonnummer"), max_length=30, required=False, help_text=_("Bijvoorbeeld 06-12345678")
        )
        self.fields["telefoon_2"] = forms.CharField(label=_("Tweede telefoonnummer"), max_length=30, required=False)

    def adres(self, prefix: str) -> dict | None:
        """The entered address, or None when its fields are empty (the land alone counts not)."""
        gegevens = {naam: self.cleaned_data.get(f"{prefix}_{naam}") or "" for naam in ADRESVELDEN}
        if not any(str(v).strip() for k, v in gegevens.items() if k != "land"):
            return None
        return gegevens

    def telefoonnummers(self) -> list[str]:
        return [self.cleaned_data.get("telefoon_1") or "", self.cleaned_data.get("telefoon_2") or ""]

    def groepen(self):
        """The fields per fieldset, for the template."""
        return [
            (_("Woonadres (BRP-adres)"), [self[f"woon_{n}"] for n in ADRESVELDEN]),
            (
                _("Correspondentieadres (alleen als post naar een ander adres moet)"),
                [self[f"post_{n}"] for n in ADRESVELDEN],
            ),
            (_("Telefoon"), [self["telefoon_1"], self["telefoon_2"]]),
        ]


class VerhuizingForm(forms.Form):
    """R-D3: a move to another municipality, as the BRP records it."""

    gemeente = forms.ModelChoiceField(label=_("Nieuwe woonplaats (gemeente)"), queryset=Gemeente.objects.all())
    per = forms.DateField(
        label=_("Ingeschreven per"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("De eerste dag in de nieuwe gemeente, zoals de BRP die vermeldt."),
    )
