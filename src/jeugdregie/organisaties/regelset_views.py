"""R-R1 pages of the functioneel beheerder: the versions of the region's rule set and a form for
a new version. Thin: ``regelset.stel_regelset_vast`` decides and says what to fix."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product, Tarief, tarieven_in_regio
from jeugdregie.catalogus.regionaal import stel_regiokeuzebudgetten_vast, stel_regiotarief_vast
from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import datumveld, toon_fout
from jeugdregie.common.opmaak import euro
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag

from .categorieen import categorieen, stel_categorie_vast
from .categorieen import versies as categorieversies
from .constants import SOLIDARITEITSSLEUTELS
from .inkoop import NAMEN as INKOOPNAMEN
from .inkoop import inkoopniveau, stel_inkoopniveau_vast
from .models import PARAMETERS, Aanbieder, Inkoopniveau, Regelset, Regio
from .policies import mag_regelsets_beheren
from .regelset import regels, stel_regelset_vast, versies

SLEUTELNAMEN = {
    "jeugdigen": gettext_lazy("Jeugdige inwoners"),
    "inwoners": gettext_lazy("Inwoners"),
    "handmatig": gettext_lazy("Handmatige verdeling"),
}


class RegelsetForm(forms.Form):
    """The start date and every parameter, labelled and explained as on the model (R-R1)."""

    geldig_vanaf = forms.DateField(
        label=gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("De eerste dag waarop deze versie geldt: vandaag of later."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in forms.fields_for_model(Regelset, fields=PARAMETERS).items():
            if naam == "solidariteitssleutel":
                model_veld = Regelset._meta.get_field(naam)
                veld = forms.ChoiceField(
                    label=_("Solidariteitssleutel"),
                    choices=[(s, SLEUTELNAMEN[s]) for s in SOLIDARITEITSSLEUTELS],
                    help_text=model_veld.help_text,
                )
            self.fields[naam] = veld


class _Beheer(LoginRequiredMixin, PaginaMixin):
    model = Regelset
    beleid = mag_regelsets_beheren  # R-R1: the functioneel beheerder of a region

    @cached_property
    def regio(self) -> Regio:
        return Regio.objects.get(pk=regio_id_van(self.request.user))


class Regelsets(_Beheer, TemplateView):
    """R-R1: the versions of the region's rule set: valid from and to, who set it and when."""

    template_name = "organisaties/regelsets.html"

    def get_context_data(self, **kwargs):
        rijen = versies(self.regio)
        vandaag_geldig = regels(self.regio, vandaag())
        return super().get_context_data(regio=self.regio, versies=rijen, huidig=vandaag_geldig.pk, **kwargs)


class RegelsetNieuw(_Beheer, FormView):
    """R-R1: a new version, prefilled with the version valid today."""

    template_name = "organisaties/regelset_nieuw.html"
    form_class = RegelsetForm

    def get_initial(self):
        return {"geldig_vanaf": vandaag(), **regels(self.regio, vandaag()).waarden()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(regio=self.regio, **kwargs)

    def form_valid(self, form):
        gegevens = dict(form.cleaned_data)
        geldig_vanaf = gegevens.pop("geldig_vanaf")
        try:
            versie = stel_regelset_vast(
                regio=self.regio, geldig_vanaf=geldig_vanaf, waarden=gegevens, door=self.request.user
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request, _("De regelset geldt vanaf %(datum)s.") % {"datum": f"{versie.geldig_vanaf:%d-%m-%Y}"}
        )
        return redirect("organisaties:regelsets")


# R-R1: the region's own tariffs and keuzebudgets (``regiocatalogus``)


class RegiotariefForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=Product.objects.filter(actief=True).order_by("code")
    )
    begindatum = datumveld(
        gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("Vandaag of later. Een lopend tarief van de regio eindigt de dag ervoor."),
    )
    einddatum = datumveld(gettext_lazy("Geldig tot en met (optioneel)"), required=False)
    bedrag = forms.DecimalField(label=gettext_lazy("Tarief (€)"), max_digits=12, decimal_places=2)


class Regiotarieven(_Beheer, FormView):
    """R-R1: per product the tariff that holds today in the region (its own or the catalogue's),
    the region's own tariffs, and a form for a new one."""

    template_name = "organisaties/regiotarieven.html"
    form_class = RegiotariefForm

    def get_initial(self):
        return {"begindatum": vandaag()}

    def get_context_data(self, **kwargs):
        dag = vandaag()
        vandaag_geldig = tarieven_in_regio(self.regio.pk)
        catalogus = tarieven_in_regio(None)
        eigen: dict[int, list[Tarief]] = {}
        for tarief in Tarief.objects.filter(regio=self.regio).order_by("product__code", "begindatum"):
            eigen.setdefault(tarief.product_id, []).append(tarief)
        rijen = [
            {
                "product": product,
                "catalogus": _op(catalogus.get(product.pk, ()), dag),
                "geldt": _op(vandaag_geldig.get(product.pk, ()), dag),
                "eigen": eigen.get(product.pk, []),
            }
            for product in Product.objects.filter(actief=True).order_by("code")
        ]
        return super().get_context_data(regio=self.regio, rijen=rijen, **kwargs)

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            tarief = stel_regiotarief_vast(
                regio_id=self.regio.pk,
                product=gegevens["product"],
                begindatum=gegevens["begindatum"],
                einddatum=gegevens["einddatum"],
                bedrag=gegevens["bedrag"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het tarief van %(code)s geldt in de regio vanaf %(datum)s: %(bedrag)s.")
            % {"code": tarief.product.code, "datum": f"{tarief.begindatum:%d-%m-%Y}", "bedrag": euro(tarief.bedrag)},
        )
        return redirect("organisaties:regiotarieven")


def _op(reeks, dag):
    """The amount of the tariff period holding on ``dag`` (None: no tariff)."""
    for begin, einde, bedrag in reeks:
        if begin <= dag and (einde is None or dag <= einde):
            return bedrag
    return None


class RegiokeuzebudgetForm(forms.Form):
    jaar = forms.IntegerField(label=gettext_lazy("Jaar"), help_text=gettext_lazy("Een jaar dat nog moet beginnen."))
    max_maanden_herstel = forms.IntegerField(label=gettext_lazy("Maximale duur keuzebudget herstel (maanden)"))
    max_maanden_duurzaam = forms.IntegerField(label=gettext_lazy("Maximale duur keuzebudget duurzaam (maanden)"))
    duurzaam_uitgesloten = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Niet ten laste van een keuzebudget duurzaam"),
        queryset=Product.objects.filter(actief=True).order_by("code"),
        required=False,
    )

    def __init__(self, *args, aantal: int, **kwargs):
        super().__init__(*args, **kwargs)
        for nummer in range(1, aantal + 1):
            self.fields[f"niveau_{nummer}"] = forms.DecimalField(
                label=_("Bedrag niveau %(n)s (€)") % {"n": nummer},
                max_digits=12,
                decimal_places=2,
                required=nummer == 1,
                help_text=_("Leeg laten: de regio kent dit niveau niet.") if nummer > 1 else "",
            )

    def niveaus(self) -> dict[int, object]:
        return {
            int(naam.removeprefix("niveau_")): waarde
            for naam, waarde in self.cleaned_data.items()
            if naam.startswith("niveau_") and waarde is not None
        }


class Regiokeuzebudgetten(_Beheer, FormView):
    """R-R1 (R-T4): per year the keuzebudgets that hold in the region (its own or the
    catalogue's), and a form for the region's own of a year that has not begun."""

    template_name = "organisaties/regiokeuzebudgetten.html"
    form_class = RegiokeuzebudgetForm

    @cached_property
    def voorbeeld(self) -> KeuzebudgetJaar | None:
        """The year the form starts from: the one holding in the region next year, else this year."""
        dag = vandaag()
        return KeuzebudgetJaar.van(dag.year + 1, self.regio.pk) or KeuzebudgetJaar.van(dag.year, self.regio.pk)

    def get_form_kwargs(self):
        bestaand = self.voorbeeld.niveaus.count() if self.voorbeeld else 0
        return {**super().get_form_kwargs(), "aantal": max(bestaand, 1) + 2}

    def get_initial(self):
        initieel: dict[str, object] = {"jaar": vandaag().year + 1}
        if self.voorbeeld is not None:
            initieel["max_maanden_herstel"] = self.voorbeeld.max_maanden_herstel
            initieel["max_maanden_duurzaam"] = self.voorbeeld.max_maanden_duurzaam
            initieel["duurzaam_uitgesloten"] = list(self.voorbeeld.duurzaam_uitgesloten.all())
            for niveau in self.voorbeeld.niveaus.all():
                initieel[f"niveau_{niveau.niveau}"] = niveau.bedrag
        return initieel

    def get_context_data(self, **kwargs):
        jaren = sorted(
            set(
                KeuzebudgetJaar.objects.filter(Q(regio=self.regio) | Q(regio__isnull=True)).values_list(
                    "jaar", flat=True
                )
            )
        )
        rijen = []
        for jaartal in jaren:
            rij = KeuzebudgetJaar.van(jaartal, self.regio.pk)
            if rij is not None:
                rijen.append(
                    {
                        "jaar": rij,
                        "eigen": rij.regio_id == self.regio.pk,
                        "niveaus": list(rij.niveaus.order_by("niveau")),
                    }
                )
        return super().get_context_data(regio=self.regio, jaren=rijen, **kwargs)

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            rij = stel_regiokeuzebudgetten_vast(
                regio_id=self.regio.pk,
                jaar=gegevens["jaar"],
                niveaus=form.niveaus(),
                max_maanden_herstel=gegevens["max_maanden_herstel"],
                max_maanden_duurzaam=gegevens["max_maanden_duurzaam"],
                duurzaam_uitgesloten=gegevens["duurzaam_uitgesloten"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("De keuzebudgetten van %(jaar)s gelden in de regio.") % {"jaar": rij.jaar})
        return redirect("organisaties:regiokeuzebudgetten")


# R-R3: the purchasing level per product (``inkoop``)


class InkoopniveauForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=Product.objects.filter(actief=True).order_by("code")
    )
    niveau = forms.ChoiceField(label=gettext_lazy("Inkoopniveau"), choices=Inkoopniveau.NIVEAUS)
    geldig_vanaf = datumveld(
        gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("Vandaag of later. Contractregels die eerder begonnen houden hun niveau."),
    )


class Inkoopniveaus(_Beheer, FormView):
    """R-R3: per product the level at which the region buys it today (lokaal, regionaal or
    either), the versions, and a form for a new one."""

    template_name = "organisaties/inkoopniveaus.html"
    form_class = InkoopniveauForm

    def get_initial(self):
        return {"geldig_vanaf": vandaag()}

    def get_context_data(self, **kwargs):
        dag = vandaag()
        versies = list(Inkoopniveau.objects.filter(regio=self.regio).select_related("product"))
        rijen = [
            {"product": product, "vandaag": inkoopniveau(self.regio.pk, product.pk, dag)}
            for product in Product.objects.filter(actief=True).order_by("code")
        ]
        return super().get_context_data(regio=self.regio, rijen=rijen, versies=versies, namen=INKOOPNAMEN, **kwargs)

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            versie = stel_inkoopniveau_vast(
                regio=self.regio,
                product=gegevens["product"],
                niveau=gegevens["niveau"],
                geldig_vanaf=gegevens["geldig_vanaf"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De regio koopt %(code)s vanaf %(datum)s in op niveau %(niveau)s.")
            % {
                "code": versie.product.code,
                "datum": f"{versie.geldig_vanaf:%d-%m-%Y}",
                "niveau": INKOOPNAMEN[versie.niveau].lower(),
            },
        )
        return redirect("organisaties:inkoopniveaus")


# R-R1: the region's provider categories (``categorieen``)


class AanbiedercategorieForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy(
            "Kleine letters, cijfers, '-' of '_', bijvoorbeeld 'ambulant-lokaal'. Een bestaande code: de naam wijzigt."
        ),
    )
    naam = forms.CharField(label=gettext_lazy("Naam"), max_length=100)
    geldig_vanaf = datumveld(
        gettext_lazy("Geldig vanaf"),
        required=False,
        help_text=gettext_lazy(
            "De eerste dag waarop de categorie of de nieuwe naam geldt: vandaag of later (leeg: vandaag)."
        ),
    )


class Aanbiedercategorieen(_Beheer, FormView):
    """R-R1: the region's provider categories today (the groups its scorecards, norms and signals
    compare within), how many providers each has, every version with its start, and a form to add
    or rename one from a date on."""

    template_name = "organisaties/aanbiedercategorieen.html"
    form_class = AanbiedercategorieForm

    def get_initial(self):
        return {"geldig_vanaf": vandaag()}

    def get_context_data(self, **kwargs):
        aantallen = dict(
            Aanbieder.objects.filter(regio=self.regio)
            .values("categorie")
            .annotate(n=Count("pk"))
            .values_list("categorie", "n")
        )
        rijen = [
            {"code": code, "naam": naam, "aanbieders": aantallen.get(code, 0)}
            for code, naam in categorieen(self.regio.pk).items()
        ]
        historie = categorieversies(self.regio)
        dag = vandaag()
        return super().get_context_data(
            regio=self.regio, rijen=rijen, eigen=bool(historie), historie=historie, vandaag=dag, **kwargs
        )

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            categorie = stel_categorie_vast(
                regio=self.regio,
                code=gegevens["code"],
                naam=gegevens["naam"],
                geldig_vanaf=gegevens["geldig_vanaf"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Categorie %(naam)s (%(code)s) vastgesteld voor de regio, geldig vanaf %(datum)s.")
            % {"naam": categorie.naam, "code": categorie.code, "datum": f"{categorie.geldig_vanaf:%d-%m-%Y}"},
        )
        return redirect("organisaties:aanbiedercategorieen")
