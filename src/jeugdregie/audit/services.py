"""Writing the audit log (R-P2, R-P6). The only code that creates AuditRegel rows.

Each row is chained to the previous one (``keten``). On PostgreSQL a transaction-level advisory
lock serialises the writers between reading the last hash and inserting, so two requests never
chain to the same predecessor; the lock is released when the surrounding transaction ends. On
SQLite the database write lock serialises them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from jeugdregie.common.request_id import current_request_id

from . import keten
from .constants import Actie, Uitkomst
from .context import Toegangscontext, bepaal_doel, bepaal_namens
from .models import AuditRegel, AuditRegelJeugdige

#: Key of the advisory lock that serialises chain appends (PostgreSQL); "7513" after NEN 7513.
KETENSLOT = 7513_0001


def jeugdigen_in(objecten: Iterable) -> list[tuple[int, str]]:
    """The young people an export or list contained, as (internal id, pseudonym), without
    duplicates: each object is a Jeugdige, has a ``jeugdige``, or is an (id, pseudonym) pair."""
    gezien: dict[int, str] = {}
    for obj in objecten:
        if isinstance(obj, tuple):
            client_id, pseudoniem = obj
        else:
            jeugdige = obj if hasattr(obj, "bsn") else getattr(obj, "jeugdige", None)
            if jeugdige is None:
                continue
            client_id, pseudoniem = jeugdige.pk, jeugdige.pseudoniem
        if client_id is not None:
            gezien.setdefault(int(client_id), pseudoniem or "")
    return list(gezien.items())


def _laatste_hash() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [KETENSLOT])
    laatste = AuditRegel.objects.order_by("-id").values_list("ketenhash", flat=True).first()
    return laatste or keten.BEGIN


def log(
    *,
    actie: Actie,
    objecttype: str,
    object_id: object = "",
    door=None,
    context: Toegangscontext | None = None,
    jeugdige=None,
    doel: str = "",
    uitkomst: Uitkomst = Uitkomst.GELUKT,
    details: str = "",
    namens: str = "",
    jeugdigen: Iterable[tuple[int, str]] = (),
) -> AuditRegel:
    """Append one row. ``details`` must never hold a BSN, name or health data. ``jeugdigen``:
    the (id, pseudonym) of every young person an export contained (``jeugdigen_in``).
    ``context``: who acts, on whose behalf, why and from where (``context.Toegangscontext``, built
    by the adapter); ``door``, ``doel`` and ``namens`` given here take precedence over it."""
    if door is None and context is not None:
        door = context.door
    ingelogd = door is not None and getattr(door, "is_authenticated", False)
    velden = {
        "tijdstip": timezone.now(),
        "gebruiker_id": door.pk if ingelogd else None,
        "gebruikersnaam": door.get_username() if ingelogd else "",
        "rol": getattr(door, "rol", "") if ingelogd else "",
        "organisatie": door.organisatie_omschrijving[:200] if ingelogd else "",
        "namens": bepaal_namens(namens=namens, door=door, context=context)[:200],
        "actie": str(actie),
        "objecttype": objecttype[:60],
        "object_id": str(object_id or "")[:64],
        "client_id": jeugdige.pk if jeugdige is not None else None,
        "client_pseudoniem": jeugdige.pseudoniem if jeugdige is not None else "",
        "doel": bepaal_doel(doel=doel, context=context, objecttype=objecttype)[:200],
        "uitkomst": str(uitkomst),
        "details": details[:500],
        "request_id": ((context.request_id if context is not None else "") or current_request_id())[:64],
        "bronadres": context.bronadres if context is not None else None,
    }
    jeugdigen = list(jeugdigen)
    with transaction.atomic():
        regel = AuditRegel(**velden, ketenhash=keten.schakel(_laatste_hash(), velden, jeugdigen))
        regel.save()
        AuditRegelJeugdige.objects.bulk_create(
            [AuditRegelJeugdige(regel=regel, client_id=i, client_pseudoniem=p) for i, p in jeugdigen],
            batch_size=2000,
        )
    return regel


def log_persoonsgegevens(
    *, actie: Actie, obj, jeugdige=None, door=None, context: Toegangscontext | None = None, **extra
) -> AuditRegel:
    return log(
        actie=actie,
        objecttype=obj._meta.label,
        object_id=obj.pk,
        jeugdige=jeugdige,
        door=door,
        context=context,
        **extra,
    )


def _stappen(regels):
    for regel in regels:
        velden = {veld: getattr(regel, veld) for veld in keten.VELDEN}
        kinderen = [(j.client_id, j.client_pseudoniem) for j in regel.jeugdigen.all()]
        yield regel.pk, velden, kinderen, regel.ketenhash


def verifieer_keten(*, chunk: int = 1000) -> keten.Verificatie:
    """Walk the whole chain in id order, streaming (R-P6)."""
    regels = AuditRegel.objects.order_by("id").prefetch_related("jeugdigen").iterator(chunk_size=chunk)
    return keten.loop_keten(_stappen(regels))


def verifieer_staart(*, aantal: int = 1000) -> keten.Verificatie:
    """R-P6 for the beheerder's home page (issue 19 §4): the last ``aantal`` links of the chain,
    from the stored hash of the row before them; quick, and it shows a recent break at once. The
    whole chain (and rows removed from its end) is for ``verifieer_keten`` and ``manage.py audit
    verifieer``."""
    gevonden = list(AuditRegel.objects.order_by("-id").values_list("id", flat=True)[aantal - 1 : aantal])
    if not gevonden:  # fewer rows than ``aantal``: the whole chain
        return verifieer_keten()
    eerste = gevonden[0]
    vorige = AuditRegel.objects.filter(id__lt=eerste).order_by("-id").values_list("ketenhash", flat=True).first()
    regels = AuditRegel.objects.filter(id__gte=eerste).order_by("id").prefetch_related("jeugdigen")
    return keten.loop_keten(_stappen(regels), vorige=vorige or keten.BEGIN)
