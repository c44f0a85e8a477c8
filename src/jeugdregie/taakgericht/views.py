"""Pages of the task-based assignments (R-R2): the list of assignments the user may follow, the
population-budget monitoring of one assignment and year (with CSV), and finance's payment of a
term — aggregates only (no child is named); the opdrachtnemer's start and stop screen (iJw
IV096). Thin: every change is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.opmaak import euro
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Regio

from .forms import BedragForm, OpdrachtForm, SchemaForm, StartForm, StopForm, VerwijzenForm
from .models import TaakgerichteOpdracht, Termijn, Zorgperiode
from .monitoring import gestopt_per_reden, monitoring
from .policies import (
    mag_monitoring_inzien,
    mag_naar_opdrachten_verwijzen,
    mag_opdracht_beheren,
    mag_opdrachten_beheren,
    mag_termijn_betalen,
    mag_termijnen_betalen,
    mag_zorg_melden_op_scherm,
)
from .services import (
    betaal_termijn,
    leg_opdracht_vast,
    meld_start,
    meld_stop,
    stel_betaalschema_op,
    stel_opdrachtbedrag_vast,
    trek_start_in,
    trek_stop_in,
    verwijs_naar_opdracht,
)

KOLOMMEN = [
    "Gemeente",
    "Populatieaandeel (%)",
    "Gepland",
    "Betaald",
    "Nog te betalen",
    "Jeugdigen in zorg",
    "Betaald per jeugdige in zorg",
]


def _jaar(request, opdracht: TaakgerichteOpdracht) -> int:
    jaar = request.GET.get("jaar", "")
    if jaar.isdigit() and 2000 <= int(jaar) <= 2100:
        return int(jaar)
    return max(opdracht.bedragen.values_list("jaar", flat=True), default=vandaag().year)


class Opdrachten(LoginRequiredMixin, PaginaMixin, ListView):
    model = TaakgerichteOpdracht
    beleid = mag_monitoring_inzien
    template_name = "taakgericht/overzicht.html"

    def get_queryset(self):
        return super().get_queryset().select_related("aanbieder").prefetch_related("gemeenten")

    def get_context_data(self, **kwargs):
        return super().get_context_data(mag_nieuw=mag_opdrachten_beheren(self.request.user), **kwargs)


class Monitoring(LoginRequiredMixin, PaginaMixin, DetailView):
    model = TaakgerichteOpdracht
    beleid = mag_monitoring_inzien
    template_name = "taakgericht/monitoring.html"

    def get(self, request, *args, **kwargs):
        self.object = opdracht = self.get_object()
        jaar = _jaar(request, opdracht)
        cijfers = monitoring(opdracht, jaar, op=vandaag())
        if request.GET.get("export") == "csv":
            rijen = [
                [r.gemeente, r.aandeel, r.gepland, r.betaald, r.te_betalen, r.in_zorg, r.betaald_per_kind]
                for r in [*cijfers.regels, cijfers.totaal]
            ]
            return tabel_response(
                naam=f"populatiebekostiging-{opdracht.pk}-{jaar}", formaat="csv", kolommen=KOLOMMEN, rijen=rijen
            )
        context = self.get_context_data(
            object=opdracht,
            cijfers=cijfers,
            gestopt=gestopt_per_reden(opdracht, jaar),
            jaar=jaar,
            termijnen=opdracht.termijnen.filter(jaar=jaar).order_by("volgnummer"),
            jaren=sorted(opdracht.bedragen.values_list("jaar", flat=True)),
            mag_betalen=mag_termijn_betalen(request.user, set(opdracht.gemeenten.values_list("pk", flat=True))),
            mag_beheren=mag_opdracht_beheren(request.user, opdracht.regio_id),
            bedrag_form=BedragForm(initial={"jaar": jaar}),
            schema_form=SchemaForm(initial={"jaar": jaar}),
        )
        return self.render_to_response(context)


class TermijnBetalen(LoginRequiredMixin, PaginaMixin, View):
    model = Termijn
    beleid = mag_termijnen_betalen
    http_method_names = ["post"]

    def post(self, request, pk: int):
        opdrachten = TaakgerichteOpdracht.objects.voor_gebruiker(request.user)
        termijn = get_object_or_404(Termijn, pk=pk, opdracht__in=opdrachten)
        try:
            betaal_termijn(termijn, door=request.user)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(
                request,
                _("Termijn %(nummer)s van %(jaar)s is als betaald vastgelegd.")
                % {"nummer": termijn.volgnummer, "jaar": termijn.jaar},
            )
        return redirect(f"{reverse('taakgericht:monitoring', args=[termijn.opdracht_id])}?jaar={termijn.jaar}")


class OpdrachtNieuw(LoginRequiredMixin, PaginaMixin, FormView):
    """R-R2: the contractmanager or beheerder records an assignment for part of the region."""

    model = TaakgerichteOpdracht
    beleid = mag_opdrachten_beheren
    template_name = "taakgericht/formulier.html"
    form_class = OpdrachtForm
    titel = gettext_lazy("Nieuwe taakgerichte opdracht")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio_id": self.request.user.regio_id}

    def get_initial(self):
        return {"begindatum": vandaag()}

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            opdracht = leg_opdracht_vast(
                regio=Regio.objects.get(pk=self.request.user.regio_id),
                aanbieder=gegevens["aanbieder"],
                naam=gegevens["naam"],
                gemeenten=[g.pk for g in gegevens["gemeenten"]],
                productcodes=[p.code for p in gegevens["producten"]],
                begindatum=gegevens["begindatum"],
                einddatum=gegevens["einddatum"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("De opdracht is vastgelegd. Stel nu het opdrachtbedrag per jaar vast."))
        return redirect("taakgericht:monitoring", opdracht.pk)


class _OpdrachtActie(LoginRequiredMixin, PaginaMixin, View):
    """A POST on one assignment of the user's region, then back to its monitoring page."""

    model = TaakgerichteOpdracht
    beleid = mag_opdrachten_beheren
    http_method_names = ["post"]
    form_class: type

    def post(self, request, pk: int):
        opdracht = get_object_or_404(TaakgerichteOpdracht.objects.voor_gebruiker(request.user), pk=pk)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Vul een geldig jaar (en bedrag) in."))
            return redirect("taakgericht:monitoring", opdracht.pk)
        try:
            melding = self.uitvoeren(opdracht, form.cleaned_data)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, melding)
        return redirect(f"{reverse('taakgericht:monitoring', args=[opdracht.pk])}?jaar={form.cleaned_data['jaar']}")


class BedragVaststellen(_OpdrachtActie):
    form_class = BedragForm

    def uitvoeren(self, opdracht, gegevens) -> str:
        bedrag = stel_opdrachtbedrag_vast(
            opdracht=opdracht, jaar=gegevens["jaar"], bedrag=gegevens["bedrag"], door=self.request.user
        )
        return _("Het opdrachtbedrag van %(jaar)s is %(bedrag)s.") % {
            "jaar": bedrag.jaar,
            "bedrag": euro(bedrag.bedrag),
        }


class SchemaOpstellen(_OpdrachtActie):
    form_class = SchemaForm

    def uitvoeren(self, opdracht, gegevens) -> str:
        termijnen = stel_betaalschema_op(opdracht, gegevens["jaar"], door=self.request.user)
        return _("Het betaalschema van %(jaar)s telt %(n)s termijnen.") % {
            "jaar": gegevens["jaar"],
            "n": len(termijnen),
        }


class Verwijzen(LoginRequiredMixin, PaginaMixin, FormView):
    """iJw IV096: the toegang refers a resident to an assignment serving its municipality: no
    keuzebudget, no allocation; the opdrachtnemer reports the start (JW305)."""

    model = TaakgerichteOpdracht
    beleid = mag_naar_opdrachten_verwijzen
    persoonsgegevens = True
    template_name = "taakgericht/verwijzen.html"
    form_class = VerwijzenForm

    def _opdrachten(self):
        dag = vandaag()
        return (
            TaakgerichteOpdracht.objects.filter(gemeenten=self.request.user.gemeente_id, begindatum__lte=dag)
            .exclude(einddatum__lt=dag)
            .select_related("aanbieder")
            .order_by("naam")
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "opdrachten": self._opdrachten()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(opdrachten=self._opdrachten(), **kwargs)

    def form_valid(self, form):
        gegevens = form.cleaned_data
        jeugdige = Jeugdige.objects.voor_gebruiker(self.request.user).filter(bsn=gegevens["bsn"].strip()).first()
        if jeugdige is None:
            form.add_error("bsn", _("Geen jeugdige met dit BSN in uw bereik. Registreer de jeugdige eerst."))
            return self.form_invalid(form)
        try:
            verwijs_naar_opdracht(opdracht=gegevens["opdracht"], jeugdige=jeugdige, door=self.request.user)
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De jeugdige is verwezen naar %(opdracht)s. De opdrachtnemer meldt de start van de zorg.")
            % {"opdracht": gegevens["opdracht"].naam},
        )
        return redirect("taakgericht:verwijzen")


class _Zorgscherm(LoginRequiredMixin, PaginaMixin):
    """The opdrachtnemer's start and stop screen (iJw IV096 for a provider that sends no
    JW305/JW307): its own assignments only (``voor_gebruiker``), children only while it has sight
    of them (R-P1: from the start on); every change one service call, its refusal the message."""

    model = TaakgerichteOpdracht
    beleid = mag_zorg_melden_op_scherm
    persoonsgegevens = True


class ZorgOpdrachten(_Zorgscherm, ListView):
    template_name = "taakgericht/zorg_opdrachten.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("gemeenten").order_by("naam", "pk")


def _gemelde_zorg(opdracht: TaakgerichteOpdracht, gebruiker):
    """The care periods of ``opdracht`` whose child ``gebruiker`` may see (R-P1, R-P4)."""
    return (
        Zorgperiode.objects.filter(opdracht=opdracht, jeugdige__in=Jeugdige.objects.voor_gebruiker(gebruiker))
        .select_related("jeugdige", "product", "gemeente")
        .order_by("-begindatum", "pk")
    )


class Zorg(_Zorgscherm, SingleObjectMixin, FormView):
    """iJw JW305 on screen: report a start (POST); the care reported so far with a stop form and
    the withdrawal of a start or stop per period (``ZorgActie``)."""

    template_name = "taakgericht/zorg.html"
    form_class = StartForm

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "opdracht": self.object}

    def get_context_data(self, **kwargs):
        perioden = list(_gemelde_zorg(self.object, self.request.user))
        self.log_zoeken(aantal=len(perioden))
        return super().get_context_data(
            object=self.object, perioden=perioden, stop_form=StopForm(), vandaag=vandaag(), **kwargs
        )

    def form_valid(self, form):
        gegevens = form.cleaned_data
        try:
            periode = meld_start(
                opdracht=self.object,
                bsn=gegevens["bsn"],
                productcode=gegevens["productcode"],
                begindatum=gegevens["begindatum"],
                door=self.request.user,
            )
        except DomainError as fout:
            toon_fout(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De start van %(product)s op %(datum)s is gemeld.")
            % {"product": periode.product.code, "datum": f"{periode.begindatum:%d-%m-%Y}"},
        )
        return redirect("taakgericht:zorg", self.object.pk)


class ZorgActie(_Zorgscherm, View):
    """A POST on one reported care period the user may see, then back to the screen: stop it
    (JW307), or withdraw its stop or its start (StatusAanlevering 3)."""

    http_method_names = ["post"]
    actie = ""  # the method that acts: "stop", "stop_intrekken" or "start_intrekken" (urls.py)

    def post(self, request, pk: int):
        periode = get_object_or_404(
            Zorgperiode.objects.select_related("opdracht", "jeugdige", "product"),
            pk=pk,
            opdracht__in=TaakgerichteOpdracht.objects.voor_gebruiker(request.user),
            jeugdige__in=Jeugdige.objects.voor_gebruiker(request.user),
        )
        sleutel = {
            "opdracht": periode.opdracht,
            "bsn": periode.jeugdige.bsn,
            "productcode": periode.product.code,
            "begindatum": periode.begindatum,
            "door": request.user,
        }
        try:
            melding = getattr(self, self.actie)(periode, sleutel)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            if melding:
                messages.success(request, melding)
        return redirect("taakgericht:zorg", periode.opdracht_id)

    def stop(self, periode, sleutel) -> str:
        form = StopForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("Vul de einddatum in en kies een reden beëindiging."))
            return ""
        meld_stop(**sleutel, einddatum=form.cleaned_data["einddatum"], reden=form.cleaned_data["reden"])
        return _("De stop van %(product)s op %(datum)s is gemeld.") % {
            "product": periode.product.code,
            "datum": f"{form.cleaned_data['einddatum']:%d-%m-%Y}",
        }

    def stop_intrekken(self, periode, sleutel) -> str:
        if periode.einddatum is None:
            messages.error(self.request, _("Deze zorg is niet gestopt: er is geen stop om te verwijderen."))
            return ""
        trek_stop_in(**sleutel, einddatum=periode.einddatum, reden=periode.reden_beeindiging)
        return _("De stop is verwijderd; de zorg loopt weer.")

    def start_intrekken(self, periode, sleutel) -> str:
        trek_start_in(**sleutel)
        return _("De start is verwijderd.")
