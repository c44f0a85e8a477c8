"""The toegang's pages for providers' requests for allocation (JW315): the open list, the detail
and the three answers: in onderzoek, afwijzen (WJ759) and honoreren with a referral."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.services import is_gecontracteerd
from jeugdregie.toewijzingen.views.basis import Actie
from jeugdregie.verwijzingen.forms import OFFERTE, VerwijzingForm
from jeugdregie.verwijzingen.policies import is_toegang_van
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verwijzingen.services.verwijzen import (
    eerdere_huisartsroute,
    huisartsplafond,
    huisartsplafond_niveau,
    is_huisartsroute,
)
from jeugdregie.verwijzingen.views.nieuw import budget_uitleg

from .constants import VERZOEK_ONDERHANDEN, RedenAfwijzingVerzoek, ToewijzingsverzoekStatus
from .models import Toewijzingsverzoek
from .policies import mag_verzoeken_behandelen
from .services import honoreer_met_verwijzing, wijs_verzoek_af, zet_in_onderzoek

EENHEDEN = {  # iJw WJ756
    "01": _("minuten"),
    "04": _("uur"),
    "14": _("etmalen"),
    "16": _("dagdelen (4 uur)"),
    "82": _("stuks (output)"),
    "83": _("euro"),
    "84": _("stuks (inspanning)"),
}
FREQUENTIES = {"1": _("per dag"), "2": _("per week"), "4": _("per maand"), "6": _("binnen de looptijd")}  # WMO757


class InOnderzoekForm(forms.Form):
    pass


class AfwijzenForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden van afwijzing (WJ759)"), choices=RedenAfwijzingVerzoek.choices)
    toelichting = forms.CharField(
        label=_("Toelichting voor de aanbieder"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf wat de aanbieder moet weten of anders moet doen."),
    )


class HonorerenForm(VerwijzingForm):
    """The referral form without the client and provider: those come from the request. A
    request by the GP route asks for the motivation when the toegang deviates (R-T6, R-T8)."""

    motivering_afwijking = forms.CharField(
        label=_("Motivering afwijking van de huisartsroute"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, huisartsroute: bool = False, plafond: int | None = None, **kwargs):
        """``plafond``: the GP route's highest level in the region on the referral's date (R-T6,
        R-R1; None: the default of the rule set)."""
        super().__init__(*args, **kwargs)
        for veld in ("bsn", "product_indicatie", "aanbieder", "is_verlenging"):
            del self.fields[veld]
        if not huisartsroute:
            del self.fields["motivering_afwijking"]
            return
        niveau = plafond if plafond is not None else huisartsplafond_niveau(None, vandaag())
        self.fields["motivering_afwijking"].help_text = _(
            "Alleen nodig als u boven keuzebudget herstel %(niveau)s gaat, een ander soort budget kiest of een "
            "tweede verwijzing via de huisarts honoreert."
        ) % {"niveau": niveau}


def huisartsroute_info(verzoek: Toewijzingsverzoek) -> dict | None:
    """What the toegang must see before honouring a request carrying a GP's referral: the cap of
    R-T6 (herstel 4 and its amount), whether the requested budget is above it, and whether the
    young person has a running or recent GP-route referral without an open consent (R-T8, R-T10).
    None for other referrers."""
    if not is_huisartsroute(verzoek.verwijzer_type):
        return None
    op = max(verzoek.ingangsdatum, vandaag())
    # R-R1: the rule set of the request's municipality valid on ``op``, the referral's default date
    niveau = huisartsplafond_niveau(verzoek.gemeente.regio_id, op)
    plafond = huisartsplafond(op, niveau=niveau, regio_id=verzoek.gemeente.regio_id)
    return {
        "niveau": niveau,
        "bedrag": plafond,
        "boven_plafond": verzoek.budget is not None and plafond is not None and verzoek.budget > plafond,
        "eerder": eerdere_huisartsroute(verzoek.jeugdige, gemeente=verzoek.gemeente),
    }


class VerzoekenLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Toewijzingsverzoek
    beleid = mag_verzoeken_behandelen
    persoonsgegevens = True
    paginate_by = 50
    template_name = "verzoeken/verzoeken.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .onderhanden()
            .select_related("jeugdige", "aanbieder", "product")
            .order_by("ontvangen_op", "id")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        for verzoek in context["object_list"]:
            verzoek.via_huisartsroute = is_huisartsroute(verzoek.verwijzer_type)  # R-T6 warning in the list
        # R-R1: the rule set of the user's region valid today (Amsterdam)
        context["huisarts_plafond"] = huisartsplafond_niveau(regio_id_van(self.request.user), vandaag())
        return context


def _is_toegang_van(user, verzoek: Toewijzingsverzoek) -> bool:
    return is_toegang_van(user, verzoek.gemeente_id)


def _labels(verzoek: Toewijzingsverzoek) -> dict:
    """Readable names for the iJw codes the request carries."""
    return {
        "eenheid": EENHEDEN.get(verzoek.eenheid, verzoek.eenheid),
        "frequentie": FREQUENTIES.get(verzoek.frequentie, verzoek.frequentie),
        "verwijzer_type": VerwijzerType(verzoek.verwijzer_type).label
        if verzoek.verwijzer_type in VerwijzerType.values
        else verzoek.verwijzer_type,
    }


class VerzoekDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Toewijzingsverzoek
    beleid = mag_verzoeken_behandelen
    persoonsgegevens = True
    template_name = "verzoeken/verzoek.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "aanbieder", "product", "verwijzing")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        verzoek = self.object
        mag = _is_toegang_van(self.request.user, verzoek) and verzoek.status in VERZOEK_ONDERHANDEN
        is_open = verzoek.status == ToewijzingsverzoekStatus.OPEN
        verantwoordelijk = verantwoordelijke_gemeente(verzoek.jeugdige, verzoek.ingangsdatum).gemeente_id  # R-D3
        context.update(_labels(verzoek))
        context.update(
            {
                "huisartsroute": huisartsroute_info(verzoek),
                "woont_elders": verantwoordelijk != verzoek.gemeente_id,
                "contract_past": is_gecontracteerd(  # R-R3: a contract covering the request's municipality
                    aanbieder=verzoek.aanbieder,
                    dag=verzoek.ingangsdatum,
                    gemeente=verzoek.gemeente,
                    product=verzoek.product,
                ),
                "onderzoek_form": InOnderzoekForm() if mag and is_open else None,
                "afwijzen_form": AfwijzenForm() if mag else None,
                "mag_honoreren": mag,
            }
        )
        return context


class _VerzoekActie(Actie):
    model = Toewijzingsverzoek
    beleid = mag_verzoeken_behandelen
    template_name = "verzoeken/verzoek_actie.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**_labels(self.object), **kwargs)


class InOnderzoek(_VerzoekActie):
    form_class = InOnderzoekForm
    titel = _("Verzoek in onderzoek nemen")
    knop = _("In onderzoek nemen")
    gelukt = _("Het verzoek is in onderzoek. De aanbieder krijgt daarvan bericht (JW319).")

    def uitvoeren(self, data):
        zet_in_onderzoek(verzoek=self.object, door=self.request.user)


class Afwijzen(_VerzoekActie):
    form_class = AfwijzenForm
    titel = _("Verzoek afwijzen")
    knop = _("Afwijzen")
    gelukt = _("Het verzoek is afgewezen. De aanbieder krijgt de reden en toelichting (JW319).")

    def uitvoeren(self, data):
        wijs_verzoek_af(
            verzoek=self.object, reden=data["reden"], toelichting=data["toelichting"], door=self.request.user
        )


class Honoreren(_VerzoekActie):
    """Register the referral for this client and provider (all referral rules apply) and link it."""

    form_class = HonorerenForm
    titel = _("Verzoek honoreren: verwijzing registreren")
    knop = _("Verwijzing registreren en verzoek honoreren")
    gelukt = _("Verzoek gehonoreerd en verwijzing geregistreerd. De aanbieder screent nu; de toewijzing volgt (JW301).")

    def get_initial(self):
        return {**super().get_initial(), "datum": max(self.object.ingangsdatum, vandaag())}

    def get_form_kwargs(self):
        huisartsroute = is_huisartsroute(self.object.verwijzer_type)
        # R-R1: the cap of the request's region on the referral's default date, as the page shows it
        op = max(self.object.ingangsdatum, vandaag())
        regio_id = self.object.gemeente.regio_id
        plafond = huisartsplafond_niveau(regio_id, op) if huisartsroute else None
        keuzes = [n.niveau for n in budget_uitleg(op, regio_id)]  # R-R1: the levels of the request's region
        return {**super().get_form_kwargs(), "huisartsroute": huisartsroute, "plafond": plafond, "niveaus": keuzes}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            niveaus=budget_uitleg(vandaag(), self.object.gemeente.regio_id),
            huisartsroute=huisartsroute_info(self.object),
            **kwargs,
        )

    def uitvoeren(self, data):
        niveau = data["niveau"]
        try:
            self.verwijzing = honoreer_met_verwijzing(
                verzoek=self.object,
                resultaten=data["resultaten"],
                budget=BudgetKeuze(
                    soort=data["soort"],
                    niveau=None if niveau == OFFERTE else int(niveau),
                    offerte_bedrag=data.get("offerte_bedrag"),
                    einddatum=data.get("einddatum"),
                ),
                datum=data["datum"],
                door=self.request.user,
                grond_18plus=data.get("grond_18plus", ""),
                motivering_afwijking=data.get("motivering_afwijking", ""),
                context=self.toegangscontext,
            )
        except DomainError as error:
            if error.field == "bedrag":
                error.field = "offerte_bedrag"
            raise

    def terug_naar(self) -> str:
        return self.verwijzing.get_absolute_url()
