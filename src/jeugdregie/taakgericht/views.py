"""Pages of the task-based assignments (R-R2): the list of assignments the user may follow, the
population-budget monitoring of one assignment and year (with CSV), and finance's payment of a
term. Aggregates only (no child is named); thin: every change is one service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag

from .models import TaakgerichteOpdracht, Termijn
from .monitoring import monitoring
from .policies import mag_monitoring_inzien, mag_termijn_betalen, mag_termijnen_betalen
from .services import betaal_termijn

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
            jaar=jaar,
            termijnen=opdracht.termijnen.filter(jaar=jaar).order_by("volgnummer"),
            jaren=sorted(opdracht.bedragen.values_list("jaar", flat=True)),
            mag_betalen=mag_termijn_betalen(request.user, set(opdracht.gemeenten.values_list("pk", flat=True))),
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
