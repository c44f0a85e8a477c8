"""Consent records (issue 20 §4, Jeugdwet 7.3.4): recording and withdrawing a consent, and
whether a consent is complete. Who may consent on a day is ``services.toestemmers``; only the
toegang of the child writes (``policies.mag_gezin_wijzigen``); moments are set by the server;
every write is audit-logged without values."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige

from .constants import Foutcode, Gegevenssoort
from .leeftijd import wie_op
from .models import Gezinslid, Toestemming
from .policies import mag_gezin_wijzigen
from .services import _weiger, toestemmers


def toestemming_rond(jeugdige: Jeugdige, *, gegevens: str, ontvanger: str, op: date) -> bool:
    """Whether every party whose consent counts on ``op`` has a running consent to share
    ``gegevens`` with ``ontvanger`` (Jeugdwet 7.3.4: from 12 to 16 both the youth and the gezag
    holders). Nobody to consent means no consent."""
    nodig = toestemmers(jeugdige, op=op)
    if not nodig:
        return False
    if wie_op(jeugdige.geboortedatum, op).gezag and not any(t.gezinslid_id for t in nodig):
        return False  # the gezag holders' consent counts too, and none is entered: not complete
    lopend = Toestemming.objects.filter(
        jeugdige=jeugdige, gegevens=gegevens, ontvanger__iexact=ontvanger.strip(), ingetrokken_op__isnull=True
    )
    gegeven = {(None if t.door_jeugdige else t.gezinslid_id) for t in lopend}
    return all(t.gezinslid_id in gegeven for t in nodig)


def geef_toestemming(
    *,
    jeugdige: Jeugdige,
    gegevens: str,
    ontvanger: str,
    gegeven_door: Gezinslid | None,
    toelichting: str = "",
    door,
    context: Toegangscontext | None = None,
) -> Toestemming:
    """Record a consent given now (server time) by the young person (``gegeven_door=None``) or a
    gezag holder; only a party that Jeugdwet 7.3.4 lets consent today may give it."""
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.AANMAKEN, "Toestemming")
    if gegevens not in Gegevenssoort.values:
        raise DomainError(Foutcode.ONTVANGER_ONTBREEKT, "Kies welke gegevens gedeeld mogen worden.", field="gegevens")
    ontvanger = " ".join((ontvanger or "").split())
    if not ontvanger:
        raise DomainError(
            Foutcode.ONTVANGER_ONTBREEKT, "Vul in met wie de gegevens gedeeld mogen worden.", field="ontvanger"
        )
    if gegeven_door is not None and gegeven_door.jeugdige_id != jeugdige.pk:
        raise DomainError(Foutcode.GEEN_TOESTEMMER, "Kies iemand uit het gezin van deze jeugdige.", field="gever")
    mogen = toestemmers(jeugdige, op=vandaag())
    sleutel = gegeven_door.pk if gegeven_door is not None else None
    if not any(t.gezinslid_id == sleutel for t in mogen):
        if gegeven_door is None:
            tekst = "Onder de 12 jaar geven de gezagsdragers toestemming, niet de jeugdige zelf."
        elif not gegeven_door.gezag:
            tekst = "Alleen een ouder met gezag, de voogd of de gecertificeerde instelling geeft toestemming."
        elif wie_op(jeugdige.geboortedatum, vandaag()).gezag:
            tekst = "Deze persoon heeft vandaag geen gezag meer en kan geen toestemming geven."
        else:
            tekst = "Vanaf 16 jaar geeft de jeugdige zelf toestemming, niet de ouders."
        raise DomainError(Foutcode.GEEN_TOESTEMMER, tekst, field="gever")
    with transaction.atomic():
        toestemming = Toestemming.objects.create(
            jeugdige=jeugdige,
            gegevens=gegevens,
            ontvanger=ontvanger[:200],
            toelichting=(toelichting or "").strip(),
            door_jeugdige=gegeven_door is None,
            gezinslid=gegeven_door,
            gegeven_op=timezone.now(),
            vastgelegd_door=door if getattr(door, "is_authenticated", False) else None,
        )
        log_persoonsgegevens(actie=Actie.AANMAKEN, obj=toestemming, jeugdige=jeugdige, door=door, context=context)
    return toestemming


def trek_toestemming_in(*, toestemming: Toestemming, door, context: Toegangscontext | None = None) -> Toestemming:
    """Record that a consent is withdrawn now (server time); the row stays as history."""
    jeugdige = toestemming.jeugdige
    if not mag_gezin_wijzigen(door, jeugdige):
        _weiger(jeugdige, door, context, Actie.WIJZIGEN, "Toestemming")
    with transaction.atomic():
        rij = Toestemming.objects.select_for_update().get(pk=toestemming.pk)
        if rij.ingetrokken_op is not None:
            raise DomainError(Foutcode.AL_INGETROKKEN, "Deze toestemming is al ingetrokken.")
        rij.ingetrokken_op = timezone.now()
        rij.ingetrokken_door = door if getattr(door, "is_authenticated", False) else None
        rij.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
        log_persoonsgegevens(
            actie=Actie.WIJZIGEN, obj=rij, jeugdige=jeugdige, door=door, context=context, details="ingetrokken"
        )
    return rij
