"""Referrals: list, detail with the actions that fit role and state, and a new referral."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from jeugdregie.accounts.constants import ROLLEN_MET_PERSOONSGEGEVENS, Rol
from jeugdregie.audit.constants import Actie as AuditActie
from jeugdregie.catalogus.models import KeuzebudgetNiveau
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige

from ..constants import ToewijzingStatus, VerwijzingStatus
from ..forms import OFFERTE, OpvolgingForm, ScreeningForm, StartForm, VerwijzingForm, VerzoekNamensVerwijzerForm
from ..models import Verwijzing, Weigeringsopvolging
from ..prognose import prognose
from ..services import registreer_verwijzing
from ..services.keuzebudget import BudgetKeuze
from ..services.keuzelijst import aanbiederinfo, keuzelijst
from .basis import AanmeldingMixin, toon_fout


class VerwijzingenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Verwijzing
    rollen = tuple(ROLLEN_MET_PERSOONSGEGEVENS)
    persoonsgegevens = True
    paginate_by = 50
    template_name = "toewijzingen/verwijzingen.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("jeugdige", "aanbieder", "keuzebudget")
        self.status = self.request.GET.get("status", "")
        if self.status in VerwijzingStatus.values:
            queryset = queryset.filter(status=self.status)
        return queryset

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset()[:10000])
            self.log_zoeken(aantal=len(rijen), actie=AuditActie.EXPORTEREN)
            return tabel_response(
                naam="verwijzingen",
                formaat=formaat,
                kolommen=[_("Nummer"), _("Datum"), _("Jeugdige"), _("Aanbieder"), _("Status"), _("Keuzebudget")],
                rijen=(
                    [v.pk, v.datum, str(v.jeugdige), v.aanbieder.naam, v.get_status_display(), str(v.keuzebudget)]
                    for v in rijen
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        context["statussen"] = VerwijzingStatus.choices
        context["status"] = self.status
        context["mag_verwijzen"] = self.request.user.rol in (Rol.TOEGANG, Rol.GI, Rol.AANBIEDER)
        context["mag_wonen"] = self.request.user.rol == Rol.TOEGANG
        return context


class VerwijzingDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Verwijzing
    rollen = tuple(ROLLEN_MET_PERSOONSGEGEVENS)
    persoonsgegevens = True
    template_name = "toewijzingen/verwijzing.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "aanbieder", "gemeente", "verwijzer")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        verwijzing, user = self.object, self.request.user
        op = vandaag()
        toewijzingen = list(verwijzing.toewijzingen.select_related("keuzebudget", "product"))
        for toewijzing in toewijzingen:
            toewijzing.prognose = (
                prognose(toewijzing, op=op) if toewijzing.keuzebudget_id and toewijzing.startdatum_zorg else None
            )
            toewijzing.plan = getattr(toewijzing, "hulpverleningsplan", None)
        is_aanbieder = user.rol == Rol.AANBIEDER and user.aanbieder_id == verwijzing.aanbieder_id
        is_toegang = user.rol == Rol.TOEGANG and user.gemeente_id == verwijzing.gemeente_id
        screening = getattr(verwijzing, "screening", None)
        opvolging = Weigeringsopvolging.objects.van_verwijzing(verwijzing).select_related("aanpassing").first()
        context.update(
            {
                "keuzebudget": getattr(verwijzing, "keuzebudget", None),
                "resultaten": verwijzing.resultaten.all(),
                "screening": screening,
                "toewijzingen": toewijzingen,
                "aanpassingen": verwijzing.aanpassingen.all(),
                "is_aanbieder": is_aanbieder,
                "is_toegang": is_toegang,
                "screening_form": ScreeningForm() if is_aanbieder and verwijzing.status == "te_screenen" else None,
                "start_form": StartForm()
                if is_aanbieder and any(t.status == ToewijzingStatus.TOEGEWEZEN for t in toewijzingen)
                else None,
                "opvolging": opvolging,
                "opvolging_form": OpvolgingForm() if is_toegang and opvolging and opvolging.open else None,
            }
        )
        return context


def budget_uitleg(datum) -> list[KeuzebudgetNiveau]:
    """The SPEC §4.2 guidance shown next to the keuzebudget chooser: amounts and examples per level."""
    return list(KeuzebudgetNiveau.objects.filter(jaar__jaar=datum.year).select_related("jaar"))


class VerwijzingNieuw(LoginRequiredMixin, PaginaMixin, AanmeldingMixin, FormView):
    """Toegang (standard or offerte), GI (bepaling: always offerte) or provider (request carrying
    the referral of a GP, jeugdarts or specialist)."""

    model = Verwijzing
    rollen = (Rol.TOEGANG, Rol.GI, Rol.AANBIEDER)
    persoonsgegevens = True
    template_name = "toewijzingen/verwijzing_nieuw.html"

    def get_form_class(self):
        return VerzoekNamensVerwijzerForm if self.request.user.rol == Rol.AANBIEDER else VerwijzingForm

    def get_initial(self):
        initial = super().get_initial()
        if self.request.user.rol == Rol.GI:
            initial["niveau"] = OFFERTE
        return initial

    def _aanbieders(self):
        aanbieders = keuzelijst(datum=vandaag(), product=self.gekozen_product("product_indicatie", "product"))
        if self.request.user.rol == Rol.AANBIEDER:
            aanbieders = aanbieders.filter(pk=self.request.user.aanbieder_id)
        return aanbieders

    def get_form_kwargs(self):
        aanbieders = self._aanbieders()
        info = aanbiederinfo(aanbieders, datum=vandaag())  # R-K7
        return {**super().get_form_kwargs(), "aanbieders": aanbieders, "aanbiederinfo": info}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["niveaus"] = budget_uitleg(vandaag())
        context["is_gi"] = self.request.user.rol == Rol.GI
        context["is_aanbieder"] = self.request.user.rol == Rol.AANBIEDER
        return context

    def form_valid(self, form):
        data, user = form.cleaned_data, self.request.user
        jeugdige = Jeugdige.objects.voor_aanmelding(user, data["bsn"]).first()
        if jeugdige is None:
            form.add_error("bsn", _("Geen jeugdige met dit BSN in uw bereik. Registreer de jeugdige eerst."))
            return self.form_invalid(form)
        niveau = data["niveau"]
        try:
            verwijzing = registreer_verwijzing(
                jeugdige=jeugdige,
                aanbieder=data["aanbieder"],
                resultaten=data["resultaten"],
                budget=BudgetKeuze(
                    soort=data["soort"],
                    niveau=None if niveau == OFFERTE else int(niveau),
                    offerte_bedrag=data.get("offerte_bedrag"),
                    einddatum=data.get("einddatum"),
                ),
                datum=data["datum"],
                door=user,
                verwijzer=data.get("verwijzer"),
                keuze_door_verwijzer=data.get("keuze_door_verwijzer", True),
                product_indicatie=data.get("product_indicatie"),
                grond_18plus=data.get("grond_18plus", ""),
                is_verlenging=data.get("is_verlenging", False),
                request=self.request,
            )
        except DomainError as error:
            if error.field == "bedrag":
                error.field = "offerte_bedrag"
            toon_fout(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Verwijzing geregistreerd. De aanbieder screent nu."))
        return redirect(verwijzing.get_absolute_url())
