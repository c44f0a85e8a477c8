"""Pages for the family of a young person (issue 20 §1, §4), reached from the child's dossier.
Thin: the child comes through ``PaginaMixin`` (scoped like the child's page, 404 outside the
user's scope, the read audit-logged); the rules and the audit rows of the writes come from
``services``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.forms import ADRESVELDEN
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import mag_register_inzien

from .forms import ContactvoorkeurForm, GezinslidForm, ToestemmingForm
from .models import Contactvoorkeur, Gezinslid, Toestemming
from .policies import mag_gezin_wijzigen_rol
from .services import (
    beeindig_gezinslid,
    gezin_van,
    toestemmers,
    voeg_gezinslid_toe,
    wijzig_contactvoorkeur,
    wijzig_gezinslid,
)
from .services_toestemming import geef_toestemming, trek_toestemming_in


class GezinOverzicht(LoginRequiredMixin, PaginaMixin, DetailView):
    """Who has gezag, who gets the letters today, and the consents (with history)."""

    model = Jeugdige
    beleid = mag_register_inzien  # R-P1: the roles that read the register; the child's scope below
    persoonsgegevens = True
    template_name = "gezin/overzicht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["gezin"] = gezin_van(self.object, door=self.request.user, context=self.toegangscontext)
        except DomainError as fout:  # the scoped get_object already answered 404
            raise Http404 from fout
        return context


class _KindFormulier(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """A toegang form about one child: the role first, then the child in the user's scope."""

    model = Jeugdige
    beleid = mag_gezin_wijzigen_rol
    persoonsgegevens = True

    def jeugdige(self) -> Jeugdige:
        if not hasattr(self, "_jeugdige"):
            self._jeugdige = self.object = self.get_object()
        return self._jeugdige

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.jeugdige(), jeugdige=self.jeugdige(), **kwargs)

    def fout(self, form, error: DomainError):
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return self.form_invalid(form)

    def terug(self):
        return redirect("gezin:overzicht", pk=self.jeugdige().pk)


class GezinslidNieuw(_KindFormulier):
    form_class = GezinslidForm
    template_name = "gezin/gezinslid.html"

    def get_initial(self):
        return {"woont_bij_jeugdige": True, "gezag": True}

    def form_valid(self, form):
        try:
            lid = voeg_gezinslid_toe(
                jeugdige=self.jeugdige(), gegevens=form.gegevens(), door=self.request.user, context=self.toegangscontext
            )
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("%(naam)s is toegevoegd.") % {"naam": lid.naam})
        return self.terug()


class _LidFormulier(_KindFormulier):
    def lid(self) -> Gezinslid:
        if not hasattr(self, "_lid"):
            self._lid = get_object_or_404(Gezinslid, pk=self.kwargs["lid"], jeugdige=self.jeugdige())
        return self._lid

    def get_context_data(self, **kwargs):
        return super().get_context_data(lid=self.lid(), **kwargs)


class GezinslidWijzigen(_LidFormulier):
    form_class = GezinslidForm
    template_name = "gezin/gezinslid.html"

    def get_initial(self):
        lid = self.lid()
        initial = {
            "rol": lid.rol,
            "gezag": lid.gezag,
            "voornamen": lid.voornamen,
            "achternaam": lid.achternaam,
            "kanaal": lid.kanaal,
            "email": lid.email,
            "woont_bij_jeugdige": lid.woont_bij_jeugdige,
        }
        if lid.telefoonnummer:
            initial["telefoon"] = lid.telefoonnummer if lid.landnummer == "0031" else f"+{lid.landnummer.lstrip('0')}"
        adres = lid.adres_op(vandaag())
        if adres is not None:
            initial.update({naam: getattr(adres, naam) for naam in ADRESVELDEN})
            initial["postcode"] = adres.postcode_weergave
        return initial

    def form_valid(self, form):
        try:
            lid = wijzig_gezinslid(
                gezinslid=self.lid(), gegevens=form.gegevens(), door=self.request.user, context=self.toegangscontext
            )
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("Gegevens van %(naam)s opgeslagen.") % {"naam": lid.naam})
        return self.terug()


class GezinslidBeeindigen(_LidFormulier):
    """Confirm, then end the parent's or gezag holder's place as of today."""

    template_name = "gezin/beeindigen.html"

    def get_form_class(self):
        return forms.Form

    def form_valid(self, form):
        try:
            lid = beeindig_gezinslid(gezinslid=self.lid(), door=self.request.user, context=self.toegangscontext)
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("%(naam)s staat niet meer bij het gezin.") % {"naam": lid.naam})
        return self.terug()


class ContactvoorkeurWijzigen(_KindFormulier):
    form_class = ContactvoorkeurForm
    template_name = "gezin/contactvoorkeur.html"

    def get_initial(self):
        voorkeur = Contactvoorkeur.objects.filter(jeugdige=self.jeugdige()).first()
        return {"kanaal": voorkeur.kanaal, "email": voorkeur.email} if voorkeur else {}

    def form_valid(self, form):
        try:
            wijzig_contactvoorkeur(
                jeugdige=self.jeugdige(),
                email=form.cleaned_data["email"],
                kanaal=form.cleaned_data["kanaal"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("Contactvoorkeur van de jeugdige opgeslagen."))
        return self.terug()


class ToestemmingNieuw(_KindFormulier):
    form_class = ToestemmingForm
    template_name = "gezin/toestemming.html"

    def get_form_kwargs(self):
        gevers = [
            (str(t.gezinslid_id or ToestemmingForm.JEUGDIGE), f"{t.naam} ({t.rol_weergave})")
            for t in toestemmers(self.jeugdige(), op=vandaag())
        ]
        return {**super().get_form_kwargs(), "gevers": gevers}

    def form_valid(self, form):
        gever = form.cleaned_data["gever"]
        lid = None
        if gever != ToestemmingForm.JEUGDIGE:
            lid = get_object_or_404(Gezinslid, pk=gever, jeugdige=self.jeugdige())
        try:
            geef_toestemming(
                jeugdige=self.jeugdige(),
                gegevens=form.cleaned_data["gegevens"],
                ontvanger=form.cleaned_data["ontvanger"],
                toelichting=form.cleaned_data["toelichting"],
                gegeven_door=lid,
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("Toestemming vastgelegd."))
        return self.terug()


class ToestemmingIntrekken(_KindFormulier):
    template_name = "gezin/intrekken.html"

    def get_form_class(self):
        return forms.Form

    def toestemming(self) -> Toestemming:
        return get_object_or_404(Toestemming, pk=self.kwargs["toestemming"], jeugdige=self.jeugdige())

    def get_context_data(self, **kwargs):
        return super().get_context_data(toestemming=self.toestemming(), **kwargs)

    def form_valid(self, form):
        try:
            trek_toestemming_in(toestemming=self.toestemming(), door=self.request.user, context=self.toegangscontext)
        except DomainError as error:
            return self.fout(form, error)
        messages.success(self.request, _("Toestemming ingetrokken."))
        return self.terug()
