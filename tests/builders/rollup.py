"""The rollup's cells against a query per cell on the source (issue 6 §9, issue 18): shared by
tests/test_beheersing_rollup.py and tests/test_beheersing_eigenschappen.py."""

from datetime import date
from decimal import Decimal

from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.indicatoren.basis import GROEPERINGEN, KOLOM, SPLITSINGEN
from jeugdregie.beheersing.models import Cijfer

VAN, TOT = date(2024, 1, 1), date(2025, 12, 31)
MAANDEN = [(2024, m) for m in range(10, 13)] + [(2025, m) for m in range(1, 13)]


def _verwacht(indicator, soort, dims) -> dict:
    rijen = indicator.bron.rijen(soort, VAN, TOT, dims)
    return {
        (
            rij["periode"],
            rij.get(KOLOM["gemeente"]),
            rij.get(KOLOM["aanbieder"]),
            rij.get(KOLOM["categorie"], ALLE),
        ): (Decimal(rij["teller"] or 0), Decimal(rij["noemer"] or 0))
        for rij in rijen
    }


def _opgeslagen(indicator, soort, dims) -> dict:
    cellen = Cijfer.objects.filter(
        indicator=indicator.code,
        periodesoort=soort,
        gemeente__isnull="gemeente" not in dims,
        aanbieder__isnull="aanbieder" not in dims,
    )
    cellen = cellen.exclude(categorie=ALLE) if "categorie" in dims else cellen.filter(categorie=ALLE)
    opgeslagen = {(c.periode, c.gemeente_id, c.aanbieder_id, c.categorie): (c.teller, c.noemer) for c in cellen}
    assert len(opgeslagen) == len(cellen), (indicator.code, soort, dims, "een cel staat er dubbel")
    return opgeslagen


def _vergelijk(indicator) -> int:
    cellen = 0
    for soort in Periodesoort:
        for dims in GROEPERINGEN:
            if dims not in indicator.bron.groeperingen:  # a dimension the source lacks: no cells
                assert not _opgeslagen(indicator, soort, dims), (indicator.code, soort, dims, "cel zonder dimensie")
                continue
            verwacht = _verwacht(indicator, soort, dims)
            assert _opgeslagen(indicator, soort, dims) == verwacht, (indicator.code, soort, dims)
            cellen += len(verwacht)
    return cellen


def _verwacht_splitsing(indicator, soort, dims) -> dict:
    """Issue 22: the query per cell on the source of a grouping of ``SPLITSINGEN``."""
    rijen = indicator.bron.rijen(soort, VAN, TOT, dims)
    return {
        (
            rij["periode"],
            rij.get(KOLOM["gemeente"]),
            rij.get(KOLOM["inkoop"], ALLE),
            rij.get(KOLOM["bekostiging"], ALLE),
        ): (
            Decimal(rij["teller"] or 0),
            Decimal(rij["noemer"] or 0),
        )
        for rij in rijen
    }


def _opgeslagen_splitsing(indicator, soort, dims) -> dict:
    cellen = Cijfer.alle.filter(
        indicator=indicator.code,
        periodesoort=soort,
        gemeente__isnull="gemeente" not in dims,
        aanbieder__isnull=True,
        categorie=ALLE,
    )
    for dim in ("inkoop", "bekostiging"):
        cellen = cellen.exclude(**{dim: ALLE}) if dim in dims else cellen.filter(**{dim: ALLE})
    opgeslagen = {(c.periode, c.gemeente_id, c.inkoop, c.bekostiging): (c.teller, c.noemer) for c in cellen}
    assert len(opgeslagen) == len(cellen), (indicator.code, soort, dims, "een cel staat er dubbel")
    return opgeslagen


def _vergelijk_splitsing(indicator) -> int:
    """Issue 22 (R-R3, R-R2): every cell of the split by purchasing level and funding variant
    equals the query per cell on the source; a source without the split has none of its cells.
    With ``_vergelijk`` (the totals) this covers every cell the rollup stores."""
    cellen = 0
    for soort in Periodesoort:
        for dims in SPLITSINGEN:
            if dims not in indicator.bron.groeperingen:
                assert not _opgeslagen_splitsing(indicator, soort, dims), (
                    indicator.code,
                    soort,
                    dims,
                    "cel zonder dim",
                )
                continue
            verwacht = _verwacht_splitsing(indicator, soort, dims)
            assert _opgeslagen_splitsing(indicator, soort, dims) == verwacht, (indicator.code, soort, dims)
            cellen += len(verwacht)
    alle = Cijfer.alle.filter(indicator=indicator.code).count()
    assert alle == Cijfer.objects.filter(indicator=indicator.code).count() + cellen, "een cel buiten de groeperingen"
    return cellen
