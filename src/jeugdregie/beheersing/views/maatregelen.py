"""R-K6 pages: the measures register overall and per provider (CSV/XLSX), a new measure, its
detail with outcome and closing. The region's roles read; only the contract manager writes
(the services refuse anyone else too)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.formulieren import datumveld
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Periodesoort
from ..indicatoren.register import INDICATOREN
from ..models_maatregel import Maatregel, MaatregelSoort, MaatregelStatus
from ..policies import mag_maatregelen_inzien, mag_maatregelen_vastleggen
from ..services.maatregelen import leg_uitkomst_vast, registreer_maatregel, rond_maatregel_af
from ..services.signalen import NAMEN


def _normkeuzes():
    return [(i.code, f"{i.code} {i.naam}") for i in INDICATOREN] + [(c, f"{c} {n}") for c, n in NAMEN.items()]


class MaatregelForm(forms.Form):
    aanbieder = forms.ModelChoiceField(label=gettext_lazy("Aanbieder"), queryset=Aanbieder.objects.none())
    soort = forms.ChoiceField(label=gettext_lazy("Soort maatregel"), choices=MaatregelSoort.choices)
    indicator = forms.ChoiceField(label=gettext_lazy("Volgt uit indicator of signaal"), choices=_normkeuzes)
    periodesoort = forms.ChoiceField(label=gettext_lazy("Periode van de norm"), choices=Periodesoort.choices)
    periode = datumveld(gettext_lazy("Een dag in die periode"))
    normreferentie = forms.CharField(
        label=gettext_lazy("Normversie (optioneel)"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld de norm en haar versie waaraan is getoetst."),
    )
    besluit = forms.CharField(label=gettext_lazy("Besluit"), widget=forms.Textarea(attrs={"rows": 3}))
    besluit_op = datumveld(gettext_lazy("Datum besluit"), initial=timezone.localdate)
    opvolgdatum = datumveld(gettext_lazy("Opvolgdatum"))
    stop_van = datumveld(gettext_lazy("Cliëntenstop vanaf (alleen bij cliëntenstop)"), required=False)
    stop_tot = datumveld(gettext_lazy("Cliëntenstop tot en met"), required=False)

    def __init__(self, *args, aanbieders=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbieder"].queryset = aanbieders if aanbieders is not None else Aanbieder.objects.none()


class UitkomstForm(forms.Form):
    uitkomst = forms.CharField(label=gettext_lazy("Uitkomst"), widget=forms.Textarea(attrs={"rows": 3}))


class AfrondForm(forms.Form):
    """On the detail page next to the outcome form: its own element ids."""

    datum = datumveld(gettext_lazy("Afgerond op"), initial=timezone.localdate)
    uitkomst = forms.CharField(
        label=gettext_lazy("Uitkomst (als nog niet vastgelegd)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "afronden_%s")
        super().__init__(*args, **kwargs)


KOLOMMEN = ["Nummer", "AGB-code", "Aanbieder", "Soort", "Norm", "Periode", "Normversie", "Besluit", "Besluit op"]
KOLOMMEN += ["Opvolgdatum", "Cliëntenstop van", "Cliëntenstop tot", "Status", "Uitkomst", "Afgerond op"]


def _rij(m: Maatregel) -> list:
    return [
        m.pk,
        m.aanbieder.agb_code,
        m.aanbieder.naam,
        m.get_soort_display(),
        m.indicator,
        f"{m.get_periodesoort_display()} {m.periode:%Y-%m-%d}",
        m.normreferentie,
        m.besluit,
        m.besluit_op,
        m.opvolgdatum,
        m.stop_van,
        m.stop_tot,
        m.get_status_display(),
        m.uitkomst,
        m.afgerond_op,
    ]


class Maatregelen(LoginRequiredMixin, PaginaMixin, ListView):
    """Overall, or per provider (``aanbieder`` in the path); ``?status=open|afgerond`` filters."""

    model = Maatregel
    beleid = mag_maatregelen_inzien
    template_name = "beheersing/maatregelen.html"
    paginate_by = 50

    def get_queryset(self):
        qs = super().get_queryset().select_related("aanbieder")
        self.aanbieder = None
        if "aanbieder" in self.kwargs:
            self.aanbieder = get_object_or_404(Aanbieder, pk=self.kwargs["aanbieder"], regio=self.request.user.regio)
            qs = qs.filter(aanbieder=self.aanbieder)
        if self.request.GET.get("status") in MaatregelStatus.values:
            qs = qs.filter(status=self.request.GET["status"])
        return qs

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            return tabel_response(
                naam="maatregelen",
                formaat=formaat,
                kolommen=[_(k) for k in KOLOMMEN],
                rijen=map(_rij, self.get_queryset()),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        mag = mag_maatregelen_vastleggen(self.request.user)
        return super().get_context_data(
            aanbieder=self.aanbieder, mag_schrijven=mag, statussen=MaatregelStatus, **kwargs
        )


class MaatregelNieuw(LoginRequiredMixin, PaginaMixin, FormView):
    model = Maatregel
    beleid = mag_maatregelen_vastleggen
    form_class = MaatregelForm
    template_name = "beheersing/maatregel_nieuw.html"

    def get_form_kwargs(self):
        aanbieders = Aanbieder.objects.filter(regio=self.request.user.regio).order_by("naam")
        return {**super().get_form_kwargs(), "aanbieders": aanbieders}

    def get_initial(self):
        """Prefilled from a signal (``?aanbieder=&indicator=&periodesoort=&periode=``)."""
        velden = ("aanbieder", "indicator", "periodesoort", "periode", "soort")
        return {**super().get_initial(), **{k: self.request.GET[k] for k in velden if k in self.request.GET}}

    def form_valid(self, form):
        try:
            maatregel = registreer_maatregel(door=self.request.user, **form.cleaned_data)
        except DomainError as fout:
            form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Maatregel vastgelegd."))
        return redirect(maatregel.get_absolute_url())


class MaatregelDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Maatregel
    beleid = mag_maatregelen_inzien
    template_name = "beheersing/maatregel.html"

    def get_queryset(self):
        return super().get_queryset().select_related("aanbieder", "aangemaakt_door")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schrijven = mag_maatregelen_vastleggen(self.request.user) and self.object.status == MaatregelStatus.OPEN
        context.update(
            gebeurtenissen=self.object.gebeurtenissen.select_related("door"),
            uitkomst_form=kwargs.get("uitkomst_form") or (UitkomstForm(initial={"uitkomst": self.object.uitkomst})),
            afrond_form=kwargs.get("afrond_form") or AfrondForm(),
            mag_schrijven=schrijven,
        )
        return context


class _Actie(MaatregelDetail):
    """POST only: run one service on a scoped measure; a refusal shows on the detail page."""

    beleid = mag_maatregelen_vastleggen
    form_class: type[forms.Form] = UitkomstForm
    form_naam = ""
    gelukt = ""
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.uitvoeren(form.cleaned_data)
            except DomainError as fout:
                form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            else:
                messages.success(request, self.gelukt)
                return redirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object, **{self.form_naam: form})
        return self.render_to_response(context, status=400)

    def uitvoeren(self, data: dict) -> None:
        raise NotImplementedError


class MaatregelUitkomst(_Actie):
    form_class, form_naam, gelukt = UitkomstForm, "uitkomst_form", gettext_lazy("Uitkomst vastgelegd.")

    def uitvoeren(self, data: dict) -> None:
        leg_uitkomst_vast(maatregel=self.object, uitkomst=data["uitkomst"], door=self.request.user)


class MaatregelAfronden(_Actie):
    form_class, form_naam, gelukt = AfrondForm, "afrond_form", gettext_lazy("Maatregel afgerond.")

    def uitvoeren(self, data: dict) -> None:
        rond_maatregel_af(maatregel=self.object, datum=data["datum"], uitkomst=data["uitkomst"], door=self.request.user)
