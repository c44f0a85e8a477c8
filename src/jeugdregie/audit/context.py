"""Purpose ("doel") and authority ("namens") of an audit row when the caller does not state them
(R-P2, R-P6: both are filled in every row).

Order: an explicit argument to ``services.log``; a surrounding ``audit_context(...)`` (management
commands, iJw intake, scheduled jobs); the ``doel`` the user stated on the page (``?doel=``); and
finally a default derived from the page or endpoint (its URL namespace and name) or, without a
request, from the object's app. ``namens`` defaults to the organisation the user acts for; for
the technical iJw user, the provider on whose behalf the exchange runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from jeugdregie.accounts.constants import ORGANISATIE, Rol

#: The purpose of each part of the application, by URL namespace or app label.
DOELEN = {
    "portaal": "startpagina en werkvoorraad",
    "jeugdigen": "toegang tot jeugdhulp: dossier van de jeugdige",
    "route": "verwijzing en toewijzing van jeugdhulp",
    "toewijzingen": "verwijzing en toewijzing van jeugdhulp",
    "budgetten": "budgetbewaking van toewijzingen",
    "declaraties": "controle en verwerking van declaraties",
    "betalingen": "betaling aan aanbieders",
    "verantwoording": "productieverantwoording",
    "ijw": "iJw-berichtenverkeer met aanbieders",
    "beheersing": "contractbeheersing (gepseudonimiseerd)",
    "begroting": "begrotingsbeheer",
    "audit": "toezicht op het auditlog (NEN 7513)",
    "organisaties": "beheer van organisaties",
    "catalogus": "beheer van de productcatalogus",
    "accounts": "gebruikers- en rechtenbeheer",
    "admin": "functioneel beheer",
}
ONBEKEND_DOEL = "uitvoering van de taak van de regio"
SYSTEEM = "Jeugdregie (systeemtaak)"


@dataclass(frozen=True)
class AuditContext:
    doel: str = ""
    namens: str = ""


_huidig: ContextVar[AuditContext] = ContextVar("audit_context", default=AuditContext())  # noqa: B039


@contextmanager
def audit_context(*, doel: str = "", namens: str = "") -> Iterator[None]:
    """Every audit row written inside names this purpose and authority unless it states its own."""
    buiten = _huidig.get()
    token = _huidig.set(AuditContext(doel=doel or buiten.doel, namens=namens or buiten.namens))
    try:
        yield
    finally:
        _huidig.reset(token)


def _app(objecttype: str) -> str:
    return objecttype.split(".", 1)[0] if "." in objecttype else ""


def bepaal_doel(*, doel: str, request, objecttype: str) -> str:
    if doel:
        return doel
    if _huidig.get().doel:
        return _huidig.get().doel
    if request is not None:
        gevraagd = request.GET.get("doel", "") if hasattr(request, "GET") else ""
        if gevraagd:
            return gevraagd
        match = getattr(request, "resolver_match", None)
        if match is not None:
            api = request.path.startswith("/api/")
            onderdeel = _app(objecttype) if api or not match.namespace else match.namespace.split(":")[0]
            kanaal = "API" if api else "pagina"
            return f"{DOELEN.get(onderdeel, ONBEKEND_DOEL)} ({kanaal} {match.view_name})"
        return f"{DOELEN.get(_app(objecttype), ONBEKEND_DOEL)} ({request.path})"
    return f"{DOELEN.get(_app(objecttype), ONBEKEND_DOEL)} (systeem)"


def is_technisch(gebruiker) -> bool:
    """The account a provider's iJw exchange acts as (``ijw.services.archief.technische_gebruiker``)."""
    return gebruiker.get_username().startswith("ijw-") and not gebruiker.has_usable_password()


def bepaal_namens(*, namens: str, door, request) -> str:
    if namens:
        return namens
    if _huidig.get().namens:
        return _huidig.get().namens
    if door is not None and getattr(door, "is_authenticated", False):
        organisatie = door.organisatie_omschrijving
        if not organisatie:
            return f"eigen account {door.get_username()} (geen organisatie)"
        soort = ORGANISATIE[Rol(door.rol)]
        if is_technisch(door):
            return f"iJw-uitwisseling namens {soort} {organisatie}"
        return f"{soort} {organisatie}"
    if request is not None:
        return "niet ingelogd"
    return SYSTEEM
