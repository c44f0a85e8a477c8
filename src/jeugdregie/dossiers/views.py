"""The child's dossier page (issue 19 §2). Thin: scoping and the audit row of the read come from
``PaginaMixin`` on the child (as on the child's own page), the content from ``services``."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import DetailView

from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import mag_register_inzien, mag_volledig_bsn_zien

from .services import GeenToegangTotDossier, stel_dossier_samen


class JeugdigeDossier(LoginRequiredMixin, PaginaMixin, DetailView):
    """R-P1/R-P4: the roles that read the register, for a child in their scope (404 otherwise,
    logged as refused); opening it is logged as a read of the child (R-P2)."""

    model = Jeugdige
    beleid = mag_register_inzien  # R-P1: finance reads declarations, not the client register
    persoonsgegevens = True
    template_name = "dossiers/dossier.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            dossier = stel_dossier_samen(
                gebruiker=self.request.user, jeugdige=self.object, op=vandaag(), context=self.toegangscontext
            )
        except GeenToegangTotDossier as fout:  # the scoped get_object already answered 404
            raise Http404 from fout
        context["dossier"] = dossier
        context["toon_volledig_bsn"] = mag_volledig_bsn_zien(self.request.user)
        return context
