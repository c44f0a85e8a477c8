"""Pages over young people. Thin: scoping and audit come from PaginaMixin, rules from services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from jeugdregie.accounts.constants import ROLLEN_MET_PERSOONSGEGEVENS, Rol
from jeugdregie.audit.constants import Actie
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin

from .forms import JeugdigeForm, ZoekForm
from .models import Jeugdige
from .services import registreer_jeugdige
from .zoeken import zoek


class JeugdigenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Jeugdige
    rollen = tuple(ROLLEN_MET_PERSOONSGEGEVENS)
    persoonsgegevens = True
    paginate_by = 50
    template_name = "jeugdigen/lijst.html"

    def get_queryset(self):
        self.zoekform = ZoekForm(self.request.GET)
        term = self.zoekform.cleaned_data["q"] if self.zoekform.is_valid() else ""
        return zoek(super().get_queryset(), term).met_actuele_gemeente()

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset()[:10000])
            self.log_zoeken(aantal=len(rijen), actie=Actie.EXPORTEREN)
            return tabel_response(
                naam="jeugdigen",
                formaat=formaat,
                kolommen=[_("BSN"), _("Voornamen"), _("Achternaam"), _("Geboortedatum"), _("Gemeente")],
                rijen=([j.bsn, j.voornamen, j.achternaam, j.geboortedatum, j.actuele_gemeente_naam] for j in rijen),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        context["zoekform"] = self.zoekform
        context["mag_registreren"] = self.request.user.rol == Rol.TOEGANG
        return context


class JeugdigeDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Jeugdige
    rollen = tuple(ROLLEN_MET_PERSOONSGEGEVENS)
    persoonsgegevens = True
    template_name = "jeugdigen/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["toon_volledig_bsn"] = self.request.user.rol != Rol.FINANCIEEL
        context["woonplaatsen"] = self.object.woonplaatsen.select_related("gemeente")
        return context


class JeugdigeNieuw(LoginRequiredMixin, PaginaMixin, FormView):
    model = Jeugdige
    rollen = (Rol.TOEGANG,)
    persoonsgegevens = True
    form_class = JeugdigeForm
    template_name = "jeugdigen/nieuw.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            jeugdige = registreer_jeugdige(
                bsn=data["bsn"].strip(),
                voornamen=data["voornamen"],
                achternaam=data["achternaam"],
                geboortedatum=data["geboortedatum"],
                geslacht=data["geslacht"],
                gemeente=data["gemeente"],
                door=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Jeugdige geregistreerd."))
        return redirect("jeugdigen:detail", pk=jeugdige.pk)
