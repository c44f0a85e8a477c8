"""Shared state of the trajectory generator (trajecten.py): the region's reference data, loaded
once with a handful of queries, and the builder that turns decisions into rows.

Money is kept in integer cents while simulating and turned into ``Decimal`` only for the row.
Every row gets its primary key up front (bulk.Tabel), so rows can refer to each other before
anything is written. Business dates are ``date``; moments are aware UTC datetimes, built from
Dutch local time.
"""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from jeugdregie.catalogus.constants import KeuzebudgetSoort, Onderdeel
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product, tarieven_in_regio
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan, PlanAfspraak, Voortgang
from jeugdregie.jeugdigen.models import Betrokkenheid
from jeugdregie.organisaties.models import Aanbieder, ContractProduct, Gemeente, Inschrijving, Regelset
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.toewijzingen.models import (
    Aanpassingsaanvraag,
    Contractsignaal,
    Levering,
    Screening,
    Toewijzing,
    Weigeringsopvolging,
)
from jeugdregie.verwijzingen.meldingsoorten import herken
from jeugdregie.verwijzingen.models import Keuzebudget, Melding, Resultaat, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import max_einddatum
from jeugdregie.wonen.models import Matching, Verblijfsverzoek

from . import namen
from .bulk import Tabel

JAREN_VOOR_PEILDATUM = 4  # the history starts on 1 January this many years before the peildatum's year
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LEVERING_VELDEN = ("toewijzing_id", "product_id", "maand", "volume", "bedrag", "geregistreerd")


def venster(peildatum: date, catalogusjaren: Collection[int] = ()) -> tuple[date, date]:
    """The generator's window around ``peildatum`` (the synthetic "now"): the history starts on 1
    January ``JAREN_VOOR_PEILDATUM`` years before its year; periods (allocations, stays) run at
    most to 31 December of the year a year after the peildatum lies in, so a running allocation
    can still run for about a year. Both within the years the catalogue has keuzebudgetten
    for (``catalogusjaren``, when given). For the tests' fixed 1 January 2026: 2022-01-01 to
    2026-12-31."""
    begin = date(peildatum.year - JAREN_VOOR_PEILDATUM, 1, 1)
    einde = date((peildatum + timedelta(days=364)).year, 12, 31)
    if catalogusjaren:
        begin = max(begin, date(min(catalogusjaren), 1, 1))
        einde = min(einde, date(max(catalogusjaren), 12, 31))
    return begin, einde


def moment(dag: date, uur: int = 9, minuut: int = 0) -> datetime:
    """A Dutch local time on ``dag`` as an aware UTC datetime."""
    return datetime.combine(dag, time(uur, minuut), tzinfo=AMSTERDAM).astimezone(UTC)


def geld(cents: int) -> Decimal:
    """Integer cents as a two-place ``Decimal`` (exact; same value as common.money.from_cents)."""
    return Decimal(cents).scaleb(-2)


@functools.lru_cache(maxsize=4096)
def volume(kwartieren: int) -> Decimal:
    """A number of quarter hours as hours with two places."""
    return (Decimal(kwartieren) / 4).quantize(Decimal("0.01"))


def eerste_van_maand(dag: date) -> date:
    return dag.replace(day=1)


def volgende_maand(maand: date) -> date:
    return date(maand.year + 1, 1, 1) if maand.month == 12 else date(maand.year, maand.month + 1, 1)


def achttiende_verjaardag(geboren: date) -> date:
    return geboren + relativedelta(years=18)


def leeftijd_op(geboren: date, dag: date) -> int:
    return dag.year - geboren.year - ((dag.month, dag.day) < (geboren.month, geboren.day))


@dataclass(frozen=True)
class Persoon:
    """A young person in care as regio.py generated them (the staging row, ids resolved)."""

    jeugdige_id: int
    geboren: date
    gemeente_id: int
    woon_sinds: date
    vorige_gemeente_id: int | None
    einde_vorige: date | None
    aanbieder_id: int
    verwijzer_id: int | None
    zorg_begin: date
    verblijf: bool

    def gemeente_op(self, dag: date) -> int:
        if self.vorige_gemeente_id is not None and self.einde_vorige is not None and dag <= self.einde_vorige:
            return self.vorige_gemeente_id
        return self.gemeente_id


@dataclass
class Wereld:
    """Reference data the generator needs, loaded once."""

    peildatum: date
    aanbieders: dict[str, list[int]]
    verwijzers: dict[str, list[int]]
    venster_begin: date = date.min  # venster(): set by laad()
    venster_einde: date = date.max
    gemeenten: set[int] = field(default_factory=set)
    categorie: dict[int, str] = field(default_factory=dict)
    # per provider and product: (from, to, municipality of a local contract or None: regional, R-R3)
    contractproducten: dict[int, dict[str, list[tuple[date, date | None, int | None]]]] = field(default_factory=dict)
    # R-R3: the municipalities the young person at hand lived in (trajecten.py sets it per person):
    # a local contract line counts only when it is of that one municipality. Empty: every line counts
    gemeenten_nu: frozenset[int] = frozenset()
    inschrijvingen: set[tuple[int, str]] = field(default_factory=set)
    product_ids: dict[str, int] = field(default_factory=dict)
    onderdeel: dict[str, str] = field(default_factory=dict)
    woonvorm: dict[str, str] = field(default_factory=dict)
    intensiteit: dict[str, int] = field(default_factory=dict)  # Wonen/Verblijf products: their intensity
    tariefgroep: dict[str, int] = field(default_factory=dict)  # function-group products: their group
    tarieven: dict[str, list[tuple[date, date | None, int]]] = field(default_factory=dict)
    kb_bedrag: dict[tuple[int, int], int] = field(default_factory=dict)
    kb_maanden: dict[tuple[int, str], int] = field(default_factory=dict)
    duurzaam_uitgesloten: dict[int, set[str]] = field(default_factory=dict)
    demo_aanbieders: list[int] = field(default_factory=list)
    zwolle: int | None = None
    regio_id: int | None = None
    regelsets: Tijdlijn = field(default_factory=Tijdlijn)  # R-R1: the region's rule-set versions, read once
    _max_einde: dict[tuple[str, date], date] = field(default_factory=dict)

    def regels(self, op: date) -> Regelset:
        """R-R1: the region's rule set valid on ``op``, as the services read it."""
        return self.regelsets.regels(self.regio_id or 0, op)

    @classmethod
    def laad(
        cls, *, peildatum, regio, aanbieders, verwijzers, demo_cbs: str = "0193", niet_voor: date | None = None
    ) -> Wereld:
        """``demo_cbs``: the municipality of the demo's toegang (``zwolle``; Rijnmond: Rotterdam).
        ``niet_voor``: the history starts no earlier (Rijnmond: its model and contracts from 2023)."""
        wereld = cls(peildatum=peildatum, aanbieders=aanbieders, verwijzers=verwijzers)
        wereld.regio_id = getattr(regio, "pk", regio)
        wereld.regelsets = Tijdlijn.van([wereld.regio_id])
        alle = [a for ids in aanbieders.values() for a in ids]
        wereld.categorie = {a: c for c, ids in aanbieders.items() for a in ids}
        wereld.gemeenten = set(Gemeente.objects.filter(regio=regio).values_list("id", flat=True))
        wereld.zwolle = Gemeente.objects.filter(cbs_code=demo_cbs, regio=regio).values_list("id", flat=True).first()
        per_aanbieder: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        regels = ContractProduct.objects.filter(contract__aanbieder_id__in=alle, contract__regio=regio).values_list(
            "contract__aanbieder_id",
            "product__code",
            "begindatum",
            "einddatum",
            "contract__begindatum",
            "contract__einddatum",
            "contract__gemeente_id",
        )
        for aanbieder, code, begin, einde, c_begin, c_einde, gemeente in regels:
            # the product line and its contract must both hold on the day
            eind = min((d for d in (einde, c_einde) if d is not None), default=None)
            per_aanbieder[aanbieder][code].append((max(begin, c_begin), eind, gemeente))
        wereld.contractproducten = {a: dict(p) for a, p in per_aanbieder.items()}
        wereld.inschrijvingen = set(
            Inschrijving.objects.filter(contract__aanbieder_id__in=alle).values_list(
                "contract__aanbieder_id", "product__code"
            )
        )
        for code, pk, onderdeel, woonvorm, tariefgroep, intensiteit in Product.objects.values_list(
            "code", "id", "onderdeel", "woonvorm", "tariefgroep__nummer", "intensiteit"
        ):
            wereld.product_ids[code] = pk
            wereld.onderdeel[code] = onderdeel
            wereld.woonvorm[code] = woonvorm
            if intensiteit is not None:
                wereld.intensiteit[code] = intensiteit
            if tariefgroep is not None:
                wereld.tariefgroep[code] = tariefgroep
        codes = {pk: code for code, pk in wereld.product_ids.items()}
        for product_id, reeks in tarieven_in_regio(wereld.regio_id).items():  # R-R1: the region's tariffs
            wereld.tarieven[codes[product_id]] = [(begin, einde, int(bedrag * 100)) for begin, einde, bedrag in reeks]
        for jaartal in sorted(set(KeuzebudgetJaar.objects.values_list("jaar", flat=True))):
            jaar = KeuzebudgetJaar.van(jaartal, wereld.regio_id)  # R-R1: the region's keuzebudgets
            if jaar is None:
                continue
            for niveau, bedrag in jaar.niveaus.values_list("niveau", "bedrag"):
                wereld.kb_bedrag[(jaartal, niveau)] = int(bedrag * 100)
            wereld.kb_maanden[(jaartal, KeuzebudgetSoort.HERSTEL)] = jaar.max_maanden_herstel
            wereld.kb_maanden[(jaartal, KeuzebudgetSoort.DUURZAAM)] = jaar.max_maanden_duurzaam
            wereld.duurzaam_uitgesloten[jaartal] = {p.code for p in jaar.duurzaam_uitgesloten.all()}
        wereld.venster_begin, wereld.venster_einde = venster(peildatum, {j for j, _ in wereld.kb_maanden})
        if niet_voor is not None:
            wereld.venster_begin = max(wereld.venster_begin, niet_voor)
        # the demo users (synthese/demogebruikers.py) are tied to the first two providers of the region
        wereld.demo_aanbieders = list(
            Aanbieder.objects.filter(regio=regio).order_by("agb_code").values_list("id", flat=True)[:2]
        )
        return wereld

    def max_einde(self, soort: str, begin: date) -> date:
        """R-T5: the last day a keuzebudget of ``soort`` from ``begin`` may run, by the domain's
        ``max_einddatum`` (one query per kind and day, then cached)."""
        sleutel = (soort, begin)
        einde = self._max_einde.get(sleutel)
        if einde is None:
            einde = self._max_einde[sleutel] = max_einddatum(
                soort=KeuzebudgetSoort(soort), begindatum=begin, regio_id=self.regio_id
            )
        return einde

    def heeft_jaar(self, jaar: int) -> bool:
        return (jaar, KeuzebudgetSoort.HERSTEL) in self.kb_maanden and (jaar, 1) in self.kb_bedrag

    def _voor_gemeente(self, gemeente: int | None) -> bool:
        """R-R3: a regional line (``gemeente`` None) covers every municipality of the region; a
        local one only its own, so it counts only when the young person at hand lived nowhere else."""
        return gemeente is None or not self.gemeenten_nu or self.gemeenten_nu == {gemeente}

    def dekt(self, aanbieder: int, code: str, begin: date, einde: date) -> bool:
        """R-T2: a contract line for ``code`` covers the whole inclusive period (R-R3: and the
        municipality, see ``gemeenten_nu``)."""
        for van, tot, gemeente in self.contractproducten.get(aanbieder, {}).get(code, ()):
            if van <= begin and (tot is None or einde <= tot) and self._voor_gemeente(gemeente):
                return True
        return False

    def contract_einde(self, aanbieder: int, dag: date) -> date | None:
        """The last day the provider's contract covers anything from ``dag`` on."""
        einden = [
            tot or self.venster_einde + timedelta(days=3650)
            for regels in self.contractproducten.get(aanbieder, {}).values()
            for van, tot, gemeente in regels
            if van <= dag and (tot is None or dag <= tot) and self._voor_gemeente(gemeente)
        ]
        return max(einden, default=None)

    def producten(self, aanbieder: int, onderdelen: set[str], begin: date, einde: date) -> list[str]:
        return sorted(
            code
            for code in self.contractproducten.get(aanbieder, {})
            if self.onderdeel.get(code) in onderdelen
            and code in self.tarieven
            and self.dekt(aanbieder, code, begin, einde)
        )

    def keuzebudget_producten(self, aanbieder: int, soort: str, begin: date, einde: date) -> list[str]:
        codes = self.producten(aanbieder, {Onderdeel.AMBULANT, Onderdeel.DYSLEXIE}, begin, einde)
        if soort == KeuzebudgetSoort.DUURZAAM:  # R-B2: some products are out of bounds for duurzaam
            uitgesloten = self.duurzaam_uitgesloten.get(begin.year, set())
            codes = [c for c in codes if c not in uitgesloten]
        return codes

    def functiegroep(self, aanbieder: int, soort: str, begin: date) -> str | None:
        """R-S4 as ``organisaties.services.ingeschreven_functiegroep``: the lowest function group
        the provider is registered on that a budget of ``soort`` starting on ``begin`` may use."""
        uitgesloten = self.duurzaam_uitgesloten.get(begin.year, set()) if soort == KeuzebudgetSoort.DUURZAAM else set()
        codes = [c for a, c in self.inschrijvingen if a == aanbieder and c in self.tariefgroep and c not in uitgesloten]
        return min(codes, key=lambda c: (self.tariefgroep[c], c), default=None)

    def tarief(self, code: str, dag: date) -> int | None:
        for begin, einde, cents in self.tarieven.get(code, ()):
            if begin <= dag and (einde is None or dag <= einde):
                return cents
        return None


class Bouwer:
    """Turns decisions into rows: one ``Tabel`` per model and small helpers that keep the rows
    consistent the way the services would (sight for involved organisations, notifications)."""

    def __init__(self, wereld: Wereld, rng: random.Random) -> None:
        self.w = wereld
        self.rng = rng
        self.peildatum = wereld.peildatum
        self.verwijzingen = Tabel(Verwijzing)
        self.resultaten = Tabel(Resultaat, ("verwijzing_id", "omschrijving"))
        self.keuzebudgetten = Tabel(Keuzebudget)
        self.toewijzingen = Tabel(Toewijzing)
        self.screenings = Tabel(Screening)
        self.opvolgingen = Tabel(Weigeringsopvolging)
        self.signalen = Tabel(Contractsignaal)
        self.aanpassingen = Tabel(Aanpassingsaanvraag)
        self.leveringen = Tabel(Levering, LEVERING_VELDEN)
        self.matchings = Tabel(Matching)
        self.bedverzoeken = Tabel(Verblijfsverzoek)
        self.crisismeldingen = Tabel(Crisismelding)
        self.crisisverzoeken = Tabel(Crisisopvolgingsverzoek)
        self.hswv = Tabel(HswvInzet)
        self.plannen = Tabel(Hulpverleningsplan)
        self.afspraken = Tabel(PlanAfspraak, ("plan_id", "resultaat_id", "aanpak"))
        self.voortgang = Tabel(Voortgang)
        self.meldingen = Tabel(Melding)
        self.betrokkenheden = Tabel(Betrokkenheid)
        self.zicht: dict[tuple, date] = {}
        self.bestaand_zicht: set[tuple] = set()
        self.resultaten_van: dict[int, list[int]] = {}
        self._geregistreerd: dict[date, datetime] = {}

    def tabellen(self) -> list[Tabel]:
        """In the order they are written (referenced rows first)."""
        return [
            self.verwijzingen,
            self.resultaten,
            self.keuzebudgetten,
            self.toewijzingen,
            self.screenings,
            self.opvolgingen,
            self.signalen,
            self.aanpassingen,
            self.leveringen,
            self.matchings,
            self.bedverzoeken,
            self.crisismeldingen,
            self.crisisverzoeken,
            self.hswv,
            self.plannen,
            self.afspraken,
            self.voortgang,
            self.meldingen,
            self.betrokkenheden,
        ]

    # --- sight (R-P1), as jeugdigen.services.registreer_betrokkenheid: one row per organisation and source

    def zie(self, jeugdige: int, dag: date, bron: str, *, aanbieder: int | None = None, verwijzer: int | None = None):
        sleutel = (jeugdige, aanbieder, verwijzer, bron)
        if sleutel in self.bestaand_zicht:
            return
        eerder = self.zicht.get(sleutel)
        if eerder is None or dag < eerder:
            self.zicht[sleutel] = dag

    def schrijf_zicht(self) -> None:
        for (jeugdige, aanbieder, verwijzer, bron), dag in self.zicht.items():
            self.betrokkenheden.voeg_toe(
                jeugdige_id=jeugdige, aanbieder_id=aanbieder, verwijzer_id=verwijzer, bron=bron, begindatum=dag
            )
        self.zicht = {}

    # --- rows

    def verwijzing(
        self,
        persoon: Persoon,
        *,
        aanbieder: int,
        verwijzer_type: str,
        verwijzer: int | None,
        datum: date,
        status: str,
        resultaten: int | list[str],
        product: str | None = None,
        is_verlenging: bool = False,
        pk: int | None = None,
    ) -> int:
        pk = self.verwijzingen.voeg_toe(
            pk,
            jeugdige_id=persoon.jeugdige_id,
            gemeente_id=persoon.gemeente_op(datum),
            verwijzer_type=verwijzer_type,
            verwijzer_id=verwijzer,
            aanbieder_id=aanbieder,
            product_indicatie_id=self.w.product_ids[product] if product else None,
            datum=datum,
            status=status,
            is_verlenging=is_verlenging,
            via_huisartsroute=verwijzer_type in self.w.regels(datum).huisartsroutetypen,  # R-T6 with R-R1
            aangemaakt=moment(datum, 9 + self.rng.randrange(8), self.rng.randrange(60)),
        )
        if isinstance(resultaten, int):
            resultaten = self.rng.sample(namen.RESULTATEN, max(1, min(resultaten, len(namen.RESULTATEN))))
        ids = [self.resultaten.rij(pk, omschrijving) for omschrijving in resultaten]
        self.resultaten_van[pk] = ids
        self.zie(persoon.jeugdige_id, datum, "verwijzing", aanbieder=aanbieder)
        if verwijzer is not None:
            self.zie(persoon.jeugdige_id, datum, "verwijzing", verwijzer=verwijzer)
        return pk

    def melding(self, persoon: Persoon, dag: date, onderwerp: str, *, verwijzer=None, gemeente=None, aanbieder=None):
        herkend = herken(onderwerp, aan_aanbieder=aanbieder is not None)  # issue 19 §3: kind and link
        self.meldingen.voeg_toe(
            jeugdige_id=persoon.jeugdige_id,
            soort=herkend.soort,
            doel=herkend.doel,
            doel_id=herkend.doel_id,
            aan_verwijzer_id=verwijzer,
            aan_gemeente_id=gemeente,
            aan_aanbieder_id=aanbieder,
            onderwerp=onderwerp,
            aangemaakt=moment(dag, 10 + self.rng.randrange(7), self.rng.randrange(60)),
        )

    def meld_verwijzer(self, persoon: Persoon, verwijzer: int | None, dag: date, onderwerp: str) -> None:
        """As toewijzingen.services.meldingen.meld_verwijzer: the GP or GI, else the toegang."""
        if verwijzer is not None:
            self.melding(persoon, dag, onderwerp, verwijzer=verwijzer)
        else:
            self.melding(persoon, dag, onderwerp, gemeente=persoon.gemeente_op(dag))

    def levering(self, toewijzing: int, code: str, maand: date, volume: Decimal, bedrag_cents: int) -> None:
        geregistreerd = self._geregistreerd.get(maand)
        if geregistreerd is None:  # registered early in the next month
            geregistreerd = self._geregistreerd[maand] = moment(min(volgende_maand(maand), self.peildatum), 8)
        self.leveringen.rij(toewijzing, self.w.product_ids[code], maand, volume, geld(bedrag_cents), geregistreerd)

    def plan(self, toewijzing: int, verwijzing: int, start: date, laatste: date, behaald: bool) -> None:
        """R-H2: a plan with one agreed approach per result and progress against each."""
        rng = self.rng
        opgesteld = min(start + timedelta(days=rng.randrange(5, 40)), laatste)
        plan = self.plannen.voeg_toe(
            toewijzing_id=toewijzing, opgesteld_op=opgesteld, met_jeugdige=True, versie=1 + (rng.random() < 0.1)
        )
        resultaten = self.resultaten_van.get(verwijzing, [])
        for resultaat in resultaten:
            self.afspraken.rij(plan, resultaat, rng.choice(namen.AANPAKKEN))
        dagen = (laatste - opgesteld).days
        if dagen < 30:
            return
        for resultaat in resultaten:
            metingen = 1 + (dagen > 180)
            for index in range(metingen):
                laatst = index == metingen - 1
                datum = opgesteld + timedelta(days=dagen * (index + 1) // metingen)
                stand = "behaald" if behaald and laatst else rng.choices(["op_koers", "vertraagd"], [75, 25])[0]
                self.voortgang.voeg_toe(plan_id=plan, resultaat_id=resultaat, datum=datum, stand=stand)
