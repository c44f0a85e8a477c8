"""Wonen/Verblijf trajectories (SPEC §4.3) for the trajectory generator: a zorgtoewijzing by the
toegang (or a GI bepaling plus toegang, R-W1/R-W2) of one intensity for at most a year (R-W3),
renewed yearly while the stay lasts, ending at 18 (R-W7); matching within about three months
(R-W5) or an urgent bed within 24 hours (R-W6); follow-up care recorded at the end (R-W9)."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import GEZINSVORMEN, Onderdeel, Woonvorm
from jeugdregie.organisaties.constants import VerwijzerType

from . import namen
from .route import Route
from .wereld import (
    AMSTERDAM,
    Bouwer,
    Persoon,
    achttiende_verjaardag,
    eerste_van_maand,
    leeftijd_op,
    moment,
    volgende_maand,
    volume,
)

# lower intensities are more common; 43W10 (Jeugdzorg Plus) is rare
INTENSITEIT_GEWICHT = {
    "44W01": 40,
    "44W02": 6,
    "44W03": 6,
    "44W04": 14,
    "44W05": 14,
    "44W06": 12,
    "44W07": 8,
    "44W08": 5,
    "44W09": 3,
    "43W10": 2,
}
P_SPOED = 0.3
P_EERDER_AMBULANT = 0.4  # R-W3: ambulant care alone was not enough
P_AMBULANT_VERVOLG = 0.6
# R-W10: the form per intensity, chosen apart from it, in seed-like proportions (assumption,
# docs/adr/0004): most pleegzorg is netwerkpleegzorg, zelfstandig is a leefgroep or kamertraining,
# the heavier intensities are mostly leefgroep with respijtzorg and the Verblijf beds beside it.
_ZWAAR = {
    Woonvorm.LEEFGROEP: 55,
    Woonvorm.BEHANDELBED: 15,
    Woonvorm.RESPIJTZORG: 12,
    Woonvorm.CRISISBED: 8,
    Woonvorm.DRIEMILIEU: 5,
    Woonvorm.GGZ_BED: 5,
}
WOONVORM_GEWICHT: dict[int, dict[Woonvorm, int]] = {
    1: {
        Woonvorm.NETWERKPLEEGZORG: 45,
        Woonvorm.PLEEGZORG_LANGDURIG: 30,
        Woonvorm.PLEEGZORG_KORTDUREND: 15,
        Woonvorm.PLEEGZORG_DEELTIJD: 10,
    },
    2: {Woonvorm.KAMERTRAINING: 50, Woonvorm.LEEFGROEP: 40, Woonvorm.RESPIJTZORG: 10},
    3: {Woonvorm.KAMERTRAINING: 40, Woonvorm.LEEFGROEP: 50, Woonvorm.RESPIJTZORG: 10},
    4: {Woonvorm.GEZINSHUIS: 85, Woonvorm.RESPIJTZORG: 15},
    **dict.fromkeys(range(5, 10), _ZWAAR),
    10: {Woonvorm.JEUGDZORG_PLUS: 1},
}
VERVOLG_BUITEN_JEUGDHULP = (
    "Terug naar huis; begeleiding via de Wmo geregeld.",
    "Beschermd Wonen (Wmo) vanaf 18 jaar, overdracht besproken met de toegang.",
)


class Wonen:
    def __init__(self, bouwer: Bouwer, route: Route, verblijf_categorieen: dict[str, int]) -> None:
        self.b, self.w, self.rng, self.peil, self.route = bouwer, bouwer.w, bouwer.rng, bouwer.peildatum, route
        self.categorieen = verblijf_categorieen

    def producten(self, aanbieder: int, begin: date, einde: date) -> list[str]:
        return [
            code
            for code in self.w.producten(aanbieder, {Onderdeel.WONEN_VERBLIJF}, begin, einde)
            if code in INTENSITEIT_GEWICHT
        ]

    def aanbieder_voor(self, persoon: Persoon, begin: date) -> int | None:
        """The staging provider when it is contracted for Wonen; else another one that is."""
        kandidaat = persoon.aanbieder_id
        einde = begin + timedelta(days=30)
        if self.producten(kandidaat, begin, einde):
            return kandidaat
        for _ in range(10):
            categorie = self.rng.choices(list(self.categorieen), list(self.categorieen.values()))[0]
            ids = self.w.aanbieders.get(categorie)
            if ids:
                kandidaat = self.rng.choice(ids)
                if self.producten(kandidaat, begin, einde):
                    return kandidaat
        return None

    def persoon(self, persoon: Persoon, vroegst: date) -> bool:
        """One stay for a young person in care with stay; False when none fits (then ambulant)."""
        rng, peil = self.rng, self.peil
        begin = max(persoon.zorg_begin, vroegst)
        achttien = achttiende_verjaardag(persoon.geboren)
        if begin > peil or begin >= achttien - timedelta(days=60):
            return False
        aanbieder = self.aanbieder_voor(persoon, begin)
        if aanbieder is None:
            return False
        producten = self.producten(aanbieder, begin, begin + timedelta(days=30))
        product = rng.choices(producten, [INTENSITEIT_GEWICHT[p] for p in producten])[0]
        if rng.random() < P_EERDER_AMBULANT and (begin - vroegst).days > 200:
            start = vroegst + timedelta(days=rng.randrange((begin - vroegst).days - 150))
            self.route.episode(
                persoon,
                self.route.kies_aanbieder(),
                VerwijzerType.GEMEENTE,
                None,
                start,
                begin - timedelta(days=30),
                huidig=False,
            )
        self.verblijf(persoon, aanbieder, product, begin, achttien)
        return True

    def woonvorm(self, persoon: Persoon, product: str, begin: date) -> str:
        """R-W10: the toegang's choice of form for this intensity (``WOONVORM_GEWICHT``), drawn
        from its own stream so the rest of the region stays as it was."""
        gewichten = WOONVORM_GEWICHT.get(self.w.intensiteit.get(product) or 0)
        if not gewichten:
            return self.w.woonvorm[product] or Woonvorm.LEEFGROEP
        # keyed by what the seed generates, not by the database id (a second run on the same
        # database numbers the young people on, and must give the same region)
        sleutel = f"{persoon.geboren}-{persoon.woon_sinds}-{persoon.zorg_begin}-{product}-{begin.isoformat()}"
        rng = random.Random(f"woonvorm-{sleutel}")
        return rng.choices(list(gewichten), list(gewichten.values()))[0]

    def plaatsing(self, toewijzing: int, begin: date, woonvorm: str) -> date:
        """Matching (R-W5) or an urgent bed (R-W6). Returns the placement date (maybe after the peildatum)."""
        b, rng, peil = self.b, self.rng, self.peil
        if rng.random() < P_SPOED:
            aangevraagd = moment(begin, rng.randrange(7, 23), rng.randrange(60))
            # R-W6, R-R1: the norm of the rule set valid on the day of the request (24: the draws as before)
            norm = self.w.regels(begin).bed_norm_uren
            uren = rng.uniform(1, norm - 1) if rng.random() < 0.88 else rng.uniform(norm + 1, norm + 36)
            geplaatst = aangevraagd + timedelta(hours=uren)
            open_ = geplaatst >= moment(peil, 0)
            b.bedverzoeken.voeg_toe(
                toewijzing_id=toewijzing,
                spoed=True,
                aangevraagd_op=aangevraagd,
                geplaatst_op=None if open_ else geplaatst,
            )
            return peil + timedelta(days=1) if open_ else geplaatst.astimezone(AMSTERDAM).date()
        trek = rng.random()
        dagen = (
            rng.randrange(7, 85) if trek < 0.88 else rng.randrange(92, 150) if trek < 0.97 else rng.randrange(150, 240)
        )
        geplaatst = begin + timedelta(days=dagen)
        if woonvorm in GEZINSVORMEN:
            voorkeur, motivering = rng.choice(("gezinsvorm", "gezinsvorm", "netwerk")), ""
        else:
            voorkeur, motivering = "leefgroep", namen.LEEFGROEP_MOTIVERING
        klaar = geplaatst < peil
        b.matchings.voeg_toe(
            toewijzing_id=toewijzing,
            startdatum=begin,
            einddatum=geplaatst if klaar else None,
            voorkeur=voorkeur if klaar else "",
            motivering=motivering if klaar else "",
        )
        return geplaatst

    def verblijf(self, persoon: Persoon, aanbieder: int, product: str, begin: date, achttien: date) -> None:
        b, w, rng, peil = self.b, self.w, self.rng, self.peil
        woonvorm = self.woonvorm(persoon, product, begin)
        gi = persoon.verwijzer_id if persoon.verwijzer_id in self.route.gis else None
        maatregel = rng.choice(("ots", "ots", "ots", "voogdij")) if gi else ""
        duur = int(min(max(rng.lognormvariate(math.log(420), 0.6), 45), 1500))
        contract_einde = w.contract_einde(aanbieder, begin) or w.venster_einde
        toewijzing = b.toewijzingen.nieuw_id()
        geplaatst = None
        verblijf_einde = None
        eerste = True
        einde = self.einde_periode(aanbieder, product, begin, achttien, contract_einde)
        while einde is not None:
            verwijzing = b.verwijzing(
                persoon,
                aanbieder=aanbieder,
                verwijzer_type=VerwijzerType.GI if gi else VerwijzerType.GEMEENTE,
                verwijzer=gi,
                datum=begin,
                status="geaccepteerd",
                resultaten=rng.randint(1, 2),
                product=product,
                is_verlenging=not eerste,
            )
            velden = {
                "verwijzing_id": verwijzing,
                "jeugdige_id": persoon.jeugdige_id,
                "gemeente_id": persoon.gemeente_op(begin),
                "aanbieder_id": aanbieder,
                "soort": "wonen_verblijf",
                "product_id": w.product_ids[product],
                "begindatum": begin,
                "einddatum": einde,
                "woonvorm": woonvorm,
                "ambulant_onvoldoende": True,
                "plaatsing": "gedwongen" if gi else "vrijwillig",
                "maatregel": maatregel,
                "machtiging_van": begin - timedelta(days=rng.randrange(0, 14)) if gi else None,
                "toekomstplan": leeftijd_op(persoon.geboren, begin) >= 16,
                "aangemaakt": moment(begin, 12),
            }
            if gi:
                velden["machtiging_tot"] = velden["machtiging_van"] + relativedelta(years=1) - timedelta(days=1)
            b.zie(persoon.jeugdige_id, begin, "toewijzing", aanbieder=aanbieder)
            if eerste:
                geplaatst = self.plaatsing(toewijzing, begin, woonvorm)
                verblijf_einde = geplaatst + timedelta(days=duur - 1)
                if geplaatst >= peil or geplaatst > einde:
                    b.toewijzingen.voeg_toe(toewijzing, status="toegewezen", **velden)
                    return
            start = geplaatst if eerste else begin
            velden.update(status="gestart", startdatum_zorg=start)
            volgende = None
            if verblijf_einde <= einde and verblijf_einde < peil:
                self.einde_verblijf(persoon, toewijzing, velden, verblijf_einde, einde, aanbieder, gi)
            elif einde < peil and (
                volgende_einde := self.einde_periode(
                    aanbieder, product, einde + timedelta(days=1), achttien, contract_einde
                )
            ):
                volgende = b.toewijzingen.nieuw_id()  # renewed: the next zorgtoewijzing is the follow-up (R-W9)
                velden.update(
                    status="gestopt",
                    stopdatum_zorg=einde,
                    reden_beeindiging="31",
                    resultaatscore=rng.choices(("behaald", "deels_behaald"), (20, 80))[0],
                    vervolgzorg_id=volgende,
                )
            elif einde < peil:  # 18 (R-W7) or the end of the contract: out of youth care
                velden.update(
                    status="gestopt",
                    stopdatum_zorg=einde,
                    reden_beeindiging="31",
                    resultaatscore=rng.choices(("behaald", "deels_behaald"), (50, 50))[0],
                    vervolg_toelichting=VERVOLG_BUITEN_JEUGDHULP[1],
                )
            b.toewijzingen.voeg_toe(toewijzing, **velden)
            stop = velden.get("stopdatum_zorg") or einde
            if velden["status"] == "gestopt":  # as stop_zorg: the referrer hears of every stop
                b.meld_verwijzer(persoon, gi, stop, f"Zorg gestopt voor toewijzing {toewijzing}")
            self.leveringen(toewijzing, product, start, stop)
            if rng.random() < 0.7:
                b.plan(toewijzing, verwijzing, start, min(stop, peil - timedelta(days=1)), False)
            if volgende is None:
                return
            toewijzing, begin, einde, eerste = volgende, einde + timedelta(days=1), volgende_einde, False

    def einde_periode(
        self, aanbieder: int, product: str, begin: date, achttien: date, contract_einde: date
    ) -> date | None:
        """R-W3/R-W7: at most a year, ending before 18, inside the contract; None if nothing fits."""
        einde = min(
            begin + relativedelta(years=1) - timedelta(days=1),
            achttien - timedelta(days=1),
            self.w.venster_einde,
            contract_einde,
        )
        if einde < begin or not self.w.dekt(aanbieder, product, begin, einde):
            return None
        return einde

    def einde_verblijf(self, persoon, toewijzing, velden, stop, einde, aanbieder, gi) -> None:
        """R-W9: the stay ends only with follow-up arranged; an early end is reported."""
        b, rng, peil = self.b, self.rng, self.peil
        velden.update(
            status="gestopt",
            stopdatum_zorg=stop,
            reden_beeindiging=rng.choices(("31", "34", "35"), (80, 10, 10))[0],
            resultaatscore=rng.choices(("behaald", "deels_behaald", "niet_behaald"), (45, 40, 15))[0],
        )
        vervolg = None
        if rng.random() < P_AMBULANT_VERVOLG and stop + timedelta(days=1) < peil:
            # the ambulant follow-up is allocated a week before the stay ends, so it runs at the stop
            schakel = self.route.episode(
                persoon,
                aanbieder,
                VerwijzerType.GEMEENTE,
                None,
                stop - timedelta(days=7),
                self.w.venster_einde,
                huidig=True,
                voorweigering=False,
            )
            vervolg = schakel.toewijzing
        if vervolg is not None:
            velden["vervolgzorg_id"] = vervolg
        else:
            velden["vervolg_toelichting"] = VERVOLG_BUITEN_JEUGDHULP[leeftijd_op(persoon.geboren, stop) >= 17]
        if stop < einde:
            onderwerp = f"Verblijf eerder beëindigd dan toegewezen (toewijzing {toewijzing})"
            b.meld_verwijzer(persoon, gi, stop, onderwerp)

    def leveringen(self, toewijzing: int, product: str, start: date, stop: date, peil: date | None = None) -> None:
        """Days in care per month × the day tariff (per etmaal)."""
        laatste = min(stop, (peil or self.peil) - timedelta(days=1))
        maand = eerste_van_maand(start)
        while maand <= laatste:
            einde_maand = volgende_maand(maand) - timedelta(days=1)
            dagen = (min(einde_maand, laatste) - max(maand, start)).days + 1
            tarief = self.w.tarief(product, maand)
            if tarief and dagen > 0:
                self.b.levering(toewijzing, product, maand, volume(4 * dagen), dagen * tarief)
            maand = volgende_maand(maand)
