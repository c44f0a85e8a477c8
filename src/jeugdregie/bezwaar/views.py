"""Bezwaar pages (issue 20 §3, R-D2): the toegang's list, one objection with its terms and
history, registration against a sent beschikking, and one page per step. Views are thin: every
step is one service call; a refusal shows its Dutch message and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.policies import weergave_jeugdige
from jeugdregie.toewijzingen.views.basis import Actie

from . import forms, herstel, services
from .constants import BeroepStatus, BezwaarStatus, Uitkomst
from .models import Beroep, Bezwaar
from .policies import mag_bezwaar_behandelen, mag_bezwaren_inzien
from .querysets import beschikkingen_voor
from .werkvoorraad import stap


class BezwaarOverzicht(LoginRequiredMixin, PaginaMixin, ListView):
    model = Bezwaar
    beleid = mag_bezwaren_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "bezwaar/overzicht.html"

    def get_queryset(self):
        qs = super().get_queryset().select_related("jeugdige", "beschikking")
        status = self.request.GET.get("status")
        if status in BezwaarStatus.values:
            qs = qs.filter(status=status)
        return qs.order_by("status", "einde_beslistermijn", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        op = vandaag()
        for bezwaar in context["object_list"]:
            bezwaar.stap = stap(bezwaar, op=op) if bezwaar.status == BezwaarStatus.IN_BEHANDELING else None
            bezwaar.jeugdige_weergave = weergave_jeugdige(self.request.user, bezwaar.jeugdige)
        context["statussen"] = BezwaarStatus.choices
        context["gekozen_status"] = self.request.GET.get("status", "")
        return context


@dataclass(frozen=True)
class Stap:
    titel: Any
    knop: Any
    form: type
    beschikbaar: Any  # (bezwaar) -> bool


def _open(b: Bezwaar) -> bool:
    return b.status == BezwaarStatus.IN_BEHANDELING


def _beroep_open(b: Bezwaar) -> bool:
    beroep = Beroep.objects.filter(bezwaar=b).first()
    return beroep is not None and beroep.status == BeroepStatus.INGESTELD


STAPPEN: dict[str, Stap] = {
    "verschonen": Stap(
        _("Termijnoverschrijding verschoonbaar"),
        _("Verschoonbaar verklaren"),
        forms.MotiveringForm,
        lambda b: _open(b) and not b.tijdig and not b.verschoonbaar,
    ),
    "horen": Stap(
        _("Hoorzitting vastleggen"),
        _("Hoorzitting is vandaag gehouden"),
        forms.LeegForm,
        lambda b: _open(b) and b.gehoord_op is None,
    ),
    "afzien": Stap(
        _("Afzien van horen"),
        _("Vastleggen"),
        forms.RedenForm,
        lambda b: _open(b) and b.gehoord_op is None and not b.horen_afgezien_reden,
    ),
    "advies": Stap(
        _("Advies commissie"),
        _("Advies vastleggen"),
        forms.AdviesForm,
        lambda b: _open(b) and b.adviescommissie and b.advies_op is None,
    ),
    "verdagen": Stap(
        _("Beslissing verdagen"),
        _("Zes weken verdagen"),
        forms.MotiveringForm,
        lambda b: _open(b) and not b.verdaagd_op,
    ),
    "beslissen": Stap(_("Beslissen op bezwaar"), _("Beslissing vastleggen"), forms.BeslissingForm, _open),
    "intrekken": Stap(_("Bezwaar ingetrokken"), _("Intrekking vastleggen"), forms.LeegForm, _open),
    "koppelen": Stap(
        _("Nieuwe beschikking koppelen"), _("Koppelen"), forms.KoppelForm, lambda b: b.wacht_op_nieuw_besluit
    ),
    "beroep": Stap(
        _("Beroep registreren"),
        _("Beroep vastleggen"),
        forms.BeroepForm,
        lambda b: b.status == BezwaarStatus.BESLOTEN and not Beroep.objects.filter(bezwaar=b).exists(),
    ),
    "uitspraak": Stap(_("Uitspraak rechtbank"), _("Uitspraak vastleggen"), forms.UitspraakForm, _beroep_open),
}


class BezwaarDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Bezwaar
    beleid = mag_bezwaren_inzien
    persoonsgegevens = True
    template_name = "bezwaar/bezwaar.html"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("jeugdige", "beschikking", "nieuwe_verwijzing", "nieuwe_beschikking")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        b = self.object
        mag = mag_bezwaar_behandelen(self.request.user, b.gemeente_id)
        context.update(
            jeugdige_weergave=weergave_jeugdige(self.request.user, b.jeugdige),
            stap=stap(b, op=vandaag()) if _open(b) else None,
            stappen=[(naam, s.titel) for naam, s in STAPPEN.items() if mag and s.beschikbaar(b)],
            gebeurtenissen=b.gebeurtenissen.all(),
            beroep=Beroep.objects.filter(bezwaar=b).first(),
        )
        return context


class BezwaarStap(Actie):
    """One step of ``STAPPEN`` (``stap`` in the URL) on one objection."""

    model = Bezwaar
    beleid = mag_bezwaren_inzien
    template_name = "bezwaar/actie.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("stap") not in STAPPEN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def stap(self) -> Stap:
        return STAPPEN[self.kwargs["stap"]]

    def get_object(self, queryset=None):
        """Once per request: one audit row for the read, however often the base asks."""
        if not hasattr(self, "_bezwaar"):
            self._bezwaar = super().get_object(queryset)
        return self._bezwaar

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.stap.beschikbaar(self.object):
            messages.error(request, _("Deze stap kan nu niet bij dit bezwaar."))
            return redirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_class(self):
        return self.stap.form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        naam = self.kwargs["stap"]
        if naam == "beslissen":
            voorstel = herstel.voorstel(self.object.beschikking)
            kwargs["herverwijzen"] = voorstel is not None
            if voorstel is not None:
                kwargs.setdefault("initial", {})["resultaten"] = "\n".join(voorstel.resultaten)
        elif naam == "koppelen":
            kwargs["beschikkingen"] = (
                beschikkingen_voor(self.request.user, Beschikking)
                .filter(jeugdige_id=self.object.jeugdige_id, datum__gte=self.object.besloten_op or vandaag())
                .exclude(pk=self.object.beschikking_id)
            )
        return kwargs

    @property
    def titel(self):
        return self.stap.titel

    @property
    def knop(self):
        return self.stap.knop

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.stap.beschikbaar(self.object):
            messages.error(request, _("Deze stap kan nu niet bij dit bezwaar."))
            return redirect(self.object.get_absolute_url())
        self.gelukt = _("%(stap)s: vastgelegd.") % {"stap": self.stap.titel}
        return super().post(request, *args, **kwargs)

    def uitvoeren(self, data):
        b, door, context = self.object, self.request.user, self.toegangscontext
        naam = self.kwargs["stap"]
        if naam == "verschonen":
            services.verklaar_verschoonbaar(bezwaar=b, motivering=data["motivering"], door=door, context=context)
        elif naam == "horen":
            services.registreer_hoorzitting(bezwaar=b, door=door, context=context)
        elif naam == "afzien":
            services.zie_af_van_horen(bezwaar=b, reden=data["reden"], door=door, context=context)
        elif naam == "advies":
            services.registreer_advies(bezwaar=b, advies=data["advies"], door=door, context=context)
        elif naam == "verdagen":
            services.verdaag(bezwaar=b, motivering=data["motivering"], door=door, context=context)
        elif naam == "beslissen":
            herverwijzing = None
            voorstel = herstel.voorstel(b.beschikking)
            if voorstel is not None and data["uitkomst"] == Uitkomst.GEGROND:
                herverwijzing = herstel.met_wijzigingen(voorstel, resultaten=data.get("resultaten"))
            services.beslis_op_bezwaar(
                bezwaar=b,
                uitkomst=data["uitkomst"],
                motivering=data["motivering"],
                door=door,
                herverwijzing=herverwijzing,
                context=context,
            )
        elif naam == "intrekken":
            services.trek_bezwaar_in(bezwaar=b, door=door, context=context)
        elif naam == "koppelen":
            services.koppel_nieuw_besluit(bezwaar=b, beschikking=data["beschikking"], door=door, context=context)
        elif naam == "beroep":
            services.registreer_beroep(bezwaar=b, door=door, context=context, **data)
        elif naam == "uitspraak":
            services.registreer_uitspraak(beroep=b.beroep, door=door, context=context, **data)


class BezwaarRegistreren(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """Register an objection received today against a sent beschikking of the toegang's
    municipality."""

    model = Beschikking
    beleid = mag_bezwaren_inzien
    persoonsgegevens = True
    form_class = forms.RegistratieForm
    template_name = "bezwaar/registreren.html"

    def get_queryset(self):
        return beschikkingen_voor(self.request.user, Beschikking).select_related("jeugdige")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        try:
            bezwaar = services.registreer_bezwaar(
                beschikking=self.object, door=request.user, context=self.toegangscontext, **form.cleaned_data
            )
        except DomainError as error:
            toon_fout(form, error)
            return self.form_invalid(form)
        if bezwaar.tijdig:
            messages.success(request, _("Bezwaar geregistreerd."))
        else:
            messages.warning(
                request,
                _(
                    "Bezwaar geregistreerd als te laat: de termijn liep tot en met %(datum)s. Het wordt "
                    "niet-ontvankelijk verklaard, tenzij de overschrijding verschoonbaar is."
                )
                % {"datum": f"{bezwaar.einde_bezwaartermijn:%d-%m-%Y}"},
            )
        return redirect(bezwaar.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jeugdige_weergave=weergave_jeugdige(self.request.user, self.object.jeugdige), **kwargs
        )
