"""Issue 16 §4: services receive an explicit audit context, never the request (R-P2, R-P6).

Adapters (pages, API views, the scoping mixin, iJw handlers) build one ``Toegangscontext`` per
request with ``context_uit_request``; services log with it. These tests pin that no service looks
at a request, that a service writes exactly the context it was given, and that a page and an API
endpoint still write the audit rows they wrote before the change."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import SYSTEEM, Toegangscontext, audit_context
from jeugdregie.audit.models import AuditRegel
from jeugdregie.jeugdigen.services import registreer_jeugdige

from .builders.declaraties import body, post, regel_json
from .builders.route import gestart

BRON = Path(__file__).resolve().parent.parent / "src" / "jeugdregie"
VERBODEN_IMPORTS = ("django.http", "rest_framework.request")


def _servicemodules() -> list[Path]:
    return sorted({*BRON.glob("*/services*.py"), *BRON.glob("*/services/*.py")})


def _overtredingen(bron: str, naam: str) -> list[str]:
    """What in one service module looks at a request: a parameter named ``request`` (any function,
    method or lambda) or an import of ``django.http`` / ``rest_framework.request``."""
    gevonden = []
    for knoop in ast.walk(ast.parse(bron, filename=naam)):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            a = knoop.args
            parameters = [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, [a.vararg, a.kwarg])]
            if any(p.arg == "request" for p in parameters):
                gevonden.append(f"{naam}:{knoop.lineno} parameter 'request'")
        modules: list[str] = []
        if isinstance(knoop, ast.Import):
            modules = [alias.name for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            modules = [knoop.module, *(f"{knoop.module}.{alias.name}" for alias in knoop.names)]
        for module in modules:
            if any(module == v or module.startswith(f"{v}.") for v in VERBODEN_IMPORTS):
                gevonden.append(f"{naam}:{knoop.lineno} import {module}")
    return gevonden


def test_geen_service_kent_het_request():
    """Issue 16 §4: no function in a service module (``<app>/services*.py``,
    ``<app>/services/*.py``) has a parameter ``request``, and none imports ``django.http`` or
    ``rest_framework.request``: services get an explicit ``Toegangscontext``."""
    modules = _servicemodules()
    assert len(modules) > 40  # the glob finds the service modules (guards against a moved tree)
    overtredingen = [o for pad in modules for o in _overtredingen(pad.read_text(), str(pad.relative_to(BRON)))]
    assert overtredingen == []


def test_de_statische_controle_vindt_een_request_parameter_en_een_http_import():
    """Given a service module that takes a request or imports the HTTP layer, when checked,
    then each is reported (the check above can fail)."""
    bron = (
        "from django.http import HttpRequest\n"
        "import rest_framework.request\n"
        "from rest_framework import request\n"
        "def meld_aan(*, door, request=None):\n    pass\n"
        "class X:\n    def m(self, request):\n        pass\n"
        "def goed(*, door, context=None):\n    pass\n"
    )
    assert _overtredingen(bron, "x/services.py") == [
        "x/services.py:1 import django.http",
        "x/services.py:1 import django.http.HttpRequest",
        "x/services.py:2 import rest_framework.request",
        "x/services.py:3 import rest_framework.request",
        "x/services.py:4 parameter 'request'",
        "x/services.py:7 parameter 'request'",
    ]


def test_service_schrijft_precies_de_gegeven_context(wereld):
    """R-P2, R-P6. Given an explicit audit context (user, authority, purpose, address, request id),
    when a service that writes personal data is called with it, then its audit row carries
    exactly those values."""
    toegang = wereld["gebruikers"]["toegang"]
    context = Toegangscontext(
        door=toegang,
        namens="college van B&W Zwolle (mandaat toegang)",
        doel="onderzoek naar de hulpvraag",
        bronadres="2001:db8::7",
        request_id="ctx-test-00000001",
        kanaal="pagina",
        view_name="jeugdigen:nieuw",
        namespace="jeugdigen",
        pad="/jeugdigen/nieuw/",
    )
    jeugdige = registreer_jeugdige(
        bsn="111222333",
        voornamen="Noor",
        achternaam="de Vries",
        geboortedatum=date(2014, 3, 1),
        geslacht="2",
        gemeente=wereld["zwolle"],
        door=toegang,
        context=context,
    )
    regel = AuditRegel.objects.get()
    assert (regel.actie, regel.objecttype, regel.object_id, regel.client_id) == (
        "aanmaken",
        "jeugdigen.Jeugdige",
        str(jeugdige.pk),
        jeugdige.pk,
    )
    assert (regel.gebruiker_id, regel.gebruikersnaam, regel.namens, regel.doel, regel.bronadres, regel.request_id) == (
        toegang.pk,
        toegang.username,
        "college van B&W Zwolle (mandaat toegang)",
        "onderzoek naar de hulpvraag",
        "2001:db8::7",
        "ctx-test-00000001",
    )


def test_zonder_verzoek_geldt_de_systeemcontext_en_audit_context(wereld):
    """R-P2. Given no request (a management command), when a service runs inside
    ``audit_context``, then the row names that purpose, the system as authority and no address."""
    with audit_context(doel="nachtelijke herberekening"):
        registreer_jeugdige(
            bsn="111222333",
            voornamen="Noor",
            achternaam="de Vries",
            geboortedatum=date(2014, 3, 1),
            geslacht="2",
            gemeente=wereld["zwolle"],
        )
    regel = AuditRegel.objects.get()
    assert (regel.gebruiker_id, regel.namens, regel.doel, regel.bronadres) == (
        None,
        SYSTEEM,
        "nachtelijke herberekening",
        None,
    )


def _velden(regel: AuditRegel) -> tuple:
    return (
        regel.actie,
        regel.objecttype,
        regel.object_id,
        regel.client_id,
        regel.gebruikersnaam,
        regel.namens,
        regel.doel,
        regel.uitkomst,
        regel.details,
        regel.request_id,
        regel.bronadres,
    )


def test_pagina_schrijft_dezelfde_leesregel_als_voorheen(client, wereld):
    """R-P2, R-P6. Given a toegang user, when the dossier page is opened without a stated purpose,
    then the scoping mixin's read row has the purpose derived from the page, the user's
    municipality as authority, the request id and the client address: as before issue 16 §4."""
    gebruiker, jeugdige = wereld["gebruikers"]["toegang"], wereld["jeugdige_zwolle"]
    client.force_login(gebruiker)
    assert client.get(f"/jeugdigen/{jeugdige.pk}/", HTTP_X_REQUEST_ID="ctx-pagina-0001").status_code == 200
    regel = AuditRegel.objects.zonder_inloggen().get()
    assert _velden(regel) == (
        "lezen",
        "jeugdigen.Jeugdige",
        str(jeugdige.pk),
        jeugdige.pk,
        gebruiker.username,
        "gemeente Zwolle",
        "toegang tot jeugdhulp: dossier van de jeugdige (pagina jeugdigen:detail)",
        "gelukt",
        "",
        "ctx-pagina-0001",
        "127.0.0.1",
    )


def test_api_schrijft_dezelfde_regels_als_voorheen(client, wereld):
    """R-P2, R-P6. Given a toegang user, when a young person is registered and then read through
    the API, then the service's create row and the mixin's read row carry the API's purpose, the
    municipality as authority, the request id and the address: as before issue 16 §4."""
    gebruiker = wereld["gebruikers"]["toegang"]
    client.force_login(gebruiker)
    nieuw = {
        "bsn": "111222333",
        "voornamen": "Noor",
        "achternaam": "de Vries",
        "geboortedatum": "2014-03-01",
        "geslacht": "2",
        "gemeente": wereld["zwolle"].cbs_code,
    }
    antwoord = client.post(
        "/api/v1/jeugdigen/", nieuw, content_type="application/json", HTTP_X_REQUEST_ID="ctx-api-0001"
    )
    assert antwoord.status_code == 201, antwoord.content
    pk = antwoord.json()["id"]
    assert client.get(f"/api/v1/jeugdigen/{pk}/", HTTP_X_REQUEST_ID="ctx-api-0002").status_code == 200
    assert [_velden(r) for r in AuditRegel.objects.zonder_inloggen().order_by("id")] == [
        (
            "aanmaken",
            "jeugdigen.Jeugdige",
            str(pk),
            pk,
            gebruiker.username,
            "gemeente Zwolle",
            "toegang tot jeugdhulp: dossier van de jeugdige (API jeugdige-list)",
            "gelukt",
            "",
            "ctx-api-0001",
            "127.0.0.1",
        ),
        (
            "lezen",
            "jeugdigen.Jeugdige",
            str(pk),
            pk,
            gebruiker.username,
            "gemeente Zwolle",
            "toegang tot jeugdhulp: dossier van de jeugdige (API jeugdige-detail)",
            "gelukt",
            "",
            "ctx-api-0002",
            "127.0.0.1",
        ),
    ]


def test_declaratie_via_api_logt_de_intakeservice_eenmaal(client, route):
    """R-P2, R-B5. Given a provider, when it submits a declaration through the API and then the same
    one again, then the intake service wrote one create row, with the API's context, and the
    replay none (it created nothing; the adapter no longer logs)."""
    inzending = body(route, regel_json(gestart(route), "R1"))
    assert post(client, route, inzending).status_code == 201
    assert post(client, route, inzending).status_code == 200
    gebruiker = route["gebruikers"]["aanbieder"]
    regels = AuditRegel.objects.filter(actie=Actie.AANMAKEN, objecttype="declaraties.Declaratie")
    [regel] = regels
    assert _velden(regel)[4:9] == (
        gebruiker.username,
        f"aanbieder {route['aanbieder'].naam}",
        "controle en verwerking van declaraties (API declaratie-list)",
        "gelukt",
        "",
    )
    assert regel.bronadres == "127.0.0.1" and regel.request_id


def test_elk_onderdeel_heeft_een_doel_in_het_auditlog():
    """R-P6 (NEN 7513): every app and every page namespace names its purpose in the audit log.
    Issue 16: the apps split off toewijzingen (verwijzingen, crisis, wonen, …) had none and logged
    "uitvoering van de taak van de regio" where the old rows said "verwijzing en toewijzing"."""
    from django.apps import apps
    from django.urls import get_resolver

    from jeugdregie.audit.context import DOELEN

    zonder_persoonsgegevens = {"common", "synthese", "gezondheid"}  # no audited access
    labels = {a.label for a in apps.get_app_configs() if a.name.startswith("jeugdregie.")}
    namespaces = set(get_resolver().namespace_dict)
    assert sorted((labels | namespaces) - zonder_persoonsgegevens - set(DOELEN)) == []
