"""Casusregie pages (issue 22 §4, R-R3): the casusregisseur's list, one casus with the four steps
as a timeline per ronde and the actions available, one page per action, and opening casusregie
for a child. Views are thin: every action is one service call; a refusal shows its Dutch message
and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import weergave_jeugdige
from jeugdregie.toewijzingen.views.basis import Actie
from jeugdregie.verwijzingen.models import Verwijzing

from . import forms, services
from .constants import Fase
from .dossier import contactpersoon
from .models import Casus
from .policies import (
    is_casusregisseur,
    kandidaten,
    mag_casusregie_gebruiken,
    mag_casussen_openen,
    mag_regisseur_wisselen,
)
from .werkvoorraad import omschrijving


def _kandidaten(gemeente_id: int, jeugdige_id: int, *, zonder=None):
    qs = get_user_model().objects.filter(
        kandidaten(gemeente_id=gemeente_id, gi_met_maatregel=services.gi_met_maatregel(jeugdige_id, op=vandaag()))
    )
    if zonder is not None:
        qs = qs.exclude(pk=zonder)
    return qs.select_related("gemeente", "verwijzer").order_by("last_name", "first_name", "username")


class CasusOverzicht(LoginRequiredMixin, PaginaMixin, ListView):
    """R-R3: the casusregisseur's own casussen (the toegang: ``?alle=1`` every casus of its
    municipality); waakvlam checks that are due first, then the running ones, then the rest."""

    model = Casus
    beleid = mag_casusregie_gebruiken
    persoonsgegevens = True
    paginate_by = 50
    template_name = "casusregie/overzicht.html"

    def get_queryset(self):
        qs = super().get_queryset().select_related("jeugdige", "casusregisseur")
        if self.request.GET.get("alle") != "1":
            qs = qs.van_regisseur(self.request.user)
        volgorde = Case(
            When(fase=Fase.WAAKVLAM, waakvlam_controle_op__lte=vandaag(), then=Value(0)),
            When(fase=Fase.LOPEND, then=Value(1)),
            When(fase=Fase.WAAKVLAM, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return qs.annotate(_volgorde=volgorde).order_by("_volgorde", "waakvlam_controle_op", "geopend_op", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        op = vandaag()
        for casus in context["object_list"]:
            casus.wat = omschrijving(casus, op=op)
            casus.controle_nodig = bool(
                casus.fase == Fase.WAAKVLAM and casus.waakvlam_controle_op and casus.waakvlam_controle_op <= op
            )
            casus.jeugdige_weergave = weergave_jeugdige(self.request.user, casus.jeugdige)
        context["alle"] = self.request.GET.get("alle") == "1"
        return context


@dataclass(frozen=True)
class Handeling:
    titel: Any
    knop: Any
    form: type
    beschikbaar: Any  # (casus, gebruiker) -> bool


HANDELINGEN: dict[str, Handeling] = {
    "stap": Handeling(
        _("Stap vastleggen"),
        _("Stap vastleggen"),
        forms.StapForm,
        lambda c, g: is_casusregisseur(g, c) and bool(c.volgende_stappen),
    ),
    "afschalen": Handeling(
        _("Afschalen"), _("Afschalen"), forms.AfschalenForm, lambda c, g: is_casusregisseur(g, c) and c.mag_afschalen
    ),
    "waakvlam": Handeling(
        _("Waakvlamcontrole"),
        _("Controle vastleggen"),
        forms.BevindingForm,
        lambda c, g: is_casusregisseur(g, c) and c.fase == Fase.WAAKVLAM,
    ),
    "opschalen": Handeling(
        _("Opschalen"),
        _("Opschalen naar stap 1"),
        forms.RedenForm,
        lambda c, g: is_casusregisseur(g, c) and c.fase == Fase.WAAKVLAM,
    ),
    "wissel": Handeling(
        _("Casusregisseur wisselen"),
        _("Wisselen"),
        forms.RegisseurForm,
        lambda c, g: mag_regisseur_wisselen(g, c) and c.fase != Fase.AFGESLOTEN,
    ),
}


class CasusDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    """R-R3: the casus: casusregisseur, phase, the steps per ronde as a timeline, the history of
    casusregisseurs and waakvlam checks, and the actions this user may take now."""

    model = Casus
    beleid = mag_casusregie_gebruiken
    persoonsgegevens = True
    template_name = "casusregie/casus.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "casusregisseur", "gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c, gebruiker = self.object, self.request.user
        stappen = c.stappen.select_related("door").prefetch_related("verwijzingen__aanbieder")
        context.update(
            jeugdige_weergave=weergave_jeugdige(gebruiker, c.jeugdige),
            contact=contactpersoon(c.casusregisseur),
            wat=omschrijving(c, op=vandaag()),
            rondes=[(ronde, list(rijen)) for ronde, rijen in groupby(stappen, key=lambda s: s.ronde)],
            wissels=c.wissels.select_related("van", "naar", "door"),
            controles=c.controles.select_related("door"),
            handelingen=[(naam, h.titel) for naam, h in HANDELINGEN.items() if h.beschikbaar(c, gebruiker)],
        )
        return context


class CasusHandeling(Actie):
    """One action of ``HANDELINGEN`` (``actie`` in the URL) on one casus."""

    model = Casus
    beleid = mag_casusregie_gebruiken
    template_name = "casusregie/actie.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("actie") not in HANDELINGEN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def handeling(self) -> Handeling:
        return HANDELINGEN[self.kwargs["actie"]]

    def get_object(self, queryset=None):
        """Once per request: one audit row for the read, however often the base asks."""
        if not hasattr(self, "_casus"):
            self._casus = super().get_object(queryset)
        return self._casus

    def _niet_beschikbaar(self, request):
        messages.error(request, _("Dit kan nu niet bij deze casus, of niet door u."))
        return redirect(self.object.get_absolute_url())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.handeling.beschikbaar(self.object, request.user):
            return self._niet_beschikbaar(request)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.handeling.beschikbaar(self.object, request.user):
            return self._niet_beschikbaar(request)
        self.gelukt = _("%(wat)s: vastgelegd.") % {"wat": self.handeling.titel}
        return super().post(request, *args, **kwargs)

    def get_form_class(self):
        return self.handeling.form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        naam, c = self.kwargs["actie"], self.object
        if naam == "stap":
            kwargs["stappen"] = c.volgende_stappen
            kwargs["verwijzingen"] = (
                Verwijzing.objects.voor_gebruiker(self.request.user)
                .filter(jeugdige_id=c.jeugdige_id)
                .select_related("aanbieder")
            )
        elif naam == "wissel":
            kwargs["kandidaten"] = _kandidaten(c.gemeente_id, c.jeugdige_id, zonder=c.casusregisseur_id)
            kwargs["wissel"] = True
        return kwargs

    @property
    def titel(self):
        return self.handeling.titel

    @property
    def knop(self):
        return self.handeling.knop

    def uitvoeren(self, data):
        c, door, context = self.object, self.request.user, self.toegangscontext
        naam = self.kwargs["actie"]
        if naam == "stap":
            services.leg_stap_vast(
                casus=c,
                stap=data["stap"],
                inhoud=data["inhoud"],
                uitkomst=data.get("uitkomst", ""),
                verwijzingen=data.get("verwijzingen") or [],
                door=door,
                context=context,
            )
        elif naam == "afschalen":
            services.schaal_af(casus=c, door=door, context=context, **data)
        elif naam == "waakvlam":
            services.waakvlam_controle(casus=c, bevinding=data["bevinding"], door=door, context=context)
        elif naam == "opschalen":
            services.schaal_op(casus=c, reden=data["reden"], door=door, context=context)
        elif naam == "wissel":
            services.wissel_casusregisseur(
                casus=c, nieuwe=data["casusregisseur"], reden=data["reden"], door=door, context=context
            )


class CasusOpenen(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """R-R3: the toegang opens casusregie for a child of its municipality and names the
    casusregisseur."""

    model = Jeugdige
    beleid = mag_casussen_openen
    persoonsgegevens = True
    form_class = forms.RegisseurForm
    template_name = "casusregie/openen.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kandidaten"] = _kandidaten(self.request.user.gemeente_id, self.object.pk)
        kwargs.setdefault("initial", {})["casusregisseur"] = self.request.user.pk
        return kwargs

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            casus = services.open_casus(
                jeugdige=self.object,
                gemeente=request.user.gemeente,
                casusregisseur=form.cleaned_data["casusregisseur"],
                door=request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            toon_fout(form, error)
            return self.form_invalid(form)
        messages.success(request, _("Casusregie geopend."))
        return redirect(casus.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jeugdige_weergave=weergave_jeugdige(self.request.user, self.object), knop=_("Casusregie openen"), **kwargs
        )
