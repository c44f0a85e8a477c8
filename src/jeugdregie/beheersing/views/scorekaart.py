"""R-K3 pages: the providers' scorecards, one scorecard (page, CSV, XLSX, PDF) and the drill-down
to the lines behind a figure.

Access: contractmanager, beleid, bestuurder, beheerder see every provider of their region; a
provider user only its own scorecard — asking for another's is refused (403) and audit-logged
(R-P2). The drill-down shows pseudonyms only (R-P1, R-P3), to the contract manager and the
provider itself, and every read of it is audit-logged."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.services import log
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Aanbieder, categorienaam_expressie

from ..indicatoren.register import REGISTER
from ..policies import (
    mag_normen_vaststellen,
    mag_onderbouwing_inzien,
    mag_scorekaart_inzien,
    ziet_alleen_eigen_scorekaart,
)
from ..services import rollup
from ..services.scorekaart import (
    als_onderliggend,
    kwartaal,
    kwartaallabel,
    laatste_kwartalen,
    onderliggende_regels,
    scorekaart,
    standaardkwartaal,
    zichtbare_aanbieders,
)

WEERGAVEN = ("licht", "score")


class Scorekaarten(LoginRequiredMixin, PaginaMixin, TemplateView):
    """The providers whose scorecard the user may open; a provider goes straight to its own."""

    model = Aanbieder
    beleid = mag_scorekaart_inzien
    template_name = "beheersing/scorekaarten.html"

    def get(self, request, *args, **kwargs):
        if ziet_alleen_eigen_scorekaart(request.user):
            return redirect("beheersing:scorekaart", request.user.aanbieder_id)
        aanbieders = (
            zichtbare_aanbieders(request.user)
            .annotate(categorie_naam=categorienaam_expressie())
            .order_by("categorie", "naam")
        )
        return self.render_to_response(self.get_context_data(aanbieders=aanbieders))


class _AanbiederEnPeriode:
    def aanbieder(self) -> Aanbieder:
        user, pk = self.request.user, self.kwargs["pk"]
        if ziet_alleen_eigen_scorekaart(user) and pk != user.aanbieder_id:
            log(
                actie=Actie.LEZEN,
                objecttype="organisaties.Aanbieder",
                object_id=pk,
                context=self.toegangscontext,
                uitkomst=Uitkomst.GEWEIGERD,
                details=f"scorekaart van een andere aanbieder gevraagd ({self.request.path})",
            )
            raise PermissionDenied(_("U kunt alleen de scorekaart van uw eigen organisatie bekijken."))
        return get_object_or_404(zichtbare_aanbieders(user), pk=pk)

    def periode(self):
        tekst = self.request.GET.get("periode", "")
        if tekst:
            try:
                return kwartaal(tekst)
            except ValueError as fout:
                messages.error(self.request, str(fout))
        return standaardkwartaal(rollup.stand(), timezone.localdate())


class Scorekaart(LoginRequiredMixin, PaginaMixin, _AanbiederEnPeriode, TemplateView):
    """R-K3: the four pillars at one glance, norms, lights or scores, 8-quarter trends."""

    model = Aanbieder
    beleid = mag_scorekaart_inzien
    template_name = "beheersing/scorekaart.html"

    def get(self, request, *args, **kwargs):
        # No refresh here (issue 17 part B): the background task processes the queue; the page
        # shows the date its figures run to (_stand.html).
        aanbieder = self.aanbieder()
        kaart = scorekaart(aanbieder, self.periode())
        formaat = request.GET.get("export")
        naam = f"scorekaart-{aanbieder.agb_code}-{kaart.periodelabel}"
        if formaat in ("csv", "xlsx"):
            return tabel_response(naam=naam, formaat=formaat, kolommen=kaart.kolommen(), rijen=kaart.rijen())
        weergave = request.GET.get("weergave")
        context = {
            "kaart": kaart,
            "weergave": weergave if weergave in WEERGAVEN else "licht",
            "mag_onderbouwing": mag_onderbouwing_inzien(request.user),
            "mag_normen": mag_normen_vaststellen(request.user),
            "kwartalen": [kwartaallabel(p) for p in reversed(laatste_kwartalen(kaart.periode, 12))],
        }
        if formaat == "pdf":
            return _pdf(naam, context)
        return self.render_to_response(self.get_context_data(**context))


def _pdf(naam: str, context: dict) -> HttpResponse:
    """The scorecard on A4 with its charts as inline SVG (WeasyPrint)."""
    from weasyprint import HTML  # slow to load; only PDFs need it

    pdf = HTML(string=render_to_string("beheersing/scorekaart_pdf.html", context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{naam}.pdf"'
    return response


class Onderbouwing(LoginRequiredMixin, PaginaMixin, _AanbiederEnPeriode, ListView):
    """R-K3 drill-down: the lines behind one figure, pseudonymised; reads audit-logged."""

    model = Aanbieder
    beleid = mag_onderbouwing_inzien
    paginate_by = 50
    template_name = "beheersing/onderbouwing.html"

    def get_queryset(self):
        self.indicator = REGISTER.get(self.kwargs["indicator"])
        if self.indicator is None:
            raise Http404
        self.gekozen_aanbieder, self.kwartaal = self.aanbieder(), self.periode()
        return onderliggende_regels(self.indicator, aanbieder=self.gekozen_aanbieder, periode=self.kwartaal)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log(
            actie=Actie.ZOEKEN,
            objecttype=self.object_list.model._meta.label,
            context=self.toegangscontext,
            details=(
                f"onderbouwing {self.indicator.code} {kwartaallabel(self.kwartaal)} aanbieder "
                f"{self.gekozen_aanbieder.pk}: {context['paginator'].count} regels, gepseudonimiseerd"
            ),
        )
        context.update(
            indicator=self.indicator,
            aanbieder=self.gekozen_aanbieder,
            periodelabel=kwartaallabel(self.kwartaal),
            regels=[als_onderliggend(o, self.indicator) for o in context["page_obj"]],
        )
        return context
