"""A handful of open work items for the demo users (synthese/demogebruikers.py), anchored on a date: the
toegang of Zwolle and the two demo providers (the region's first two providers by AGB code) get
referrals to screen, allocations to start, a budget at its 8-week point, a stop to report, an
open refusal, an adjustment request to decide, open crisis requests (one late), a matching past
three months and a stay ending soon. Called with the peildatum (today for ``manage.py
genereer_regio``, so the home pages look current) and, when a caller passes another ``vandaag``,
once more with that day; nothing depends on the clock."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import KeuzebudgetSoort, Woonvorm
from jeugdregie.jeugdigen.models import Woonplaats
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.wonen.constants import INTENSITEITEN_PER_WOONVORM

from . import namen
from .crisis import Crisis
from .route import Route
from .wereld import Bouwer, Persoon, eerste_van_maand, geld, leeftijd_op, moment, volgende_maand, volume
from .wonen import Wonen
from .zorg import Budget, te_laat


class Demo:
    def __init__(self, bouwer: Bouwer, route: Route, wonen: Wonen, crisis: Crisis, personen: list[Persoon]) -> None:
        self.b, self.w, self.rng = bouwer, bouwer.w, bouwer.rng
        self.route, self.wonen, self.crisis = route, wonen, crisis
        self.bezet = {p.jeugdige_id for p in personen}  # the bulk's young people stay out of it
        self.geleverd: dict[int, tuple[date, list[tuple[date, int]]]] = {}  # allocation -> (start, (month, cents))

    def kan(self, op: date) -> bool:
        w = self.w
        return (
            w.zwolle is not None
            and bool(w.demo_aanbieders)
            and w.heeft_jaar(op.year)
            and w.heeft_jaar((op - timedelta(days=400)).year)
            and all(w.contract_einde(a, op - timedelta(days=400)) for a in w.demo_aanbieders)
            and all((w.contract_einde(a, op) or op) >= op + timedelta(days=60) for a in w.demo_aanbieders)
        )

    def inwoners(self, op: date, jongst: date, oudst: date, aantal: int) -> list[Persoon]:
        """Young people of Zwolle born in [oudst, jongst], living there well before the items and
        not in the bulk trajectories (so nothing else they have changes a worklist)."""
        rijen = (
            Woonplaats.objects.filter(
                gemeente_id=self.w.zwolle,
                einddatum__isnull=True,
                begindatum__lte=op - timedelta(days=420),
                jeugdige__geboortedatum__range=(oudst, jongst),
            )
            .order_by("jeugdige_id")
            .values_list("jeugdige_id", "jeugdige__geboortedatum", "begindatum")[: aantal * 4]
        )
        vrij = [
            Persoon(j, geboren, self.w.zwolle, sinds, None, None, 0, None, op, False)
            for j, geboren, sinds in rijen
            if j not in self.bezet
        ]
        self.rng.shuffle(vrij)
        return vrij[:aantal]

    def vul(self, op: date) -> int:
        """Add the items anchored on ``op``; returns how many young people were used."""
        if not self.kan(op):
            return 0
        kandidaten = self.inwoners(
            op, op - relativedelta(years=6), op - relativedelta(years=16) + timedelta(days=1), 30
        )
        zestien = op - relativedelta(years=16)  # turns 16 within three months: the age-limit worklist
        self.zestien = next(iter(self.inwoners(op, zestien + timedelta(days=80), zestien + timedelta(days=8), 1)), None)
        self.bezet.update(p.jeugdige_id for p in kandidaten)
        if self.zestien is not None:
            self.bezet.add(self.zestien.jeugdige_id)
        self.vrij = iter(kandidaten)
        try:
            for aanbieder in self.w.demo_aanbieders:
                self.aanbieder(aanbieder, op)
            self.toegang(op)
        except StopIteration:
            pass
        return len(kandidaten)

    # --- provider worklists: to screen, to start, 8-week point, stop to report

    def aanbieder(self, aanbieder: int, op: date) -> None:
        rng = self.rng
        for _ in range(2):
            self.ambulant(
                next(self.vrij), aanbieder, op - timedelta(days=rng.randrange(1, 6)), op, status="te_screenen"
            )
        for _ in range(2):
            self.ambulant(
                next(self.vrij), aanbieder, op - timedelta(days=rng.randrange(8, 20)), op, status="toegewezen"
            )
        verwijzing, toewijzing, budget = self.ambulant(
            next(self.vrij), aanbieder, op - timedelta(days=150), op, status="gestart", benutting=0.85
        )
        ingediend = op - timedelta(days=2)
        start, maanden = self.geleverd[toewijzing]
        self.b.aanpassingen.voeg_toe(  # the toegang of Zwolle decides
            verwijzing_id=verwijzing,
            toewijzing_id=toewijzing,
            reden="3",
            toelichting=namen.MOTIVERINGEN[0],
            besproken_met_toegang=True,
            gevraagd_bedrag=geld(budget.cents * 3 // 2),
            status="ingediend",
            # R-A3 as prognose on the day of filing: the deliveries registered before it (zorg.py)
            te_laat=te_laat(
                op=ingediend,
                begin=start,
                budget_cents=budget.cents,
                einde=budget.einde,
                besteed_cents=sum(
                    c for maand, c in maanden if min(volgende_maand(maand), self.b.peildatum) < ingediend
                ),
                signaal_weken=self.w.regels(ingediend).aanpassing_signaal_weken,  # R-R1: on the day of filing
            ),
            ingediend_op=ingediend,
        )
        self.ambulant(next(self.vrij), aanbieder, op - timedelta(days=400), op, status="gestart", benutting=0.7)

    def ambulant(
        self, persoon: Persoon, aanbieder: int, datum: date, op: date, *, status: str, benutting: float = 0.0
    ) -> tuple[int, int | None, Budget]:
        b, w, rng = self.b, self.w, self.rng
        niveau = 5 if benutting > 0.8 else rng.choice((2, 3, 4))
        uiterst = w.max_einde(KeuzebudgetSoort.HERSTEL, datum)
        budget = Budget(KeuzebudgetSoort.HERSTEL, niveau, w.kb_bedrag[(datum.year, niveau)], uiterst)
        pk = b.verwijzing(
            persoon,
            aanbieder=aanbieder,
            verwijzer_type=VerwijzerType.GEMEENTE,
            verwijzer=None,
            datum=datum,
            status={"te_screenen": "te_screenen", "geweigerd": "niet_geaccepteerd"}.get(status, "geaccepteerd"),
            resultaten=2,
        )
        budget_id = self.route.keuzebudget(pk, budget, datum)
        if status in ("te_screenen", "geweigerd"):
            return pk, None, budget
        gescreend = datum + timedelta(days=3)
        b.screenings.voeg_toe(verwijzing_id=pk, uitkomst="geaccepteerd", datum=gescreend)
        velden = {
            "verwijzing_id": pk,
            "jeugdige_id": persoon.jeugdige_id,
            "gemeente_id": persoon.gemeente_op(datum),
            "aanbieder_id": aanbieder,
            "soort": "keuzebudget",
            "keuzebudget_id": budget_id,
            "begindatum": datum,
            "einddatum": budget.einde,
            "status": status,
            "aangemaakt": moment(datum, 12),
        }
        b.zie(persoon.jeugdige_id, datum, "toewijzing", aanbieder=aanbieder)
        toewijzing = b.toewijzingen.nieuw_id()
        if status == "gestart":
            start = gescreend + timedelta(days=7)
            velden["startdatum_zorg"] = start
            self.geleverd[toewijzing] = (
                start,
                self.leveringen(toewijzing, aanbieder, budget, start, min(op, budget.einde), benutting),
            )
            b.plan(toewijzing, pk, start, min(op - timedelta(days=1), budget.einde), False)
        b.toewijzingen.voeg_toe(toewijzing, **velden)
        return pk, toewijzing, budget

    def leveringen(
        self, toewijzing: int, aanbieder: int, budget: Budget, start: date, tot: date, benutting: float
    ) -> list[tuple[date, int]]:
        w = self.w
        producten = w.keuzebudget_producten(aanbieder, budget.soort, start, budget.einde)
        code = next((p for p in producten if p.startswith("45A")), producten[0])
        maanden = []
        maand = eerste_van_maand(start)
        while maand < tot:
            maanden.append(maand)
            maand = volgende_maand(maand)
        per_maand = budget.cents * benutting / max(len(maanden), 1)
        tarief = w.tarief(code, start)
        geleverd = []
        for maand in maanden:
            kwartieren = max(1, int(per_maand / tarief * 4))
            self.b.levering(toewijzing, code, maand, volume(kwartieren), (kwartieren * tarief + 2) // 4)
            geleverd.append((maand, (kwartieren * tarief + 2) // 4))
        return geleverd

    # --- toegang Zwolle: open refusal, crisis requests, matching past 3 months, stay ending soon

    def toegang(self, op: date) -> None:
        b, rng = self.b, self.rng
        aanbieder = self.w.demo_aanbieders[-1]
        persoon = next(self.vrij)
        pk, _, budget = self.ambulant(persoon, aanbieder, op - timedelta(days=12), op, status="geweigerd")
        # R-S4: a refused keuzebudget referral is a contract signal when the provider is
        # registered on a function group the budget may use
        verplicht = self.w.functiegroep(aanbieder, budget.soort, op - timedelta(days=12))
        screening = b.screenings.voeg_toe(
            verwijzing_id=pk, uitkomst="te_zwaar", datum=op - timedelta(days=5), contractsignaal=verplicht is not None
        )
        if verplicht is not None:
            b.signalen.voeg_toe(
                aanbieder_id=aanbieder,
                screening_id=screening,
                product_id=self.w.product_ids[verplicht],
                datum=op - timedelta(days=5),
            )
        b.opvolgingen.voeg_toe(screening_id=screening, gemeente_id=self.w.zwolle, open=True)
        b.meld_verwijzer(persoon, None, op - timedelta(days=5), f"Verwijzing {pk} niet geaccepteerd door de aanbieder")
        if self.crisis.diensten:
            for dagen, werkdagen in ((3, 0), (14, 6)):  # one in time, one late (R-C2)
                dag = op - timedelta(days=dagen)
                self.crisis.melding(
                    dag,
                    rng.randrange(9, 16),
                    buiten=not self.crisis.werkdagen.is_werkdag(dag),
                    persoon=next(self.vrij),
                    bron="toegang",
                    met_jeugdige=True,
                    uitkomst="crisisopvolging",
                    verzoek=True,
                    na_werkdagen=werkdagen,
                    peil=op,
                    open=True,
                )
        self.verblijf(next(self.vrij), op, begin=op - timedelta(days=110), variant="matching")
        self.verblijf(next(self.vrij), op, begin=op - timedelta(days=340), variant="eindigt")
        self.verblijf(next(self.vrij), op, begin=op - timedelta(days=3), variant="bed_te_laat")
        self.verblijf(next(self.vrij), op, begin=op - timedelta(days=20), variant="respijt_matching")
        if self.zestien is not None:
            self.verblijf(self.zestien, op, begin=op - timedelta(days=200), variant="leeftijd")

    def verblijf(self, persoon: Persoon, op: date, *, begin: date, variant: str) -> None:
        """A Zwolle stay: matching open past 3 months (R-W5), ending within 8 weeks without follow-up
        (R-W9), an urgent bed placed after 30 hours (R-W6), turning 16 without a toekomstplan (R-W7),
        or a respijtzorg matching open past its much shorter norm (R-W5 by the form, R-W10)."""
        b, w = self.b, self.w
        aanbieder = self.wonen.aanbieder_voor(persoon, begin)
        if aanbieder is None:
            return
        producten = self.wonen.producten(aanbieder, begin, begin + timedelta(days=365))
        if not producten:
            return
        woonvorm = w.woonvorm[producten[0]] or Woonvorm.LEEFGROEP
        if variant == "respijt_matching":
            respijt = INTENSITEITEN_PER_WOONVORM[Woonvorm.RESPIJTZORG]
            producten = [p for p in producten if w.intensiteit.get(p) in respijt]
            if not producten:
                return
            woonvorm = Woonvorm.RESPIJTZORG
        product = producten[0]
        einde = begin + relativedelta(years=1) - timedelta(days=1)
        verwijzing = b.verwijzing(
            persoon,
            aanbieder=aanbieder,
            verwijzer_type=VerwijzerType.GEMEENTE,
            verwijzer=None,
            datum=begin,
            status="geaccepteerd",
            resultaten=1,
            product=product,
        )
        toewijzing = b.toewijzingen.nieuw_id()
        velden = {
            "verwijzing_id": verwijzing,
            "jeugdige_id": persoon.jeugdige_id,
            "gemeente_id": w.zwolle,
            "aanbieder_id": aanbieder,
            "soort": "wonen_verblijf",
            "product_id": w.product_ids[product],
            "begindatum": begin,
            "einddatum": einde,
            "woonvorm": woonvorm,
            "ambulant_onvoldoende": True,
            "plaatsing": "vrijwillig",
            "toekomstplan": leeftijd_op(persoon.geboren, begin) >= 16,
            "aangemaakt": moment(begin, 12),
        }
        b.zie(persoon.jeugdige_id, begin, "toewijzing", aanbieder=aanbieder)
        if variant in ("matching", "respijt_matching"):
            b.matchings.voeg_toe(toewijzing_id=toewijzing, startdatum=begin + timedelta(days=5))
            b.toewijzingen.voeg_toe(toewijzing, status="toegewezen", **velden)
            return
        aangevraagd = moment(begin, 14)
        norm = self.w.regels(begin).bed_norm_uren  # R-W6, R-R1: on the day of the request
        uren = norm + 6 if variant == "bed_te_laat" else min(5, norm // 2)
        geplaatst = aangevraagd + timedelta(hours=uren)
        b.bedverzoeken.voeg_toe(
            toewijzing_id=toewijzing, spoed=True, aangevraagd_op=aangevraagd, geplaatst_op=geplaatst
        )
        start = begin + timedelta(days=uren // 24)
        b.toewijzingen.voeg_toe(toewijzing, status="gestart", startdatum_zorg=start, **velden)
        self.wonen.leveringen(toewijzing, product, start, op - timedelta(days=1), peil=op)
