"""The allocation's answers to the questions of earlier stages (``common.domein.vraag``; who asks
and who answers: ``jeugdregie/abonnementen.py``). Read-only, as subqueries where they can be."""

from __future__ import annotations

from jeugdregie.jeugdigen.gebeurtenissen import Relatieantwoord
from jeugdregie.jeugdigen.woonplaatsbeginsel import Verblijf
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.verblijf import met_verblijf_q
from jeugdregie.verwijzingen.besluiten import Lopendkeuzebudget
from jeugdregie.verwijzingen.models import Verwijzing
from jeugdregie.verwijzingen.policies import AANBIEDER, VERWIJZER

#: The fields that name an organisation on allocations and referrals, per kind (R-P4).
_RELATIEVELDEN = {AANBIEDER: ("aanbieder_id", "aanbieder_id"), VERWIJZER: ("verwijzing__verwijzer_id", "verwijzer_id")}


def beantwoord_relatievraag(vraag):
    """R-P4, answering ``jeugdigen.gebeurtenissen.Relatievraag``: the children the organisation
    has allocations or referrals for, and those whose relation has not ended on the window
    (``ToewijzingQuerySet.relatie_loopt``, ``VerwijzingQuerySet.relatie_loopt``)."""

    toewijzing_veld, verwijzing_veld = _RELATIEVELDEN[vraag.soort]
    toewijzingen = Toewijzing.objects.filter(**{toewijzing_veld: vraag.organisatie_id})
    verwijzingen = Verwijzing.objects.filter(**{verwijzing_veld: vraag.organisatie_id})
    return Relatieantwoord(
        besloten=(toewijzingen.values("jeugdige_id"), verwijzingen.values("jeugdige_id")),
        loopt=(
            toewijzingen.relatie_loopt(vraag.grens).values("jeugdige_id"),
            verwijzingen.relatie_loopt(vraag.grens).values("jeugdige_id"),
        ),
    )


def beantwoord_keuzebudgetvraag(vraag):
    """R-A4/R-T5 with iJw TR302, answering ``verwijzingen.besluiten.Keuzebudgetvraag``: the young
    person's keuzebudget allocations that are allocated or started and overlap the period."""

    lopend = Toewijzing.objects.filter(
        jeugdige_id=vraag.jeugdige_id,
        soort=ToewijzingSoort.KEUZEBUDGET,
        status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART],
        begindatum__lte=vraag.einddatum,
        einddatum__gte=vraag.begindatum,
    )
    if vraag.aanbieder_id is not None:
        lopend = lopend.filter(aanbieder_id=vraag.aanbieder_id)
    if vraag.behalve_verwijzing_id is not None:
        lopend = lopend.exclude(verwijzing_id=vraag.behalve_verwijzing_id)
    return [
        Lopendkeuzebudget(begindatum=b, einddatum=e)
        for b, e in lopend.order_by("begindatum", "id").values_list("begindatum", "einddatum")
    ]


def beantwoord_verblijfvraag(vraag) -> list[Verblijf]:
    """R-D3, answering ``jeugdigen.woonplaatsbeginsel.Verblijfvraag``: the young person's stays,
    its allocations with verblijf (R-W7: Wonen/Verblijf and crisis beds) that were not withdrawn,
    until the end of care when it stopped before the allocation's end."""
    rijen = (
        Toewijzing.objects.filter(met_verblijf_q(), jeugdige_id=vraag.jeugdige_id)
        .exclude(status=ToewijzingStatus.INGETROKKEN)
        .values_list("begindatum", "einddatum", "stopdatum_zorg")
    )
    return [Verblijf(begin, min(einde, stop) if stop and stop >= begin else einde) for begin, einde, stop in rijen]


def beantwoord_verblijfsgemeentevraag(vraag):
    """R-D3, answering ``jeugdigen.woonplaatsbeginsel.Verblijfsgemeentevraag``: the children with a
    stay of this municipality running on the day (the toegang keeps sight of them wherever their
    BRP address is). A stay is care with verblijf (R-W7, a crisis bed too)."""
    return Toewijzing.objects.filter(
        met_verblijf_q(),
        gemeente_id=vraag.gemeente_id,
        status__in=[ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART],
        begindatum__lte=vraag.op,
        einddatum__gte=vraag.op,
    ).values("jeugdige_id")
