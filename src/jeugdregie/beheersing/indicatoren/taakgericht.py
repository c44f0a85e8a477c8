"""The task-based funding variant (issue 22, R-R2): an assignment (``taakgericht``) has no
allocations and no declarations, so the figures of declared care say nothing about it. Its own
figures, from what the variant records: the starts and stops of care the provider reports
(``Zorgperiode``, JZ305/JZ307) and the lump-sum terms paid to it, per municipality
(``Termijnaandeel``). Declared care (inspanningsgericht, outputgericht) is split by its
product's funding variant in the cells per variant of its own figures (``Bron.bekostiging``)."""

from __future__ import annotations

from django.db.models import Count, Sum

from jeugdregie.taakgericht.models import Termijnaandeel, Zorgperiode

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Bron, Indicator

BELEID = frozenset({Niveau.BELEID})


def _zorgperiodebron(queryset, datum: str) -> Bron:
    """Care periods counted (``teller``), and the distinct young people behind them (``noemer``):
    a child can have two care periods, and small-cell suppression (issue 14 §7) counts children,
    not periods (``kleine_aantallen.kinderen``). The rollup counts the noemer distinctly per
    period, as it does CON07's."""
    return Bron(
        queryset=queryset,
        datum=datum,
        gemeente="gemeente_id",
        aanbieder="opdracht__aanbieder_id",
        categorie="product__onderdeel",
        teller=Count("id"),
        noemer=Count("jeugdige_id", distinct=True),
    )


def _gestopte_zorgperioden():
    return Zorgperiode.objects.filter(einddatum__isnull=False)


def _betaalde_termijnaandelen():
    return Termijnaandeel.objects.filter(termijn__betaald_op__isnull=False)


INSTROOM_TAAKGERICHT = Indicator(
    code="TAA01",
    naam="Instroom taakgericht",
    definitie=(
        "Aantal zorgperioden waarvan de opdrachtnemer van een taakgerichte opdracht de start van de zorg heeft gemeld, "
        "naar de begindatum van de zorg."
    ),
    eenheid="zorgperioden",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=BELEID,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=_zorgperiodebron(Zorgperiode.objects.all, "begindatum"),
)

UITSTROOM_TAAKGERICHT = Indicator(
    code="TAA02",
    naam="Uitstroom taakgericht",
    definitie=(
        "Aantal zorgperioden onder een taakgerichte opdracht waarvan de opdrachtnemer de stop van de zorg heeft "
        "gemeld, naar de einddatum van de zorg."
    ),
    eenheid="zorgperioden",
    richting=Richting.HOGER_BETER,
    pijler=Pijler.CONTINUITEIT,
    niveaus=BELEID,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    bron=_zorgperiodebron(_gestopte_zorgperioden, "einddatum"),
)

UITGAVEN_TAAKGERICHT = Indicator(
    code="TAA03",
    naam="Uitgaven taakgericht",
    definitie=(
        "Som van de betaalde termijnen van de taakgerichte opdrachten (de lumpsum per jaar in maandtermijnen), per "
        "gemeente haar aandeel in de termijn, naar de maand van de termijn. Een termijn geldt voor de hele opdracht: "
        "het cijfer is er per gemeente en opdrachtnemer, niet per productcategorie."
    ),
    eenheid="€",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.KOSTEN,
    niveaus=BELEID,
    aggregatie=Aggregatie.SOM,
    per_1000=True,
    decimalen=0,
    # A term is about no child: small-cell suppression has nothing to hide.
    over_jeugdigen=False,
    bron=Bron(
        queryset=_betaalde_termijnaandelen,
        datum="termijn__begindatum",
        gemeente="gemeente_id",
        aanbieder="termijn__opdracht__aanbieder_id",
        categorie=None,
        teller=Sum("bedrag"),
        noemer=Count("id"),
    ),
)

INDICATOREN = [INSTROOM_TAAKGERICHT, UITSTROOM_TAAKGERICHT, UITGAVEN_TAAKGERICHT]
