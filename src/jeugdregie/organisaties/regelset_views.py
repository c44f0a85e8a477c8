"""R-R1 pages of the functioneel beheerder: the versions of the region's rule set and a form for
a new version. Thin: ``regelset.stel_regelset_vast`` decides and says what to fix."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag

from .constants import SOLIDARITEITSSLEUTELS
from .models import PARAMETERS, Regelset, Regio
from .policies import mag_regelsets_beheren
from .regelset import regels, stel_regelset_vast, versies

SLEUTELNAMEN = {
    "jeugdigen": gettext_lazy("Jeugdige inwoners"),
    "inwoners": gettext_lazy("Inwoners"),
    "handmatig": gettext_lazy("Handmatige verdeling"),
}


class RegelsetForm(forms.Form):
    """The start date and every parameter, labelled and explained as on the model (R-R1)."""

    geldig_vanaf = forms.DateField(
        label=gettext_lazy("Geldig vanaf"),
        help_text=gettext_lazy("De eerste dag waarop deze versie geldt: vandaag of later."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, veld in forms.fields_for_model(Regelset, fields=PARAMETERS).items():
            if naam == "solidariteitssleutel":
                model_veld = Regelset._meta.get_field(naam)
                veld = forms.ChoiceField(
                    label=_("Solidariteitssleutel"),
                    choices=[(s, SLEUTELNAMEN[s]) for s in SOLIDARITEITSSLEUTELS],
                    help_text=model_veld.help_text,
                )
            self.fields[naam] = veld


class _Beheer(LoginRequiredMixin, PaginaMixin):
    model = Regelset
    beleid = mag_regelsets_beheren  # R-R1: the functioneel beheerder of a region

    @cached_property
    def regio(self) -> Regio:
        return Regio.objects.get(pk=regio_id_van(self.request.user))


class Regelsets(_Beheer, TemplateView):
    """R-R1: the versions of the region's rule set: valid from and to, who set it and when."""

    template_name = "organisaties/regelsets.html"

    def get_context_data(self, **kwargs):
        rijen = versies(self.regio)
        vandaag_geldig = regels(self.regio, vandaag())
        return super().get_context_data(regio=self.regio, versies=rijen, huidig=vandaag_geldig.pk, **kwargs)


class RegelsetNieuw(_Beheer, FormView):
    """R-R1: a new version, prefilled with the version valid today."""

    template_name = "organisaties/regelset_nieuw.html"
    form_class = RegelsetForm

    def get_initial(self):
        return {"geldig_vanaf": vandaag(), **regels(self.regio, vandaag()).waarden()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(regio=self.regio, **kwargs)

    def form_valid(self, form):
        gegevens = dict(form.cleaned_data)
        geldig_vanaf = gegevens.pop("geldig_vanaf")
        try:
            versie = stel_regelset_vast(
                regio=self.regio, geldig_vanaf=geldig_vanaf, waarden=gegevens, door=self.request.user
            )
        except DomainError as fout:
            form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("De regelset geldt vanaf %(datum)s.") % {"datum": f"{versie.geldig_vanaf:%d-%m-%Y}"}
        )
        return redirect("organisaties:regelsets")
