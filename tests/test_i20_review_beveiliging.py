"""Review of issue 20 as an attacker (R-D1 pages, R-P1).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

import pytest

from .builders.beschikkingen import DATUM, beschikking_van, toewijzing
from .builders.gezin import ouder_met_gezag
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def brief(route):
    ouder_met_gezag(route["jeugdige_zwolle"])
    with op_de_dag(DATUM):
        return beschikking_van(toewijzing(route)).beschikking


@pytest.mark.parametrize("terug", ["https://evil.example/inloggen", "//evil.example/inloggen"])
def test_verzenden_stuurt_niet_door_naar_een_ander_domein(client, route, brief, terug):
    """R-D1 dispatch page (``beschikkingen/views.py`` ``Verzenden.post``): after recording the
    dispatch it answers ``redirect(request.POST.get("terug") or ...)`` without checking the
    target (``url_has_allowed_host_and_scheme``). A crafted "verzend" button (e.g. in an e-mail
    or an injected page that carries the user's form) sends a logged-in toegang worker, right
    after a real action in the product, to a look-alike login page: an open redirect."""
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post(f"/beschikkingen/{brief.pk}/verzenden/", {"terug": terug})
    assert antwoord.status_code == 302
    assert "evil.example" not in antwoord["Location"]
