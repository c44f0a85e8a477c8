"""Write-side of jeugdigen: registration, moves (woonplaatsbeginsel) and involvement."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Verwijzer

from .bsn import controleer_bsn
from .constants import BetrokkenheidBron, Foutcode, Geslacht
from .gebeurtenissen import Verhuisd
from .models import Betrokkenheid, Jeugdige, Woonplaats
from .policies import mag_contact_wijzigen


@transaction.atomic
def registreer_jeugdige(
    *,
    bsn: str,
    voornamen: str,
    achternaam: str,
    geboortedatum: date,
    geslacht: Geslacht,
    gemeente: Gemeente,
    woonachtig_sinds: date | None = None,
    door=None,
    context: Toegangscontext | None = None,
) -> Jeugdige:
    """Register a young person with a residence. A toegang user registers only residents of
    its own municipality (R-P1). Everything is checked before anything is written."""
    controleer_bsn(bsn)
    if not voornamen.strip() or not achternaam.strip():
        raise DomainError(Foutcode.NAAM_ONTBREEKT, "Vul voornamen en achternaam in.", field="achternaam")
    vandaag = timezone.localdate()
    if geboortedatum > vandaag:
        raise DomainError(
            Foutcode.GEBOORTEDATUM_ONGELDIG, "De geboortedatum ligt in de toekomst.", field="geboortedatum"
        )
    if geboortedatum < vandaag - timedelta(days=365 * 30):
        raise DomainError(
            Foutcode.GEBOORTEDATUM_ONGELDIG,
            "Deze geboortedatum hoort niet bij een jeugdige (ouder dan 30 jaar). Controleer de datum.",
            field="geboortedatum",
        )
    if door is not None and door.gemeente_id is not None and door.gemeente_id != gemeente.pk:
        raise DomainError(
            Foutcode.WOONPLAATS_ONGELDIG, "U kunt alleen jeugdigen uit uw eigen gemeente registreren.", field="gemeente"
        )
    if Jeugdige.objects.filter(bsn=bsn).exists():
        raise DomainError(Foutcode.BSN_BESTAAT, "Er is al een jeugdige met dit BSN geregistreerd.", field="bsn")
    try:
        with transaction.atomic():
            jeugdige = Jeugdige.objects.create(
                bsn=bsn,
                voornamen=voornamen.strip(),
                achternaam=achternaam.strip(),
                geboortedatum=geboortedatum,
                geslacht=geslacht,
            )
    except IntegrityError:
        raise DomainError(
            Foutcode.BSN_BESTAAT, "Er is al een jeugdige met dit BSN geregistreerd.", field="bsn"
        ) from None
    Woonplaats.objects.create(jeugdige=jeugdige, gemeente=gemeente, begindatum=woonachtig_sinds or geboortedatum)
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=jeugdige, jeugdige=jeugdige, door=door, context=context)
    return jeugdige


@transaction.atomic
def registreer_verhuizing(
    *, jeugdige: Jeugdige, gemeente: Gemeente, per: date, door=None, context: Toegangscontext | None = None
) -> Woonplaats:
    """Close the current residence the day before ``per`` and open the new one. A user who moves
    the child must be its toegang (``mag_contact_wijzigen``); a move to another municipality
    publishes ``Verhuisd`` (R-D3: the handover of running care)."""
    if door is not None and not mag_contact_wijzigen(door, jeugdige):
        raise DomainError(
            Foutcode.WOONPLAATS_ONGELDIG,
            "Alleen de toegang van de jeugdige registreert een verhuizing.",
            field="gemeente",
        )
    huidig = Woonplaats.objects.select_for_update().filter(jeugdige=jeugdige, einddatum__isnull=True).first()
    if huidig is not None:
        if per <= huidig.begindatum:
            raise DomainError(
                Foutcode.WOONPLAATS_ONGELDIG,
                f"De verhuisdatum moet na {huidig.begindatum:%d-%m-%Y} liggen (begin van de huidige woonplaats).",
                field="per",
            )
        if huidig.gemeente_id == gemeente.pk:
            raise DomainError(Foutcode.WOONPLAATS_ONGELDIG, "De jeugdige woont al in deze gemeente.", field="gemeente")
        huidig.einddatum = per - timedelta(days=1)
        huidig.save(update_fields=["einddatum"])
    nieuw = Woonplaats.objects.create(jeugdige=jeugdige, gemeente=gemeente, begindatum=per)
    log_persoonsgegevens(actie=Actie.WIJZIGEN, obj=nieuw, jeugdige=jeugdige, door=door, context=context)
    if huidig is not None:  # R-D3: later stages hand running care over (``jeugdregie/abonnementen.py``)
        publiceer(
            Verhuisd(jeugdige_id=jeugdige.pk, van_gemeente_id=huidig.gemeente_id, naar_gemeente_id=gemeente.pk, per=per)
        )
    return nieuw


@transaction.atomic
def registreer_betrokkenheid(
    *,
    jeugdige: Jeugdige,
    bron: BetrokkenheidBron,
    begindatum: date,
    aanbieder: Aanbieder | None = None,
    verwijzer: Verwijzer | None = None,
    door=None,
) -> Betrokkenheid:
    """Give a provider or referrer sight of a young person (R-P1). Idempotent per source."""
    if (aanbieder is None) == (verwijzer is None):
        raise ValueError("Geef precies één van aanbieder of verwijzer.")
    betrokkenheid, _ = Betrokkenheid.objects.get_or_create(
        jeugdige=jeugdige,
        aanbieder=aanbieder,
        verwijzer=verwijzer,
        bron=bron,
        defaults={"begindatum": begindatum},
    )
    return betrokkenheid


@transaction.atomic
def vervallen_betrokkenheid(*, jeugdige: Jeugdige, bron: BetrokkenheidBron, aanbieder: Aanbieder) -> int:
    """The provider's involvement of ``bron`` lapses because the decision or report that wrote it
    was withdrawn as an error (R-P1: e.g. a task-based start deleted, iJw IV008), so the sight it
    granted ends. The caller's audit row records the withdrawal. Returns the rows removed."""
    verwijderd, _ = Betrokkenheid.objects.filter(jeugdige=jeugdige, aanbieder=aanbieder, bron=bron).delete()
    return verwijderd
