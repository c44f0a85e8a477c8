"""HSWV inzet (SPEC §4.5, R-X1)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_betrokkenheid
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.policies import is_gi, is_toegang_van_andere_gemeente
from jeugdregie.verwijzingen.services.gebeurtenissen import controleer_overgang, registreer
from jeugdregie.verwijzingen.services.verwijzen import controleer_contract

from .constants import HSWV_OVERGANGEN, Foutcode, HswvOnderdeel, HswvStatus
from .models import HswvInzet
from .policies import mag_hswv_afronden, mag_hswv_inzetten

HSWV_PRODUCT = "50H01"


def _fout(message: str, field: str) -> DomainError:
    return DomainError(Foutcode.HSWV, message, field=field)


@transaction.atomic
def zet_hswv_in(
    *,
    jeugdige: Jeugdige,
    collectief: Aanbieder,
    onderdelen: list[str],
    complexiteit: str,
    begindatum: date,
    door,
    context: Toegangscontext | None = None,
) -> HswvInzet:
    """R-X1: only the toegang (of the responsible municipality) or a GI calls on the HSWV
    collective, for a very complex request; the collective must be contracted for HSWV."""
    woonplaats = verantwoordelijke_gemeente(jeugdige, begindatum)  # R-D3
    if woonplaats.gemeente_id is None:
        raise _fout("Van deze jeugdige is op de begindatum geen woonplaats bekend.", "jeugdige")
    if not mag_hswv_inzetten(door):
        raise _fout("Alleen de toegang of een GI kan het HSWV-collectief inzetten.", "door")
    if is_toegang_van_andere_gemeente(door, woonplaats.gemeente_id):
        raise _fout("Deze jeugdige valt onder een andere gemeente.", "jeugdige")
    try:
        onderdelen = sorted({HswvOnderdeel(o).value for o in onderdelen})
    except ValueError:
        raise _fout("Kies wat het collectief doet uit de lijst.", "onderdelen") from None
    if not onderdelen:
        raise _fout(
            "Kies ten minste één onderdeel: screening, organiseren van zorg, expertise of crisisbeschikbaarheid.",
            "onderdelen",
        )
    if not complexiteit.strip():
        raise _fout("Het HSWV is voor zeer complexe hulpvragen: beschrijf waarom deze dat is.", "complexiteit")
    controleer_contract(  # R-R3: a contract covering the responsible municipality
        collectief, begindatum, Product.objects.get(code=HSWV_PRODUCT), Gemeente.objects.get(pk=woonplaats.gemeente_id)
    )
    inzet = HswvInzet.objects.create(
        jeugdige=jeugdige,
        gemeente_id=woonplaats.gemeente_id,
        collectief=collectief,
        verwijzer_type=VerwijzerType.GI if is_gi(door) else VerwijzerType.GEMEENTE,
        verwijzer=door.verwijzer if is_gi(door) else None,
        onderdelen=onderdelen,
        complexiteit=complexiteit.strip(),
        begindatum=begindatum,
        door=door,
    )
    registreer_betrokkenheid(
        jeugdige=jeugdige, aanbieder=collectief, bron=BetrokkenheidBron.HSWV, begindatum=begindatum
    )
    registreer(inzet, Gebeurtenissoort.HSWV_INGEZET, door=door, onderdelen=onderdelen)
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=inzet, jeugdige=jeugdige, door=door, context=context)
    return inzet


@transaction.atomic
def rond_hswv_af(*, inzet: HswvInzet, einddatum: date, door) -> HswvInzet:
    inzet = HswvInzet.objects.select_for_update().get(pk=inzet.pk)
    if not mag_hswv_afronden(door, inzet):
        raise _fout("Alleen de toegang van de gemeente of het collectief rondt de inzet af.", "door")
    controleer_overgang(inzet, HSWV_OVERGANGEN, HswvStatus.AFGEROND)
    if einddatum < inzet.begindatum:
        raise _fout(f"De einddatum ligt voor de begindatum ({inzet.begindatum:%d-%m-%Y}).", "einddatum")
    inzet.status = HswvStatus.AFGEROND
    inzet.einddatum = einddatum
    inzet.save(update_fields=["status", "einddatum"])
    registreer(inzet, Gebeurtenissoort.HSWV_AFGEROND, door=door)
    return inzet
