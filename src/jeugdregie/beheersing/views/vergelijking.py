"""R-K4 pages: the municipalities of the region side by side and the four policy trends, with
CSV/XLSX of every table and the comparison as PDF (issue 6 §4, §8).

Access: contractmanager, beleid, bestuurder and beheerder (regional roles) see every municipality
of their region. Toegang and financieel see the same comparison of their region, with their own
municipality marked: the figures are aggregates per municipality (no young person, no personal
data), and SPEC §11.4 wants the control information "visible to all parties involved".
Providers, referrers and GIs are refused (403). Nothing here reads personal data, so nothing is
audit-logged; the CBS reference block (issue 21 item 10) shows the region's aggregate next to the
loaded reference. The CBS trajectory export (``CbsExport``) is pseudonymised personal data: beleid
only, audit-logged.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verantwoording.querysets import regio_van

from ..constants import Periodesoort
from ..policies import mag_cbs_exporteren, mag_vergelijking_inzien, vergelijkt_met_eigen_gemeente
from ..services import rollup
from ..services.cbs_export import Halfjaar, exporteer
from ..services.cbs_referentie import vergelijk_met_cbs
from ..services.splitsing import splits
from ..services.vergelijking import TREND, TRENDS, Tijdvak, Trend, trend, vergelijk


class KeuzeForm(forms.Form):
    soort = forms.ChoiceField(
        label=gettext_lazy("Periodesoort"),
        choices=[(Periodesoort.JAAR, gettext_lazy("Jaar")), (Periodesoort.KWARTAAL, gettext_lazy("Kwartaal"))],
        required=False,
    )
    periode = forms.CharField(
        label=gettext_lazy("Periode"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("Bijvoorbeeld 2025 of 2025-K3."),
    )
    gemeente = forms.TypedChoiceField(
        label=gettext_lazy("Vergelijk de regio met"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, standaarddag, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.standaarddag = standaarddag
        self.fields["gemeente"].choices = [("", _("alleen de regio")), *((g.pk, g.naam) for g in gemeenten)]

    def clean(self):
        data = super().clean()
        soort = data.get("soort") or Periodesoort.JAAR
        data["soort"] = soort
        try:
            tekst = data.get("periode")
            data["tijdvak"] = Tijdvak.lees(tekst, soort) if tekst else Tijdvak.rond(self.standaarddag, soort)
        except ValueError as fout:
            self.add_error("periode", str(fout))
        return data


class _Gemeenten(LoginRequiredMixin, PaginaMixin):
    model = Gemeente
    beleid = mag_vergelijking_inzien

    def kader(self) -> dict:
        """The user's region, own municipality (toegang/financieel) and the chosen period. The
        queued months are the background task's (issue 17 part B), never this request's."""
        user = self.request.user
        stand = rollup.stand()
        regio = regio_van(user)
        eigen = user.gemeente_id if vergelijkt_met_eigen_gemeente(user) else None
        keuze = self.request.GET.copy()
        keuze.setdefault("gemeente", eigen or "")  # the chart compares the region with one's own municipality
        form = KeuzeForm(
            keuze,
            standaarddag=(stand and stand.data_tot) or timezone.localdate(),
            gemeenten=Gemeente.objects.filter(regio=regio).order_by("naam"),
        )
        geldig = form.is_valid()
        return {
            "form": form,
            "stand": stand,
            "regio": regio,
            "eigen": eigen,
            "tijdvak": form.cleaned_data.get("tijdvak") if geldig else None,
            "focus": form.cleaned_data.get("gemeente") if geldig else eigen,
            "trends": TRENDS,
        }


def grafieken(trend_: Trend, focus: int | None) -> dict[str, str]:
    """The line chart (region and the municipality in focus) and the bar chart (every
    municipality in the latest period), as inline SVG."""
    if not trend_.beschikbaar:
        return {}
    from ..grafieken import lijngrafiek, staafgrafiek  # matplotlib loads slowly; only charts need it

    norm = trend_.indicator.standaardnorm if trend_.definitie.per is None else None
    eerste, laatste = trend_.tijdvakken[0].label, trend_.tijdvakken[-1].label
    lijn = lijngrafiek(
        titel=f"{trend_.titel}, {eerste}–{laatste}", reeksen=trend_.reeksen(focus), eenheid=trend_.eenheid, norm=norm
    )
    staaf = staafgrafiek(
        titel=_("%(titel)s per gemeente, %(periode)s") % {"titel": trend_.titel, "periode": laatste},
        waarden=trend_.staven(),
        eenheid=trend_.eenheid,
        norm=norm,
    )
    return {"lijn": mark_safe(lijn), "staaf": mark_safe(staaf)}  # noqa: S308 — SVG generated by matplotlib


class Vergelijking(_Gemeenten, TemplateView):
    """R-K4: every policy-level indicator, the municipalities side by side, the region as reference."""

    template_name = "beheersing/vergelijking.html"

    def get(self, request, *args, **kwargs):
        context = self.kader()
        if request.GET.get("weergave") == "inkoop":
            return self.splitsing(context)
        if context["tijdvak"] is not None:
            resultaat = vergelijk(regio=context["regio"], tijdvak=context["tijdvak"], eigen=context["eigen"])
            formaat = request.GET.get("export")
            if formaat in ("csv", "xlsx"):
                return tabel_response(
                    naam=f"gemeentevergelijking-{resultaat.tijdvak.label}",
                    formaat=formaat,
                    kolommen=resultaat.kolommen(),
                    rijen=resultaat.exportrijen(),
                )
            if formaat == "pdf":
                return self.pdf(resultaat, context)
            context["vergelijking"] = resultaat
            context["cbs"] = vergelijk_met_cbs(regio=context["regio"], jaar=context["tijdvak"].begin.year)
            context["mag_cbs_exporteren"] = mag_cbs_exporteren(request.user)
        return self.render_to_response(self.get_context_data(**context))

    def splitsing(self, context) -> HttpResponse:
        """Issue 22 (R-R3, R-R2), ``?weergave=inkoop``: the main figures per municipality and for
        the region, split lokaal / regionaal ingekocht and per funding variant; CSV/XLSX. Part of
        this page: the same access, region and period as the comparison."""
        if context["tijdvak"] is not None:
            resultaat = splits(regio=context["regio"], tijdvak=context["tijdvak"], eigen=context["eigen"])
            formaat = self.request.GET.get("export")
            if formaat in ("csv", "xlsx"):
                return tabel_response(
                    naam=f"inkoop-en-bekostiging-{resultaat.tijdvak.label}",
                    formaat=formaat,
                    kolommen=resultaat.kolommen(),
                    rijen=resultaat.exportrijen(),
                )
            context["splitsing"] = resultaat
        return self.response_class(
            request=self.request,
            template="beheersing/splitsing.html",
            context=self.get_context_data(**context),
            using=self.template_engine,
        )

    def pdf(self, resultaat, context) -> HttpResponse:
        """The comparison with the four trends and their charts, A4 landscape (WeasyPrint)."""
        from weasyprint import HTML  # loading WeasyPrint is slow and only PDFs need it

        trends = []
        for definitie in TRENDS:
            t = trend(definitie, regio=context["regio"], tijdvak=context["tijdvak"], eigen=context["eigen"])
            trends.append({"trend": t, "grafieken": grafieken(t, context["focus"])})
        html = render_to_string(
            "beheersing/vergelijking_pdf.html",
            {**context, "vergelijking": resultaat, "trendweergaven": trends},
        )
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="gemeentevergelijking-{resultaat.tijdvak.label}.pdf"'
        return response


class Trendweergave(_Gemeenten, TemplateView):
    """R-K4 policy trend: the last 5 years or 8 quarters per municipality and for the region."""

    template_name = "beheersing/vergelijking_trend.html"

    def get(self, request, *args, **kwargs):
        definitie = TREND.get(kwargs["trend"])
        if definitie is None:
            raise Http404
        context = {**self.kader(), "definitie": definitie}
        if context["tijdvak"] is not None:
            resultaat = trend(definitie, regio=context["regio"], tijdvak=context["tijdvak"], eigen=context["eigen"])
            formaat = request.GET.get("export")
            if formaat in ("csv", "xlsx") and resultaat.beschikbaar:
                return tabel_response(
                    naam=f"trend-{definitie.code}-{context['tijdvak'].label}",
                    formaat=formaat,
                    kolommen=resultaat.kolommen(),
                    rijen=resultaat.exportrijen(),
                )
            context.update(trend=resultaat, grafieken=grafieken(resultaat, context["focus"]))
        return self.render_to_response(self.get_context_data(**context))


class CbsExport(LoginRequiredMixin, PaginaMixin, TemplateView):
    """Issue 21 item 10: the half-yearly trajectory export in the CBS layout (pseudonymised) as
    CSV or XLSX, for the beleid role of its region only; others get 403 (audit-logged, the rows
    are personal data). The export itself is logged by the service with every young person in it."""

    model = Toewijzing
    beleid = mag_cbs_exporteren
    persoonsgegevens = True

    def get(self, request, *args, **kwargs):
        try:
            halfjaar = Halfjaar.lees(request.GET.get("halfjaar", ""))
        except DomainError as fout:
            return HttpResponse(str(fout), status=400, content_type="text/plain; charset=utf-8")
        formaat = "xlsx" if request.GET.get("export") == "xlsx" else "csv"
        resultaat = exporteer(regio=regio_van(request.user), halfjaar=halfjaar, context=self.toegangscontext)
        return tabel_response(
            naam=resultaat.naam, formaat=formaat, kolommen=resultaat.kolommen(), rijen=resultaat.rijen()
        )
