"""User management screens for the functioneel beheerder (R-P5). Thin: the services decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.accounts.constants import ORGANISATIE, Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.accounts.policies import mag_gebruiker_beheren, mag_gebruikers_beheren
from jeugdregie.accounts.tweefactor import met_app_status
from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin

from .forms import GebruikerForm
from .services import (
    Accountgegevens,
    GeenBevoegdheid,
    herstel_tweede_factor,
    log_weigering,
    maak_gebruiker,
    wijzig_gebruiker,
    zet_actief,
)


class _Beheer(LoginRequiredMixin, PaginaMixin):
    model = Gebruiker
    beleid = mag_gebruikers_beheren  # R-P5: the functioneel beheerder of a region

    def weiger(self, fout: GeenBevoegdheid, object_id: object = ""):
        log_weigering(fout, door=self.request.user, object_id=object_id, context=self.toegangscontext)
        raise PermissionDenied(fout.message)


class GebruikersLijst(_Beheer, ListView):
    paginate_by = 100
    template_name = "gebruikersbeheer/lijst.html"

    def get_queryset(self):
        gebruikers = super().get_queryset().select_related("regio", "gemeente", "aanbieder", "verwijzer")
        return met_app_status(gebruikers).order_by("username")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for account in context["object_list"]:
            account.beheerbaar = mag_gebruiker_beheren(self.request.user, account)
        return context


def _gegevens(form: GebruikerForm) -> Accountgegevens:
    data = form.cleaned_data
    return Accountgegevens(
        voornaam=data["voornaam"],
        achternaam=data["achternaam"],
        email=data["email"],
        rol=Rol(data["rol"]),
        organisatie=form.organisatie(),
    )


def _toon(form, fout: DomainError) -> None:
    form.add_error(fout.field if fout.field in form.fields else None, fout.message)


class GebruikerNieuw(_Beheer, FormView):
    form_class = GebruikerForm
    template_name = "gebruikersbeheer/formulier.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio_id": self.request.user.regio_id}

    def form_valid(self, form):
        try:
            maak_gebruiker(
                door=self.request.user,
                gebruikersnaam=form.cleaned_data["gebruikersnaam"],
                gegevens=_gegevens(form),
                context=self.toegangscontext,
            )
        except GeenBevoegdheid as fout:
            self.weiger(fout)
        except DomainError as fout:
            _toon(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Gebruiker aangemaakt. De gebruiker stelt een wachtwoord in via ‘Wachtwoord vergeten’."),
        )
        return redirect("gebruikersbeheer:lijst")

    def get_context_data(self, **kwargs):
        return super().get_context_data(titel=_("Nieuwe gebruiker"), **kwargs)


class GebruikerWijzigen(_Beheer, SingleObjectMixin, FormView):
    form_class = GebruikerForm
    template_name = "gebruikersbeheer/formulier.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self._controleer_rol(request)
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regio_id": self.request.user.regio_id, "nieuw": False}

    def get_initial(self):
        account = self.object
        initial = {"voornaam": account.first_name, "achternaam": account.last_name, "email": account.email}
        if account.rol:
            initial["rol"] = account.rol
            vereist = ORGANISATIE[Rol(account.rol)]
            initial[vereist] = getattr(account, f"{vereist}_id")
        return initial

    def form_valid(self, form):
        try:
            wijzig_gebruiker(
                door=self.request.user, gebruiker=self.object, gegevens=_gegevens(form), context=self.toegangscontext
            )
        except GeenBevoegdheid as fout:
            self.weiger(fout, self.object.pk)
        except DomainError as fout:
            _toon(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("Gebruiker gewijzigd."))
        return redirect("gebruikersbeheer:lijst")

    def get_context_data(self, **kwargs):
        return super().get_context_data(titel=_("Gebruiker wijzigen"), account=self.object, **kwargs)


class GebruikerActief(_Beheer, SingleObjectMixin, View):
    """POST only: deactivate or reactivate an account."""

    actief = False
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        try:
            zet_actief(door=request.user, gebruiker=account, actief=self.actief, context=self.toegangscontext)
        except GeenBevoegdheid as fout:
            self.weiger(fout, account.pk)
        messages.success(request, _("Gebruiker geactiveerd.") if self.actief else _("Gebruiker gedeactiveerd."))
        return redirect("gebruikersbeheer:lijst")


class TweedeFactorHerstellen(_Beheer, SingleObjectMixin, View):
    """POST only: remove a user's authenticator app, recovery codes and security keys (a lost phone or key)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        try:
            herstel_tweede_factor(door=request.user, gebruiker=account, context=self.toegangscontext)
        except GeenBevoegdheid as fout:
            self.weiger(fout, account.pk)
        messages.success(
            request,
            _(
                "De authenticator-app, herstelcodes en beveiligingssleutels van %(naam)s zijn verwijderd. Bij de "
                "volgende stap stelt de gebruiker een nieuwe tweede factor in."
            )
            % {"naam": account.username},
        )
        return redirect("gebruikersbeheer:lijst")
