"""R-T10: the toegang records its consent to a second GP-route referral, from the child's
dossier. Thin: the role and the child's scope from ``PaginaMixin``, the rule in
``services.huisartsroute``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.verwijzingen.models import ToestemmingHuisartsroute
from jeugdregie.verwijzingen.policies import mag_toestemming_huisartsroute_zien
from jeugdregie.verwijzingen.services.huisartsroute import huisartsroutestand, leg_toestemming_vast


class ToestemmingForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden en inhoud van het contact"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the service answers an empty reason in Dutch
        help_text=_("Waarover had de toegang contact met de huisarts of het gezin, en waarom kan het nu verder?"),
    )


class ToestemmingHuisartsrouteNieuw(LoginRequiredMixin, PaginaMixin, SingleObjectMixin, FormView):
    """R-T10: the toegang of the child's municipality (other toegangen: the service refuses; other
    roles: 403; a child out of scope: 404)."""

    model = Jeugdige
    beleid = mag_toestemming_huisartsroute_zien
    persoonsgegevens = True
    form_class = ToestemmingForm
    template_name = "verwijzingen/toestemming_huisartsroute.html"

    def jeugdige(self) -> Jeugdige:
        if not hasattr(self, "_jeugdige"):
            self._jeugdige = self.object = self.get_object()
        return self._jeugdige

    def get_context_data(self, **kwargs):
        jeugdige = self.jeugdige()
        uitkomst = verantwoordelijke_gemeente(jeugdige, vandaag())
        stand = None
        if uitkomst.gemeente_id is not None:  # R-T10: the same reading as the services (server's date)
            stand = huisartsroutestand(
                jeugdige, gemeente=Gemeente.objects.select_related("regio").get(pk=uitkomst.gemeente_id)
            )
        eerdere = ToestemmingHuisartsroute.objects.filter(jeugdige=jeugdige).select_related("verwijzing")
        return super().get_context_data(
            object=jeugdige,
            jeugdige=jeugdige,
            traject=stand.traject if stand is not None else None,
            open_toestemming=stand.toestemming if stand is not None else None,
            venster_maanden=stand.venster_maanden if stand is not None else None,
            eerdere=eerdere,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            leg_toestemming_vast(
                jeugdige=self.jeugdige(),
                reden=form.cleaned_data["reden"],
                door=self.request.user,
                context=self.toegangscontext,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Toestemming vastgelegd: de eerstvolgende verwijzing via de huisarts voor deze jeugdige kan nu."),
        )
        return redirect("dossiers:jeugdige", pk=self.jeugdige().pk)
