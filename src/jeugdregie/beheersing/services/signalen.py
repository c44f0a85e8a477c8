"""The three named signals (R-K5, SPEC §11.3, 001 annex 2 §4.3), per provider for a period
(quarter or year), each with its evidence: the figures and the underlying allocations or
requests, pseudonymised (never BSN or names). Figures come from SQL aggregates per provider;
only the comparison (a median over providers) is done in Python.

Comparison: a provider is compared with the median of the providers of its own category
(``Aanbieder.categorie``, "no provider is unique") that have data in the period; with fewer than
``MIN_VERGELIJKING`` such providers, with the median of the whole region.

SIG01 — vraagt voortdurend verlengingen aan. Adjustment requests filed in the period per 100
  keuzebudget allocations running in the period. Fires when the provider has at least
  ``MIN_AANVRAGEN`` requests and its rate is above ``FACTOR_BOVEN_MEDIAAN`` × the median, or when
  at least ``MIN_HERHAALDE_TRAJECTEN`` of its trajectories with a request in the period have had
  ``HERHAALD_PER_TRAJECT`` or more requests up to the period's end.
SIG02 — bereikt de gewenste resultaten niet. Among allocations whose care stopped in the period
  with a result score (R-H5), the share scored "niet behaald" or "deels behaald". Fires with at
  least ``MIN_BEEINDIGD`` scored ends and a share more than ``MARGE_RESULTATEN`` percentage points
  above the median.
SIG03 — doet meer dan nodig. Over standard keuzebudgetten closed in the period (care stopped or
  end date passed; offerte budgets left out, as KOS05): fires with at least ``MIN_GESLOTEN`` closed
  budgets when ``AANDEEL_VOL``% or more of them were declared to ``VOL_BENUT``% or more (the norm
  is 70–80% on average, R-A1), or when the average utilisation — the mean per budget, as KOS05 —
  exceeds ``GEMIDDELDE_BENUTTING``%. Also fires with at least
  ``MIN_BEEINDIGD`` ended trajectories whose average duration (start to stop of care) exceeds
  ``FACTOR_DUUR`` × the median.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import overload

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format

from jeugdregie.common.onthulling import SECUNDAIR_TEKEN, drempel, is_klein, toelichting
from jeugdregie.organisaties.models import Aanbieder, Regio
from jeugdregie.toewijzingen.constants import Resultaatscore, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from ..indicatoren.basis import Dagen
from ..indicatoren.velden import Aandeel, gesloten, gesloten_op
from .rollup import periode_einde

FACTOR_BOVEN_MEDIAAN = Decimal("1.5")
MIN_AANVRAGEN = 3
HERHAALD_PER_TRAJECT = 2
MIN_HERHAALDE_TRAJECTEN = 2
MIN_BEEINDIGD = 5
MARGE_RESULTATEN = Decimal("20")
MIN_GESLOTEN = 5
VOL_BENUT = Decimal("95")
AANDEEL_VOL = Decimal("50")
GEMIDDELDE_BENUTTING = Decimal("90")
FACTOR_DUUR = Decimal("1.5")
MIN_VERGELIJKING = 3

VERLENGINGEN, RESULTATEN, MEER_DAN_NODIG = "SIG01", "SIG02", "SIG03"
NAMEN = {
    VERLENGINGEN: "Vraagt voortdurend verlengingen aan",
    RESULTATEN: "Bereikt de gewenste resultaten niet",
    MEER_DAN_NODIG: "Doet meer dan nodig",
}
SIGNAALCODES = frozenset(NAMEN)


@overload
def _r(waarde: Decimal, plaatsen: str = ...) -> Decimal: ...
@overload
def _r(waarde: Decimal | None, plaatsen: str = ...) -> Decimal | None: ...
def _r(waarde: Decimal | None, plaatsen: str = "0.1") -> Decimal | None:
    return None if waarde is None else waarde.quantize(Decimal(plaatsen), rounding=ROUND_HALF_UP)


def _t(waarde: Decimal, plaatsen: int = 1) -> str:
    """A figure in a reason or evidence text, in the active language's notation (nl: 40,0)."""
    return number_format(_r(Decimal(waarde), "0." + "0" * (plaatsen - 1) + "1"), plaatsen, force_grouping=True)


@dataclass(frozen=True)
class Onderbouwing:
    """One underlying allocation or request: ids, pseudonym and codes only."""

    object_id: int
    toewijzing_id: int | None
    pseudoniem: str
    gemeente: str
    datum: date
    omschrijving: str


@dataclass
class Signaal:
    code: str
    aanbieder: Aanbieder
    vergeleken_met: str
    redenen: list[str]
    cijfers: dict[str, Decimal | int | str | None]  # str: a suppressed figure (onderdruk_signaal)
    onderbouwing: list[Onderbouwing] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return NAMEN[self.code]


def _mediaan(waarden: dict[int, Decimal], aanbieders: dict[int, Aanbieder]) -> dict[int, tuple[Decimal, str]]:
    """Per provider: the median of its category (or the region) and what it was compared with."""
    per_categorie: dict[str, list[Decimal]] = defaultdict(list)
    for pk, waarde in waarden.items():
        per_categorie[aanbieders[pk].categorie].append(waarde)
    regio = statistics.median(waarden.values()) if waarden else Decimal(0)
    uitkomst = {}
    for pk in waarden:
        groep = per_categorie[aanbieders[pk].categorie]
        if len(groep) >= MIN_VERGELIJKING:
            uitkomst[pk] = (Decimal(statistics.median(groep)), f"categorie {aanbieders[pk].categorienaam}")
        else:
            uitkomst[pk] = (Decimal(regio), "regio")
    return uitkomst


def _in_regio(qs, regio: Regio | None, pad: str = "gemeente__regio"):
    return qs.filter(**{pad: regio}) if regio is not None else qs


def _regel(obj, toewijzing_id: int | None, verwijzing: Verwijzing, datum: date, omschrijving: str) -> Onderbouwing:
    return Onderbouwing(
        obj.pk, toewijzing_id, verwijzing.jeugdige.pseudoniem, verwijzing.gemeente.naam, datum, omschrijving
    )


def _verlengingen(van: date, tot: date, regio: Regio | None, aanbieders: dict[int, Aanbieder]) -> list[Signaal]:
    budgetten = _in_regio(Toewijzing.objects, regio).filter(
        soort=ToewijzingSoort.KEUZEBUDGET, begindatum__lte=tot, einddatum__gte=van
    )
    budgetten = dict(
        budgetten.exclude(status=ToewijzingStatus.INGETROKKEN)
        .values("aanbieder_id")
        .annotate(n=Count("id"))
        .values_list("aanbieder_id", "n")
    )
    in_periode = _in_regio(Aanpassingsaanvraag.objects, regio, "verwijzing__gemeente__regio").filter(
        ingediend_op__range=(van, tot)
    )
    aanvragen = dict(
        in_periode.values("verwijzing__aanbieder_id")
        .annotate(n=Count("id"))
        .values_list("verwijzing__aanbieder_id", "n")
    )
    totaal = (
        Aanpassingsaanvraag.objects.filter(verwijzing=OuterRef("pk"), ingediend_op__lte=tot)
        .values("verwijzing")
        .annotate(n=Count("id"))
        .values("n")
    )
    herhaald = dict(
        Verwijzing.objects.filter(Exists(in_periode.filter(verwijzing=OuterRef("pk"))))
        .annotate(aantal=Subquery(totaal))
        .filter(aantal__gte=HERHAALD_PER_TRAJECT)
        .values("aanbieder_id")
        .annotate(n=Count("id"))
        .values_list("aanbieder_id", "n")
    )
    per_100 = {pk: Decimal(aanvragen.get(pk, 0)) * 100 / n for pk, n in budgetten.items() if n}
    mediaan = _mediaan(per_100, aanbieders)
    signalen = {}
    for pk in set(aanvragen) | set(herhaald):
        redenen, waarde = [], per_100.get(pk)
        norm, vergeleken = mediaan.get(pk, (None, "regio"))
        if (
            waarde is not None
            and norm is not None  # every provider with a figure has a median (_mediaan)
            and aanvragen.get(pk, 0) >= MIN_AANVRAGEN
            and waarde > FACTOR_BOVEN_MEDIAAN * norm
        ):
            redenen.append(
                f"{_t(waarde)} aanvragen per 100 budgetten, "
                f"meer dan {_t(FACTOR_BOVEN_MEDIAAN)} × de mediaan ({_t(norm)})"
            )
        if herhaald.get(pk, 0) >= MIN_HERHAALDE_TRAJECTEN:
            redenen.append(f"{herhaald[pk]} trajecten met {HERHAALD_PER_TRAJECT} of meer aanvragen")
        if redenen:
            cijfers = {
                "aanvragen": aanvragen.get(pk, 0),
                "budgetten": budgetten.get(pk, 0),
                "per 100 budgetten": _r(waarde),
                "mediaan per 100": _r(norm),
                "trajecten met herhaalde aanvragen": herhaald.get(pk, 0),
            }
            signalen[pk] = Signaal(VERLENGINGEN, aanbieders[pk], vergeleken, redenen, cijfers)
    rijen = in_periode.filter(verwijzing__aanbieder_id__in=signalen).select_related(
        "verwijzing__jeugdige", "verwijzing__gemeente"
    )
    for a in rijen.order_by("ingediend_op", "id"):
        laat = ", te laat" if a.te_laat else ""
        tekst = f"aanpassingsaanvraag ‘{a.get_reden_display()}’, {a.get_status_display().lower()}{laat}"
        signalen[a.verwijzing.aanbieder_id].onderbouwing.append(
            _regel(a, a.toewijzing_id, a.verwijzing, a.ingediend_op, tekst)
        )
    return list(signalen.values())


def _gestopt(van: date, tot: date, regio: Regio | None):
    return _in_regio(Toewijzing.objects, regio).filter(
        status=ToewijzingStatus.GESTOPT, stopdatum_zorg__range=(van, tot), startdatum_zorg__isnull=False
    )


def _resultaten(van: date, tot: date, regio: Regio | None, aanbieders: dict[int, Aanbieder]) -> list[Signaal]:
    niet_bereikt = Q(resultaatscore__in=[Resultaatscore.NIET_BEHAALD, Resultaatscore.DEELS_BEHAALD])
    gescoord = _gestopt(van, tot, regio).exclude(resultaatscore="")
    rijen = {
        r["aanbieder_id"]: r
        for r in gescoord.values("aanbieder_id").annotate(n=Count("id"), niet=Count("id", filter=niet_bereikt))
    }
    aandeel = {pk: Decimal(r["niet"]) * 100 / r["n"] for pk, r in rijen.items()}
    mediaan = _mediaan(aandeel, aanbieders)
    signalen = {}
    for pk, r in rijen.items():
        norm, vergeleken = mediaan[pk]
        if r["n"] >= MIN_BEEINDIGD and aandeel[pk] > norm + MARGE_RESULTATEN:
            reden = (
                f"{_t(aandeel[pk])}% van {r['n']} beëindigde trajecten niet of deels behaald, "
                f"meer dan {MARGE_RESULTATEN} procentpunt boven de mediaan ({_t(norm)}%)"
            )
            cijfers = {"beëindigd met score": r["n"], "niet of deels behaald": r["niet"], "aandeel %": _r(aandeel[pk])}
            cijfers["mediaan %"] = _r(norm)
            signalen[pk] = Signaal(RESULTATEN, aanbieders[pk], vergeleken, [reden], cijfers)
    onderliggend = gescoord.filter(niet_bereikt, aanbieder_id__in=signalen).select_related(
        "verwijzing__jeugdige", "verwijzing__gemeente"
    )
    for t in onderliggend.order_by("stopdatum_zorg", "id"):
        tekst = f"{t.get_resultaatscore_display()}; {t.get_reden_beeindiging_display() or 'geen reden'}"
        signalen[t.aanbieder_id].onderbouwing.append(_regel(t, t.pk, t.verwijzing, t.stopdatum_zorg, tekst))
    return list(signalen.values())


def _meer_dan_nodig(van: date, tot: date, regio: Regio | None, aanbieders: dict[int, Aanbieder]) -> list[Signaal]:
    vol = Q(budgetstand__goedgekeurd__gte=F("keuzebudget__bedrag") * VOL_BENUT / 100)
    dicht = (
        _in_regio(Toewijzing.objects, regio)
        .filter(soort=ToewijzingSoort.KEUZEBUDGET, keuzebudget__isnull=False, keuzebudget__is_offerte=False)
        .filter(gesloten(timezone.localdate()))
        .annotate(gesloten_op=gesloten_op())
        .filter(gesloten_op__range=(van, tot))
    )
    budget = {
        r["aanbieder_id"]: r
        for r in dicht.values("aanbieder_id").annotate(
            n=Count("id"),
            vol=Count("id", filter=vol),
            aandelen=Sum(Aandeel(Coalesce("budgetstand__goedgekeurd", Value(Decimal(0))), "keuzebudget__bedrag")),
        )
    }
    duur = {
        r["aanbieder_id"]: r
        for r in _gestopt(van, tot, regio)
        .values("aanbieder_id")
        .annotate(n=Count("id"), dagen=Sum(Dagen("stopdatum_zorg", "startdatum_zorg")))
    }
    gemiddeld = {pk: Decimal(r["dagen"]) / r["n"] for pk, r in duur.items()}
    mediaan = _mediaan(gemiddeld, aanbieders)
    signalen, lang = {}, {}
    for pk in set(budget) | set(duur):
        redenen: list[str] = []
        cijfers: dict[str, Decimal | int | str | None] = {}
        if pk in budget:
            b = budget[pk]
            aandeel, benut = Decimal(b["vol"]) * 100 / b["n"], Decimal(b["aandelen"]) * 100 / b["n"]
            cijfers |= {"gesloten budgetten": b["n"], f"≥ {VOL_BENUT}% benut": b["vol"], "gem. benutting %": _r(benut)}
            if b["n"] >= MIN_GESLOTEN and aandeel >= AANDEEL_VOL:
                redenen.append(f"{b['vol']} van {b['n']} gesloten budgetten ≥ {VOL_BENUT}% gedeclareerd (norm 70–80%)")
            if b["n"] >= MIN_GESLOTEN and benut > GEMIDDELDE_BENUTTING:
                redenen.append(f"gemiddelde benutting {_t(benut)}%, boven {GEMIDDELDE_BENUTTING}% (norm 70–80%)")
        if pk in duur:
            norm, vergeleken = mediaan[pk]
            cijfers |= {"beëindigde trajecten": duur[pk]["n"], "gem. duur (dagen)": _r(gemiddeld[pk])}
            cijfers["mediaan duur (dagen)"] = _r(norm)
            if duur[pk]["n"] >= MIN_BEEINDIGD and gemiddeld[pk] > FACTOR_DUUR * norm:
                redenen.append(
                    f"trajecten gemiddeld {_t(gemiddeld[pk])} dagen, meer dan {_t(FACTOR_DUUR)} × de mediaan"
                )
                lang[pk] = norm
        if redenen:
            vergeleken = mediaan[pk][1] if pk in mediaan else "norm 70–80%"
            signalen[pk] = Signaal(MEER_DAN_NODIG, aanbieders[pk], vergeleken, redenen, cijfers)
    rijen = dicht.filter(vol, aanbieder_id__in=signalen).select_related(
        "keuzebudget", "budgetstand", "verwijzing__jeugdige", "verwijzing__gemeente"
    )
    for t in rijen.order_by("gesloten_op", "id"):
        benutting = _t(t.budgetstand.goedgekeurd * 100 / t.keuzebudget.bedrag)
        bedrag, besteed = _t(t.keuzebudget.bedrag, 2), _t(t.budgetstand.goedgekeurd, 2)
        tekst = f"keuzebudget € {bedrag}, gedeclareerd € {besteed} ({benutting}%)"
        signalen[t.aanbieder_id].onderbouwing.append(_regel(t, t.pk, t.verwijzing, t.gesloten_op, tekst))
    langdurig = (
        _gestopt(van, tot, regio)
        .filter(aanbieder_id__in=lang)
        .annotate(dagen=Dagen("stopdatum_zorg", "startdatum_zorg"))
    )
    for t in langdurig.select_related("verwijzing__jeugdige", "verwijzing__gemeente").order_by("stopdatum_zorg", "id"):
        if t.dagen > lang[t.aanbieder_id]:
            tekst = f"traject van {t.dagen} dagen ({t.startdatum_zorg:%d-%m-%Y} – {t.stopdatum_zorg:%d-%m-%Y})"
            signalen[t.aanbieder_id].onderbouwing.append(_regel(t, t.pk, t.verwijzing, t.stopdatum_zorg, tekst))
    return list(signalen.values())


def signalen(*, periodesoort: str, periode: date, regio: Regio | None = None) -> list[Signaal]:
    """R-K5: the signals of the period starting on ``periode`` (quarter or year), for the
    allocations of ``regio``'s municipalities (all when None), ordered by signal and provider."""
    van, tot = periode, periode_einde(periode, periodesoort)
    aanbieders = Aanbieder.objects.in_bulk()
    uitkomst = [
        *_verlengingen(van, tot, regio, aanbieders),
        *_resultaten(van, tot, regio, aanbieders),
        *_meer_dan_nodig(van, tot, regio, aanbieders),
    ]
    return sorted((onderdruk_signaal(s) for s in uitkomst), key=lambda s: (s.code, s.aanbieder.naam))


def onderdruk_signaal(signaal: Signaal) -> Signaal:
    """Issue 14 §7: a signal resting on fewer than ``drempel()`` distinct young people keeps its
    name and provider (the contract manager must act on it) but not its figures: a count of 1–4
    reads "<5", every other figure "—" (a share or a median would give the count back), and the
    reasons, which quote the figures, become one generic line. The evidence stays: it is the
    contract manager's pseudonymised drill-down (R-P1: pseudonyms only, never BSN or name)."""
    kinderen = len({o.pseudoniem for o in signaal.onderbouwing})
    if not is_klein(kinderen):
        return signaal
    teken = f"<{drempel()}"
    signaal.cijfers = {
        k: (teken if isinstance(v, int) and is_klein(v) else None if v is None else SECUNDAIR_TEKEN)
        for k, v in signaal.cijfers.items()
    }
    signaal.redenen = [toelichting()]
    return signaal
