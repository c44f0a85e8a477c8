"""Pillar kwaliteit (SPEC §11.3): effective care — results achieved at the end (R-H5), re-entry
within 12 months, care ended according to plan. The staff registration norm (BIG/SKJ) is not
computable: no staff data is held (README)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from jeugdregie.toewijzingen.constants import RedenBeeindiging, Resultaatscore, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Aggregatie, Niveau, Pijler, Richting
from .basis import Indicator
from .continuiteit import toewijzingbron
from .velden import PlusMaanden

HERINSTROOM_MAANDEN = 12


def _gestopte_toewijzingen():
    return Toewijzing.objects.filter(status=ToewijzingStatus.GESTOPT, stopdatum_zorg__isnull=False)


RESULTAAT_BEHAALD = Indicator(
    code="KWA01",
    naam="Resultaat behaald",
    definitie=(
        "Toewijzingen met resultaatscore 'behaald' als percentage van de in de periode gestopte toewijzingen met "
        "een resultaatscore; 'deels behaald' telt als niet behaald."
    ),
    eenheid="%",
    richting=Richting.HOGER_BETER,
    pijler=Pijler.KWALITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=toewijzingbron(
        lambda: _gestopte_toewijzingen().exclude(resultaatscore=""),
        "stopdatum_zorg",
        teller=Count("id", filter=Q(resultaatscore=Resultaatscore.BEHAALD)),
        noemer=Count("id"),
    ),
)


def herinstroom() -> Exists:
    """Another allocation of the same young person whose care starts after this one's stop and at
    most 12 months later. Continuations are no re-entry: a renewal (a referral marked as
    extension) and the follow-up care arranged at the end of Wonen/Verblijf (R-W9)."""
    later = Toewijzing.objects.filter(
        jeugdige_id=OuterRef("jeugdige_id"),
        startdatum_zorg__gt=OuterRef("stopdatum_zorg"),
        startdatum_zorg__lte=PlusMaanden(OuterRef("stopdatum_zorg"), HERINSTROOM_MAANDEN),
    )
    return Exists(
        later.exclude(verwijzing__is_verlenging=True).exclude(pk=Coalesce(OuterRef("vervolgzorg_id"), Value(0)))
    )


HERINSTROOM = Indicator(
    code="KWA02",
    naam="Herinstroom binnen 12 maanden",
    definitie=(
        "Percentage van de in de periode gestopte toewijzingen waarna dezelfde jeugdige binnen 12 maanden na de "
        "stop opnieuw zorg start (een andere toewijzing; een verlenging en de bij het einde geregelde vervolgzorg "
        "tellen niet mee). "
        "Voor stops van minder dan 12 maanden geleden is het cijfer nog voorlopig."
    ),
    eenheid="%",
    richting=Richting.LAGER_BETER,
    pijler=Pijler.KWALITEIT,
    niveaus=frozenset({Niveau.AANBIEDER, Niveau.BELEID}),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=toewijzingbron(
        _gestopte_toewijzingen, "stopdatum_zorg", teller=Count("id", filter=herinstroom()), noemer=Count("id")
    ),
)

VOLGENS_PLAN = Indicator(
    code="KWA03",
    naam="Volgens plan beëindigd",
    definitie=(
        "Toewijzingen gestopt met reden 'levering is volgens plan beëindigd' (JZ588 code 31) als percentage van "
        "alle in de periode gestopte toewijzingen."
    ),
    eenheid="%",
    richting=Richting.HOGER_BETER,
    pijler=Pijler.KWALITEIT,
    niveaus=frozenset(Niveau),
    aggregatie=Aggregatie.RATIO,
    schaal=Decimal("100"),
    bron=toewijzingbron(
        _gestopte_toewijzingen,
        "stopdatum_zorg",
        teller=Count("id", filter=Q(reden_beeindiging=RedenBeeindiging.VOLGENS_PLAN)),
        noemer=Count("id"),
    ),
)

INDICATOREN = [RESULTAAT_BEHAALD, HERINSTROOM, VOLGENS_PLAN]
