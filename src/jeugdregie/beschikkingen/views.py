"""Pages of the beschikkingen (issue 20 §2, R-D1): the municipality's register (filter, CSV and
Excel export), the letter's download, its dispatch, the worklist of letters waiting for an
addressee, and the beheerder's templates. Thin: every decision is a service's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.audit.constants import Actie
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Gemeente

from .forms import RegisterFilter, SjabloonForm
from .models import Beschikking, Sjabloon, WachtendeBeschikking
from .policies import mag_beschikkingen_inzien, mag_sjablonen_beheren, mag_sjabloon_bewerken
from .services.maken import maak_voor_wachtende
from .services.pdf import zorg_voor_pdf
from .services.sjablonen import VELDEN, bewaar_sjabloon, huidig_sjabloon
from .services.verzenden import verstuur


class Register(LoginRequiredMixin, PaginaMixin, ListView):
    model = Beschikking
    beleid = mag_beschikkingen_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "beschikkingen/register.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("jeugdige", "aanbieder", "sjabloon")
        self.filter = RegisterFilter(self.request.GET or None)
        if self.filter.is_bound and self.filter.is_valid():
            f = self.filter.cleaned_data
            if f["soort"]:
                queryset = queryset.filter(soort=f["soort"])
            if f["verzonden"]:
                queryset = queryset.filter(verzonden_op__isnull=f["verzonden"] == "nee")
            if f["van"]:
                queryset = queryset.filter(datum__gte=f["van"])
            if f["tot"]:
                queryset = queryset.filter(datum__lte=f["tot"])
            if f["nummer"]:
                queryset = queryset.filter(nummer__icontains=f["nummer"].strip())
        return queryset

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset()[:10000])
            self.log_zoeken(aantal=len(rijen), actie=Actie.EXPORTEREN, objecten=rijen)  # R-P6
            return tabel_response(
                naam="beschikkingen",
                formaat=formaat,
                kolommen=[
                    _("Nummer"),
                    _("Datum"),
                    _("Soort"),
                    _("Jeugdige"),
                    _("Aanbieder"),
                    _("Verzonden op"),
                    _("Kanaal"),
                    _("Sjabloonversie"),
                ],
                rijen=(
                    [
                        b.nummer,
                        b.datum,
                        b.get_soort_display(),
                        str(b.jeugdige),
                        b.aanbieder.naam if b.aanbieder else "",
                        b.verzonden_op,
                        b.get_kanaal_display(),
                        b.sjabloon.versie,
                    ]
                    for b in rijen
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context.update(
            filter=self.filter if self.filter.is_bound else RegisterFilter(),
            query=query.urlencode(),
            wachtend=WachtendeBeschikking.objects.voor_gebruiker(self.request.user)
            .filter(opgelost__isnull=True)
            .count(),
        )
        return context


class Downloaden(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    """The letter's PDF; the read is audit-logged by the scoping mixin (``get_object``)."""

    model = Beschikking
    beleid = mag_beschikkingen_inzien
    persoonsgegevens = True

    def get(self, request, *args, **kwargs):
        beschikking = self.get_object()
        if not beschikking.pdf and zorg_voor_pdf(beschikking.pk):  # not yet rendered: now, and stored
            beschikking.refresh_from_db(fields=["pdf"])
        try:
            bestand = beschikking.pdf.open("rb")
        except (ValueError, OSError) as fout:  # no file (anonymised, R-P7) or gone from storage
            raise Http404(_("Het bestand van deze beschikking is niet gevonden.")) from fout
        return FileResponse(bestand, as_attachment=True, filename=f"{beschikking.nummer}.pdf")


class Verzenden(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    model = Beschikking
    beleid = mag_beschikkingen_inzien
    persoonsgegevens = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        beschikking = self.get_object()
        try:
            beschikking = verstuur(beschikking=beschikking, door=request.user, context=self.toegangscontext)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(
                request,
                _("Beschikking %(nummer)s is verzonden op %(datum)s.")
                % {"nummer": beschikking.nummer, "datum": beschikking.verzonden_op.strftime("%d-%m-%Y")},
            )
        terug = request.POST.get("terug", "")
        if terug and url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
            return redirect(terug)
        return redirect("beschikkingen:register")


class Wachtend(LoginRequiredMixin, PaginaMixin, ListView):
    """The worklist "beschikking wacht op geadresseerde" with each reason (R-D1)."""

    model = WachtendeBeschikking
    beleid = mag_beschikkingen_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "beschikkingen/wachtend.html"

    def get_queryset(self):
        return super().get_queryset().filter(opgelost__isnull=True).select_related("jeugdige")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        return context


class OpnieuwProberen(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    model = WachtendeBeschikking
    beleid = mag_beschikkingen_inzien
    persoonsgegevens = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wacht = self.get_object()
        uitkomst = maak_voor_wachtende(wacht)
        if uitkomst.beschikking is not None:
            messages.success(
                request, _("De beschikking %(nummer)s is gemaakt.") % {"nummer": uitkomst.beschikking.nummer}
            )
        elif uitkomst.wacht is not None:
            messages.error(request, uitkomst.wacht.reden)
        return redirect("beschikkingen:wachtend")


class Sjablonen(LoginRequiredMixin, PaginaMixin, ListView):
    """The beheerder's municipalities, each with its current template version."""

    model = Gemeente
    beleid = mag_sjablonen_beheren
    template_name = "beschikkingen/sjablonen.html"

    def get_queryset(self):
        return Gemeente.objects.filter(regio_id=self.request.user.regio_id).order_by("naam")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versies = {}
        for sjabloon in Sjabloon.objects.filter(gemeente__in=context["object_list"]).order_by("gemeente", "-versie"):
            versies.setdefault(sjabloon.gemeente_id, sjabloon.versie)
        context["rijen"] = [(g, versies.get(g.pk)) for g in context["object_list"]]
        return context


class SjabloonBewerken(LoginRequiredMixin, PaginaMixin, FormView):
    """Each save is a new version; letters keep the version they used."""

    model = Sjabloon
    beleid = mag_sjablonen_beheren
    form_class = SjabloonForm
    template_name = "beschikkingen/sjabloon.html"

    def dispatch(self, request, *args, **kwargs):
        self.gemeente = get_object_or_404(Gemeente, pk=kwargs["gemeente"])
        gebruiker = request.user
        if mag_sjablonen_beheren(gebruiker) and not mag_sjabloon_bewerken(gebruiker, self.gemeente):
            raise Http404  # another region's municipality: as if it did not exist
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Sjabloon(**{v: getattr(huidig_sjabloon(self.gemeente), v) for v in VELDEN})
        return kwargs

    def get_context_data(self, **kwargs):
        versies = Sjabloon.objects.filter(gemeente=self.gemeente).select_related("door").order_by("-versie")
        return super().get_context_data(gemeente=self.gemeente, versies=versies, **kwargs)

    def form_valid(self, form):
        try:
            sjabloon = bewaar_sjabloon(
                gemeente=self.gemeente,
                door=self.request.user,
                logo=form.cleaned_data.get("logo"),
                logo_houden=not form.cleaned_data.get("logo_verwijderen"),
                **{v: form.cleaned_data[v] for v in VELDEN},
            )
        except DomainError as fout:
            form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Versie %(versie)s van de brief is bewaard.") % {"versie": sjabloon.versie})
        return redirect("beschikkingen:sjabloon", gemeente=self.gemeente.pk)
