"""The audit context (issue 16 §4) and the purpose ("doel") and authority ("namens") of an audit
row when the caller does not state them (R-P2, R-P6: both are filled in every row).

``Toegangscontext`` is what a service needs to know about the call it serves: who acts, on whose
behalf, for what stated purpose, from which address, under which request id and through which
channel (page or API, and the view's name). Adapters (views, API views, the scoping mixin, iJw
handlers) build it once with ``context_uit_request(request)``; management commands and background
work pass none (or ``SYSTEEMCONTEXT``) and state their purpose with ``audit_context(...)``.
Services never see a request.

Order: an explicit argument to ``services.log``; a surrounding ``audit_context(...)`` (management
commands, iJw intake, scheduled jobs); the ``doel`` the user stated on the page (``?doel=``); and
finally a default derived from the page or endpoint (its URL namespace and name) or, without a
request, from the object's app. ``namens`` defaults to the organisation the user acts for; for
the technical iJw user, the provider on whose behalf the exchange runs.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jeugdregie.accounts.constants import ORGANISATIE, Rol

#: The purpose of each part of the application, by URL namespace or app label.
DOELEN = {
    "portaal": "startpagina en werkvoorraad",
    "werk": "werkvoorraad: werk verdelen en opvolgen",  # issue 19 §1: the full worklist pages
    "meldingen": "meldingen aan de organisatie",
    "jeugdigen": "toegang tot jeugdhulp: dossier van de jeugdige",
    "dossiers": "toegang tot jeugdhulp: dossier van de jeugdige",  # issue 19 §2: the dossier page
    "documenten": "toegang tot jeugdhulp: documenten in het dossier van de jeugdige",  # issue 20 §4
    "gezin": "toegang tot jeugdhulp: gezin, gezag en toestemming",  # issue 20 §1
    "beschikkingen": "besluiten van de toegang: beschikkingen aan jeugdige en gezin",  # issue 20 §2
    "bezwaar": "bezwaar en beroep tegen een beschikking",  # issue 20 §3
    "casusregie": "casusregie: regie op de hulp aan jeugdige en gezin",  # issue 22 §4, R-R3
    "taakgericht": "taakgerichte opdracht: verwijzing, start en stop van zorg, betaling en monitoring",  # R-R2
    "route": "verwijzing en toewijzing van jeugdhulp",
    "toewijzingen": "verwijzing en toewijzing van jeugdhulp",
    "verwijzingen": "verwijzing en toewijzing van jeugdhulp",
    "wonen": "toewijzing van Wonen en Verblijf",
    "crisis": "crisisfunctie: melding, beoordeling en crisisopvolging",
    "verzoeken": "verzoeken om toewijzing van aanbieders",
    "hulpverlening": "hulpverleningsplan en voortgang",
    "hswv": "inzet Hulp Samen Werken Vooraf",
    "overdracht": "overdracht tussen gemeenten (woonplaatsbeginsel)",
    "bewaring": "bewaartermijnen en rechten van betrokkenen (AVG)",
    "gebruikersbeheer": "gebruikers- en rechtenbeheer",
    "tokens": "beheer van API-tokens",
    "tweefactor": "inloggen met een tweede factor",
    "otp_webauthn": "inloggen met een beveiligingssleutel",
    "taken": "achtergrondtaken (systeem)",
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
class Toegangscontext:
    """Who acts, on whose behalf, why and from where; the audit row of every service call names it.

    ``door``: the acting user (may be anonymous); ``namens``: the authority stated by the caller
    (empty: derived from ``door``, ``bepaal_namens``); ``doel``: the purpose the user stated on the
    page (``?doel=``; empty: derived from the channel, ``bepaal_doel``); ``bronadres``: the client
    IP, canonical as stored, or None; ``request_id``: the request's id. ``kanaal`` is ``"pagina"``
    or ``"API"`` with the resolved ``view_name`` and its first URL ``namespace``; ``pad`` is the
    request path. A context without ``pad`` is a system context (no request)."""

    door: Any = None
    namens: str = ""
    doel: str = ""
    bronadres: str | None = None
    request_id: str = ""
    kanaal: str = ""
    view_name: str = ""
    namespace: str = ""
    pad: str = ""

    @property
    def via_verzoek(self) -> bool:
        """Whether the context comes from a request (a person at a page or an API client)."""
        return bool(self.pad)


#: Background work, management commands: no user, no address; the purpose comes from
#: ``audit_context(...)`` or the object's app.
SYSTEEMCONTEXT = Toegangscontext()


def bronadres(meta) -> str | None:
    """The client address of a request's ``META``, canonical as stored; None if not an IP."""
    try:
        return str(ipaddress.ip_address(meta.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def context_uit_request(request, *, namens: str = "") -> Toegangscontext:
    """The one adapter from a Django or DRF request to the audit context (issue 16 §4). Called by
    views, API views, the scoping mixin (``common/scoping.py`` through ``audit.toegangslog``) and
    iJw handlers, once per request, after authentication (the user is read here). No request (a
    signal sent without one): the system context."""
    if request is None:
        return SYSTEEMCONTEXT
    match = getattr(request, "resolver_match", None)
    pad = request.path or "/"
    gevraagd = request.GET.get("doel", "") if hasattr(request, "GET") else ""
    return Toegangscontext(
        door=getattr(request, "user", None),
        namens=namens,
        doel=gevraagd,
        bronadres=bronadres(getattr(request, "META", {})),
        request_id=getattr(request, "request_id", "") or "",
        kanaal=("API" if pad.startswith("/api/") else "pagina") if match is not None else "",
        view_name=match.view_name if match is not None else "",
        namespace=match.namespace.split(":")[0] if match is not None and match.namespace else "",
        pad=pad,
    )


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


def bepaal_doel(*, doel: str, context: Toegangscontext | None, objecttype: str) -> str:
    if doel:
        return doel
    if _huidig.get().doel:
        return _huidig.get().doel
    if context is not None and context.via_verzoek:
        if context.doel:
            return context.doel
        if context.kanaal:
            api = context.kanaal == "API"
            onderdeel = _app(objecttype) if api or not context.namespace else context.namespace
            return f"{DOELEN.get(onderdeel, ONBEKEND_DOEL)} ({context.kanaal} {context.view_name})"
        return f"{DOELEN.get(_app(objecttype), ONBEKEND_DOEL)} ({context.pad})"
    return f"{DOELEN.get(_app(objecttype), ONBEKEND_DOEL)} (systeem)"


def is_technisch(gebruiker) -> bool:
    """The account a provider's iJw exchange acts as (``ijw.services.archief.technische_gebruiker``)."""
    return gebruiker.get_username().startswith("ijw-") and not gebruiker.has_usable_password()


def bepaal_namens(*, namens: str, door, context: Toegangscontext | None) -> str:
    if namens:
        return namens
    if context is not None and context.namens:
        return context.namens
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
    if context is not None and context.via_verzoek:
        return "niet ingelogd"
    return SYSTEEM
