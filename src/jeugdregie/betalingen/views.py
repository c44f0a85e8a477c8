"""Pages of the payment batches: list, prepare, detail with reconciliation, approve or reject,
and the downloads. Thin: every decision is a service's (STYLE.md §Writing 2)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Gemeente

from .constants import BatchStatus
from .forms import AfwijzenForm, NieuweBatchForm
from .models import Betaalbatch
from .policies import mag_betaalbatch_behandelen, mag_betaalbatches_behandelen, mag_betaalbatches_inzien
from .services import csv_bestand, keur_goed, maak_batch, reconciliatie, sepa_bestand, wijs_af
from .services.export import soort
from .services.rekening import iban_fout


class BatchLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Betaalbatch
    beleid = mag_betaalbatches_inzien
    paginate_by = 50
    template_name = "betalingen/lijst.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("gemeente")
        self.gemeente = self.request.GET.get("gemeente", "")
        self.jaar = self.request.GET.get("jaar", "")
        if self.gemeente:
            queryset = queryset.filter(gemeente__cbs_code=self.gemeente)
        if self.jaar.isdigit():
            queryset = queryset.filter(jaar=int(self.jaar))
        return queryset

    def get_context_data(self, **kwargs):
        zichtbaar = Betaalbatch.objects.voor_gebruiker(self.request.user)
        return super().get_context_data(
            gemeenten=Gemeente.objects.filter(betaalbatches__in=zichtbaar).distinct(),
            jaren=sorted(set(zichtbaar.values_list("jaar", flat=True)), reverse=True),
            gemeente=self.gemeente,
            jaar=self.jaar,
            mag_voorbereiden=mag_betaalbatches_behandelen(self.request.user),
            **kwargs,
        )


class BatchNieuw(LoginRequiredMixin, PaginaMixin, FormView):
    model = Betaalbatch
    beleid = mag_betaalbatches_behandelen
    form_class = NieuweBatchForm
    template_name = "betalingen/nieuw.html"

    def get_initial(self):
        """The previous month, or the month a home-page link names (``?jaar=&maand=``)."""
        vorige = timezone.localdate().replace(day=1) - timedelta(days=1)
        gevraagd = {k: self.request.GET.get(k, "") for k in ("jaar", "maand")}
        if all(w.isdigit() for w in gevraagd.values()):
            return {k: int(w) for k, w in gevraagd.items()}
        return {"jaar": vorige.year, "maand": vorige.month}

    def form_valid(self, form):
        user = self.request.user
        try:
            batch = maak_batch(gemeente=user.gemeente, door=user, **form.cleaned_data)
        except DomainError as fout:
            form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Betaalbatch %(ref)s voorbereid.") % {"ref": batch.referentie})
        return redirect(batch.get_absolute_url())


class BatchDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Betaalbatch
    beleid = mag_betaalbatches_inzien
    template_name = "betalingen/batch.html"

    def get_queryset(self):
        return super().get_queryset().select_related("gemeente", "voorbereid_door", "beoordeeld_door")

    def get_context_data(self, **kwargs):
        batch, user = self.object, self.request.user
        posten = list(batch.posten.select_related("aanbieder"))
        for post in posten:
            post.soort = soort(post)
            post.iban_fout = iban_fout(post.iban) if post.bedrag > 0 else None
        financieel = mag_betaalbatch_behandelen(user, batch.gemeente_id)
        voorbereid = batch.status == BatchStatus.VOORBEREID
        return super().get_context_data(
            posten=posten,
            over_te_maken=sum((p.bedrag for p in posten if p.bedrag > 0), Decimal("0.00")),
            te_verrekenen=sum((p.bedrag for p in posten if p.bedrag <= 0), Decimal("0.00")),
            aansluiting=reconciliatie(batch),
            aantal_declaraties=batch.batchdeclaraties.count(),
            gebeurtenissen=batch.gebeurtenissen.select_related("door"),
            mag_beoordelen=financieel and voorbereid and user.pk != batch.voorbereid_door_id,
            wacht_op_ander=financieel and voorbereid and user.pk == batch.voorbereid_door_id,
            mag_exporteren=financieel and batch.status == BatchStatus.GOEDGEKEURD,
            mag_opnieuw=financieel and batch.status == BatchStatus.AFGEWEZEN,
            afwijzen_form=AfwijzenForm(),
            **kwargs,
        )


class _BatchActie(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    """POST only: one service call on a batch in the user's scope, then back to the batch with
    the outcome or the service's refusal as a message."""

    model = Betaalbatch
    beleid = mag_betaalbatches_behandelen
    http_method_names = ["post"]
    gelukt = ""

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.uitvoeren(request)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, self.gelukt)
        return redirect(self.object.get_absolute_url())

    def uitvoeren(self, request) -> None:
        raise NotImplementedError


class Goedkeuren(_BatchActie):
    gelukt = gettext_lazy("Betaalbatch goedgekeurd. De betaalbestanden kunnen nu worden gedownload.")

    def uitvoeren(self, request):
        keur_goed(batch=self.object, door=request.user)


class Afwijzen(_BatchActie):
    gelukt = gettext_lazy("Betaalbatch afgewezen. De declaraties zijn vrijgegeven voor een nieuwe voorbereiding.")

    def uitvoeren(self, request):
        form = AfwijzenForm(request.POST)
        toelichting = form.cleaned_data["toelichting"] if form.is_valid() else ""
        wijs_af(batch=self.object, door=request.user, toelichting=toelichting)


class _Download(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, View):
    model = Betaalbatch
    beleid = mag_betaalbatches_behandelen
    content_type = ""
    extensie = ""

    def maak(self, batch, door) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        batch = self.get_object()
        try:
            inhoud = self.maak(batch, request.user)
        except DomainError as fout:
            messages.error(request, fout.message)
            return redirect(batch.get_absolute_url())
        response = HttpResponse(inhoud, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{batch.referentie}.{self.extensie}"'
        return response


class CsvDownload(_Download):
    content_type = "text/csv; charset=utf-8"
    extensie = "csv"

    def maak(self, batch, door):
        return csv_bestand(batch, door=door)


class SepaDownload(_Download):
    content_type = "application/xml"
    extensie = "xml"

    def maak(self, batch, door):
        return sepa_bestand(batch, door=door)
