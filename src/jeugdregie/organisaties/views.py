from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from jeugdregie.catalogus.views import ExportMixin
from jeugdregie.common.scoping import PaginaMixin

from .models import Aanbieder, Gemeente


class GemeentenLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "organisaties/gemeenten.html"
    export_naam = "gemeenten"
    queryset = Gemeente.objects.select_related("regio")

    def export_kolommen(self):
        return [_("CBS-code"), _("Gemeente"), _("Regio"), _("Inwoners"), _("Jeugdigen")]

    def export_rijen(self):
        for g in self.get_queryset():
            yield [g.cbs_code, g.naam, g.regio.naam, g.inwoners, g.jeugdigen]


class AanbiedersLijst(LoginRequiredMixin, PaginaMixin, ExportMixin, ListView):
    template_name = "organisaties/aanbieders.html"
    export_naam = "aanbieders"
    paginate_by = 100
    queryset = Aanbieder.objects.select_related("regio").annotate(aantal_contracten=Count("contracten"))

    def get_queryset(self):
        qs = super().get_queryset()
        term = self.request.GET.get("q", "").strip()
        return qs.filter(Q(naam__icontains=term) | Q(agb_code=term)) if term else qs

    def export_kolommen(self):
        return [_("AGB-code"), _("Aanbieder"), _("Categorie"), _("Regio"), _("Contracten")]

    def export_rijen(self):
        for a in self.get_queryset():
            yield [a.agb_code, a.naam, a.get_categorie_display(), a.regio.naam, a.aantal_contracten]


class AanbiederDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    template_name = "organisaties/aanbieder.html"
    queryset = Aanbieder.objects.prefetch_related(
        "contracten__producten__product", "contracten__inschrijvingen__product"
    )
