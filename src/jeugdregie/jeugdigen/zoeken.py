from __future__ import annotations

from django.db.models import Q

from .bsn import is_geldig_bsn


def zoek(queryset, term: str):
    """Search by exact BSN or by (part of) a name."""
    term = (term or "").strip()
    if not term:
        return queryset
    if term.isdigit():
        return queryset.filter(bsn=term) if is_geldig_bsn(term) else queryset.none()
    q = Q()
    for woord in term.split()[:4]:
        q &= Q(achternaam__icontains=woord) | Q(voornamen__icontains=woord)
    return queryset.filter(q)
