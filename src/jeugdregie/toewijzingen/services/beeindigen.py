"""Ending an ambulant allocation (all care but a stay: a keuzebudget, hours of crisis follow-up)
because the young person moved to another municipality (R-D3, issue 20 §5): the toegang of the
old municipality ends it the day before the moving day (the inschrijfdatum in the new
municipality − 1), as JZ002 reason 07 "Verhuizing naar een andere gemeente" prescribes; the
outbox sends the allocation once more with that Einddatum and RedenWijziging 07
(``ijw/uitgaand/versies.py``). An allocation that would begin on or after the moving day was
never the old municipality's: it is withdrawn (13), also when its care has started (a move
recorded after the fact), once the provider credited what was approved on it and declares that
care to the new municipality (iJw TR385, R-B7).

The ledger hears of the shorter period (``BedragGewijzigd`` with the allocated amount of the
shorter period and the new end, R-B7: a keuzebudget and hours of crisis follow-up keep their
amount): approved care after the new end makes the declarations' guard refuse it, and then
nothing changes. A stay (care with verblijf, ``toewijzingen.verblijf``: Wonen/Verblijf and, R-W7,
a crisis bed) is never ended by a move: it stays with the municipality of the address before it
(``jeugdigen.woonplaatsbeginsel``).

Who else could do this (R-D3): a move that reaches back over care already given
(``raakt_gegeven_zorg``) passes that care's cost to the new municipality. The old municipality
cannot do that alone: the end (or removal) needs the new municipality's confirmation of the
moving day (``verhuisdatum_bevestigd``, recorded on the handover, ``overdracht.services``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from jeugdregie.common.domein import publiceer, vraag
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen.besluiten import BedragGewijzigd
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
from jeugdregie.toewijzingen.verblijf import met_verblijf
from jeugdregie.verwijzingen.constants import Foutcode, Gebeurtenissoort, MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer
from jeugdregie.verwijzingen.services.meldingen import maak_melding

REDEN_VERHUIZING = "verhuizing"


@dataclass(frozen=True)
class GoedgekeurdNaEindevraag:
    """R-D3 with R-B7: the approved, uncredited debit lines of an allocation for care after
    ``na``; answered by the declarations stage (``jeugdregie/abonnementen.py``) as a list of
    ``Goedgekeurd``."""

    toewijzing_id: int
    na: date


@dataclass(frozen=True)
class Goedgekeurd:
    referentie: str
    begindatum: date
    einddatum: date


def te_corrigeren_bij_verhuizing(toewijzing: Toewijzing, verhuisdatum: date) -> str:
    """R-D3: what must be corrected before the move can end ``toewijzing`` (a move recorded after
    the fact, with care after the day before the move already approved), in Dutch; empty when
    nothing. The end date is fixed by the move (JZ002 07), so the provider credits those lines
    and declares that care to the new municipality."""
    einde = verhuisdatum - timedelta(days=1)
    vervalt = einde < toewijzing.begindatum
    regels = sorted(
        (r for antwoord in vraag(GoedgekeurdNaEindevraag(toewijzing_id=toewijzing.pk, na=einde)) for r in antwoord),
        key=lambda r: (r.begindatum, r.referentie),
    )
    if not regels:
        return ""
    eerste = regels[0]
    meer = f" en {len(regels) - 1} andere" if len(regels) > 1 else ""
    gevolg = (
        f"De verhuizing ({verhuisdatum:%d-%m-%Y}) ligt voor het begin van de toewijzing: de toewijzing vervalt"
        if vervalt
        else f"Door de verhuizing eindigt de toewijzing op {einde:%d-%m-%Y}"
    )
    return (
        f"Op toewijzing {toewijzing.pk} is al zorg na {einde:%d-%m-%Y} goedgekeurd (regel {eerste.referentie}, "
        f"{eerste.begindatum:%d-%m-%Y} t/m {eerste.einddatum:%d-%m-%Y}{meer}). {gevolg}: laat de aanbieder die "
        "regels eerst crediteren en de zorg vanaf de verhuisdatum bij de nieuwe gemeente declareren. Beëindig de "
        "toewijzing daarna."
    )


def _fout(message: str) -> DomainError:
    return DomainError(Foutcode.PERIODE, message, field="verhuisdatum")


def raakt_gegeven_zorg(toewijzing: Toewijzing, verhuisdatum: date) -> bool:
    """R-D3: ending ``toewijzing`` for a move on ``verhuisdatum`` reaches back over care that may
    already have been given: a day of its period on or after the moving day has come. Whatever
    the status: a start is never needed for payment (iJw OP364), so care may have been given and
    declared without one. The cost of that care then passes to the new municipality, which must
    confirm the moving day first."""
    return max(verhuisdatum, toewijzing.begindatum) <= vandaag()


@transaction.atomic
def beeindig_bij_verhuizing(
    *, toewijzing: Toewijzing, verhuisdatum: date, door, verhuisdatum_bevestigd: bool = False
) -> Toewijzing:
    """R-D3: only the toegang of the allocation's municipality; only an ambulant allocation that
    still runs on the day before the move; when the end reaches back over care already given,
    only once the new municipality confirmed the moving day (``verhuisdatum_bevestigd``). Returns
    the ended (or withdrawn) allocation."""
    toewijzing = (
        Toewijzing.objects.select_for_update(of=("self",))
        .select_related("keuzebudget", "product")
        .get(pk=toewijzing.pk)
    )
    vereis_toegang_van(toewijzing.gemeente_id, door)
    if met_verblijf(toewijzing):  # R-W7: a crisis bed is a stay too
        raise _fout(
            "Een verblijf blijft bij de gemeente van het adres van vóór het verblijf: "
            "een verhuizing beëindigt het niet."
        )
    if toewijzing.status in (ToewijzingStatus.INGETROKKEN, ToewijzingStatus.GESTOPT):
        raise _fout("Deze toewijzing is al beëindigd of ingetrokken.")
    if raakt_gegeven_zorg(toewijzing, verhuisdatum) and not verhuisdatum_bevestigd:
        raise DomainError(
            Foutcode.VERHUISDATUM_NIET_BEVESTIGD,
            f"Toewijzing {toewijzing.pk} liep al op of na de verhuisdatum ({verhuisdatum:%d-%m-%Y}): de kosten "
            "van de zorg vanaf die dag gaan naar de nieuwe gemeente. "
            "Beëindig de toewijzing pas nadat de nieuwe gemeente de verhuisdatum in de overdracht heeft bevestigd. "
            "Is de datum onjuist, registreer dan een geschil.",
            field="verhuisdatum",
        )
    einde = verhuisdatum - timedelta(days=1)
    if einde < toewijzing.begindatum:
        # never this municipality's to give: withdrawn (JZ002 13), after its start too, once what
        # was approved on it is credited (R-B7; the declarations' guard refuses otherwise, TR385)
        te_corrigeren = te_corrigeren_bij_verhuizing(toewijzing, verhuisdatum)
        if te_corrigeren:
            raise DomainError(Foutcode.PERIODE, te_corrigeren, field="verhuisdatum")
        return trek_toewijzing_in(toewijzing=toewijzing, door=door, na_start_bij_verhuizing=True)
    if einde >= toewijzing.einddatum:
        raise _fout(
            f"Deze toewijzing eindigt al op {toewijzing.einddatum:%d-%m-%Y}, vóór de verhuizing: "
            "er is niets te beëindigen."
        )
    te_corrigeren = te_corrigeren_bij_verhuizing(toewijzing, verhuisdatum)
    if te_corrigeren:  # R-D3 with R-B7: nothing changes until the provider credited
        raise DomainError(Foutcode.PERIODE, te_corrigeren, field="verhuisdatum")
    vorige_einddatum = toewijzing.einddatum
    toewijzing.einddatum = einde
    toewijzing.save(update_fields=["einddatum"])
    # R-B7: the allocated amount of the shorter period (a keuzebudget keeps its amount; crisis
    # follow-up its volume × tariff); the ledger refuses it below what is approved and refuses
    # approved care after the new end, and then nothing changes (this transaction is undone).
    publiceer(
        BedragGewijzigd(
            toewijzing_id=toewijzing.pk,
            bedrag=toegewezen_bedrag(toewijzing),
            op=vandaag(),
            einddatum=einde,
            vorige_einddatum=vorige_einddatum,
        )
    )
    maak_melding(
        soort=MeldingSoort.OVERIG,
        jeugdige_id=toewijzing.jeugdige_id,
        aan_aanbieder_id=toewijzing.aanbieder_id,
        onderwerp=(
            f"Toewijzing {toewijzing.pk} eindigt op {einde:%d-%m-%Y}: de jeugdige verhuist naar een andere gemeente"
        ),
        doel=MeldingDoel.VERWIJZING,
        doel_id=toewijzing.verwijzing_id,
    )
    registreer(
        toewijzing,
        Gebeurtenissoort.TOEWIJZING_BEEINDIGD,
        door=door,
        reden=REDEN_VERHUIZING,
        einddatum=einde.isoformat(),
        verhuisdatum=verhuisdatum.isoformat(),
    )
    return toewijzing
