"""Ambulant client routes (SPEC §4.1–§7) for the trajectory generator: referral with results and
keuzebudget, screening, allocation, monthly delivered volume, adjustment requests, plan, stop.

One *episode* is a provider's care for a young person: possibly a refused referral first (R-S3,
the follow-up closed when the next referral comes), then one referral ("schakel", link), and
for the current episode renewals by the toegang while care continues (R-T8: never via the GP).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.verwijzingen.constants import MeldingDoel, MeldingSoort

from . import namen
from .wereld import Bouwer, Persoon, geld, moment
from .zorg import Budget, Zorg, rond

TOEGANG_NIVEAUS = {1: 12, 2: 22, 3: 28, 4: 20, 5: 12, 6: 6}
P_OFFERTE_TOEGANG = 0.06  # R-T5: only when no standard budget fits
P_DUURZAAM = 0.18
P_HUISARTSROUTE = 0.8  # of those without a GP in the staging data: one GP-route episode
HUISARTSROUTE_GEWICHTEN = {
    VerwijzerType.HUISARTS: 45,
    VerwijzerType.JEUGDARTS: 23,
    VerwijzerType.MEDISCH_SPECIALIST: 32,
}
P_GI = 0.2
# R-T10 (000 §6): a court or public prosecutor refers (COD327 08), registered by the toegang. The
# seed names them as referrers but gives no share: a small one, 2.5% of the referrals not via a GP or
# GI (≈1% of all referrals; the toegang's 45% goes to ≈44%).
P_RECHTER = 0.025
P_VOORWEIGERING = 0.11
P_REDEN_1 = 0.008
P_INDICATIE = 0.3
WEIGERREDENEN = {"te_zwaar": 35, "te_licht": 20, "zwaarwegend": 15, "andere_aanbieder": 30}


@dataclass(frozen=True)
class Schakel:
    verwijzing: int | None
    toewijzing: int | None
    vervolg_op: date | None = None  # care continues: a renewal starts here
    budget: Budget | None = None
    keuzebudget: int | None = None


class Route:
    def __init__(self, bouwer: Bouwer, ambulante_categorieen: dict[str, int]) -> None:
        self.b = bouwer
        self.w = bouwer.w
        self.rng = bouwer.rng
        self.peil = bouwer.peildatum
        self.categorieen = {c: g for c, g in ambulante_categorieen.items() if self.w.aanbieders.get(c)}
        self.huisartsen = set(self.w.verwijzers.get(VerwijzerType.HUISARTS, ()))
        self.gis = set(self.w.verwijzers.get(VerwijzerType.GI, ()))
        self.rechters = list(self.w.verwijzers.get(VerwijzerType.RECHTER, ()))

    # --- choices

    def kies_aanbieder(self, behalve: int | None = None) -> int:
        for _ in range(5):
            categorie = self.rng.choices(list(self.categorieen), weights=list(self.categorieen.values()))[0]
            aanbieder = self.rng.choice(self.w.aanbieders[categorie])
            if aanbieder != behalve:
                return aanbieder
        return aanbieder

    def ander_in_categorie(self, aanbieder: int) -> int:
        collega = [a for a in self.w.aanbieders.get(self.w.categorie.get(aanbieder), ()) if a != aanbieder]
        return self.rng.choice(collega) if collega else self.kies_aanbieder(behalve=aanbieder)

    def verwijzer_van(self, verwijzer_type: str) -> int | None:
        ids = self.w.verwijzers.get(verwijzer_type)
        return self.rng.choice(ids) if ids else None

    def verwijzers(self, persoon: Persoon, aantal: int) -> list[tuple[str, int | None]]:
        """The referrer of each episode: at most one via the GP route per young person (R-T8),
        the current one as in the staging data when it named a GP or GI."""
        rng = self.rng
        huidig = None
        if persoon.verwijzer_id in self.huisartsen:
            huidig = (VerwijzerType.HUISARTS, persoon.verwijzer_id)
        elif persoon.verwijzer_id in self.gis:
            huidig = (VerwijzerType.GI, persoon.verwijzer_id)
        huisartsroute = None
        if huidig is None and rng.random() < P_HUISARTSROUTE:
            huisartsroute = rng.randrange(aantal)
        uitkomst = []
        for index in range(aantal):
            if index == aantal - 1 and huidig is not None:
                uitkomst.append(huidig)
                continue
            if index == huisartsroute:
                soort = rng.choices(list(HUISARTSROUTE_GEWICHTEN), list(HUISARTSROUTE_GEWICHTEN.values()))[0]
                verwijzer = self.verwijzer_van(soort)
                if verwijzer is not None:
                    uitkomst.append((soort, verwijzer))
                    continue
            kans = rng.random()  # one draw for GI, court and toegang: the rest of the region stays as it was
            if kans < P_GI and self.gis:
                uitkomst.append((VerwijzerType.GI, self.verwijzer_van(VerwijzerType.GI)))
            elif P_GI <= kans < P_GI + P_RECHTER and self.rechters:
                keuze = min(int((kans - P_GI) / P_RECHTER * len(self.rechters)), len(self.rechters) - 1)
                uitkomst.append((VerwijzerType.RECHTER, self.rechters[keuze]))
            else:
                uitkomst.append((VerwijzerType.GEMEENTE, None))
        return uitkomst

    def budget(self, verwijzer_type: str, datum: date, einde_max: date) -> Budget:
        """R-T4…R-T7 with the catalog amounts and maximum periods of the year (as bepaal_budget)."""
        rng, jaar = self.rng, datum.year
        if verwijzer_type in self.w.regels(datum).huisartsroutetypen:  # R-T6: the rule set's GP route
            niveaus = self.w.regels(datum).huisartsniveaus
            soort, niveau = KeuzebudgetSoort.HERSTEL, (niveaus[0] if rng.random() < 0.6 else niveaus[-1])
        elif verwijzer_type == VerwijzerType.GI:  # R-T7: always an offerte
            soort, niveau = (KeuzebudgetSoort.DUURZAAM if rng.random() < 0.3 else KeuzebudgetSoort.HERSTEL), None
        else:
            soort = KeuzebudgetSoort.DUURZAAM if rng.random() < P_DUURZAAM else KeuzebudgetSoort.HERSTEL
            niveau = None
            if rng.random() >= P_OFFERTE_TOEGANG:
                # R-R1: the levels the region's keuzebudgets of the year have (all six in the catalogue)
                bestaand = [n for n in TOEGANG_NIVEAUS if (jaar, n) in self.w.kb_bedrag]
                niveau = rng.choices(bestaand, [TOEGANG_NIVEAUS[n] for n in bestaand])[0]
        # an offerte: the toegang (or GI) sets the amount from the expected care (R-T5, R-T7)
        cents = rng.randrange(15, 241) * 10_000 if niveau is None else self.w.kb_bedrag[(jaar, niveau)]
        uiterst = self.w.max_einde(soort, datum)
        return Budget(soort, niveau, cents, max(datum, min(uiterst, einde_max)))

    def einde_max(self, aanbieder: int, datum: date) -> date | None:
        einde = self.w.contract_einde(aanbieder, datum)
        return None if einde is None else min(einde, self.w.venster_einde)

    # --- a young person's ambulant history

    def persoon(self, persoon: Persoon, aanbieder: int, vroegst: date) -> None:
        rng = self.rng
        huidig = max(persoon.zorg_begin, vroegst)
        if huidig > self.peil:
            return
        aantal = rng.choices((0, 1, 2), (50, 35, 15))[0]
        ruimte = (huidig - vroegst).days - 90
        starts = sorted(vroegst + timedelta(days=rng.randrange(ruimte)) for _ in range(aantal)) if ruimte > 0 else []
        verwijzers = self.verwijzers(persoon, len(starts) + 1)
        for index, start in enumerate(starts):
            volgende = starts[index + 1] if index + 1 < len(starts) else huidig
            uiterlijk = volgende - timedelta(days=30)
            if (uiterlijk - start).days >= 45:
                self.episode(persoon, self.kies_aanbieder(), *verwijzers[index], start, uiterlijk, huidig=False)
        self.episode(persoon, aanbieder, *verwijzers[-1], huidig, self.w.venster_einde, huidig=True)

    def episode(
        self,
        persoon: Persoon,
        aanbieder: int,
        soort: str,
        verwijzer: int | None,
        start: date,
        uiterlijk: date,
        *,
        huidig: bool,
        voorweigering: bool = True,
    ) -> Schakel:
        """The episode's first referral and, while care continues, its renewals; returns the first."""
        rng = self.rng
        if (
            voorweigering
            and rng.random() < P_VOORWEIGERING
            and start - timedelta(days=60) > persoon.geboren + timedelta(days=730)
        ):
            datum = start - timedelta(days=rng.randrange(15, 45))
            self.weigering(persoon, self.ander_in_categorie(aanbieder), soort, verwijzer, datum, opgevolgd_op=start)
        schakel = self.schakel(persoon, aanbieder, soort, verwijzer, start, uiterlijk=uiterlijk, huidig=huidig)
        eerste = schakel
        while schakel.vervolg_op is not None:
            volgend_jaar = self.volgend_jaar(schakel, aanbieder)
            schakel = self.schakel(
                persoon,
                aanbieder,
                VerwijzerType.GEMEENTE,
                None,
                schakel.vervolg_op,
                uiterlijk=uiterlijk,
                huidig=huidig,
                verlenging=True,
                budget=volgend_jaar,
                vorige=schakel.keuzebudget if volgend_jaar is not None else None,
            )
        return eerste

    def volgend_jaar(self, schakel: Schakel, aanbieder: int) -> Budget | None:
        """R-T9: a duurzaam budget whose year ran out while care continues is renewed yearly: the
        same kind and level from the day after its end, at the level's amount of the new year (an
        offerte keeps its amount), for at most one budget year. None for anything else (a herstel
        budget or one spent before its end is followed by a new referral of its own)."""
        vorig, datum = schakel.budget, schakel.vervolg_op
        if vorig is None or datum is None or vorig.soort != KeuzebudgetSoort.DUURZAAM:
            return None
        if datum != vorig.einde + timedelta(days=1):
            return None
        einde_max = self.einde_max(aanbieder, datum)
        if einde_max is None or einde_max < datum or not self.w.heeft_jaar(datum.year):
            return None
        cents = vorig.cents if vorig.niveau is None else self.w.kb_bedrag[(datum.year, vorig.niveau)]
        uiterst = self.w.max_einde(KeuzebudgetSoort.DUURZAAM, datum)
        return Budget(KeuzebudgetSoort.DUURZAAM, vorig.niveau, cents, max(datum, min(uiterst, einde_max)))

    # --- refusal (R-S2, R-S3, R-S4)

    def weigering(
        self,
        persoon: Persoon,
        aanbieder: int,
        soort: str,
        verwijzer: int | None,
        datum: date,
        *,
        opgevolgd_op: date | None,
    ) -> int | None:
        b, rng = self.b, self.rng
        einde_max = self.einde_max(aanbieder, datum)
        if einde_max is None:
            return None
        budget = self.budget(soort, datum, einde_max)
        producten = self.w.keuzebudget_producten(aanbieder, budget.soort, datum, budget.einde)
        indicatie = rng.choice(producten) if producten and rng.random() < P_INDICATIE else None
        gescreend = min(datum + timedelta(days=rng.randrange(2, 11)), self.peil - timedelta(days=1))
        if opgevolgd_op is not None:
            gescreend = min(gescreend, opgevolgd_op - timedelta(days=1))
        gescreend = max(gescreend, datum)
        pk = b.verwijzingen.nieuw_id()
        toelichting, aanpassing = "", None
        if rng.random() < 0.08 and gescreend > datum + timedelta(days=1):
            # R-A5: the toegang refuses reason 1, so the provider does not accept: the toegang's
            # decision (no Screening row), the follow-up hangs on the adjustment.
            aanpassing = b.aanpassingen.voeg_toe(
                verwijzing_id=pk,
                reden="1",
                toelichting="Het keuzebudget past niet bij de gevraagde hulp.",
                gevraagd_bedrag=geld(rond(budget.cents * rng.uniform(1.4, 2.2))),
                status="afgewezen",
                ingediend_op=datum + timedelta(days=1),
                besluit_op=gescreend,
                motivering=namen.MOTIVERINGEN[-1],
            )
        else:
            uitkomst = rng.choices(list(WEIGERREDENEN), list(WEIGERREDENEN.values()))[0]
            if uitkomst == "zwaarwegend":
                toelichting = rng.choice(namen.ZWAARWEGEND)  # R-S2: required
        b.verwijzing(
            persoon,
            pk=pk,
            aanbieder=aanbieder,
            verwijzer_type=soort,
            verwijzer=verwijzer,
            datum=datum,
            status="niet_geaccepteerd",
            resultaten=rng.randint(1, 3),
            product=indicatie,
        )
        self.keuzebudget(pk, budget, datum)
        screening = None
        if aanpassing is None:
            # R-S4 for every referral: the indicated tariff group when registered on it, else (a
            # keuzebudget delivered through the function groups) one the budget's kind may use
            if indicatie is not None:
                verplicht = indicatie if (aanbieder, indicatie) in self.w.inschrijvingen else None
            else:
                verplicht = self.w.functiegroep(aanbieder, budget.soort, datum)
            signaal = uitkomst != "andere_aanbieder" and verplicht is not None
            screening = b.screenings.voeg_toe(
                verwijzing_id=pk, uitkomst=uitkomst, toelichting=toelichting, datum=gescreend, contractsignaal=signaal
            )
            if signaal and verplicht is not None:  # R-S4
                b.signalen.voeg_toe(
                    aanbieder_id=aanbieder,
                    screening_id=screening,
                    product_id=self.w.product_ids[verplicht],
                    datum=gescreend,
                )
        gesloten = opgevolgd_op is not None and opgevolgd_op < self.peil
        b.opvolgingen.voeg_toe(
            screening_id=screening,
            aanpassing_id=aanpassing,
            gemeente_id=persoon.gemeente_op(datum),
            open=not gesloten,
            afgesloten_op=moment(opgevolgd_op, 11, rng.randrange(60)) if gesloten else None,
            afsluiting=rng.choice(namen.AFSLUITINGEN) if gesloten else "",
        )
        if aanpassing is None:
            b.meld_verwijzer(persoon, verwijzer, gescreend, f"Verwijzing {pk} niet geaccepteerd door de aanbieder")
        else:  # R-A5: the referrer hears of the toegang's refusal, at a fixed hour (the random stream stays as it was)
            aan = (
                {"aan_verwijzer_id": verwijzer}
                if verwijzer is not None
                else {"aan_gemeente_id": persoon.gemeente_op(gescreend)}
            )
            b.meldingen.voeg_toe(
                jeugdige_id=persoon.jeugdige_id,
                soort=MeldingSoort.NIET_GEACCEPTEERD,  # issue 19 §3
                doel=MeldingDoel.VERWIJZING,
                doel_id=pk,
                onderwerp=f"Verwijzing {pk} niet geaccepteerd: de toegang wees aanpassing {aanpassing} (keuzebudget "
                "onjuist) af",
                aangemaakt=moment(gescreend, 12, 0),
                **aan,
            )
        return pk

    def keuzebudget(
        self,
        verwijzing: int,
        budget: Budget,
        datum: date,
        cents: int | None = None,
        einde: date | None = None,
        *,
        vorige: int | None = None,
    ) -> int:
        """``vorige``: the duurzaam budget of the previous year this one renews (R-T9)."""
        return self.b.keuzebudgetten.voeg_toe(
            vorige_id=vorige,
            verwijzing_id=verwijzing,
            soort=budget.soort,
            niveau=budget.niveau,
            is_offerte=budget.is_offerte,
            bedrag=geld(cents or budget.cents),
            begindatum=datum,
            einddatum=einde or budget.einde,
        )

    # --- one referral, its screening, allocation and care

    def schakel(
        self,
        persoon: Persoon,
        aanbieder: int,
        soort: str,
        verwijzer: int | None,
        datum: date,
        *,
        uiterlijk: date,
        huidig: bool,
        verlenging: bool = False,
        budget: Budget | None = None,
        aanpassen: bool = True,
        vorige: int | None = None,
    ) -> Schakel:
        b, w, rng, peil = self.b, self.w, self.rng, self.peil
        einde_max = self.einde_max(aanbieder, datum)
        if einde_max is None or einde_max < datum:
            return Schakel(None, None)
        budget = budget or self.budget(soort, datum, einde_max)
        producten = w.keuzebudget_producten(aanbieder, budget.soort, datum, budget.einde)
        if not producten:
            return Schakel(None, None)
        hoofd = rng.choice([p for p in producten if not p.startswith("41D")] or producten)
        bij = [p for p in producten if p.startswith("41D")]
        mix = [(hoofd, 1.0)] if not bij or rng.random() > 0.25 else [(hoofd, 0.7), (rng.choice(bij), 0.3)]
        pk = b.verwijzingen.nieuw_id()
        gescreend = datum + timedelta(days=rng.randrange(1, 15))
        cents, einde = budget.cents, budget.einde
        if aanpassen and not verlenging and rng.random() < P_REDEN_1:
            gescreend, cents = self._reden_1(pk, budget, datum)
        status = "geaccepteerd" if gescreend < peil else "te_screenen"
        b.verwijzing(
            persoon,
            pk=pk,
            aanbieder=aanbieder,
            verwijzer_type=soort,
            verwijzer=verwijzer,
            datum=datum,
            status=status,
            resultaten=rng.randint(1, 3),
            product=hoofd if rng.random() < P_INDICATIE else None,
            is_verlenging=verlenging,
        )
        if status == "te_screenen":
            self.keuzebudget(pk, budget, datum, cents, vorige=vorige)
            return Schakel(pk, None)
        b.screenings.voeg_toe(verwijzing_id=pk, uitkomst="geaccepteerd", datum=gescreend)
        start = min(gescreend + timedelta(days=rng.randrange(0, 22)), einde, max(uiterlijk, gescreend))
        zorg = Zorg(
            self,
            persoon,
            aanbieder=aanbieder,
            verwijzing=pk,
            verwijzer=verwijzer,
            budget=budget,
            datum=datum,
            start=start,
            cents=cents,
            mix=mix,
            uiterlijk=uiterlijk,
            huidig=huidig,
        )
        zorg.vorige = vorige
        if start < peil and aanpassen:
            zorg.misschien_aanpassing()
        toewijzing = zorg.schrijf()
        return Schakel(pk, toewijzing, zorg.vervolg_op, budget, zorg.keuzebudget_id)

    def _reden_1(self, verwijzing: int, budget: Budget, datum: date) -> tuple[date, int]:
        """R-A4 reason 1, only at screening: the provider waits for the toegang's decision."""
        rng, peil = self.rng, self.peil
        ingediend = datum + timedelta(days=rng.randrange(1, 6))
        besluit = ingediend + timedelta(days=rng.randrange(2, 12))
        gevraagd = rond(budget.cents * rng.uniform(1.3, 1.8))
        if ingediend >= peil:
            return datum + timedelta(days=rng.randrange(1, 15)), budget.cents
        open_ = besluit >= peil
        self.b.aanpassingen.voeg_toe(
            verwijzing_id=verwijzing,
            reden="1",
            toelichting="Het keuzebudget past niet bij de gevraagde hulp.",
            gevraagd_bedrag=geld(gevraagd),
            status="ingediend" if open_ else "toegekend",
            ingediend_op=ingediend,
            besluit_op=None if open_ else besluit,
            motivering="" if open_ else namen.MOTIVERINGEN[0],
            toegekend_bedrag=None if open_ else geld(gevraagd),
        )
        if open_:
            return peil + timedelta(days=30), budget.cents  # still waiting: not yet screened
        return besluit + timedelta(days=rng.randrange(1, 5)), gevraagd
