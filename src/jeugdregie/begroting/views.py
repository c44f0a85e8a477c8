"""R-V3/R-V4 page "Budgetbeheersing": one municipality (toegang, finance: their own) or the
region (contract manager, policy, board: the whole region or one of its municipalities), with
CSV/XLSX/PDF export. Aggregates only: nothing here reads personal data, so nothing is
audit-logged on reading; finance's begroting entries are (``stel_begroting_vast``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from jeugdregie.budgetten.querysets import gemeenten_voor_budget
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Gemeente

from .forms import BegrotingForm, KeuzeForm
from .models import Begroting
from .policies import (
    is_regiorol,
    mag_begroting_vaststellen,
    mag_begrotingen_vaststellen,
    mag_budgetbeheersing_inzien,
    ziet_onderdrukte_cijfers,
)
from .services.overzicht import Overzicht, overzicht
from .services.vaststellen import stel_begroting_vast

KOLOMMEN = (
    "Maand",
    "Begroting",
    "Vastgelegd",
    "Gerealiseerd",
    "Nog te declareren",
    "Prognose",
    "Foutmarge back-test (%)",
)


class Budgetbeheersing(LoginRequiredMixin, PaginaMixin, TemplateView):
    model = Gemeente
    beleid = mag_budgetbeheersing_inzien
    template_name = "begroting/budgetbeheersing.html"

    def keuze(self):
        user = self.request.user
        gemeenten = list(gemeenten_voor_budget(Gemeente.objects.all(), user).select_related("regio").order_by("naam"))
        if not gemeenten:
            raise PermissionDenied(_("U hebt geen gemeente om te bekijken."))
        regio = is_regiorol(user)
        form = KeuzeForm(self.request.GET or None, gemeenten=gemeenten, regio=regio)
        if self.request.GET and not form.is_valid() and "gemeente" in form.errors:
            raise Http404  # a municipality outside the user's scope
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        jaar = data.get("jaar") or vandaag().year
        gekozen = data.get("gemeente")
        if gekozen is not None:
            selectie = [g for g in gemeenten if g.pk == gekozen]
            naam = selectie[0].naam
        elif regio:
            selectie, naam = gemeenten, gemeenten[0].regio.naam
        else:
            selectie, naam = gemeenten[:1], gemeenten[0].naam
        return form, selectie, naam, jaar

    def get(self, request, *args, **kwargs):
        form, selectie, naam, jaar = self.keuze()
        resultaat = overzicht(
            gemeenten=selectie, naam=naam, jaar=jaar, onderdrukken=ziet_onderdrukte_cijfers(request.user)
        )
        formaat = request.GET.get("export")
        bestandsnaam = f"budgetbeheersing-{naam}-{jaar}".replace(" ", "_")
        if resultaat.te_klein:
            if formaat:
                messages.error(request, _("Deze cijfers worden niet geëxporteerd: ze betreffen te weinig jeugdigen."))
                return redirect(f"{reverse('begroting:budgetbeheersing')}?jaar={jaar}")
            return self.render_to_response(self.get_context_data(form=form, overzicht=resultaat))
        if formaat in ("csv", "xlsx"):
            return tabel_response(naam=bestandsnaam, formaat=formaat, kolommen=KOLOMMEN, rijen=exportrijen(resultaat))
        fouten = [None if f is None else f * 100 for f in resultaat.backtest.fout.values()]
        context = self.get_context_data(
            form=form, overzicht=resultaat, grafiek=_grafiek(resultaat), backtest_fouten=fouten
        )
        eigen = selectie[0] if len(selectie) == 1 else None
        if eigen is not None and mag_begroting_vaststellen(request.user, eigen):
            context["begroting_form"] = BegrotingForm(
                initial={"jaar": jaar}, auto_id="id_begroting_%s"
            )  # ids apart from the year selector
            context["versies"] = Begroting.objects.filter(gemeente=eigen, jaar=jaar).select_related("door")[:20]
        if formaat == "pdf":
            from weasyprint import HTML  # loading WeasyPrint is slow and only PDFs need it

            html = render_to_string("begroting/budgetbeheersing_pdf.html", context, request=request)
            response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.pdf"'
            return response
        return self.render_to_response(context)


def _grafiek(resultaat: Overzicht) -> str:
    from .grafiek import budgetgrafiek  # matplotlib loads slowly; only charts need it

    titel = _("Begroting en prognose %(naam)s %(jaar)s") % {"naam": resultaat.naam, "jaar": resultaat.jaar}
    return mark_safe(budgetgrafiek(titel=titel, prognose=resultaat.prognose, band=resultaat.band))  # noqa: S308


def exportrijen(resultaat: Overzicht):
    fout = resultaat.backtest.fout
    for m in resultaat.prognose.maanden:
        marge = fout.get(m.maand)
        yield (
            m.label,
            m.begroting,
            m.vastgelegd,
            m.gerealiseerd,
            m.nog_te_declareren,
            m.prognose,
            None if marge is None else round(marge * 100, 1),
        )
    t = resultaat.prognose.totalen
    yield ("Totaal", t["begroting"], t["vastgelegd"], t["gerealiseerd"], t["nog_te_declareren"], t["prognose"], None)


class BegrotingVaststellen(LoginRequiredMixin, PaginaMixin, TemplateView):
    """R-V3: finance records a new version of one budget line of its own municipality."""

    model = Gemeente
    beleid = mag_begrotingen_vaststellen
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = BegrotingForm(request.POST)
        terug = reverse("begroting:budgetbeheersing")
        if not form.is_valid():
            for fouten in form.errors.values():
                for fout in fouten:
                    messages.error(request, fout)
            return redirect(terug)
        try:
            stel_begroting_vast(gemeente=request.user.gemeente, door=request.user, **form.cleaned_data)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            messages.success(request, _("De begroting is vastgesteld."))
        return redirect(f"{terug}?jaar={form.cleaned_data['jaar']}")
