"""Crisis reports, crisisopvolging requests (SPEC §4.4) and HSWV inzet (§4.5) for the trajectory
generator. Volumes follow SPEC §2: about 94 out-of-hours calls a year at scale 1 (exactly
``round(94 × schaal)`` per full year), plus daytime reports."""

from __future__ import annotations

import random
from datetime import date, timedelta

import holidays
from django.db.models import OuterRef, Subquery

from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.crisis.services import CRISISBED
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.constants import VerwijzerType

from .wereld import AMSTERDAM, Bouwer, Persoon, eerste_van_maand, moment, volgende_maand, volume

BUITEN_KANTOORTIJD_PER_JAAR = 94  # SPEC §2: crisis team 2021 (003 §1.1.1)
OVERDAG_PER_JAAR = 140
HSWV_PER_JAAR = 15
BRONNEN = {"toegang": 25, "veilig_thuis": 12, "huisarts": 25, "aanbieder": 23, "gi": 15}
UITKOMSTEN = {"geen_vervolg": 25, "reguliere_hulp": 40, "crisisopvolging": 35}
# R-C5: share of the reports handled by phone only (no crisis intervention carried out), per next
# step. Illustrative: the seed (001 §4.4.3, 003 §1.1.1) separates bereikbaarheid (telephone) from
# uitrukken but gives no ratio. Crisisopvolging always follows an intervention (001 §3.3.1).
TELEFONISCH = {"geen_vervolg": 0.6, "reguliere_hulp": 0.35, "crisisopvolging": 0.0, "veilig_thuis": 0.5}
INDIENEN_NA_WERKDAGEN = {0: 15, 1: 35, 2: 25, 3: 13, 4: 6, 5: 4, 7: 2}  # > 3 is late (R-C2)
P_VERZOEK = 0.75
CRISISOPVOLGING = "46C02"
# R-W7/R-C3: the share of crisisopvolging requests that ask for a crisis bed (46C03, nights) instead
# of ambulant crisisopvolging in hours. Illustrative, a generator parameter and not a rule: the seed
# (001 §3.3.1, §3.2.6) places the crisisbed under the verblijfsbed and puts ambulant help first, but
# gives no ratio. A bed stay lasts a few days to four weeks (also illustrative).
AANDEEL_CRISISBED = 0.2
CRISISBED_DAGEN = (3, 29)  # randrange: 3 to 28 days
BED_ONVERMIJDELIJK = "Thuis is het niet veilig; ambulante spoedhulp alleen volstaat niet."
RESULTAAT_CRISIS = "Crisis gestabiliseerd; vervolg geregeld"
COMPLEXITEIT = (
    "Meervoudige problematiek in gezin en school; eerdere trajecten liepen vast.",
    "Combinatie van psychiatrie, LVB en onveilige thuissituatie.",
    "Meerdere aanbieders betrokken zonder samenhang; regie nodig.",
)
ONDERDELEN = ("screening", "organiseren", "expertise", "crisis")


class Werkdagen:
    """R-C2 working days (Dutch public holidays are not), with the holidays computed once."""

    def __init__(self, jaren: range) -> None:
        self.feestdagen = holidays.country_holidays("NL", years=jaren)

    def is_werkdag(self, dag: date) -> bool:
        return dag.weekday() < 5 and dag not in self.feestdagen

    def plus(self, dag: date, aantal: int) -> date:
        while aantal > 0:
            dag += timedelta(days=1)
            aantal -= self.is_werkdag(dag)
        return dag


class Crisis:
    def __init__(self, bouwer: Bouwer, personen: list[Persoon], schaal: float) -> None:
        self.b, self.w, self.rng, self.peil = bouwer, bouwer.w, bouwer.rng, bouwer.peildatum
        self.personen = personen
        self.schaal = min(schaal, 1.0)  # only IJsselland has a crisis service and contracts
        self.werkdagen = Werkdagen(range(self.w.venster_begin.year, self.peil.year + 3))
        self.diensten = list(self.w.aanbieders.get("crisis", ()))

    def jaren(self):
        for jaar in range(self.w.venster_begin.year, self.peil.year + 1):
            begin, einde = date(jaar, 1, 1), min(date(jaar, 12, 31), self.peil - timedelta(days=1))
            if einde >= begin:
                yield begin, einde, ((einde - begin).days + 1) / ((date(jaar, 12, 31) - begin).days + 1)

    def genereer(self) -> None:
        if not self.diensten or not self.personen:
            return
        for begin, einde, deel in self.jaren():
            for _ in range(round(BUITEN_KANTOORTIJD_PER_JAAR * self.schaal * deel)):
                self.melding(*self.buiten_kantoortijd(begin, einde), buiten=True)
            for _ in range(round(OVERDAG_PER_JAAR * self.schaal * deel)):
                self.melding(*self.overdag(begin, einde), buiten=False)
        self.hswv()

    def _dag(self, begin: date, einde: date) -> date:
        return begin + timedelta(days=self.rng.randrange((einde - begin).days + 1))

    def buiten_kantoortijd(self, begin: date, einde: date) -> tuple[date, int]:
        dag = self._dag(begin, einde)
        if self.werkdagen.is_werkdag(dag):
            return dag, self.rng.choice((17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5, 6, 7))
        return dag, self.rng.randrange(24)

    def overdag(self, begin: date, einde: date) -> tuple[date, int]:
        dag = self._dag(begin, einde)
        while not self.werkdagen.is_werkdag(dag):
            dag = self._dag(begin, einde)
        return dag, self.rng.randrange(8, 17)

    def melding(self, dag: date, uur: int, *, buiten: bool, persoon: Persoon | None = None, **vast) -> int:
        """R-C3/R-C4: a report, assessed mostly within the region's norm (4 hours by default), with
        its outcome."""
        b, rng = self.b, self.rng
        persoon = persoon or rng.choice(self.personen)
        gemeld = moment(dag, uur, rng.randrange(60))
        bron = vast.get("bron") or rng.choices(list(BRONNEN), list(BRONNEN.values()))[0]
        huiselijk_geweld = rng.random() < (0.5 if bron == "veilig_thuis" else 0.04)
        met_jeugdige = vast.get("met_jeugdige", rng.random() < 0.85)
        uitkomst = "veilig_thuis" if huiselijk_geweld else rng.choices(list(UITKOMSTEN), list(UITKOMSTEN.values()))[0]
        if "uitkomst" in vast:
            uitkomst = vast["uitkomst"]
            huiselijk_geweld = uitkomst == "veilig_thuis"  # R-C4: that route is for domestic violence only
        if uitkomst == "crisisopvolging" and not met_jeugdige:
            uitkomst = "reguliere_hulp"
        # R-C3, R-R1: the norm of the rule set valid on the report's day (240 minutes: the draws as before)
        norm = 60 * self.w.regels(dag).crisis_beoordeling_norm_uren
        minuten = rng.uniform(10, norm - 5) if rng.random() < 0.93 else rng.uniform(norm + 5, norm + 300)
        beoordeeld = gemeld + timedelta(minutes=minuten)
        beoordeeld_ok = beoordeeld < moment(vast.get("peil", self.peil), 0)
        dienst = rng.choice(self.diensten)
        gemeente = persoon.gemeente_op(dag)
        # own stream, so the draws of every other synthetic row stay as they were
        telefonisch = random.Random(f"afhandeling-{gemeld.isoformat()}-{gemeente}").random() < TELEFONISCH[uitkomst]
        pk = b.crisismeldingen.voeg_toe(
            gemeente_id=gemeente,
            jeugdige_id=persoon.jeugdige_id if met_jeugdige else None,
            crisisdienst_id=dienst,
            bron=bron,
            huiselijk_geweld=huiselijk_geweld,
            buiten_kantoortijd=buiten,
            gemeld_op=gemeld,
            ontvangen_op=gemeld,  # R-C5: registered as it came in
            beoordeeld_op=beoordeeld if beoordeeld_ok else None,
            hulp_binnen_24_uur=(uitkomst == "crisisopvolging" or rng.random() < 0.3) if beoordeeld_ok else None,
            uitkomst=uitkomst if beoordeeld_ok else "",
            afhandeling=("telefonisch" if telefonisch else "interventie") if beoordeeld_ok else "",
        )
        # R-P4: a report gives the crisisdienst no sight; its BSN is filled in by ``vul_bsn``
        if beoordeeld_ok and uitkomst == "crisisopvolging" and (vast.get("verzoek") or rng.random() < P_VERZOEK):
            start = beoordeeld.astimezone(AMSTERDAM).date()
            self.verzoek(
                pk, persoon, gemeente, dienst, start, vast.get("na_werkdagen"), vast.get("peil"), vast.get("open")
            )
        return pk

    def verzoek(self, melding, persoon, gemeente, dienst, start, na_werkdagen=None, peil=None, open_=False) -> None:
        """R-C2: the provider requests the allocation within 3 working days, retroactively."""
        b, w, rng = self.b, self.w, self.rng
        peil = peil or self.peil
        # own stream, so the draws of every other synthetic row stay as they were
        bed = random.Random(f"crisisbed-{melding}-{start}").random() < AANDEEL_CRISISBED
        product = CRISISBED if bed and w.dekt(dienst, CRISISBED, start, start) else CRISISOPVOLGING
        if not w.dekt(dienst, product, start, start):
            return
        if na_werkdagen is None:
            na_werkdagen = rng.choices(list(INDIENEN_NA_WERKDAGEN), list(INDIENEN_NA_WERKDAGEN.values()))[0]
        ingediend = self.werkdagen.plus(start, na_werkdagen)
        if ingediend >= peil:
            return
        # R-C2, R-R1: the region's term of the rule set valid on the day the care started
        uiterlijk = self.werkdagen.plus(start, self.w.regels(start).crisisopvolging_termijn_werkdagen)
        besluit = ingediend + timedelta(days=rng.randrange(1, 7))
        status = "ingediend" if open_ or besluit >= peil else ("toegewezen" if rng.random() < 0.92 else "afgewezen")
        toewijzing = None
        if status == "toegewezen":
            toewijzing = self.crisistoewijzing(persoon, gemeente, dienst, start, product)
        b.crisisverzoeken.voeg_toe(
            melding_id=melding,
            jeugdige_id=persoon.jeugdige_id,
            gemeente_id=gemeente,
            aanbieder_id=dienst,
            product_id=w.product_ids[product],
            bed_onvermijdelijk=BED_ONVERMIJDELIJK if product == CRISISBED else "",  # R-C3
            startdatum=start,
            ingediend_op=ingediend,
            uiterlijk=uiterlijk,
            te_laat=ingediend > uiterlijk,
            status=status,
            toewijzing_id=toewijzing,
            motivering="Reguliere hulp volstaat; geen crisisopvolging nodig." if status == "afgewezen" else "",
        )

    def crisistoewijzing(
        self, persoon: Persoon, gemeente: int, dienst: int, start: date, product: str = CRISISOPVOLGING
    ) -> int | None:
        """As besluit_crisisopvolging: allocated retroactively from the start, care started at once.
        Hours (46C02) get a ceiling of 20 a month; a crisis bed (46C03, R-W7) gets the etmalen of
        its period, the service's default, and delivers every day the child stays."""
        b, w, rng, peil = self.b, self.w, self.rng, self.peil
        bed = product == CRISISBED
        duur = timedelta(days=rng.randrange(*CRISISBED_DAGEN)) if bed else timedelta(weeks=rng.randrange(4, 9))
        einde = min(start + duur - timedelta(days=1), w.contract_einde(dienst, start))
        verwijzing = b.verwijzing(
            persoon,
            aanbieder=dienst,
            verwijzer_type=VerwijzerType.GEMEENTE,
            verwijzer=None,
            datum=start,
            status="geaccepteerd",
            resultaten=[RESULTAAT_CRISIS],
            product=product,
        )
        velden = {
            "verwijzing_id": verwijzing,
            "jeugdige_id": persoon.jeugdige_id,
            "gemeente_id": gemeente,
            "aanbieder_id": dienst,
            "soort": "crisisopvolging",
            "product_id": w.product_ids[product],
            # the allocated volume (R-B7 ceiling): the etmalen of the period for a bed (the default
            # of crisis.services._crisisvolume), else hours of which at most 20 a month are delivered
            "volume": (einde - start).days + 1
            if bed
            else 20 * ((einde.year - start.year) * 12 + einde.month - start.month + 1),
            "begindatum": start,
            "einddatum": einde,
            "status": "gestart",
            "startdatum_zorg": start,
            "aangemaakt": moment(start, 14),
        }
        toewijzing = b.toewijzingen.nieuw_id()
        stop = einde
        if einde < peil - timedelta(days=7):
            kortst = min(1 if bed else 14, (einde - start).days + 1)
            stop = min(einde, start + timedelta(days=rng.randrange(kortst, (einde - start).days + 2)))
            velden.update(
                status="gestopt",
                stopdatum_zorg=stop,
                reden_beeindiging="31",
                resultaatscore=rng.choices(("behaald", "deels_behaald", "niet_behaald"), (55, 35, 10))[0],
            )
            b.meld_verwijzer(persoon, None, stop, f"Zorg gestopt voor toewijzing {toewijzing}")
        b.toewijzingen.voeg_toe(toewijzing, **velden)
        b.zie(persoon.jeugdige_id, start, "toewijzing", aanbieder=dienst)
        laatste = min(stop, peil - timedelta(days=1))
        maand = eerste_van_maand(start)
        while maand <= laatste:
            van = max(maand, start)
            tarief = w.tarief(product, van if bed else start) or 0
            if bed:  # every night of the stay in the month, as the Wonen deliveries (wonen.py)
                dagen = (min(volgende_maand(maand) - timedelta(days=1), laatste) - van).days + 1
                if tarief and dagen > 0:
                    b.levering(toewijzing, product, maand, volume(4 * dagen), dagen * tarief)
            elif tarief:
                uren = rng.randrange(4, 21)
                b.levering(toewijzing, product, maand, volume(4 * uren), uren * tarief)
            maand = volgende_maand(maand)
        return toewijzing

    def hswv(self) -> None:
        """R-X1: a few HSWV inzetten by the toegang (or a GI) for very complex requests."""
        b, w, rng, peil = self.b, self.w, self.rng, self.peil
        collectieven = sorted(a for a, producten in w.contractproducten.items() if "50H01" in producten)
        kandidaten = [p for p in self.personen if p.verblijf] or self.personen
        if not collectieven:
            return
        for begin, einde, deel in self.jaren():
            for _ in range(max(1, round(HSWV_PER_JAAR * self.schaal * deel))):
                dag = self._dag(begin, einde)
                collectief = rng.choice(collectieven)
                if not w.dekt(collectief, "50H01", dag, dag):
                    continue
                persoon = rng.choice(kandidaten)
                gi = rng.random() < 0.2 and w.verwijzers.get(VerwijzerType.GI)
                klaar = dag + timedelta(days=rng.randrange(60, 300))
                b.hswv.voeg_toe(
                    jeugdige_id=persoon.jeugdige_id,
                    gemeente_id=persoon.gemeente_op(dag),
                    collectief_id=collectief,
                    verwijzer_type=VerwijzerType.GI if gi else VerwijzerType.GEMEENTE,
                    verwijzer_id=rng.choice(w.verwijzers[VerwijzerType.GI]) if gi else None,
                    onderdelen=sorted(rng.sample(ONDERDELEN, rng.randint(1, 3))),
                    complexiteit=rng.choice(COMPLEXITEIT),
                    begindatum=dag,
                    einddatum=klaar if klaar < peil else None,
                    status="afgerond" if klaar < peil else "lopend",
                )
                b.zie(persoon.jeugdige_id, dag, "hswv", aanbieder=collectief)


def vul_bsn() -> None:
    """Each report and request carries the BSN the crisisdienst reported (as
    ``registreer_crisismelding`` stores it): the linked child's BSN."""
    bsn = Subquery(Jeugdige.objects.filter(pk=OuterRef("jeugdige_id")).values("bsn")[:1])
    for model in (Crisismelding, Crisisopvolgingsverzoek):
        model.objects.filter(jeugdige__isnull=False, bsn="").update(bsn=bsn)
