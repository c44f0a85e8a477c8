"""The beheerder searches and exports the audit log; each read of the log is logged (R-P2)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import ListView

from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from .constants import Actie
from .forms import AuditZoekForm
from .models import AuditRegel
from .policies import mag_auditlog_lezen

KOLOMMEN = [
    "tijdstip",
    "gebruikersnaam",
    "rol",
    "organisatie",
    "namens",
    "actie",
    "objecttype",
    "object_id",
    "client_id",
    "client_pseudoniem",
    "doel",
    "uitkomst",
    "details",
    "request_id",
    "bronadres",
]


class AuditLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = AuditRegel
    beleid = mag_auditlog_lezen
    persoonsgegevens = True
    paginate_by = 100
    template_name = "audit/lijst.html"

    def get_queryset(self):
        self.zoekform = AuditZoekForm(self.request.GET or None)
        qs = super().get_queryset()
        return self.zoekform.filter(qs) if self.request.GET else qs

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset().values_list(*KOLOMMEN)[:100_000])
            client = KOLOMMEN.index("client_id")
            kinderen = [(r[client], r[client + 1]) for r in rijen if r[client] is not None]
            self.log_zoeken(aantal=len(rijen), actie=Actie.EXPORTEREN, objecten=kinderen)  # R-P6
            rijen = [[r[0].isoformat(), *r[1:]] for r in rijen]
            return tabel_response(naam="auditlog", formaat=formaat, kolommen=KOLOMMEN, rijen=rijen)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        context["zoekform"] = self.zoekform
        context["kolommen"] = KOLOMMEN
        context["export_query"] = self.request.GET.copy()
        context["export_query"].pop("page", None)
        context["titel"] = _("Auditlog")
        return context
