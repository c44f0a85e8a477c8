"""A child's dossier (issue 19 §2), composed for one user: the timeline, the budget and forecast
of each running allocation, and the actions that fit the user's role and the state of the route.

Explicit context, no request: ``stel_dossier_samen(gebruiker=..., jeugdige=..., op=...)``. Every
row comes from its app's scoped queryset (``tijdlijn.lees_bereik``), every action from the named
policy of the page it links to, so the dossier shows no more than the pages it links to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from jeugdregie.audit.context import Toegangscontext
from jeugdregie.beschikkingen.dossier import in_dossier as beschikkingen_in_dossier
from jeugdregie.bezwaar import dossier as bezwaar_dossier
from jeugdregie.casusregie import dossier as casusregie_dossier
from jeugdregie.documenten.overzicht import Dossiersectie, dossiersectie
from jeugdregie.gezin.services import Gezinsoverzicht, gezin_van
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.policies import mag_dossier_lezen
from jeugdregie.overdracht.dossier import Woonplaatssectie, woonplaatssectie
from jeugdregie.toewijzingen import policies as toewijzing_policies
from jeugdregie.toewijzingen.constants import AanpassingStatus, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.prognose import Prognose, prognose
from jeugdregie.toewijzingen.vertraging import Vertragingen
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.policies import (
    is_aanbieder_van,
    is_toegang_van,
    mag_toestemming_huisartsroute_zien,
    mag_verwijzen,
)

from .tijdlijn import Bereik, Regel, lees_bereik, tijdlijn

#: R-A3: the allocations whose keuzebudget still runs: allocated, or care started.
LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)


class GeenToegangTotDossier(Exception):
    """``gebruiker`` may not read this child's dossier (R-P1/R-P4); the page answers 404."""


@dataclass(frozen=True)
class Budgetstand:
    """R-A3: a running allocation's keuzebudget, its spend so far and its forecast on ``op``."""

    toewijzing: Toewijzing
    prognose: Prognose
    op: date
    url: str | None

    @property
    def achtwekenpunt_bereikt(self) -> bool:
        """R-A3: past the 8-week point an adjustment request is late."""
        return self.op >= self.prognose.achtwekenpunt


@dataclass(frozen=True)
class Actie:
    label: str
    url: str


@dataclass(frozen=True)
class Dossier:
    jeugdige: Jeugdige
    tijdlijn: list[Regel]
    budgetten: list[Budgetstand]
    acties: list[Actie] = field(default_factory=list)
    woonplaats: Woonplaatssectie | None = None  # issue 20 §5, R-D3
    documenten: Dossiersectie | None = None  # issue 20 §4
    beschikkingen: dict = field(default_factory=dict)  # issue 20 §2: the letters (beschikkingen.dossier)
    bezwaar: bezwaar_dossier.Bezwaardeel | None = None  # issue 20 §3, R-D2
    gezin: Gezinsoverzicht | None = None  # issue 20 §1
    casusregie: casusregie_dossier.Casusregiedeel | None = None  # issue 22 §4, R-R3


def stel_dossier_samen(*, gebruiker, jeugdige: Jeugdige, op: date, context: Toegangscontext | None = None) -> Dossier:
    """The dossier of ``jeugdige`` as ``gebruiker`` may read it on ``op``. Raises
    ``GeenToegangTotDossier`` when the user may not read the child at all (R-P1/R-P4)."""
    if not mag_dossier_lezen(gebruiker, jeugdige):
        raise GeenToegangTotDossier
    bereik = lees_bereik(gebruiker, jeugdige)
    return Dossier(
        jeugdige=jeugdige,
        tijdlijn=tijdlijn(gebruiker, jeugdige, bereik),
        budgetten=budgetstanden(gebruiker, bereik, op=op),
        acties=acties(gebruiker, jeugdige, bereik),
        woonplaats=woonplaatssectie(gebruiker, jeugdige, op=op),
        documenten=dossiersectie(gebruiker, jeugdige),
        beschikkingen=beschikkingen_in_dossier(gebruiker, jeugdige),
        bezwaar=bezwaar_dossier.deel(gebruiker, jeugdige),
        gezin=gezin_van(jeugdige, door=gebruiker, context=context),
        casusregie=casusregie_dossier.deel(gebruiker, jeugdige),
    )


def budgetstanden(gebruiker, bereik: Bereik, *, op: date) -> list[Budgetstand]:
    """R-A3: per running keuzebudget allocation in the user's scope: budget, spend, forecast and
    the 8-week point (``toewijzingen.prognose``), the earliest exhaustion first."""
    standen = []
    vertragingen = Vertragingen()  # R-A3: the lag once per provider and region
    for t in bereik.toewijzingen:
        if t.status not in LOPEND or t.keuzebudget_id is None:
            continue
        url = reverse("route:verwijzing", args=[t.verwijzing_id]) if t.verwijzing_id in bereik.verwijzing_ids else None
        standen.append(
            Budgetstand(toewijzing=t, prognose=prognose(t, op=op, vertragingen=vertragingen), op=op, url=url)
        )
    return sorted(standen, key=lambda s: (s.prognose.uitgeput_op, s.toewijzing.pk))


def acties(gebruiker, jeugdige: Jeugdige, bereik: Bereik) -> list[Actie]:
    """The existing pages the user may act on from here, by role and state: a new referral (and
    a Wonen/Verblijf allocation) for this child prefilled, and per referral, allocation or
    adjustment the next step of the route that is this user's."""
    uit = []
    if mag_verwijzen(gebruiker):
        url = f"{reverse('verwijzingen:verwijzing_nieuw')}?{urlencode({'jeugdige': jeugdige.pk})}"
        uit.append(Actie(_("Nieuwe verwijzing voor deze jeugdige"), url))
    if mag_toestemming_huisartsroute_zien(gebruiker):  # R-T10
        url = reverse("verwijzingen:toestemming_huisartsroute", args=[jeugdige.pk])
        uit.append(Actie(_("Toestemming tweede verwijzing via de huisarts"), url))
    if toewijzing_policies.mag_wonen_toewijzen(gebruiker):
        url = f"{reverse('wonen:nieuw')}?{urlencode({'jeugdige': jeugdige.pk})}"
        uit.append(Actie(_("Wonen/Verblijf toewijzen aan deze jeugdige"), url))
    for v in bereik.verwijzingen:
        if (
            v.status == VerwijzingStatus.TE_SCREENEN
            and toewijzing_policies.mag_verwijzing_screenen(gebruiker)
            and is_aanbieder_van(gebruiker, v)
        ):
            uit.append(Actie(_("Verwijzing %(nummer)s screenen") % {"nummer": v.pk}, _url("route:screening", v.pk)))
    for t in bereik.toewijzingen:
        eigen = toewijzing_policies.mag_zorg_starten(gebruiker) and gebruiker.aanbieder_id == t.aanbieder_id
        verwijzing_eigen = t.verwijzing_id in bereik.verwijzing_ids
        nummer = {"nummer": t.pk}
        if t.status == ToewijzingStatus.TOEGEWEZEN and eigen and verwijzing_eigen:
            uit.append(Actie(_("Zorg starten op toewijzing %(nummer)s") % nummer, _url("route:start", t.verwijzing_id)))
        if t.status == ToewijzingStatus.GESTART and eigen and toewijzing_policies.mag_zorg_stoppen(gebruiker):
            uit.append(Actie(_("Zorg stoppen op toewijzing %(nummer)s") % nummer, _url("route:stop", t.pk)))
        if (
            t.status in LOPEND
            and t.keuzebudget_id
            and eigen
            and verwijzing_eigen
            and toewijzing_policies.mag_aanpassing_aanvragen(gebruiker)
        ):
            uit.append(
                Actie(
                    _("Aanpassing van het keuzebudget aanvragen (toewijzing %(nummer)s)") % nummer,
                    _url("route:aanpassing_nieuw", t.verwijzing_id),
                )
            )
        if (
            t.status == ToewijzingStatus.TOEGEWEZEN
            and toewijzing_policies.mag_toewijzing_intrekken(gebruiker)
            and is_toegang_van(gebruiker, t.gemeente_id)
        ):
            uit.append(Actie(_("Toewijzing %(nummer)s intrekken") % nummer, _url("route:intrekken", t.pk)))
    for a in bereik.aanpassingen:
        if a.status == AanpassingStatus.INGEDIEND and is_toegang_van(gebruiker, a.verwijzing.gemeente_id):
            uit.append(
                Actie(
                    _("Besluiten over aanpassingsaanvraag %(nummer)s") % {"nummer": a.pk},
                    _url("route:aanpassing", a.pk),
                )
            )
    return uit


def _url(naam: str, pk: int) -> str:
    return reverse(naam, args=[pk])
