"""The iJw message log (issue 5 §6): the messages in and out per role (R-P1) with status, header
retourcodes and rejected classes, a link to the client or allocation, the rejections per class,
the XML of outbound messages and a CSV/Excel export. Reads are audit-logged (R-P2): messages are
about young people. Contract manager and beheerder see the region's log without content (no
keys, explanations, client links or XML)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import context_uit_request
from jeugdregie.audit.services import log
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from .constants import Berichtstatus, Berichttype, Richting
from .models import Bericht, Uitboxwacht
from .policies import (
    AANBIEDER,
    GEMEENTE,
    bereik,
    haalt_eigen_bericht_op,
    mag_berichtenlog_inzien,
    mag_berichtinhoud_lezen,
    mag_uitbox_inzien,
    mag_uitbox_opnieuw_proberen,
)
from .services.postvak import markeer_opgehaald
from .services.wachtrij import probeer_opnieuw


def lever_xml(bericht: Bericht, request) -> HttpResponse:
    """The XML of an outbound message as a download. When the receiving provider fetches it, it
    counts as delivered (issue 5 §3, delivery status); a municipality user only reads it."""
    if bericht.richting != Richting.UIT or bericht.inhoud is None:
        raise Http404(
            "Alleen verzonden berichten zijn als XML te downloaden; van ontvangen berichten bewaren we de inhoud niet."
        )
    if haalt_eigen_bericht_op(request.user, bericht):
        markeer_opgehaald(bericht)
    log(
        actie=Actie.EXPORTEREN,
        objecttype=Bericht._meta.label,
        object_id=bericht.pk,
        context=context_uit_request(request),
        jeugdige=bericht.jeugdige,
        details=f"XML van {bericht.berichttype} gedownload",
    )
    response = HttpResponse(bytes(bericht.inhoud), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{bericht.berichttype}_{bericht.identificatie}.xml"'
    return response


def _links(bericht: Bericht, inhoud: bool) -> tuple[str, str]:
    """The client's page and the allocation's page, for roles that see content."""
    if not inhoud:
        return "", ""
    jeugdige = reverse("jeugdigen:detail", args=[bericht.jeugdige_id]) if bericht.jeugdige_id else ""
    return jeugdige, bericht.toewijzing.get_absolute_url() if bericht.toewijzing_id else ""


class LogFilter(forms.Form):
    richting = forms.ChoiceField(choices=[("", _("In en uit")), *Richting.choices], required=False, label=_("Richting"))
    berichttype = forms.ChoiceField(
        choices=[("", _("Alle")), *Berichttype.choices], required=False, label=_("Berichttype")
    )
    status = forms.ChoiceField(choices=[("", _("Alle")), *Berichtstatus.choices], required=False, label=_("Status"))


EXPORT_KOLOMMEN = [
    "id",
    "datum",
    "richting",
    "berichttype",
    "identificatie",
    "afzender",
    "ontvanger",
    "status",
    "retourcodes",
    "afgekeurde_klassen",
    "toewijzing",
    "declaratie",
]


class BerichtenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Bericht
    beleid = mag_berichtenlog_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "ijw/lijst.html"

    def get_queryset(self):
        queryset = (
            super().get_queryset().defer("inhoud").select_related("aanbieder", "gemeente", "jeugdige", "toewijzing")
        )
        self.filter = LogFilter(self.request.GET or None)
        if self.filter.is_valid():
            for veld, waarde in self.filter.cleaned_data.items():
                if waarde:
                    queryset = queryset.filter(**{veld: waarde})
        return queryset

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        berichten = list(self.get_queryset())
        self.log_zoeken(aantal=len(berichten), actie=Actie.EXPORTEREN, objecten=berichten)
        return tabel_response(
            naam="ijw-berichten",
            formaat=formaat,
            kolommen=EXPORT_KOLOMMEN,
            rijen=(
                [
                    b.pk,
                    timezone.localtime(b.aangemaakt).strftime("%Y-%m-%d %H:%M"),
                    b.get_richting_display(),
                    b.berichttype,
                    b.identificatie,
                    b.afzender,
                    b.ontvanger,
                    b.get_status_display(),
                    " ".join(b.retourcodes),
                    len(b.fouten),
                    b.toewijzing_id or "",
                    b.declaratie_id or "",
                ]
                for b in berichten
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        inhoud = mag_berichtinhoud_lezen(self.request.user)
        for bericht in context["object_list"]:
            bericht.tegenpartij = self._tegenpartij(bericht)
            bericht.jeugdige_url, bericht.toewijzing_url = _links(bericht, inhoud)
        context.update(
            {
                "filter": self.filter,
                "inhoud": inhoud,
                "querystring": urlencode({k: v for k, v in self.request.GET.items() if k != "page" and v}),
            }
        )
        return context

    def _tegenpartij(self, bericht: Bericht) -> str:
        user = self.request.user
        gemeente = bericht.gemeente.naam if bericht.gemeente else bericht.ontvanger or bericht.afzender
        aanbieder = bericht.aanbieder.naam if bericht.aanbieder else ""
        scope = bereik(user)
        if scope == AANBIEDER:
            return gemeente
        if scope == GEMEENTE:
            return aanbieder
        return f"{aanbieder} – {gemeente}"


class BerichtDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    """The message with its rejections per class (class, key, codes, explanation) and, for an
    outbound message, its XML."""

    model = Bericht
    beleid = mag_berichtenlog_inzien
    persoonsgegevens = True
    template_name = "ijw/detail.html"

    def get_queryset(self):
        return super().get_queryset().defer("inhoud").select_related("aanbieder", "gemeente", "jeugdige", "toewijzing")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inhoud = mag_berichtinhoud_lezen(self.request.user)
        bericht = self.object
        jeugdige_url, toewijzing_url = _links(bericht, inhoud)
        context.update(
            {
                "inhoud": inhoud,
                "fouten": [{"klasse": "", "sleutel": "", "codes": [], "toelichting": "", **f} for f in bericht.fouten],
                "download": inhoud and bericht.richting == Richting.UIT,
                "jeugdige_url": jeugdige_url,
                "toewijzing_url": toewijzing_url,
                "verwant": self._verwant(bericht),
            }
        )
        return context

    def _verwant(self, bericht: Bericht) -> list[Bericht]:
        """The message this answers and the answers to it (retour, JW319), within scope."""
        scope = Bericht.objects.voor_gebruiker(self.request.user).defer("inhoud")
        vorige = list(scope.filter(pk=bericht.antwoord_op_id)) if bericht.antwoord_op_id else []
        return vorige + list(scope.filter(antwoord_op=bericht).order_by("id"))


class BerichtXml(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Bericht
    beleid = mag_berichtinhoud_lezen
    persoonsgegevens = True

    def get(self, request, *args, **kwargs):
        return lever_xml(self.get_object(), request)


class Wachtrij(LoginRequiredMixin, PaginaMixin, ListView):
    """Issue 15 §1/§2: the outbound messages that wait, with the reason, the rules of the standard
    they broke, since when and how often they were tried. The toegang sees its municipality's
    (it enters a missing address on the child's contact page), the beheerder the region's and
    has one tried again after a repair. Ids and rule codes only."""

    model = Uitboxwacht
    beleid = mag_uitbox_inzien
    persoonsgegevens = True  # the rows point at young people (ids)
    paginate_by = 100
    template_name = "ijw/wachtrij.html"

    def get_queryset(self):
        return super().get_queryset().select_related("gemeente", "aanbieder", "toewijzing")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        inhoud = mag_berichtinhoud_lezen(self.request.user)
        for wacht in context["object_list"]:
            wacht.toewijzing_url = wacht.toewijzing.get_absolute_url() if inhoud and wacht.toewijzing_id else ""
            wacht.contact_url = (
                reverse("jeugdigen:contact", args=[wacht.jeugdige_id]) if inhoud and wacht.jeugdige_id else ""
            )
        context["opnieuw"] = mag_uitbox_opnieuw_proberen(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        if not mag_uitbox_opnieuw_proberen(request.user):
            raise PermissionDenied("Alleen de functioneel beheerder laat een wachtend bericht opnieuw proberen.")
        wacht = get_object_or_404(self.get_queryset(), pk=request.POST.get("wacht") or 0)
        if probeer_opnieuw(wacht=wacht, door=request.user):
            messages.success(request, _("Het bericht is gemaakt en staat klaar voor de aanbieder."))
        else:
            messages.warning(
                request, _("Het bericht wacht nog: de oorzaak is niet hersteld. Zie de regels in de tabel.")
            )
        return redirect("ijw:wachtrij")
