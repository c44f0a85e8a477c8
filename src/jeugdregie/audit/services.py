"""Writing the audit log (R-P2). The only code that creates AuditRegel rows."""

from __future__ import annotations

import ipaddress

from django.utils import timezone

from jeugdregie.common.request_id import current_request_id

from .constants import Actie, Uitkomst
from .models import AuditRegel


def _bronadres(request) -> str | None:
    if request is None:
        return None
    adres = request.META.get("REMOTE_ADDR", "")
    try:
        ipaddress.ip_address(adres)
    except ValueError:
        return None
    return adres


def log(
    *,
    actie: Actie,
    objecttype: str,
    object_id: object = "",
    door=None,
    request=None,
    jeugdige=None,
    doel: str = "",
    uitkomst: Uitkomst = Uitkomst.GELUKT,
    details: str = "",
    namens: str = "",
) -> AuditRegel:
    """Append one row. ``details`` must never hold a BSN, name or health data."""
    if door is None and request is not None:
        door = request.user
    ingelogd = door is not None and getattr(door, "is_authenticated", False)
    if request is not None and not doel:
        doel = request.GET.get("doel", "")[:200] if hasattr(request, "GET") else ""
    return AuditRegel.objects.create(
        tijdstip=timezone.now(),
        gebruiker_id=door.pk if ingelogd else None,
        gebruikersnaam=door.get_username() if ingelogd else "",
        rol=getattr(door, "rol", "") if ingelogd else "",
        organisatie=door.organisatie_omschrijving if ingelogd else "",
        namens=namens,
        actie=actie,
        objecttype=objecttype,
        object_id=str(object_id or ""),
        client_id=jeugdige.pk if jeugdige is not None else None,
        client_pseudoniem=jeugdige.pseudoniem if jeugdige is not None else "",
        doel=doel,
        uitkomst=uitkomst,
        details=details[:500],
        request_id=getattr(request, "request_id", "") or current_request_id(),
        bronadres=_bronadres(request),
    )


def log_persoonsgegevens(*, actie: Actie, obj, jeugdige=None, door=None, request=None, **extra) -> AuditRegel:
    return log(
        actie=actie,
        objecttype=obj._meta.label,
        object_id=obj.pk,
        jeugdige=jeugdige,
        door=door,
        request=request,
        **extra,
    )
