"""Pages of the handover between municipalities (R-D3): thin, every write through ``services``;
scoped by ``OverdrachtQuerySet.voor_gebruiker`` (the toegang of either municipality) and
audit-logged by the scoping mixin."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from jeugdregie.common.errors import DomainError
from jeugdregie.common.scoping import PaginaMixin
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen, weergave_jeugdige
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.toewijzingen.services.beeindigen import raakt_gegeven_zorg
from jeugdregie.toewijzingen.views.basis import Actie
from jeugdregie.verwijzingen.models import Verwijzing

from .forms import AfrondenForm, BeeindigenForm, GeschilForm, UitkomstForm
from .models import Geschil, Overdracht
from .policies import (
    mag_oude_toewijzing_beeindigen,
    mag_overdracht_afronden,
    mag_overdrachten_gebruiken,
    mag_verhuisdatum_bevestigen,
)
from .services import (
    beeindig_oude_toewijzing,
    beslis_geschil,
    bevestig_verhuisdatum,
    registreer_geschil,
    rond_overdracht_af,
    te_corrigeren,
)


def woonplaatsen_tot_de_verhuizing(overdracht: Overdracht) -> list[SimpleNamespace]:
    """R-P4 need-to-know: the handover shows the residences up to its moving day, not where the
    child lived afterwards (a later move is neither municipality's business through this page):
    rows that began after it are left out, and the end of the row that begins on it is not shown."""
    return [
        SimpleNamespace(
            gemeente=w.gemeente,
            begindatum=w.begindatum,
            einddatum=w.einddatum if w.einddatum and w.einddatum < overdracht.verhuisdatum else None,
        )
        for w in overdracht.jeugdige.woonplaatsen.select_related("gemeente").filter(
            begindatum__lte=overdracht.verhuisdatum
        )
    ]


class OverdrachtLijst(LoginRequiredMixin, PaginaMixin, ListView):
    model = Overdracht
    beleid = mag_overdrachten_gebruiken
    persoonsgegevens = True
    paginate_by = 50
    template_name = "overdracht/lijst.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "van_gemeente", "naar_gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.log_zoeken(aantal=context["paginator"].count)
        rijen = context["object_list"]
        leesbaar = leesbare_jeugdigen(self.request.user, {o.jeugdige_id for o in rijen})
        for o in rijen:  # R-P4: the name only to a municipality that may read the child now
            o.jeugdige_weergave = weergave_jeugdige(self.request.user, o.jeugdige, leesbaar=leesbaar)
        return context


class OverdrachtDetail(LoginRequiredMixin, PaginaMixin, DetailView):
    model = Overdracht
    beleid = mag_overdrachten_gebruiken
    persoonsgegevens = True
    template_name = "overdracht/detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("jeugdige", "van_gemeente", "naar_gemeente")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overdracht, gebruiker = self.object, self.request.user
        open_ = overdracht.status == "open"
        verantwoordelijk = verantwoordelijke_gemeente(overdracht.jeugdige, overdracht.verhuisdatum)
        regels = list(overdracht.regels.select_related("toewijzing__aanbieder", "toewijzing__keuzebudget"))
        for regel in regels:  # R-D3: a move recorded after the fact may first need credits
            regel.te_corrigeren = te_corrigeren(regel) if open_ and regel.beeindigd_op is None else ""
            regel.wacht = (
                open_
                and regel.beeindigd_op is None
                and overdracht.verhuisdatum_bevestigd_op is None
                and raakt_gegeven_zorg(regel.toewijzing, overdracht.verhuisdatum)
            )
        context.update(
            {
                "regels": regels,
                "mag_beeindigen": open_ and mag_oude_toewijzing_beeindigen(gebruiker, overdracht),
                "mag_afronden": open_ and mag_overdracht_afronden(gebruiker, overdracht),
                "wacht_op_bevestiging": any(r.wacht for r in regels),
                "mag_bevestigen": open_ and mag_verhuisdatum_bevestigen(gebruiker, overdracht),
                "geschillen": overdracht.geschillen.order_by("ingediend_op", "pk"),
                "woonplaatsen": woonplaatsen_tot_de_verhuizing(overdracht),
                "verantwoordelijk": verantwoordelijk,
                "verantwoordelijke_naam": Gemeente.objects.filter(pk=verantwoordelijk.gemeente_id)
                .values_list("naam", flat=True)
                .first(),
                "jeugdige_weergave": weergave_jeugdige(gebruiker, overdracht.jeugdige),
            }
        )
        return context


class _Knop(LoginRequiredMixin, PaginaMixin, DetailView):
    """A button on the handover page: POST only, the action's own policy, the service's Dutch
    refusal as a message, back to the page."""

    model = Overdracht
    beleid = mag_overdrachten_gebruiken
    persoonsgegevens = True
    http_method_names = ["post"]
    mag = staticmethod(lambda gebruiker, overdracht: False)
    geweigerd: Any  # the subclass's Dutch refusal and success texts (gettext_lazy)
    gelukt: Any

    def uitvoeren(self, overdracht) -> bool:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        overdracht = self.get_object()
        if not self.mag(request.user, overdracht):
            raise PermissionDenied(str(self.geweigerd))
        try:
            gedaan = self.uitvoeren(overdracht)
        except DomainError as fout:
            messages.error(request, fout.message)
        else:
            if gedaan:
                messages.success(request, str(self.gelukt))
        return redirect(overdracht.get_absolute_url())


class Beeindigen(_Knop):
    """The old municipality ends one old allocation (JW301, reason 07)."""

    mag = staticmethod(mag_oude_toewijzing_beeindigen)
    geweigerd = _("Alleen de toegang van de vorige gemeente beëindigt deze toewijzing.")
    gelukt = _("De toewijzing is beëindigd. De aanbieder krijgt bericht.")

    def uitvoeren(self, overdracht) -> bool:
        form = BeeindigenForm(self.request.POST)
        if not form.is_valid():
            return False
        regel = get_object_or_404(overdracht.regels, pk=form.cleaned_data["regel"])
        beeindig_oude_toewijzing(regel=regel, door=self.request.user, context=self.toegangscontext)
        return True


class Bevestigen(_Knop):
    """The new municipality confirms the moving day (R-D3)."""

    mag = staticmethod(mag_verhuisdatum_bevestigen)
    geweigerd = _("Alleen de toegang van de nieuwe gemeente bevestigt de verhuisdatum.")
    gelukt = _("De verhuisdatum is bevestigd. De vorige gemeente kan haar toewijzingen nu beëindigen.")

    def uitvoeren(self, overdracht) -> bool:
        bevestig_verhuisdatum(overdracht=overdracht, door=self.request.user, context=self.toegangscontext)
        return True


class _OverdrachtActie(Actie):
    model = Overdracht
    beleid = mag_overdrachten_gebruiken
    template_name = "overdracht/actie.html"


class Afronden(_OverdrachtActie):
    form_class = AfrondenForm
    titel = _("Overdracht afronden")
    knop = _("Afronden")
    gelukt = _("De overdracht is afgerond.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["verwijzingen"] = Verwijzing.objects.filter(
            jeugdige_id=self.object.jeugdige_id,
            gemeente_id=self.object.naar_gemeente_id,
            datum__gte=self.object.verhuisdatum,
        ).order_by("-datum", "-pk")
        return kwargs

    def uitvoeren(self, data):
        rond_overdracht_af(
            overdracht=self.object,
            door=self.request.user,
            nieuwe_verwijzing=data["nieuwe_verwijzing"],
            toelichting=data["toelichting"],
            context=self.toegangscontext,
        )


class GeschilNieuw(_OverdrachtActie):
    form_class = GeschilForm
    titel = _("Geschil registreren")
    knop = _("Registreren")
    gelukt = _("Het geschil is geregistreerd.")

    def uitvoeren(self, data):
        registreer_geschil(
            overdracht=self.object,
            omschrijving=data["omschrijving"],
            door=self.request.user,
            context=self.toegangscontext,
        )


class GeschilBeslissen(_OverdrachtActie):
    model = Geschil
    form_class = UitkomstForm
    titel = _("Uitkomst van het geschil vastleggen")
    knop = _("Vastleggen")
    gelukt = _("De uitkomst is vastgelegd.")

    def jeugdige_van(self, obj):
        return obj.overdracht.jeugdige

    def uitvoeren(self, data):
        beslis_geschil(
            geschil=self.object,
            uitkomst=data["uitkomst"],
            toelichting=data["toelichting"],
            door=self.request.user,
            context=self.toegangscontext,
        )
