"""Registering a referral (toegang, GI, referrer) or submitting one (provider, GI: R-P4)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.catalogus.models import KeuzebudgetNiveau
from jeugdregie.common.errors import DomainError
from jeugdregie.common.formulieren import toon_fout
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import zoekt_in_register_bij_aanmelding
from jeugdregie.organisaties.models import Regelset
from jeugdregie.organisaties.regelset import regels
from jeugdregie.verwijzingen.forms import OFFERTE, VerwijzingForm, VerzoekNamensVerwijzerForm
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import is_aanbieder, is_gi, is_huisarts, mag_verwijzen
from jeugdregie.verwijzingen.services import meld_aan, registreer_verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, niveaus
from jeugdregie.verwijzingen.services.keuzelijst import aanbiederinfo, keuzelijst
from jeugdregie.verwijzingen.services.verwijzen import huisartskeuzes, huisartsplafond_niveau
from jeugdregie.verwijzingen.views.basis import AanmeldingMixin


def budget_uitleg(datum, regio_id: int | None) -> list[KeuzebudgetNiveau]:
    """The SPEC §4.2 guidance shown next to the keuzebudget chooser: amounts and examples per
    level, of the region's keuzebudgets (R-R1)."""
    return niveaus(op=datum, regio_id=regio_id)


class VerwijzingNieuw(LoginRequiredMixin, PaginaMixin, AanmeldingMixin, FormView):
    """Toegang (standard or offerte), GI (bepaling: always offerte), GP, jeugdarts or specialist
    itself (the GP route, R-T6) or provider (request carrying the referral of a GP, jeugdarts or
    specialist)."""

    model = Verwijzing
    beleid = mag_verwijzen
    persoonsgegevens = True
    template_name = "verwijzingen/verwijzing_nieuw.html"

    def _regelset(self) -> Regelset:
        regio_id = regio_id_van(self.request.user)
        return Regelset() if regio_id is None else regels(regio_id, vandaag())

    def get_form_class(self):
        return VerzoekNamensVerwijzerForm if is_aanbieder(self.request.user) else VerwijzingForm

    def get_initial(self):
        initial = super().get_initial()
        if is_gi(self.request.user):
            initial["niveau"] = OFFERTE
        elif is_huisarts(self.request.user):  # R-T6: the GP route offers the rule set's levels (2 or 4)
            versie = self._regelset()
            initial.update(soort="herstel", niveau=str(versie.huisartsniveaus[0]))
        return initial

    def _aanbieders(self):
        # R-S6: without a product the waiting time is that of the keuzebudget's category (its kind)
        aanbieders = keuzelijst(
            datum=vandaag(),
            product=self.gekozen_product("product_indicatie", "product"),
            budgetsoort=self.request.POST.get("soort") or None,
            gemeente=self.request.user.gemeente,  # R-R3: a toegang's own municipality; others before the BSN
        )
        if is_aanbieder(self.request.user):
            aanbieders = aanbieders.filter(pk=self.request.user.aanbieder_id)
        return aanbieders

    def get_form_kwargs(self):
        aanbieders = self._aanbieders()
        info = aanbiederinfo(aanbieders, datum=vandaag())  # R-K7
        regio_id = regio_id_van(self.request.user)  # R-R1: the levels of the user's region
        keuzes = [n.niveau for n in niveaus(op=vandaag(), regio_id=regio_id)]
        return {**super().get_form_kwargs(), "aanbieders": aanbieders, "aanbiederinfo": info, "niveaus": keuzes}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["niveaus"] = budget_uitleg(vandaag(), regio_id_van(self.request.user))
        context["is_gi"] = is_gi(self.request.user)
        context["is_huisarts"] = is_huisarts(self.request.user)
        context["is_aanbieder"] = is_aanbieder(self.request.user)
        # R-T6, R-R1: the GP route's cap and choices of the user's region valid today (Amsterdam)
        context["huisarts_plafond"] = huisartsplafond_niveau(regio_id_van(self.request.user), vandaag())
        context["huisarts_keuzes"] = huisartskeuzes(self._regelset())
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
        return redirect("verwijzingen:aanmeldingen")
