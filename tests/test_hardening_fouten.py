"""R-P8 hardening: the two server errors found by the attacker's test are regressions now.
A list export containing a Wonen referral, and a delivery with a volume of zero or less through
the API, answer normally (200 / 400 with a Dutch message) and a refusal changes nothing."""

import csv
import io

import pytest

from jeugdregie.toewijzingen.models import Levering

from .builders.route import gestart
from .builders.wonen import wonen


def test_export_verwijzingen_met_wonen_verwijzing_geeft_geen_serverfout(client, route):
    """R-P8: the referral export (any list with a Wonen referral, which has no keuzebudget)
    answered 500; it now exports the Wonen referral with an empty keuzebudget column."""
    ambulant = gestart(route).verwijzing
    verblijf = wonen(route).verwijzing
    client.force_login(route["gebruikers"]["toegang"])

    antwoord = client.get("/route/?export=csv")

    assert antwoord.status_code == 200
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    keuzebudget = {int(r[0]): r[5] for r in rijen[1:]}
    assert keuzebudget[verblijf.pk] == ""
    assert keuzebudget[ambulant.pk] == str(ambulant.keuzebudget)
    assert client.get("/route/?export=xlsx").status_code == 200


@pytest.mark.parametrize("volume", ["0", "-3", "0.00"])
def test_levering_met_volume_nul_of_negatief_via_api_geeft_400(client, route, volume):
    """R-P8: a delivery with volume <= 0 through the API answered 500 (the service raised its
    refusal wrongly); it now answers 400 with the Dutch message and registers nothing."""
    toewijzing = gestart(route)
    client.force_login(route["gebruikers"]["aanbieder"])

    antwoord = client.post(
        f"/api/v1/toewijzingen/{toewijzing.pk}/levering/",
        {"product": "45A03", "maand": "2026-04-15", "volume": volume},
        content_type="application/json",
    )

    assert antwoord.status_code == 400, antwoord.content
    assert antwoord.json()["fouten"] == [
        {"code": "TW025", "melding": "Het volume moet groter zijn dan 0.", "veld": "volume"}
    ]
    assert not Levering.objects.exists()
