"""The timeline of a child's dossier (issue 19 §2): one row per referral, screening, allocation,
start and stop of care, adjustment request and decision, delivery, declaration, plan, crisis
report, request and event, each read from its own app's scoped queryset (``voor_gebruiker``), so
a party sees in the dossier exactly the rows it sees on that app's own pages (R-P1, R-P4).

Every row carries its domain date (the referral date, the screening date, the start of care...),
not the moment the row was written; rows of the route's event log (``Gebeurtenis``) that no domain
date covers (withdrawals, corrections) are dated by the day they were recorded (Amsterdam)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, F, Sum, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdregie.common.opmaak import euro, getal
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.crisis.policies import mag_crisismeldingen_inzien, mag_crisisverzoeken_inzien
from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.declaraties.policies import mag_declaraties_inzien
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, EerdereZorgperiode, Levering, Screening, Toewijzing
from jeugdregie.toewijzingen.policies import mag_aanpassing_inzien
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing
from jeugdregie.verwijzingen.policies import mag_route_inzien
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.policies import mag_verzoeken_behandelen


@dataclass(frozen=True)
class Regel:
    """One event of the timeline: its domain date, its kind (a Dutch label), a short text (ids,
    product, provider, amounts formatted Dutch) and the page of the item when the user may open
    it (``None`` otherwise)."""

    datum: date
    soort: str
    tekst: str
    url: str | None = None
    #: orders rows of the same day: a referral before its screening before its allocation...
    volgorde: int = 0


@dataclass
class Bereik:
    """The rows of the route ``gebruiker`` reads for one child, queried once and shared by the
    timeline, the budgets and the actions (every queryset scoped by its app's ``voor_gebruiker``)."""

    verwijzingen: list[Verwijzing]
    toewijzingen: list[Toewijzing]
    aanpassingen: list[Aanpassingsaanvraag]

    @property
    def verwijzing_ids(self) -> set[int]:
        return {v.pk for v in self.verwijzingen}


def lees_bereik(gebruiker, jeugdige) -> Bereik:
    """R-P1/R-P4: a provider its own referrals and allocations for the child, the toegang its
    municipality's, a GI or referrer those naming it; ``in_overzicht`` keeps out a referral the
    party registered itself until a municipal decision related it to the child."""
    verwijzingen = (
        Verwijzing.objects.in_overzicht(gebruiker)
        .filter(jeugdige=jeugdige)
        .select_related("aanbieder", "keuzebudget", "product_indicatie", "screening")
    )
    toewijzingen = (
        Toewijzing.objects.voor_gebruiker(gebruiker)
        .filter(jeugdige=jeugdige)
        .select_related("aanbieder", "keuzebudget", "product", "verwijzing")
    )
    aanpassingen = (
        Aanpassingsaanvraag.objects.voor_gebruiker(gebruiker)
        .filter(verwijzing__jeugdige=jeugdige)
        .select_related("verwijzing", "tweede_aanbieder")
    )
    return Bereik(list(verwijzingen), list(toewijzingen), list(aanpassingen))


def _route_url(gebruiker, bereik: Bereik, verwijzing_id: int) -> str | None:
    """The referral's page (it shows its allocations and adjustments) when ``gebruiker`` may open
    it: the page's policy and the referral in its scope (a second provider on an allocation may not
    see the first provider's referral)."""
    if mag_route_inzien(gebruiker) and verwijzing_id in bereik.verwijzing_ids:
        return reverse("route:verwijzing", args=[verwijzing_id])
    return None


def _verwijzingen(gebruiker, bereik: Bereik) -> list[Regel]:
    regels = []
    for v in bereik.verwijzingen:
        budget = getattr(v, "keuzebudget", None)
        delen = [_("verwijzing %(nummer)s") % {"nummer": v.pk}, v.aanbieder.naam]
        if budget is not None:
            delen.append(str(budget))
        delen.append(v.get_status_display())
        regels.append(Regel(v.datum, _("Verwijzing"), ", ".join(delen), _route_url(gebruiker, bereik, v.pk), 0))
        screening: Screening | None = getattr(v, "screening", None)
        if screening is not None:
            tekst = _("verwijzing %(nummer)s: %(uitkomst)s") % {
                "nummer": v.pk,
                "uitkomst": screening.get_uitkomst_display(),
            }
            regels.append(Regel(screening.datum, _("Screening"), tekst, _route_url(gebruiker, bereik, v.pk), 1))
    return regels


def _toewijzing_tekst(t: Toewijzing) -> str:
    delen = [_("toewijzing %(nummer)s") % {"nummer": t.pk}, t.get_soort_display(), t.aanbieder.naam]
    if t.product is not None:
        delen.append(str(t.product))
    return ", ".join(delen)


def _toewijzingen(gebruiker, bereik: Bereik) -> list[Regel]:
    regels = []
    for t in bereik.toewijzingen:
        url = _route_url(gebruiker, bereik, t.verwijzing_id)
        periode = _("%(van)s t/m %(tot)s") % {"van": f"{t.begindatum:%d-%m-%Y}", "tot": f"{t.einddatum:%d-%m-%Y}"}
        tekst = f"{_toewijzing_tekst(t)}, {periode}, {t.get_status_display()}"
        regels.append(Regel(t.begindatum, _("Toewijzing"), tekst, url, 2))
        if t.startdatum_zorg:
            regels.append(Regel(t.startdatum_zorg, _("Start zorg"), _toewijzing_tekst(t), url, 3))
        if t.stopdatum_zorg:
            reden = t.get_reden_beeindiging_display() if t.reden_beeindiging else ""
            tekst = f"{_toewijzing_tekst(t)}: {reden}" if reden else _toewijzing_tekst(t)
            regels.append(Regel(t.stopdatum_zorg, _("Stop zorg"), tekst, url, 6))
    # OP379: a restart keeps the stopped period before it
    eerder = EerdereZorgperiode.objects.filter(toewijzing__in=bereik.toewijzingen).select_related(
        "toewijzing__aanbieder", "toewijzing__product"
    )
    for periode in eerder:
        t = periode.toewijzing
        url = _route_url(gebruiker, bereik, t.verwijzing_id)
        regels.append(Regel(periode.startdatum_zorg, _("Start zorg"), _toewijzing_tekst(t), url, 3))
        regels.append(Regel(periode.stopdatum_zorg, _("Stop zorg"), _toewijzing_tekst(t), url, 6))
    return regels


def _aanpassingen(gebruiker, bereik: Bereik) -> list[Regel]:
    regels = []
    for a in bereik.aanpassingen:
        url = reverse("route:aanpassing", args=[a.pk]) if mag_aanpassing_inzien(gebruiker) else None
        tekst = _("aanvraag %(nummer)s bij verwijzing %(verwijzing)s: %(reden)s") % {
            "nummer": a.pk,
            "verwijzing": a.verwijzing_id,
            "reden": a.get_reden_display(),
        }
        if a.gevraagd_bedrag is not None:
            tekst += ", " + _("gevraagd %(bedrag)s") % {"bedrag": euro(a.gevraagd_bedrag)}
        regels.append(Regel(a.ingediend_op, _("Aanpassingsaanvraag"), tekst, url, 4))
        if a.besluit_op:
            besluit = _("aanvraag %(nummer)s: %(status)s") % {"nummer": a.pk, "status": a.get_status_display()}
            if a.toegekend_bedrag is not None:
                besluit += ", " + _("toegekend %(bedrag)s") % {"bedrag": euro(a.toegekend_bedrag)}
            regels.append(Regel(a.besluit_op, _("Besluit over aanpassing"), besluit, url, 5))
    return regels


def _plannen_en_leveringen(gebruiker, bereik: Bereik) -> list[Regel]:
    regels = []
    plannen = Hulpverleningsplan.objects.filter(toewijzing__in=bereik.toewijzingen)
    for plan in plannen:
        tekst = _("toewijzing %(nummer)s, versie %(versie)s") % {"nummer": plan.toewijzing_id, "versie": plan.versie}
        toewijzing = next(t for t in bereik.toewijzingen if t.pk == plan.toewijzing_id)
        url = _route_url(gebruiker, bereik, toewijzing.verwijzing_id)
        regels.append(Regel(plan.opgesteld_op, _("Hulpverleningsplan"), tekst, url, 4))
    leveringen = Levering.objects.filter(toewijzing__in=bereik.toewijzingen).select_related("product", "toewijzing")
    for levering in leveringen:
        tekst = _("toewijzing %(nummer)s, %(product)s: %(volume)s, %(bedrag)s") % {
            "nummer": levering.toewijzing_id,
            "product": levering.product,
            "volume": getal(levering.volume, 2),
            "bedrag": euro(levering.bedrag),
        }
        url = _route_url(gebruiker, bereik, levering.toewijzing.verwijzing_id)
        regels.append(Regel(levering.maand, _("Levering"), tekst, url, 7))
    return regels


def _declaraties(gebruiker, jeugdige) -> list[Regel]:
    """R-P1: the lines the user reads (the provider its own, the toegang its municipality's; a GI
    or referrer none), one row per declaration with this child's lines in it."""
    regels = (
        Declaratieregel.objects.voor_gebruiker(gebruiker)
        .filter(jeugdige=jeugdige)
        .values("declaratie_id", "declaratie__nummer", "declaratie__ingediend_op", "declaratie__aanbieder__naam")
        .annotate(
            totaal=Sum(Case(When(debet_credit="C", then=-F("bedrag")), default=F("bedrag"))),
            goedgekeurd=Sum(
                Case(
                    When(status=RegelStatus.GOEDGEKEURD, debet_credit="C", then=-F("bedrag")),
                    When(status=RegelStatus.GOEDGEKEURD, then=F("bedrag")),
                    default=Decimal("0"),
                )
            ),
        )
        .order_by()
    )
    aantallen: dict[int, dict[str, int]] = defaultdict(dict)
    for rij in (
        Declaratieregel.objects.voor_gebruiker(gebruiker)
        .filter(jeugdige=jeugdige)
        .values("declaratie_id", "status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        aantallen[rij["declaratie_id"]][rij["status"]] = rij["n"]
    uit = []
    mag_openen = mag_declaraties_inzien(gebruiker)
    for rij in regels:
        n = aantallen[rij["declaratie_id"]]
        tekst = _(
            "declaratie %(nummer)s van %(aanbieder)s: %(bedrag)s gedeclareerd, %(goed)s goedgekeurd "
            "(regels: %(aantal_goed)s goedgekeurd, %(aantal_af)s afgekeurd)"
        ) % {
            "nummer": rij["declaratie__nummer"],
            "aanbieder": rij["declaratie__aanbieder__naam"],
            "bedrag": euro(rij["totaal"] or 0),
            "goed": euro(rij["goedgekeurd"] or 0),
            "aantal_goed": n.get(RegelStatus.GOEDGEKEURD, 0),
            "aantal_af": n.get(RegelStatus.AFGEKEURD, 0),
        }
        url = reverse("declaraties:detail", args=[rij["declaratie_id"]]) if mag_openen else None
        dag = timezone.localdate(rij["declaratie__ingediend_op"])
        uit.append(Regel(dag, _("Declaratie"), tekst, url, 8))
    return uit


def _crisis_en_verzoeken(gebruiker, jeugdige) -> list[Regel]:
    """Crisis reports, retroactive crisisopvolging requests, JW315 requests for allocation and
    HSWV inzet: each app's own scope (``toewijzingen.policies.bereik_crisis_en_hswv``)."""
    regels = []
    meldingen = Crisismelding.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige).select_related("crisisdienst")
    for m in meldingen:
        url = reverse("crisis:melding", args=[m.pk]) if mag_crisismeldingen_inzien(gebruiker) else None
        tekst = _("melding %(nummer)s bij %(dienst)s") % {"nummer": m.pk, "dienst": m.crisisdienst.naam}
        if m.uitkomst:
            tekst += f": {m.get_uitkomst_display()}"
        regels.append(Regel(timezone.localdate(m.gemeld_op), _("Crisismelding"), tekst, url, 0))
    verzoeken = (
        Crisisopvolgingsverzoek.objects.voor_gebruiker(gebruiker)
        .filter(jeugdige=jeugdige)
        .select_related("aanbieder", "product")
    )
    for v in verzoeken:
        url = reverse("crisis:verzoek", args=[v.pk]) if mag_crisisverzoeken_inzien(gebruiker) else None
        tekst = _("verzoek %(nummer)s van %(aanbieder)s, %(product)s: %(status)s") % {
            "nummer": v.pk,
            "aanbieder": v.aanbieder.naam,
            "product": v.product,
            "status": v.get_status_display(),
        }
        regels.append(Regel(v.ingediend_op, _("Verzoek crisisopvolging"), tekst, url, 1))
    jw315 = Toewijzingsverzoek.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige).select_related("aanbieder")
    for v in jw315:
        url = reverse("verzoeken:verzoek", args=[v.pk]) if mag_verzoeken_behandelen(gebruiker) else None
        tekst = _("verzoek %(nummer)s van %(aanbieder)s: %(status)s") % {
            "nummer": v.pk,
            "aanbieder": v.aanbieder.naam,
            "status": v.get_status_display(),
        }
        regels.append(Regel(timezone.localdate(v.ontvangen_op), _("Verzoek om toewijzing"), tekst, url, 0))
    for inzet in HswvInzet.objects.voor_gebruiker(gebruiker).filter(jeugdige=jeugdige).select_related("collectief"):
        tekst = _("inzet %(nummer)s van %(collectief)s: %(status)s") % {
            "nummer": inzet.pk,
            "collectief": inzet.collectief.naam,
            "status": inzet.get_status_display(),
        }
        regels.append(Regel(inzet.begindatum, _("Inzet HSWV"), tekst, None, 1))
    return regels


#: Event rows whose step the timeline already shows with its domain date (above).
_AL_GETOOND = {
    Gebeurtenissoort.VERWIJZING_GEREGISTREERD,
    Gebeurtenissoort.VERWIJZING_GESCREEND,
    Gebeurtenissoort.TOEWIJZING_AANGEMAAKT,
    Gebeurtenissoort.ZORG_GESTART,
    Gebeurtenissoort.ZORG_GESTOPT,
    Gebeurtenissoort.AANPASSING_INGEDIEND,
    Gebeurtenissoort.AANPASSING_BESLOTEN,
    Gebeurtenissoort.LEVERING_GEREGISTREERD,
    Gebeurtenissoort.PLAN_OPGESTELD,
}


def _objectnamen() -> dict[str, str]:
    return {"verwijzing": _("verwijzing"), "toewijzing": _("toewijzing"), "aanpassingsaanvraag": _("aanvraag")}


def _gebeurtenissen(gebruiker, bereik: Bereik) -> list[Regel]:
    """The route's event log for the referrals, allocations and adjustments in scope: the steps no
    domain date shows (a withdrawn allocation, a corrected start or stop, a refusal by the
    toegang, a completed stop, progress on the plan, Wonen's intensity)."""
    objecten = {
        "verwijzing": {v.pk: v.pk for v in bereik.verwijzingen},
        "toewijzing": {t.pk: t.verwijzing_id for t in bereik.toewijzingen},
        "aanpassingsaanvraag": {a.pk: a.verwijzing_id for a in bereik.aanpassingen},
    }
    regels, namen = [], _objectnamen()
    for objecttype, ids in objecten.items():
        if not ids:
            continue
        rijen = Gebeurtenis.objects.filter(objecttype=objecttype, object_id__in=ids).exclude(
            gebeurtenis__in=_AL_GETOOND
        )
        for rij in rijen:
            verwijzing_id = ids[rij.object_id]
            tekst = f"{namen[objecttype]} {rij.object_id}"
            url = _route_url(gebruiker, bereik, verwijzing_id)
            regels.append(Regel(timezone.localdate(rij.tijdstip), rij.get_gebeurtenis_display(), tekst, url, 9))
    return regels


def tijdlijn(gebruiker, jeugdige, bereik: Bereik) -> list[Regel]:
    """All rows of the dossier, newest first (same day: the later step first)."""
    regels = [
        *_verwijzingen(gebruiker, bereik),
        *_toewijzingen(gebruiker, bereik),
        *_aanpassingen(gebruiker, bereik),
        *_plannen_en_leveringen(gebruiker, bereik),
        *_declaraties(gebruiker, jeugdige),
        *_crisis_en_verzoeken(gebruiker, jeugdige),
        *_gebeurtenissen(gebruiker, bereik),
    ]
    return sorted(regels, key=lambda r: (r.datum, r.volgorde), reverse=True)
