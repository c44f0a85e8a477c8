"""R-B4 pages: the crisis split per municipality per month (with CSV/XLSX) and its settings."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.organisaties.regelset import regels

from ..export import crisis_kolommen, crisis_rijen
from ..forms import COMPONENTREGELS, CrisisbekostigingForm, CrisisJaarForm
from ..models import Crisisbekostiging
from ..policies import mag_crisisbekostiging_instellen, mag_crisisverdeling_inzien
from ..querysets import gemeenten_voor, regio_van
from ..services.crisisbekostiging import MAX_COMPONENTEN, stel_crisisbekostiging_in
from ..services.crisisverdeling import verdeel_crisiskosten


def standaardjaar(user) -> int:
    """The latest configured year up to this year, else this year."""
    dit_jaar = timezone.localdate().year
    jaren = Crisisbekostiging.objects.voor_gebruiker(user).filter(jaar__lte=dit_jaar).values_list("jaar", flat=True)
    return max(jaren, default=dit_jaar)


class Crisisverdeling(LoginRequiredMixin, PaginaMixin, TemplateView):
    """Regional roles see every municipality of the region, finance and toegang their own."""

    model = Crisisbekostiging
    beleid = mag_crisisverdeling_inzien
    template_name = "verantwoording/crisisverdeling.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        form = CrisisJaarForm(request.GET if "jaar" in request.GET else {"jaar": standaardjaar(user)})
        context = {"form": form, "mag_instellen": mag_crisisbekostiging_instellen(user)}
        if form.is_valid():
            try:
                verdeling = verdeel_crisiskosten(
                    regio=regio_van(user),
                    jaar=form.cleaned_data["jaar"],
                    maand=form.cleaned_data["maand"],
                    gemeenten=gemeenten_voor(user).values_list("pk", flat=True),
                )
            except DomainError as fout:
                context["fout"] = fout.message
            else:
                formaat = request.GET.get("export")
                if formaat in ("csv", "xlsx"):
                    codes = dict(Gemeente.objects.filter(regio=regio_van(user)).values_list("pk", "cbs_code"))
                    return tabel_response(
                        naam=f"crisisverdeling-{verdeling.bekostiging.jaar}",
                        formaat=formaat,
                        kolommen=crisis_kolommen(verdeling),
                        rijen=crisis_rijen(verdeling, codes),
                    )
                context["verdeling"] = verdeling
        return self.render_to_response(self.get_context_data(**context))


class CrisisInstellingen(LoginRequiredMixin, PaginaMixin, FormView):
    """R-B4 configuration of one year (functioneel beheerder, contractmanager)."""

    model = Crisisbekostiging
    beleid = mag_crisisbekostiging_instellen
    form_class = CrisisbekostigingForm
    template_name = "verantwoording/crisisinstellingen.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["gemeenten"] = Gemeente.objects.filter(regio_id=self.request.user.regio_id).order_by("naam")
        # R-C5: the payee of a component is a provider contracted by the region
        kwargs["aanbieders"] = (
            Aanbieder.objects.filter(contracten__regio_id=self.request.user.regio_id).distinct().order_by("naam")
        )
        bestaand = sum(1 for k in kwargs["initial"] if k.startswith("component_") and k.endswith("_naam"))
        kwargs["regels"] = max(COMPONENTREGELS, bestaand + 1, MAX_COMPONENTEN if self.request.method == "POST" else 0)
        return kwargs

    def get_initial(self):
        jaar = self.request.GET.get("jaar", "")
        initial = {"jaar": int(jaar) if jaar.isdigit() else timezone.localdate().year}
        bestaand = (
            Crisisbekostiging.objects.voor_gebruiker(self.request.user)
            .filter(jaar=initial["jaar"])
            .prefetch_related("aandelen", "componenten")
            .first()
        )
        if bestaand is None:
            # R-R1: the rule set valid on the first day of the year asked for
            initial["sleutel"] = regels(self.request.user.regio_id, date(initial["jaar"], 1, 1)).solidariteitssleutel
            return initial
        for i, component in enumerate(bestaand.componenten.all()):
            initial[f"component_{i}_naam"] = component.naam
            initial[f"component_{i}_bedrag"] = component.bedrag
            initial[f"component_{i}_ontvanger"] = component.ontvanger_id
        initial.update(
            tarief_interventie=bestaand.tarief_interventie,
            sleutel=bestaand.sleutel,
            **{f"gewicht_{a.gemeente_id}": a.gewicht for a in bestaand.aandelen.all()},
        )
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            bekostiging = stel_crisisbekostiging_in(
                regio=self.request.user.regio,
                jaar=data["jaar"],
                componenten=form.componenten(),
                tarief_interventie=data["tarief_interventie"],
                sleutel=data["sleutel"],
                gewichten=form.gewichten(),
                door=self.request.user,
            )
        except DomainError as fout:
            form.add_error(fout.field if fout.field in form.fields else None, fout.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Crisisbekostiging %(jaar)s opgeslagen.") % {"jaar": bekostiging.jaar})
        return redirect(f"{reverse('verantwoording:crisisverdeling')}?jaar={bekostiging.jaar}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ingesteld"] = (
            Crisisbekostiging.objects.voor_gebruiker(self.request.user)
            .prefetch_related("componenten__ontvanger")
            .order_by("-jaar")
        )
        return context
