"""Each trajectory classified the CBS Beleidsinformatie Jeugd way (issue 21 item 10): hulpvorm,
measure of jeugdbescherming, verwijzer and reason of ending. The mappings are data in
``beheersing.cbs_definities``; with or without verblijf is ``toewijzingen.verblijf.met_verblijf``
(R-W7), never decided here.

A trajectory is an allocation on which care started (iJw JW305): it begins on the first start of
care (OP379: also after a restart) and ends at

1. the stop of care (JW307) with its JZ588 reason; a temporary stop (20) is no end;
2. otherwise the allocation's end date once passed, with the reason of the municipality's change
   that ended it (JZ002 → its "Reden beëindiging" column), or "overig / onbekend" when the
   allocation just ran out without a stop message.

Ends after ``peildatum`` do not count yet: a half-year export sees the trajectory as running.
Pure functions on the objects, and one query function (``trajecten``) that loads what they need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.verblijf import met_verblijf
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis

from ..cbs_definities import (
    GEEN_EINDE,
    MAATREGEL_NAAR_CBS,
    MET_VERBLIJF,
    OP_LOCATIE_CATEGORIEEN,
    STOPREDEN_NAAR_CBS,
    VERBLIJF_NAAR_CBS,
    VERWIJZER_NAAR_CBS,
    WIJZIGINGSREDEN_NAAR_CBS,
    CbsHulpvorm,
    CbsJeugdbescherming,
    CbsRedenBeeindiging,
    CbsVerwijzer,
)

#: The municipality's changes that end an allocation and the JZ002 reason the product sends for
#: them (the same table as ``ijw.uitgaand.versies``, which this layer may not import).
WIJZIGINGSREDEN_VAN_GEBEURTENIS: dict[str, str] = {
    Gebeurtenissoort.TOEWIJZING_BEEINDIGD: "07",  # R-D3: move to another municipality
    Gebeurtenissoort.INTENSITEIT_GEWIJZIGD: "05",  # R-W8/OP257: herbeoordeling, a new allocation follows
}


@dataclass(frozen=True)
class Traject:
    """One trajectory the CBS way. ``pseudoniem`` is the keyed pseudonym (R-P3), never the BSN."""

    toewijzing_id: int
    jeugdige_id: int
    pseudoniem: str
    gemeente_id: int
    gemeente_cbs: str
    hulpvorm: CbsHulpvorm
    jeugdbescherming: CbsJeugdbescherming
    verwijzer: CbsVerwijzer
    begin: date
    eind: date | None
    reden: CbsRedenBeeindiging | None

    @property
    def met_verblijf(self) -> bool:
        return self.hulpvorm in MET_VERBLIJF

    def actief_in(self, van: date, tot: date) -> bool:
        """Active on at least one day of ``van``..``tot`` (inclusive)."""
        return self.begin <= tot and (self.eind is None or self.eind >= van)


def hulpvorm(toewijzing: Toewijzing) -> CbsHulpvorm:
    """CBS vorm van jeugdhulp: a stay (R-W7) by its form (the allocation's, else the product's);
    otherwise ambulant, at the provider's location for day treatment."""
    product = toewijzing.product
    if met_verblijf(toewijzing):
        vorm = toewijzing.woonvorm or (product.woonvorm if product is not None else "")
        return VERBLIJF_NAAR_CBS.get(vorm, CbsHulpvorm.OVERIG_VERBLIJF)
    if product is not None and product.ijw_productcategorie in OP_LOCATIE_CATEGORIEEN:
        return CbsHulpvorm.AMBULANT_OP_LOCATIE
    return CbsHulpvorm.AMBULANT


def jeugdbescherming(toewijzing: Toewijzing) -> CbsJeugdbescherming:
    return MAATREGEL_NAAR_CBS.get(toewijzing.maatregel, CbsJeugdbescherming.GEEN)


def verwijzer(verwijzer_type: str) -> CbsVerwijzer:
    """COD327 → CBS; an empty or unknown code is "verwijzer onbekend"."""
    return VERWIJZER_NAAR_CBS.get(verwijzer_type, CbsVerwijzer.ONBEKEND)


def einde(
    toewijzing: Toewijzing, *, peildatum: date, wijzigingsreden: str = ""
) -> tuple[date | None, CbsRedenBeeindiging | None]:
    """The end of the trajectory and its CBS reason as known on ``peildatum``; ``(None, None)``
    while it runs. ``wijzigingsreden``: the JZ002 code of the municipality's change that ended
    the allocation, if any."""
    stop = toewijzing.stopdatum_zorg
    if (
        toewijzing.status == ToewijzingStatus.GESTOPT
        and stop is not None
        and stop <= peildatum
        and toewijzing.reden_beeindiging not in GEEN_EINDE
    ):
        return stop, STOPREDEN_NAAR_CBS.get(toewijzing.reden_beeindiging, CbsRedenBeeindiging.ONBEKEND)
    if toewijzing.einddatum <= peildatum:
        return toewijzing.einddatum, WIJZIGINGSREDEN_NAAR_CBS.get(wijzigingsreden, CbsRedenBeeindiging.ONBEKEND)
    return None, None


def classificeer(
    toewijzing: Toewijzing, *, peildatum: date, begin: date | None = None, wijzigingsreden: str = ""
) -> Traject | None:
    """The allocation as a CBS trajectory; ``None`` when care never started on it. ``begin``: the
    first start of care when the caller knows it (``trajecten`` does), else asked of the allocation."""
    eerste = begin or toewijzing.eerste_startdatum_zorg
    if eerste is None:
        return None
    eind, reden = einde(toewijzing, peildatum=peildatum, wijzigingsreden=wijzigingsreden)
    return Traject(
        toewijzing_id=toewijzing.pk,
        jeugdige_id=toewijzing.jeugdige_id,
        pseudoniem=toewijzing.jeugdige.pseudoniem,
        gemeente_id=toewijzing.gemeente_id,
        gemeente_cbs=f"GM{toewijzing.gemeente.cbs_code}",
        hulpvorm=hulpvorm(toewijzing),
        jeugdbescherming=jeugdbescherming(toewijzing),
        verwijzer=verwijzer(toewijzing.verwijzing.verwijzer_type),
        begin=eerste,
        eind=eind,
        reden=reden,
    )


def _wijzigingsredenen(ids: Iterable[int]) -> dict[int, str]:
    """Per allocation the JZ002 reason of the latest municipal change that ended it."""
    uitkomst: dict[int, str] = {}
    rijen = (
        Gebeurtenis.objects.filter(
            objecttype="toewijzing", object_id__in=list(ids), gebeurtenis__in=WIJZIGINGSREDEN_VAN_GEBEURTENIS
        )
        .order_by("tijdstip", "id")
        .values_list("object_id", "gebeurtenis")
    )
    for object_id, soort in rijen:
        uitkomst[object_id] = WIJZIGINGSREDEN_VAN_GEBEURTENIS[soort]
    return uitkomst


def trajecten(*, gemeente_ids: Iterable[int], van: date, tot: date, peildatum: date | None = None) -> list[Traject]:
    """Every trajectory of the municipalities active on a day of ``van``..``tot`` (inclusive),
    as known on ``peildatum`` (default ``tot``), oldest first. Care lies inside its allocation
    (R-H1), so allocations outside the period are not read."""
    peildatum = peildatum or tot
    toewijzingen = list(
        Toewijzing.objects.filter(
            gemeente_id__in=list(gemeente_ids),
            startdatum_zorg__isnull=False,
            begindatum__lte=tot,
            einddatum__gte=van,
        )
        .select_related("jeugdige", "gemeente", "product", "verwijzing")
        .prefetch_related("eerdere_zorgperioden")
        .order_by("begindatum", "id")
    )
    redenen = _wijzigingsredenen(t.pk for t in toewijzingen)
    uitkomst = []
    for toewijzing in toewijzingen:
        starts = [p.startdatum_zorg for p in toewijzing.eerdere_zorgperioden.all()]
        if toewijzing.startdatum_zorg is not None:
            starts.append(toewijzing.startdatum_zorg)
        traject = classificeer(
            toewijzing,
            peildatum=peildatum,
            begin=min(starts, default=None),
            wijzigingsreden=redenen.get(toewijzing.pk, ""),
        )
        if traject is not None and traject.actief_in(van, tot):
            uitkomst.append(traject)
    return uitkomst
