"""Pillar continuïteit (SPEC §11.3): timely available care — inflow, waiting, throughflow,
outflow, refusals, and the mix of care (Verblijf vs ambulant, family forms vs residential)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate

from jeugdregie.catalogus.constants import GEZINSVORMEN, RESIDENTIEEL
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.services import laatste_wachttijdmeldingen
from jeugdregie.toewijzingen.constants import WEIGERINGEN, ScreeningUitkomst, ToewijzingSoort
from jeugdregie.toewijzingen.models import Screening, Toewijzing
from jeugdregie.toewijzingen.verblijf import verblijfsproduct_q
from jeugdregie.wonen.models import Verblijfsverzoek

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Dagen, Indicator
from .velden import (
    Uren,
    bekostiging_van_regel,
    categorie_van_toewijzing,
    categorie_van_verwijzing,
    inkoop_van_toewijzing,
)

STURING = frozenset({Niveau.AANBIEDER, Niveau.BELEID})
# R-W10 (CON08): the family forms (every pleegzorg type, gezinshuis) against residential Wonen
# (leefgroep, kamertraining). Per seed 001 §3.2.1 respijtzorg and the Verblijf beds (crisis-,
# behandel-, GGZ-bed, drie-milieu, JeugdzorgPlus) are temporary stays aimed at going home, not
# a place to live: they are in neither side of the ratio.


def _gestarte_toewijzingen():
    return Toewijzing.objects.filter(startdatum_zorg__isnull=False)


def _gestopte_toewijzingen():
    return Toewijzing.objects.filter(stopdatum_zorg__isnull=False)


def toewijzingbron(queryset, datum: str, **aggregaten) -> Bron:
    return Bron(
        queryset=queryset,
        datum=datum,
        gemeente="gemeente_id",
        aanbieder="aanbieder_id",
        categorie=categorie_van_toewijzing(),
        inkoop=inkoop_van_toewijzing(),
        **aggregaten,
    )


INSTROOM = Indicator(
    code="CON01",
    naam="Instroom",
    definitie="Aantal toewijzingen waarvan de zorg in de periode is gestart (startdatum zorg).",
    eenheid="toewijzingen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=STURING,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=toewijzingbron(_gestarte_toewijzingen, "startdatum_zorg", teller=Count("id"), noemer=Count("id")),
)

WACHTTIJD = Indicator(
    code="CON02",
    naam="Wachttijd verwijzing tot start",
    definitie=(
        "Gemiddeld aantal kalenderdagen van de verwijsdatum tot de start van de zorg, naar de maand van de start."
    ),
    eenheid="dagen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    bron=toewijzingbron(
        _gestarte_toewijzingen,
        "startdatum_zorg",
        teller=Sum(Dagen("startdatum_zorg", "verwijzing__datum")),
        noemer=Count("id"),
    ),
)

UITSTROOM = Indicator(
    code="CON03",
    naam="Uitstroom",
    definitie="Aantal toewijzingen waarvan de zorg in de periode is gestopt (stopdatum zorg).",
    eenheid="toewijzingen",
    richting=Richting.HOGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=STURING,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=toewijzingbron(_gestopte_toewijzingen, "stopdatum_zorg", teller=Count("id"), noemer=Count("id")),
)


def _geplaatste_verzoeken():
    return Verblijfsverzoek.objects.filter(geplaatst_op__isnull=False).annotate(geplaatst_dag=TruncDate("geplaatst_op"))


PLAATSINGSTIJD = Indicator(
    code="CON04",
    naam="Wachttijd aanvraag tot plaatsing Verblijf",
    definitie=(
        "Gemiddeld aantal uren van de aanvraag van een verblijfsbed tot de plaatsing (binnen 24 uur), over de "
        "plaatsingen in de periode."
    ),
    eenheid="uren",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    bron=Bron(
        queryset=_geplaatste_verzoeken,
        datum="geplaatst_dag",
        gemeente="toewijzing__gemeente_id",
        aanbieder="toewijzing__aanbieder_id",
        categorie=categorie_van_toewijzing("toewijzing__"),
        inkoop=inkoop_van_toewijzing("toewijzing__"),
        teller=Sum(Uren("geplaatst_op", "aangevraagd_op")),
        noemer=Count("id"),
    ),
)


def _besliste_screenings():
    """Screenings the provider decided: accepted or refused (a young person choosing another
    provider is no decision of this one)."""
    return Screening.objects.filter(uitkomst__in=[ScreeningUitkomst.GEACCEPTEERD, *WEIGERINGEN])


_SCREENINGBRON = Bron(
    queryset=_besliste_screenings,
    datum="datum",
    gemeente="verwijzing__gemeente_id",
    aanbieder="verwijzing__aanbieder_id",
    categorie=categorie_van_verwijzing("verwijzing__"),
    teller=Count("id", filter=Q(uitkomst__in=WEIGERINGEN)),
    noemer=Count("id"),
)

WEIGERINGEN_AANTAL = Indicator(
    code="CON05",
    naam="Weigeringen bij screening",
    definitie=(
        "Aantal screenings in de periode met een weigering (hulpvraag te zwaar, te licht of zwaarwegende redenen), "
        "naar de datum van de screening."
    ),
    eenheid="weigeringen",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=_SCREENINGBRON,
)

WEIGERINGEN_AANDEEL = Indicator(
    code="CON06",
    naam="Aandeel weigeringen bij screening",
    definitie=(
        "Weigeringen als percentage van de screenings waarin de aanbieder besliste (geaccepteerd of geweigerd; "
        "'jeugdige kiest een andere aanbieder' telt niet mee), naar de datum van de screening."
    ),
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=_SCREENINGBRON,
)


def _regels_in_zorg():
    """Approved debit lines: a young person with one in a month was in care that month."""
    return Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD, debet_credit=DebetCredit.DEBET)


AANDEEL_VERBLIJF = Indicator(
    code="CON07",
    naam="Aandeel jeugdigen in Verblijf",
    definitie=(
        "Verschillende jeugdigen met een goedgekeurde declaratieregel voor Verblijf (Wonen/Verblijf en crisisbed) "
        "als percentage van alle "
        "verschillende jeugdigen met een goedgekeurde declaratieregel (ambulant, Verblijf, crisis, dyslexie), naar "
        "de maand van de geleverde zorg; over een kwartaal of jaar telt elke jeugdige één keer."
    ),
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset({Niveau.BELEID}),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=Bron(
        queryset=_regels_in_zorg,
        datum="begindatum",
        gemeente="declaratie__gemeente_id",
        aanbieder="aanbieder_id",
        categorie="product__onderdeel",
        inkoop=inkoop_van_toewijzing("toewijzing__"),
        bekostiging=bekostiging_van_regel(),
        teller=Count("jeugdige_id", distinct=True, filter=verblijfsproduct_q("product__")),  # R-W7
        noemer=Count("jeugdige_id", distinct=True),
    ),
)


def _regels_wonen():
    return _regels_in_zorg().filter(
        toewijzing__soort=ToewijzingSoort.WONEN_VERBLIJF, toewijzing__woonvorm__in=sorted(GEZINSVORMEN | RESIDENTIEEL)
    )


AANDEEL_GEZINSVORMEN = Indicator(
    code="CON08",
    naam="Pleegzorg en gezinshuis tegenover residentieel",
    definitie=(
        "Verschillende jeugdigen in pleegzorg (elke soort) of een gezinshuis als percentage van alle verschillende "
        "jeugdigen in Wonen (pleegzorg, gezinshuis, leefgroep, kamertraining), naar hun woonvorm; respijtzorg en de "
        "verblijfsbedden (crisis-, behandel-, GGZ-bed, drie-milieu, JeugdzorgPlus) tellen niet mee, naar de maand "
        "van een goedgekeurde declaratieregel op de zorgtoewijzing. Rijnmond streeft naar +30% gezinsvormen."
    ),
    eenheid="%",
    richting=Richting.HOGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=STURING,
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=Bron(
        queryset=_regels_wonen,
        datum="begindatum",
        gemeente="declaratie__gemeente_id",
        aanbieder="aanbieder_id",
        categorie="product__onderdeel",
        inkoop=inkoop_van_toewijzing("toewijzing__"),
        bekostiging=bekostiging_van_regel(),
        teller=Count("jeugdige_id", distinct=True, filter=Q(toewijzing__woonvorm__in=sorted(GEZINSVORMEN))),
        noemer=Count("jeugdige_id", distinct=True),
    ),
)


def _wachttijdmeldingen():
    """R-S6: per provider, category and month the latest report of that month, by the rule the
    choice list uses (``organisaties.services.laatste_wachttijdmeldingen``): a provider that
    reports ten times in a month weighs as much as one that reports once."""
    return laatste_wachttijdmeldingen(per_maand=True)


GEMELDE_WACHTTIJD = Indicator(
    code="CON09",
    naam="Gemiddelde gemelde wachttijd",
    definitie=(
        "Gemiddelde van de wachttijden in weken die aanbieders per productcategorie hebben gemeld: per aanbieder, "
        "productcategorie en maand telt alleen de laatste melding van die maand (zoals de keuzelijst de laatste "
        "melding toont), zodat een aanbieder die vaak meldt niet zwaarder weegt; een kwartaal of jaar is het "
        "gemiddelde over zijn maanden. Een wachttijd geldt voor de hele regio: het cijfer is er per aanbieder en "
        "productcategorie, niet per gemeente."
    ),
    eenheid="weken",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=frozenset({Niveau.CLIENT, Niveau.AANBIEDER}),
    aggregatie=Aggregatie.RATIO,
    over_jeugdigen=False,
    bron=Bron(
        queryset=_wachttijdmeldingen,
        datum="gemeld_op",
        gemeente=None,  # R-S6: a report is for the region, not for a municipality
        aanbieder="aanbieder_id",
        categorie="productcategorie",
        teller=Sum("weken"),
        noemer=Count("id"),
    ),
)

INDICATOREN = [
    INSTROOM,
    WACHTTIJD,
    UITSTROOM,
    PLAATSINGSTIJD,
    WEIGERINGEN_AANTAL,
    WEIGERINGEN_AANDEEL,
    AANDEEL_VERBLIJF,
    AANDEEL_GEZINSVORMEN,
    GEMELDE_WACHTTIJD,
]
