"""R-B5: committed, spent and released budget per municipality at a date. Aggregates only: the
toegang and finance see their municipality, the regional roles every municipality of the region."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import ListView

from jeugdregie.budgetten import policies
from jeugdregie.budgetten.querysets import budgetoverzicht, gemeenten_voor_budget, totaal
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Gemeente

from ..forms import PeildatumForm


class Budgetoverzicht(LoginRequiredMixin, PaginaMixin, ListView):
    model = Gemeente
    beleid = policies.mag_budgetoverzicht_zien
    template_name = "declaraties/budgetten.html"

    def get_queryset(self):
        return gemeenten_voor_budget(super().get_queryset(), self.request.user).order_by("naam")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeildatumForm(self.request.GET or None)
        op = (form.cleaned_data["op"] if form.is_valid() else None) or timezone.localdate()
        rijen = budgetoverzicht(context["object_list"], op=op)
        context.update({"form": form, "op": op, "rijen": rijen, "totaal": totaal(rijen) if len(rijen) > 1 else None})
        return context
