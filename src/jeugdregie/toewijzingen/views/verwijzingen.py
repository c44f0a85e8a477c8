"""Referrals: list, detail with the actions that fit role and state, and a new referral."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from jeugdregie.audit.constants import Actie as AuditActie
from jeugdregie.catalogus.models import KeuzebudgetNiveau
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen, weergave_jeugdige, zoekt_in_register_bij_aanmelding

from ..constants import ToewijzingStatus, VerwijzingStatus
from ..forms import OFFERTE, OpvolgingForm, ScreeningForm, StartForm, VerwijzingForm, VerzoekNamensVerwijzerForm
from ..models import Verwijzing, Weigeringsopvolging
from ..policies import (
    is_aanbieder,
    is_aanbieder_van,
    is_gi,
    is_toegang_van,
    mag_aanmeldingen_zien,
    mag_route_inzien,
    mag_verwijzen,
    mag_werkvoorraad_aanmeldingen_zien,
    mag_wonen_toewijzen,
)
from ..prognose import prognose
from ..services import registreer_verwijzing
from ..services.aanmelden import meld_aan
from ..services.keuzebudget import BudgetKeuze
from ..services.keuzelijst import aanbiederinfo, keuzelijst
from .basis import AanmeldingMixin, toon_fout


class VerwijzingenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Verwijzing
    beleid = mag_route_inzien
    persoonsgegevens = True
    paginate_by = 50
    template_name = "toewijzingen/verwijzingen.html"

    def get_queryset(self):
        # R-P4: a referral the party registered itself is listed only once a municipal decision
        # related it to the child; until then its submission is on the page of aanmeldingen.
        queryset = super().get_queryset().in_overzicht(self.request.user)
        queryset = queryset.select_related("jeugdige", "aanbieder", "keuzebudget")
        self.status = self.request.GET.get("status", "")
        if self.status in VerwijzingStatus.values:
            queryset = queryset.filter(status=self.status)
        return queryset

    def get(self, request, *args, **kwargs):
        formaat = request.GET.get("export")
        if formaat in ("csv", "xlsx"):
            rijen = list(self.get_queryset()[:10000])
            self.log_zoeken(aantal=len(rijen), actie=AuditActie.EXPORTEREN, objecten=rijen)
            leesbaar = leesbare_jeugdigen(request.user, {v.jeugdige_id for v in rijen})  # R-P4
            return tabel_response(
                naam="verwijzingen",
                formaat=formaat,
                kolommen=[_("Nummer"), _("Datum"), _("Jeugdige"), _("Aanbieder"), _("Status"), _("Keuzebudget")],
                # A Wonen/Verblijf referral has no keuzebudget (R-W1): an empty cell, not a 500 (R-P8).
                rijen=(
                    [
                        v.pk,
                        v.datum,
                        weergave_jeugdige(request.user, v.jeugdige, leesbaar=leesbaar),
                        v.aanbieder.naam,
                        v.get_status_display(),
                        str(getattr(v, "keuzebudget", None) or ""),
                    ]
                    for v in rijen
                ),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count if context.get("paginator") else len(context["object_list"]))
        context["statussen"] = VerwijzingStatus.choices
        context["status"] = self.status
        context["mag_verwijzen"] = mag_verwijzen(self.request.user)
        context["mag_wonen"] = mag_wonen_toewijzen(self.request.user)
        context["ziet_aanmeldingen"] = mag_aanmeldingen_zien(self.request.user)
        context["ziet_werkvoorraad"] = mag_werkvoorraad_aanmeldingen_zien(self.request.user)
        # R-P4: a referral a party entered itself names the child by masked BSN, not from the register
        leesbaar = leesbare_jeugdigen(self.request.user, {v.jeugdige_id for v in context["object_list"]})
        for verwijzing in context["object_list"]:
            verwijzing.jeugdige_weergave = weergave_jeugdige(self.request.user, verwijzing.jeugdige, leesbaar=leesbaar)
        return context


class VerwijzingDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Verwijzing
    beleid = mag_route_inzien
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
        is_aanbieder = is_aanbieder_van(user, verwijzing)
        is_toegang = is_toegang_van(user, verwijzing.gemeente_id)
        screening = getattr(verwijzing, "screening", None)
        opvolging = Weigeringsopvolging.objects.van_verwijzing(verwijzing).select_related("aanpassing").first()
        context.update(
            {
                "jeugdige_weergave": weergave_jeugdige(user, verwijzing.jeugdige),  # R-P4
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
    beleid = mag_verwijzen
    persoonsgegevens = True
    template_name = "toewijzingen/verwijzing_nieuw.html"

    def get_form_class(self):
        return VerzoekNamensVerwijzerForm if is_aanbieder(self.request.user) else VerwijzingForm

    def get_initial(self):
        initial = super().get_initial()
        if is_gi(self.request.user):
            initial["niveau"] = OFFERTE
        return initial

    def _aanbieders(self):
        aanbieders = keuzelijst(datum=vandaag(), product=self.gekozen_product("product_indicatie", "product"))
        if is_aanbieder(self.request.user):
            aanbieders = aanbieders.filter(pk=self.request.user.aanbieder_id)
        return aanbieders

    def get_form_kwargs(self):
        aanbieders = self._aanbieders()
        info = aanbiederinfo(aanbieders, datum=vandaag())  # R-K7
        return {**super().get_form_kwargs(), "aanbieders": aanbieders, "aanbiederinfo": info}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["niveaus"] = budget_uitleg(vandaag())
        context["is_gi"] = is_gi(self.request.user)
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        return context

    def form_valid(self, form):
        data, user = form.cleaned_data, self.request.user
        niveau = data["niveau"]
        invoer = {
            "aanbieder": data["aanbieder"],
            "resultaten": data["resultaten"],
            "budget": BudgetKeuze(
                soort=data["soort"],
                niveau=None if niveau == OFFERTE else int(niveau),
                offerte_bedrag=data.get("offerte_bedrag"),
                einddatum=data.get("einddatum"),
            ),
            "datum": data["datum"],
            "door": user,
            "verwijzer": data.get("verwijzer"),
            "keuze_door_verwijzer": data.get("keuze_door_verwijzer", True),
            "product_indicatie": data.get("product_indicatie"),
        }
        if not zoekt_in_register_bij_aanmelding(user):
            # R-P4: a provider or GI: its submission is recorded and answered the same way whether
            # or not the BSN is known; only errors in what it submitted are shown.
            try:
                meld_aan(
                    bsn=data["bsn"],
                    **invoer,
                    grond_18plus=data.get("grond_18plus", ""),
                    is_verlenging=data.get("is_verlenging", False),
                    context=self.toegangscontext,
                )
            except DomainError as error:
                return self._fout(form, error)
            return self._ontvangen()
        jeugdige = Jeugdige.objects.voor_aanmelding(user, data["bsn"]).first()
        if jeugdige is None:
            form.add_error("bsn", _("Geen jeugdige met dit BSN in uw bereik. Registreer de jeugdige eerst."))
            return self.form_invalid(form)
        try:
            verwijzing = registreer_verwijzing(
                jeugdige=jeugdige,
                **invoer,
                grond_18plus=data.get("grond_18plus", ""),
                is_verlenging=data.get("is_verlenging", False),
                context=self.toegangscontext,
            )
        except DomainError as error:
            return self._fout(form, error)
        messages.success(self.request, _("Verwijzing geregistreerd. De aanbieder screent nu."))
        return redirect(verwijzing.get_absolute_url())

    def _fout(self, form, error: DomainError):
        if error.field == "bedrag":
            error.field = "offerte_bedrag"
        toon_fout(form, error)
        return self.form_invalid(form)

    def _ontvangen(self):
        """R-P4: the one answer a provider or GI gets, whether or not the child is known."""
        messages.success(
            self.request,
            _(
                "Uw aanmelding is ontvangen en staat in uw overzicht van aanmeldingen. Vragen erover kunt u "
                "stellen aan de toegang van de woonplaats van de jeugdige."
            ),
        )
        return redirect("route:aanmeldingen")
