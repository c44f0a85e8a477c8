"""Pages over young people. Thin: scoping and audit come from PaginaMixin, rules from services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.audit.constants import Actie
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.periods import geldig_op_q
from jeugdregie.common.scoping import PaginaMixin

from .constants import AdresSoort
from .forms import ADRESVELDEN, ContactForm, JeugdigeForm, VerhuizingForm, ZoekForm
from .models import Jeugdige
from .policies import (
    mag_contact_wijzigen,
    mag_contact_wijzigen_rol,
    mag_jeugdige_registreren,
    mag_register_inzien,
    mag_volledig_bsn_zien,
)
from .services import registreer_jeugdige, registreer_verhuizing
from .services_contact import wijzig_contactgegevens
from .zoeken import zoek


class JeugdigenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Jeugdige
    beleid = mag_register_inzien  # R-P1: finance reads declarations, not the client register
    persoonsgegevens = True
    paginate_by = 50
    template_name = "jeugdigen/lijst.html"

    def _zoekgegevens(self):
        """R-P8: the search form posts (a BSN stays out of URLs and logs); a name may still come
        as ``?q=`` in a link."""
        return self.request.POST if self.request.method == "POST" else self.request.GET

    def get_queryset(self):
        self.zoekform = ZoekForm(self._zoekgegevens(), via_post=self.request.method == "POST")
        term = self.zoekform.cleaned_data["q"] if self.zoekform.is_valid() else ""
        return zoek(super().get_queryset(), term).met_actuele_gemeente()

    def post(self, request, *args, **kwargs):
        """The search form: the same list, its page and export chosen with buttons (R-P8)."""
        if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return HttpResponseBadRequest(_("Het zoekformulier wordt als formulier verstuurd."))
        self.kwargs["page"] = request.POST.get("page") or 1
        return self.get(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        formaat = self._zoekgegevens().get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset()[:10000])
            self.log_zoeken(aantal=len(rijen), actie=Actie.EXPORTEREN, objecten=rijen)
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
        context["mag_registreren"] = mag_jeugdige_registreren(self.request.user)
        return context


class JeugdigeDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Jeugdige
    beleid = mag_register_inzien  # R-P1: finance reads declarations, not the client register
    persoonsgegevens = True
    template_name = "jeugdigen/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["toon_volledig_bsn"] = mag_volledig_bsn_zien(self.request.user)
        context["woonplaatsen"] = self.object.woonplaatsen.select_related("gemeente")
        # issue 15 §2: everyone who may read the child sees its contact data (a provider needs the
        # address for care); only the toegang changes it
        context["adressen"] = self.object.adressen.order_by("soort", "-begindatum")
        context["telefoonnummers"] = self.object.telefoonnummers.order_by("einddatum", "volgorde", "-begindatum")
        context["mag_contact_wijzigen"] = mag_contact_wijzigen(self.request.user, self.object)
        # the note counts what holds today: an ended address keeps no JW301 going (issue 15 §2)
        from jeugdregie.common.tijd import vandaag

        dag = vandaag()
        context["contact_ontbreekt"] = not (
            self.object.adressen.filter(geldig_op_q(dag)).exists()
            or self.object.telefoonnummers.filter(geldig_op_q(dag)).exists()
        )
        return context


class JeugdigeContact(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """The toegang enters or changes the address and phone numbers (issue 15 §2)."""

    model = Jeugdige
    beleid = mag_contact_wijzigen_rol
    persoonsgegevens = True
    form_class = ContactForm
    template_name = "jeugdigen/contact.html"

    def jeugdige(self) -> Jeugdige:
        """The child, within the user's scope (404 otherwise); its read is audit-logged once."""
        if not hasattr(self, "_jeugdige"):
            self._jeugdige = self.object = self.get_object()
        return self._jeugdige

    def get_initial(self):
        from jeugdregie.common.tijd import vandaag

        dag, initial, jeugdige = vandaag(), {}, self.jeugdige()
        for prefix, soort in (("woon", AdresSoort.WOONADRES), ("post", AdresSoort.CORRESPONDENTIEADRES)):
            adres = jeugdige.adres_op(dag, soort)
            if adres is not None:
                initial.update({f"{prefix}_{naam}": getattr(adres, naam) for naam in ADRESVELDEN})
                initial[f"{prefix}_postcode"] = adres.postcode_weergave
        for i, nummer in enumerate(jeugdige.telefoonnummers_op(dag), start=1):
            initial[f"telefoon_{i}"] = nummer.weergave
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.jeugdige(), jeugdige=self.jeugdige(), **kwargs)

    def form_valid(self, form):
        try:
            wijziging = wijzig_contactgegevens(
                jeugdige=self.jeugdige(),
                woonadres=form.adres("woon"),
                correspondentieadres=form.adres("post"),
                telefoonnummers=form.telefoonnummers(),
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Contactgegevens opgeslagen: %(delen)s.") % {"delen": ", ".join(wijziging.gewijzigd)}
        )
        return redirect("jeugdigen:detail", pk=self.jeugdige().pk)


class JeugdigeVerhuizing(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """R-D3: the toegang records a move to another municipality (the BRP's new residence). A
    move during ambulant care opens a handover for both municipalities (``overdracht``)."""

    model = Jeugdige
    beleid = mag_contact_wijzigen_rol
    persoonsgegevens = True
    form_class = VerhuizingForm
    template_name = "jeugdigen/verhuizing.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.toegestaan(request.user):
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            registreer_verhuizing(
                jeugdige=self.object,
                gemeente=form.cleaned_data["gemeente"],
                per=form.cleaned_data["per"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("De verhuizing is geregistreerd."))
        return redirect("jeugdigen:detail", pk=self.object.pk)


class JeugdigeNieuw(LoginRequiredMixin, PaginaMixin, FormView):
    model = Jeugdige
    beleid = mag_jeugdige_registreren
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
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Jeugdige geregistreerd."))
        return redirect("jeugdigen:detail", pk=jeugdige.pk)
