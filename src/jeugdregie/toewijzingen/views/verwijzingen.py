"""Referrals: list, detail with the actions that fit role and state, and a new referral."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from jeugdregie.audit.constants import Actie as AuditActie
from jeugdregie.common.export import tabel_response
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen, weergave_jeugdige
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.forms import (
    OpvolgingForm,
    ScreeningForm,
    StartForm,
)
from jeugdregie.toewijzingen.models import Weigeringsopvolging
from jeugdregie.toewijzingen.policies import mag_wonen_toewijzen
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.services.verlengen import verlengbaar, verlenging_van
from jeugdregie.toewijzingen.vertraging import Vertragingen
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import (
    is_aanbieder_van,
    is_toegang_van,
    mag_aanmeldingen_zien,
    mag_route_inzien,
    mag_verwijzen,
    mag_werkvoorraad_aanmeldingen_zien,
)


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
        vertragingen = Vertragingen()  # R-A3: the lag once per provider and region
        for toewijzing in toewijzingen:
            toewijzing.prognose = (
                prognose(toewijzing, op=op, vertragingen=vertragingen)
                if toewijzing.keuzebudget_id and toewijzing.startdatum_zorg
                else None
            )
            toewijzing.plan = getattr(toewijzing, "hulpverleningsplan", None)
        is_aanbieder = is_aanbieder_van(user, verwijzing)
        is_toegang = is_toegang_van(user, verwijzing.gemeente_id)
        keuzebudget = getattr(verwijzing, "keuzebudget", None)
        verlenging = verlenging_van(keuzebudget) if keuzebudget is not None else None
        for toewijzing in toewijzingen:  # R-T9: the toegang renews a running duurzaam budget yearly
            toewijzing.verlengbaar = is_toegang and verlenging is None and verlengbaar(toewijzing, op=op)
        screening = getattr(verwijzing, "screening", None)
        opvolging = Weigeringsopvolging.objects.van_verwijzing(verwijzing).select_related("aanpassing").first()
        context.update(
            {
                "jeugdige_weergave": weergave_jeugdige(user, verwijzing.jeugdige),  # R-P4
                "keuzebudget": keuzebudget,
                "verlenging": verlenging,
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
