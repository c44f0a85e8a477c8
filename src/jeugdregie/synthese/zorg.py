"""Care under one keuzebudget allocation for the trajectory generator (SPEC §6, §7): the spend run
rate, the natural end, an adjustment request (R-A1…R-A5), monthly delivered volume × tariff,
the plan, and the stop with its JZ588 reason and result score (R-H1…R-H5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.money import euro
from jeugdregie.organisaties.constants import VerwijzerType

from . import namen
from .wereld import eerste_van_maand, geld, moment, volgende_maand, volume

if TYPE_CHECKING:
    import random

    from .wereld import Bouwer, Persoon, Wereld

P_SNEL = 0.12  # budgets that burn fast and reach the 8-week point (R-A3)
P_AANPASSING = {True: 0.5, False: 0.05}  # by fast burn; about 8% of budgets overall
P_VERLENGING = 0.6
P_NIET_GEMELD = 0.6  # of budgets that ran out shortly before the peildatum: stop not yet reported


def te_laat(
    *,
    op: date,
    begin: date,
    budget_cents: int,
    einde: date,
    besteed_cents: int,
    signaal_weken: int,
    vertraging: int | None = None,
    laatste: date | None = None,
) -> bool:
    """R-A3 as ``dien_aanpassing_in`` decides it with ``toewijzingen.prognose.prognose`` (same
    Decimal steps): filed on ``op`` after the 8-week point before the budget runs out in money
    (spend run rate since ``begin``) or in time (``einde``). With declared lines (``vertraging``
    not None, the provider's measured lag in days; ``laatste`` the end of the latest approved
    line) the rate is over the declared days and the undeclared days are estimated at it first.
    ``signaal_weken``: ``aanpassing_signaal_weken`` of the region's rule set valid on ``op`` (R-R1).
    ``prognose`` reads the database, so the generator keeps this copy;
    tests/test_synthese_tegen_services.py checks every request against ``prognose`` itself."""
    besteed = geld(besteed_cents)
    dagen = max((op - begin).days + 1, 1)
    gedekt = (min(laatste, op) - begin).days + 1 if laatste else 0  # up to the latest approved line's end
    gedeclareerd = min(max(dagen - (vertraging or 0), gedekt), dagen)
    per_dag = besteed / (gedeclareerd if vertraging is not None and gedeclareerd > 0 else dagen)
    geschat = max(euro(per_dag * dagen), besteed)
    uitgeput = einde
    if per_dag > 0:
        resterend = max(geld(budget_cents) - geschat, Decimal("0"))
        uitgeput = min(op + timedelta(days=int(resterend / per_dag)), einde)
    return op > uitgeput - timedelta(weeks=signaal_weken)


class Route(Protocol):
    """What care under a budget asks of the trajectory it belongs to (``route.Route``): described
    here, so this module does not import the route that imports it."""

    b: Bouwer
    w: Wereld
    rng: random.Random
    peil: date

    def einde_max(self, aanbieder: int, datum: date) -> date | None: ...

    def kies_aanbieder(self, behalve: int | None = None) -> int: ...

    def keuzebudget(
        self, verwijzing: int, budget: Budget, datum: date, cents: int | None = None, einde: date | None = None
    ) -> int: ...

    def schakel(
        self, persoon: Persoon, aanbieder: int, soort: str, verwijzer: int | None, datum: date, **opties: Any
    ) -> Any: ...


@dataclass(frozen=True)
class Budget:
    soort: str
    niveau: int | None
    cents: int
    einde: date

    @property
    def is_offerte(self) -> bool:
        return self.niveau is None


def rond(cents: float, op: int = 5_000) -> int:
    """An amount in cents rounded to whole 50 euros (how a toegang writes it down)."""
    return max(op, round(cents / op) * op)


class Zorg:
    """Care under one allocation: spend run rate, the natural end, a possible adjustment request,
    monthly delivered volume and the stop (R-H1…R-H5, R-A1…R-A5)."""

    def __init__(
        self,
        route: Route,
        persoon: Persoon,
        *,
        aanbieder: int,
        verwijzing: int,
        verwijzer: int | None,
        budget: Budget,
        datum: date,
        start: date,
        cents: int,
        mix: list[tuple[str, float]],
        uiterlijk: date,
        huidig: bool,
    ) -> None:
        self.route, self.b, self.rng, self.peil = route, route.b, route.rng, route.peil
        self.persoon, self.aanbieder, self.verwijzing, self.budget = persoon, aanbieder, verwijzing, budget
        self.datum, self.start, self.cents, self.einde = datum, start, cents, budget.einde
        self.mix, self.huidig, self.verwijzer = mix, huidig, verwijzer
        self.vervolg_op: date | None = None
        self.vorige: int | None = None  # R-T9: the previous year's duurzaam budget this one renews
        self.keuzebudget_id: int | None = None
        rng = self.rng
        dagen = (self.einde - start).days + 1
        self.snel = rng.random() < P_SNEL
        if huidig and rng.random() < 0.65:
            gepland = self.einde
        else:
            gepland = start + timedelta(days=rng.randrange(min(90, dagen), dagen + 1))
        self.gepland = min(gepland, self.einde, uiterlijk)
        if self.snel:
            self.per_dag = cents / max(dagen * rng.uniform(0.35, 0.7), 1)
        else:  # R-A1: on average 70–80% of a budget is used during the care
            self.per_dag = cents * rng.uniform(0.6, 0.95) / max((self.gepland - start).days + 1, 30)
        self.aanvraag: dict | None = None

    def uitgeput_op(self) -> date:
        return self.start + timedelta(days=int(self.cents / max(self.per_dag, 1e-9)))

    def misschien_aanpassing(self) -> None:
        """About 8% of budgets get an adjustment request (R-A4 reasons 2–4), mostly the fast ones."""
        rng, peil = self.rng, self.peil
        if rng.random() >= P_AANPASSING[self.snel]:
            return
        if self.snel:
            ingediend = self.uitgeput_op() - timedelta(weeks=rng.randrange(2, 15))
        else:
            ingediend = self.start + timedelta(days=rng.randrange(30, 270))
        ingediend = max(ingediend, self.start + timedelta(days=14))
        if ingediend >= min(self.gepland, peil):
            return
        zes_maanden = self.start + relativedelta(months=6)
        if ingediend <= zes_maanden and rng.random() < 0.25:
            reden = "2"
        elif rng.random() < 0.12:
            reden = "4"
        else:
            reden = "3"
        besluit = ingediend + timedelta(days=rng.randrange(3, 21))
        uitkomst = (
            "ingediend"
            if besluit >= peil
            else rng.choices(["toegekend", "deels_toegekend", "afgewezen"], [55, 25, 20])[0]
        )
        gevraagd = rond(self.cents * rng.uniform(1.3, 1.9))
        gevraagde_einde = None
        # R-T9: a duurzaam budget is an amount per year; it is renewed yearly, never stretched past its year
        if reden == "3" and self.budget.soort != KeuzebudgetSoort.DUURZAAM and rng.random() < 0.3:
            gevraagde_einde = min(
                self.einde + relativedelta(months=3), self.route.einde_max(self.aanbieder, self.einde) or self.einde
            )
            gevraagde_einde = max(gevraagde_einde, self.einde)
        tweede = self.route.kies_aanbieder(behalve=self.aanbieder) if reden == "4" else None
        toegekend, toegekend_einde = None, None
        if uitkomst == "toegekend":
            toegekend, toegekend_einde = gevraagd, gevraagde_einde
        elif uitkomst == "deels_toegekend":
            toegekend = rond(self.cents + (gevraagd - self.cents) / 2)
        self.aanvraag = {
            "reden": reden,
            "ingediend": ingediend,
            "besluit": None if uitkomst == "ingediend" else besluit,
            "status": uitkomst,
            "gevraagd": gevraagd,
            "gevraagde_einde": gevraagde_einde,
            "tweede": tweede,
            "toegekend": toegekend,
            "toegekend_einde": toegekend_einde,
            "oorspronkelijk": (self.cents, self.einde),
        }
        if reden == "4":
            return  # honoured: the second provider gets its own keuzebudget (below)
        if toegekend is not None:
            self.cents = toegekend
        if toegekend_einde is not None:
            self.einde = toegekend_einde
            if self.gepland == self.aanvraag["oorspronkelijk"][1]:
                self.gepland = toegekend_einde

    def schrijf(self) -> int:
        b, rng, peil = self.b, self.rng, self.peil
        persoon = self.persoon
        budget_id = self.route.keuzebudget(
            self.verwijzing, self.budget, self.datum, self.cents, self.einde, vorige=self.vorige
        )
        self.keuzebudget_id = budget_id
        toewijzing = b.toewijzingen.nieuw_id()
        velden = {
            "verwijzing_id": self.verwijzing,
            "jeugdige_id": persoon.jeugdige_id,
            "gemeente_id": persoon.gemeente_op(self.datum),
            "aanbieder_id": self.aanbieder,
            "soort": "keuzebudget",
            "keuzebudget_id": budget_id,
            "begindatum": self.datum,
            "einddatum": self.einde,
            "aangemaakt": moment(self.datum, 12),
        }
        b.zie(persoon.jeugdige_id, self.datum, "toewijzing", aanbieder=self.aanbieder)
        if self.start >= peil:
            b.toewijzingen.voeg_toe(toewijzing, status="toegewezen", **velden)
            return toewijzing
        stop = min(self.gepland, self.uitgeput_op())
        maanden = self.leveringen(toewijzing, stop)
        self.schrijf_aanvraag(toewijzing, maanden)
        velden.update(status="gestart", startdatum_zorg=self.start)
        if stop < peil:
            budget_op = stop >= min(self.einde, self.uitgeput_op())
            verlengen = self.huidig and budget_op and rng.random() < P_VERLENGING
            niet_gemeld = (  # only the current episode: an older one would block a later GP referral (R-A4)
                self.huidig
                and not verlengen
                and budget_op
                and stop >= peil - timedelta(days=45)
                and rng.random() < P_NIET_GEMELD
            )
            if verlengen:
                self.vervolg_op = stop + timedelta(days=1)
            if not niet_gemeld:
                reden, score = self._reden(budget_op, verlengen)
                velden.update(status="gestopt", stopdatum_zorg=stop, reden_beeindiging=reden, resultaatscore=score)
                gemeld = min(stop + timedelta(days=rng.randrange(0, 10)), peil - timedelta(days=1))
                b.meld_verwijzer(persoon, self.verwijzer, gemeld, f"Zorg gestopt voor toewijzing {toewijzing}")
        b.toewijzingen.voeg_toe(toewijzing, **velden)
        if rng.random() < 0.85:
            laatste = min(stop, peil - timedelta(days=1))
            b.plan(toewijzing, self.verwijzing, self.start, laatste, velden.get("resultaatscore") == "behaald")
        return toewijzing

    def _reden(self, budget_op: bool, verlengen: bool) -> tuple[str, str]:
        rng = self.rng
        scores = ("behaald", "deels_behaald", "niet_behaald")
        if verlengen:
            return "31", rng.choices(scores, (15, 65, 20))[0]
        if budget_op:
            return "31", rng.choices(scores, (50, 40, 10))[0]
        trek = rng.random()
        if trek < 0.8:
            return "31", rng.choices(scores, (70, 25, 5))[0]
        if trek < 0.97:
            return rng.choice(("32", "33", "34")), rng.choices(scores[1:], (35, 65))[0]
        return rng.choice(("20", "35", "36")), rng.choices(scores[1:], (40, 60))[0]

    def leveringen(self, toewijzing: int, stop: date) -> list[tuple[date, int]]:
        """Monthly volume × tariff up to the stop (or the last month before the peildatum),
        never beyond the budget. Returns (month, cents) for the forecast of the request."""
        b, w = self.b, self.route.w
        laatste = min(stop, self.peil - timedelta(days=1))
        maand, besteed, uitkomst = eerste_van_maand(self.start), 0, []
        while maand <= laatste:
            einde_maand = volgende_maand(maand) - timedelta(days=1)
            dagen = (min(einde_maand, laatste) - max(maand, self.start)).days + 1
            doel = self.per_dag * dagen
            deze_maand = 0
            for code, aandeel in self.mix:
                tarief = w.tarief(code, maand)
                if not tarief:
                    continue
                kwartieren = max(1, round(doel * aandeel / tarief * 4))
                cents = (kwartieren * tarief + 2) // 4
                if besteed + cents > self.cents:
                    kwartieren = (self.cents - besteed) * 4 // tarief
                    cents = (kwartieren * tarief + 2) // 4
                if kwartieren <= 0:
                    continue
                besteed += cents
                deze_maand += cents
                b.levering(toewijzing, code, maand, volume(kwartieren), cents)
            uitkomst.append((maand, deze_maand))
            if besteed >= self.cents:
                break
            maand = volgende_maand(maand)
        return uitkomst

    def schrijf_aanvraag(self, toewijzing: int, maanden: list[tuple[date, int]]) -> None:
        a = self.aanvraag
        if a is None:
            return
        rng = self.rng
        oorspronkelijk, oorspronkelijk_einde = a["oorspronkelijk"]
        ingediend = a["ingediend"]
        # R-A3, as prognose.py on the day of filing: no declaration yet, so the run rate of the
        # deliveries registered before that day (early in the month after, Bouwer.levering)
        besteed = sum(cents for maand, cents in maanden if min(volgende_maand(maand), self.peil) < ingediend)
        laat = te_laat(
            op=ingediend,
            begin=self.start,
            budget_cents=oorspronkelijk,
            einde=oorspronkelijk_einde,
            besteed_cents=besteed,
            signaal_weken=self.route.w.regels(ingediend).aanpassing_signaal_weken,  # R-R1: on the day of filing
        )
        besloten = a["status"] != "ingediend"
        self.b.aanpassingen.voeg_toe(
            verwijzing_id=self.verwijzing,
            toewijzing_id=toewijzing,
            reden=a["reden"],
            toelichting=rng.choice(namen.MOTIVERINGEN[:2]),
            besproken_met_toegang=a["reden"] == "3" or rng.random() < 0.5,
            gevraagd_bedrag=geld(a["gevraagd"]),
            gevraagde_einddatum=a["gevraagde_einde"],
            tweede_aanbieder_id=a["tweede"],
            status=a["status"],
            te_laat=laat,
            ingediend_op=ingediend,
            besluit_op=a["besluit"],
            motivering=rng.choice(namen.MOTIVERINGEN[3:] if a["status"] == "afgewezen" else namen.MOTIVERINGEN[:3])
            if besloten
            else "",
            toegekend_bedrag=geld(a["toegekend"]) if a["toegekend"] else None,
            toegekende_einddatum=a["toegekend_einde"],
        )
        if a["reden"] == "4" and a["toegekend"]:
            besluit = a["besluit"]
            einde = min(self.einde, besluit + relativedelta(months=12) - timedelta(days=1))
            if einde >= besluit:
                budget = Budget(self.budget.soort, None, a["toegekend"], einde)
                self.route.schakel(
                    self.persoon,
                    a["tweede"],
                    VerwijzerType.GEMEENTE,
                    None,
                    besluit,
                    uiterlijk=einde,
                    huidig=False,
                    budget=budget,
                    aanpassen=False,
                )
