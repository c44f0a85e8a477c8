"""Pages for a child's rights (R-P7): overview, export (AVG art. 15), correction (art. 16) and
longer retention. Thin: scoping and read-logging from PaginaMixin, rules in the services, access
in ``policies``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige

from .forms import CorrectieForm, LangerBewarenForm
from .models import Anonimisering, Bewaarverlenging, Correctie
from .policies import mag_corrigeren, mag_inzage_geven, mag_langer_bewaren, mag_rechten_uitoefenen
from .services.inzage import exporteer
from .services.opschonen import beoordeel, kandidaten
from .services.rechten import CONTACTVELDEN, bewaar_langer, corrigeer


class _Jeugdige(LoginRequiredMixin, PaginaMixin):
    model = Jeugdige
    beleid = mag_rechten_uitoefenen
    persoonsgegevens = True
    policy = staticmethod(mag_inzage_geven)

    def jeugdige(self) -> Jeugdige:
        if not hasattr(self, "_jeugdige"):
            jeugdige = self.get_object()
            if not self.policy(self.request.user, jeugdige):
                raise PermissionDenied(_("U mag de rechten van deze jeugdige niet uitoefenen."))
            self._jeugdige = self.object = jeugdige
        return self._jeugdige


class Rechten(_Jeugdige, DetailView):
    template_name = "bewaring/rechten.html"

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            self._object = super().get_object(queryset)
        return self._object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jeugdige = self.jeugdige()
        verlenging = Bewaarverlenging.objects.filter(jeugdige=jeugdige).first()
        kandidaat = kandidaten().filter(pk=jeugdige.pk).first()
        context.update(
            verlenging=verlenging,
            beoordeling=beoordeel(kandidaat, verlenging.tot if verlenging else None) if kandidaat else None,
            anonimisering=Anonimisering.objects.filter(jeugdige=jeugdige).first(),
            correcties=Correctie.objects.filter(jeugdige=jeugdige).select_related("door"),
            mag_corrigeren=mag_corrigeren(self.request.user, jeugdige),
            mag_langer_bewaren=mag_langer_bewaren(self.request.user, jeugdige),
        )
        return context


class Inzage(_Jeugdige, SingleObjectMixin, View):
    def get(self, request, *args, **kwargs):
        if kwargs["formaat"] not in ("json", "pdf"):
            raise Http404
        try:
            bestand = exporteer(
                jeugdige=self.jeugdige(), formaat=kwargs["formaat"], door=request.user, context=self.toegangscontext
            )
        except DomainError as fout:
            raise PermissionDenied(fout.message) from None
        response = HttpResponse(bestand.inhoud, content_type=bestand.content_type)
        response["Content-Disposition"] = f'attachment; filename="{bestand.naam}"'
        response["Cache-Control"] = "no-store"  # R-P8: personal data
        return response


class _Formulier(_Jeugdige, SingleObjectMixin, FormView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.jeugdige(), jeugdige=self.jeugdige(), **kwargs)

    def fout(self, form, fout: DomainError):
        form.add_error(fout.field if fout.field in form.fields else None, fout.message)
        return self.form_invalid(form)


class Corrigeren(_Formulier):
    form_class = CorrectieForm
    template_name = "bewaring/corrigeren.html"
    policy = staticmethod(mag_corrigeren)

    def get_initial(self):
        j = self.jeugdige()
        initial = {
            "voornamen": j.voornamen,
            "achternaam": j.achternaam,
            "geboortedatum": j.geboortedatum,
            "geslacht": j.geslacht,
        }
        if (adres := j.adres_op(vandaag())) is not None:
            initial.update({f"woon_{veld}": getattr(adres, veld) for veld in CONTACTVELDEN})
        if telefoons := j.telefoonnummers_op(vandaag()):
            initial["telefoon"] = telefoons[0].weergave
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        reden = data.pop("reden")
        woonadres = {veld: data.pop(f"woon_{veld}") for veld in CONTACTVELDEN}
        telefoon = data.pop("telefoon")
        try:
            correcties = corrigeer(
                jeugdige=self.jeugdige(),
                wijzigingen=data,
                reden=reden,
                door=self.request.user,
                context=self.toegangscontext,
                woonadres=woonadres,
                telefoon=telefoon,
            )
        except DomainError as fout:
            return self.fout(form, fout)
        messages.success(self.request, _("%(n)s gegeven(s) gecorrigeerd.") % {"n": len(correcties)})
        return redirect("bewaring:rechten", pk=self.jeugdige().pk)


class LangerBewaren(_Formulier):
    form_class = LangerBewarenForm
    template_name = "bewaring/langer_bewaren.html"
    policy = staticmethod(mag_langer_bewaren)

    def form_valid(self, form):
        try:
            bewaar_langer(
                jeugdige=self.jeugdige(),
                tot=form.cleaned_data["tot"],
                reden=form.cleaned_data["reden"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as fout:
            return self.fout(form, fout)
        messages.success(self.request, _("De gegevens worden langer bewaard."))
        return redirect("bewaring:rechten", pk=self.jeugdige().pk)
