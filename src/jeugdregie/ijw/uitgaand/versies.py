"""Which version of each allocation the provider is told about (OP033x1: the latest
Toewijzingsdatum/-tijd counts): the moment the municipality fixed it and why it changed
(RedenWijziging, JZ002). Derived from the allocation and the event rows of the decisions that
changed it, so building a message again gives the same answer.

| decision (event) | RedenWijziging |
|---|---|
| created (``toewijzing_aangemaakt``, ``zorgtoewijzing_wonen``, ``crisisopvolging_toegewezen``) | none |
| keuzebudget adjusted on the provider's request (``aanpassing_besloten`` granted, R-A2) | 12 |
| withdrawn (status ingetrokken, ``toewijzing_ingetrokken``) | 13, Einddatum = Ingangsdatum (CS335) |
| ended for a move to another municipality (``toewijzing_beeindigd``, R-D3) | 07 |
| intensity changed (``intensiteit_gewijzigd``, R-W8, OP257): old allocation ended | 05 |
| ... and the new allocation it created (``intensiteit_toegewezen``) | none |

12 and not 04/05: JZ002 reserves 12 "Geïnitieerd door de aanbieder" for a change that follows a
verzoek om wijziging or a request through another channel, and every adjustment here is the
provider's request (R-A2, JW317 or the portal); 04/05 are the municipality's own reassessment,
and 05 explicitly not for a budget.

05 for a change of intensity: OP257 has another product (or another size of care) as the end of
the allocation plus a new one, and JZ002 gives 05 "Herbeoordeling verkorting toewijzing" exactly
for "Client moet ander product toegewezen krijgen ... andere omvang", decided by the
municipality (R-W8: the toegang with the referrer's consent). The new allocation carries no
RedenWijziging, as JZ002 describes for 11 (end the old one, start a new one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis

REDEN_AANBIEDER = "12"  # JZ002 Geïnitieerd door de aanbieder
REDEN_VERWIJDERD = "13"  # JZ002 Verwijderd (CS335: only with Einddatum = Ingangsdatum)
REDEN_HERBEOORDELING_VERKORTING = "05"  # JZ002 Herbeoordeling verkorting toewijzing (OP257)
#: JZ002 07 Verhuizing naar een andere gemeente: Einddatum = inschrijfdatum nieuwe gemeente − 1 (R-D3)
REDEN_VERHUIZING = "07"

INGETROKKEN = Gebeurtenissoort.TOEWIJZING_INGETROKKEN
INTENSITEIT_GEWIJZIGD = Gebeurtenissoort.INTENSITEIT_GEWIJZIGD
AANPASSING_BESLOTEN = Gebeurtenissoort.AANPASSING_BESLOTEN
# Events on the allocation itself that make a new version. An intensity change ends the
# allocation the day before the new intensity and creates a new one (OP257).
BEEINDIGD = Gebeurtenissoort.TOEWIJZING_BEEINDIGD
WIJZIGINGEN = {
    INTENSITEIT_GEWIJZIGD: REDEN_HERBEOORDELING_VERKORTING,
    INGETROKKEN: REDEN_VERWIJDERD,
    BEEINDIGD: REDEN_VERHUIZING,
}
GEHONOREERD = (AanpassingStatus.TOEGEKEND, AanpassingStatus.DEELS_TOEGEKEND)


@dataclass(frozen=True)
class Versie:
    moment: datetime  # Toewijzingsdatum/-tijd
    reden: str = ""  # RedenWijziging (JZ002), empty when never changed


def aanpassing_wijzigt(aanvraag: Aanpassingsaanvraag) -> bool:
    """A decided adjustment that changed the keuzebudget (amount or end) of its allocations; a
    granted reason 4 gives the second provider its own budget instead (R-A4)."""
    return (
        aanvraag.status in GEHONOREERD
        and aanvraag.reden != AanpassingReden.MEERDERE_AANBIEDERS
        and (aanvraag.toegekend_bedrag is not None or aanvraag.toegekende_einddatum is not None)
    )


def is_verwijderd(toewijzing: Toewijzing) -> bool:
    """Withdrawn: only possible before care started (TOEWIJZING_OVERGANGEN), so nothing was
    delivered or declared on it and deleting it loses no lawfulness (OP362, TR385)."""
    return toewijzing.status == ToewijzingStatus.INGETROKKEN


def versies(toewijzingen: Sequence[Toewijzing]) -> dict[int, Versie]:
    """The latest version of each allocation: its creation, or the last decision that changed it."""
    uitkomst = {t.pk: Versie(t.aangemaakt) for t in toewijzingen}

    def later(toewijzing_id: int, versie: Versie) -> None:
        if versie.moment >= uitkomst[toewijzing_id].moment:
            uitkomst[toewijzing_id] = versie

    eigen = Gebeurtenis.objects.filter(objecttype="toewijzing", object_id__in=uitkomst, gebeurtenis__in=WIJZIGINGEN)
    for gebeurtenis in eigen:
        later(gebeurtenis.object_id, Versie(gebeurtenis.tijdstip, WIJZIGINGEN[gebeurtenis.gebeurtenis]))
    per_budget: dict[int, list[int]] = {}
    for toewijzing in toewijzingen:
        if toewijzing.keuzebudget_id:
            per_budget.setdefault(toewijzing.keuzebudget_id, []).append(toewijzing.pk)
    if per_budget:
        aanvragen = {
            a.pk: per_budget[a.verwijzing.keuzebudget.pk]
            for a in Aanpassingsaanvraag.objects.filter(
                verwijzing__keuzebudget__in=per_budget, status__in=GEHONOREERD
            ).select_related("verwijzing__keuzebudget")
            if aanpassing_wijzigt(a)
        }
        besluiten = Gebeurtenis.objects.filter(
            objecttype="aanpassingsaanvraag", object_id__in=aanvragen, gebeurtenis=AANPASSING_BESLOTEN
        )
        for gebeurtenis in besluiten:
            for toewijzing_id in aanvragen[gebeurtenis.object_id]:
                later(toewijzing_id, Versie(gebeurtenis.tijdstip, REDEN_AANBIEDER))
    for toewijzing in toewijzingen:
        if is_verwijderd(toewijzing):
            uitkomst[toewijzing.pk] = Versie(uitkomst[toewijzing.pk].moment, REDEN_VERWIJDERD)
    return uitkomst
