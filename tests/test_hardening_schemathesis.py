"""R-P8: a bounded schemathesis run over every API operation for two roles (a provider's token
and a municipality's token), in process against the Django WSGI application, on SQLite and
PostgreSQL like the rest of the suite. Any 5xx fails the test; the run reports what it tried.

Bound: SCHEMATHESIS_VOORBEELDEN examples per operation and role (positive and negative data),
deterministic (``derandomize``) so CI never flakes; about a minute on the CI machine.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from datetime import date

import hypothesis
import hypothesis.errors
import hypothesis.strategies as st
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.generation import GenerationMode

from jeugdregie.config.wsgi import application
from jeugdregie.organisaties.services import registreer_contract
from jeugdregie.tokens.services import maak_token

from .builders.route import gestart
from .builders.wonen import wonen

VOORBEELDEN = int(os.environ.get("SCHEMATHESIS_VOORBEELDEN", "5"))


@pytest.fixture
def wsgi_in_test_transactie():
    """Django closes the connection at the end of a request; inside the test's transaction that
    would end the test's data. The test client switches this off the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _schema():
    """The schema of the running code (identical to docs/openapi.yaml, which scripts/test checks)."""
    ruw = SchemaGenerator().get_schema(request=None, public=True)
    geladen = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(ruw)))
    geladen.app = application
    return geladen


def _echte_waarden(operatie) -> tuple[str, list]:
    """For an operation on one object (``{id}``, ``{code}``, ...): the parameter and up to five
    values of objects that exist. Half of the examples use one of them, so the fuzzing reaches
    the actions on real objects and not only 404s."""
    namen = re.findall(r"{(\w+)}", operatie.path)
    if len(namen) != 1:
        return "", []
    cls = getattr(resolve(operatie.path.replace(f"{{{namen[0]}}}", "1")).func, "cls", None)
    queryset = getattr(cls, "queryset", None)
    if queryset is None:
        return "", []
    veld = getattr(cls, "lookup_field", "pk")
    return namen[0], list(queryset.model.objects.order_by("pk").values_list(veld, flat=True)[:5])


def _gegevens(route) -> dict[str, str]:
    """A small region with a referral, a started allocation and a Wonen allocation, and one API
    token per role."""
    gestart(route)
    wonen(route)
    registreer_contract(
        aanbieder=route["andere_aanbieder"],
        nummer="C-X",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=["45A01"],
    )
    return {
        rol: maak_token(gebruiker=route["gebruikers"][rol], door=None, omschrijving="schemathesis").sleutel
        for rol in ("aanbieder", "toegang")
    }


@pytest.mark.slow
def test_geen_serverfout_op_enig_api_endpoint_voor_aanbieder_en_gemeente(route, wsgi_in_test_transactie, capsys):
    """R-P8: schemathesis over every endpoint, for a provider and a municipality, finds no 5xx."""
    tokens = _gegevens(route)
    schema = _schema()
    pogingen: Counter[str] = Counter()
    statussen: Counter[int] = Counter()
    fouten: list[str] = []
    zonder_negatief: set[str] = set()
    begin = time.monotonic()

    def proef(operatie, modus, rol, sleutel):
        parameter, waarden = _echte_waarden(operatie)

        @hypothesis.settings(
            max_examples=VOORBEELDEN,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(case=operatie.as_strategy(generation_mode=modus), keuze=st.integers(0, 9))
        def probeer(case, keuze):
            if waarden and keuze < 5:
                case.path_parameters[parameter] = waarden[keuze % len(waarden)]
            antwoord = case.call(headers={"Authorization": f"Token {sleutel}"})
            pogingen[rol] += 1
            statussen[antwoord.status_code] += 1
            if antwoord.status_code >= 500:
                fouten.append(
                    f"{rol} {case.method} {case.formatted_path} -> {antwoord.status_code}: {case.as_curl_command()}"
                )

        try:
            probeer()
        except hypothesis.errors.Unsatisfiable:
            # An operation without any input that can be made invalid has no negative cases.
            if modus != GenerationMode.NEGATIVE:
                raise
            zonder_negatief.add(operatie.label)

    operaties = [resultaat.ok() for resultaat in schema.get_all_operations()]
    for operatie in operaties:
        for rol, sleutel in tokens.items():
            for modus in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                proef(operatie, modus, rol, sleutel)

    duur = time.monotonic() - begin
    with capsys.disabled():
        print(
            f"\nschemathesis (R-P8): {len(operaties)} operaties, {sum(pogingen.values())} verzoeken "
            f"({dict(pogingen)}), statussen {dict(sorted(statussen.items()))}, 5xx: {len(fouten)}, "
            f"{duur:.0f} s; zonder ongeldige invoer: {sorted(zonder_negatief)}"
        )
    assert not fouten, "\n".join(fouten[:20])
    assert len(operaties) >= 60 and sum(pogingen.values()) >= len(operaties) * 2  # every endpoint, both roles
