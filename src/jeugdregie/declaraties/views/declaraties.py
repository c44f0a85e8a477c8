"""The declarations list (for finance the worklist "Declaraties om te controleren") and the
declaration detail with its lines, the allocations' budget ledgers and the CSV/XLSX export."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import jeugdigen_in, log
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.jeugdigen.policies import mag_volledig_bsn_zien
from jeugdregie.organisaties.models import Gemeente

from ..constants import RegelStatus
from ..forms import LijstFilter
from ..models import Declaratie, Declaratieregel
from ..policies import controleert_declaraties, mag_declaratie_indienen, mag_declaraties_inzien


class DeclaratiesLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Declaratie
    beleid = mag_declaraties_inzien
    persoonsgegevens = True  # filtering declarations about young people is a search (R-P2)
    paginate_by = 50
    template_name = "declaraties/lijst.html"

    def _gemeenten(self):
        user = self.request.user
        if mag_declaratie_indienen(user):
            return Gemeente.objects.filter(declaraties__aanbieder_id=user.aanbieder_id).distinct()
        return Gemeente.objects.filter(pk=user.gemeente_id)

    def get_queryset(self):
        queryset = super().get_queryset().met_tellingen().select_related("aanbieder", "gemeente")
        self.filter = LijstFilter(self.request.GET or None, gemeenten=self._gemeenten())
        if self.filter.is_valid():
            data = self.filter.cleaned_data
            if data["gemeente"]:
                queryset = queryset.filter(gemeente=data["gemeente"])
            if data["status"]:
                queryset = queryset.met_regelstatus(data["status"])
            queryset = queryset.in_periode(data["van"], data["tot"])
        if controleert_declaraties(self.request.user):
            return queryset.afgekeurde_eerst()
        return queryset.order_by("-ingediend_op", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        is_financieel = controleert_declaraties(self.request.user)
        context.update(
            {
                "filter": self.filter,
                "titel": _("Declaraties om te controleren") if is_financieel else _("Declaraties"),
                "toont_afkeurhint": is_financieel,
                "mag_uploaden": mag_declaratie_indienen(self.request.user),
                "querystring": urlencode({k: v for k, v in self.request.GET.items() if k != "page" and v}),
            }
        )
        return context


EXPORT_KOLOMMEN = [
    "volgnummer",
    "referentie",
    "bsn",
    "toewijzing",
    "product",
    "begindatum",
    "einddatum",
    "volume",
    "eenheid",
    "bedrag",
    "debet_credit",
    "status",
    "afkeurcode",
    "retourcode",
    "toelichting",
]


class DeclaratieDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    """Lines with status, code, retourcode and what to fix; per allocation its ledger (R-B5).
    Reading (and exporting) is audit-logged: the lines name young people (R-P2)."""

    model = Declaratie
    beleid = mag_declaraties_inzien
    persoonsgegevens = True
    template_name = "declaraties/detail.html"

    def get_queryset(self):
        return super().get_queryset().met_tellingen().select_related("aanbieder", "gemeente")

    def jeugdige_van(self, obj):
        return None  # a declaration is about many young people; each line names its own

    def _regels(self):
        return (
            Declaratieregel.objects.voor_gebruiker(self.request.user)
            .filter(declaratie=self.object)
            .select_related("jeugdige", "product", "credit_van")
        )

    def _toon_bsn(self, regel) -> str:
        """R-P3: the BSN only where the role needs it; finance sees it masked."""
        if regel.jeugdige is None:
            return ""
        return regel.jeugdige.bsn if mag_volledig_bsn_zien(self.request.user) else regel.jeugdige.bsn_gemaskeerd

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        self.object = self.get_object()
        regels = list(self._regels())
        log(
            actie=Actie.EXPORTEREN,
            objecttype=Declaratie._meta.label,
            object_id=self.object.pk,
            context=self.toegangscontext,
            details=f"{len(regels)} regels als {formaat}",
            jeugdigen=jeugdigen_in(regels),  # R-P6: the export's row names its children
        )
        return tabel_response(
            naam=f"declaratie-{slugify(self.object.nummer) or self.object.pk}",
            formaat=formaat,
            kolommen=EXPORT_KOLOMMEN,
            rijen=(
                [
                    r.volgnummer,
                    r.referentie,
                    self._toon_bsn(r),
                    r.toewijzing_id,
                    r.product.code if r.product else "",
                    r.begindatum,
                    r.einddatum,
                    r.volume,
                    r.eenheid,
                    r.bedrag,
                    r.debet_credit,
                    r.get_status_display(),
                    r.afkeur,
                    r.retourcode,
                    r.toelichting,
                ]
                for r in regels
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regels = list(self._regels())
        for regel in regels:
            regel.bsn_getoond = self._toon_bsn(regel)
        toewijzingen = {r.toewijzing_id for r in regels if r.status == RegelStatus.GOEDGEKEURD}
        standen = list(
            Budgetstand.objects.voor_gebruiker(self.request.user)
            .filter(toewijzing_id__in=toewijzingen)
            .order_by("toewijzing_id")
        )
        # R-P1: finance reads the lines, not the client register: no name, the BSN masked
        context.update(
            {"regels": regels, "budgetstanden": standen, "toon_naam": mag_volledig_bsn_zien(self.request.user)}
        )
        return context
