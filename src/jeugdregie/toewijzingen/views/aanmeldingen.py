"""Submissions on the referral form (R-P4): the registrant's own list and the toegang's work queue."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from jeugdregie.accounts.constants import Rol
from jeugdregie.common.scoping import PaginaMixin

from ..constants import AANMELDING_VOOR_INDIENER
from ..models import Aanmelding
from ..policies import AANMELDENDE_ROLLEN


class _Lijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Aanmelding
    persoonsgegevens = True  # a (masked) BSN and what was submitted about the child
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        return context


class AanmeldingenLijst(_Lijst):
    """R-P4: what the provider or GI submitted, each row the same for a known and an unknown BSN:
    the masked BSN as typed, the submitted provider, date and results, and "Ontvangen"."""

    rollen = AANMELDENDE_ROLLEN
    template_name = "toewijzingen/aanmeldingen.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(status_voor_indiener=AANMELDING_VOOR_INDIENER, **kwargs)


class Werkvoorraad(_Lijst):
    """R-P4: the toegang's queue: submissions from its region whose BSN is not in the register
    (register the child, then refer), and those for its residents that led to no referral."""

    rollen = (Rol.TOEGANG,)
    template_name = "toewijzingen/aanmeldingen_werkvoorraad.html"

    def get_queryset(self):
        return super().get_queryset().select_related("door", "indiener_aanbieder", "indiener_verwijzer")
