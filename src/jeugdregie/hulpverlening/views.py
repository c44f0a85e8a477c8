"""The provider's hulpverleningsplan page (R-H2): one approach per result of the referral."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.policies import mag_plan_opstellen
from jeugdregie.toewijzingen.views.basis import Actie

from .forms import PlanForm
from .services import stel_plan_op


class PlanOpstellen(Actie):
    model = Toewijzing
    beleid = mag_plan_opstellen
    form_class = PlanForm
    titel = _("Hulpverleningsplan")
    knop = _("Plan opslaan")
    gelukt = _("Hulpverleningsplan opgeslagen.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "resultaten": self.object.verwijzing.resultaten.all(),
            "plan": getattr(self.object, "hulpverleningsplan", None),
        }

    def uitvoeren(self, data):
        stel_plan_op(
            toewijzing=self.object,
            aanpak=data["aanpak"],
            opgesteld_op=data["opgesteld_op"],
            met_jeugdige=data["met_jeugdige"],
            door=self.request.user,
        )
