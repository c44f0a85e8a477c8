"""How long a session lives (R-P5): 15 minutes idle, and an absolute limit, on the server's clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from .klok import AMSTERDAM

BEGIN = datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)


def test_instellingen_sessieduur():
    """R-P5: the defaults are 15 minutes idle and 10 hours in all; the cookie lives no longer."""
    assert settings.JEUGDREGIE_SESSIE_INACTIEF_MINUTEN == 15
    assert settings.JEUGDREGIE_SESSIE_MAX_UREN == 10
    assert settings.SESSION_COOKIE_AGE == 10 * 60 * 60


def test_sessie_eindigt_na_15_minuten_zonder_verzoek(client, wereld, klok):
    """R-P5: a request within 15 minutes keeps the session; after 15 minutes of silence the user
    is logged out and sent to the login page with a Dutch message."""
    client.force_login(wereld["gebruikers"]["toegang"])
    klok(BEGIN)
    assert client.get("/jeugdigen/").status_code == 200
    klok(BEGIN + timedelta(minutes=15))
    assert client.get("/jeugdigen/").status_code == 200
    klok(BEGIN + timedelta(minutes=30, seconds=1))
    antwoord = client.get("/jeugdigen/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/?next=%2Fjeugdigen%2F"
    assert "_auth_user_id" not in client.session
    assert "Uw sessie is verlopen" in client.get("/inloggen/").content.decode()


def test_api_sessie_verloopt_ook(client, wereld, klok):
    """R-P5: the idle limit holds for session calls to the API too."""
    client.force_login(wereld["gebruikers"]["aanbieder"])
    klok(BEGIN)
    assert client.get("/api/v1/jeugdigen/").status_code == 200
    klok(BEGIN + timedelta(minutes=16))
    assert client.get("/api/v1/jeugdigen/").status_code in (401, 403)
    assert "_auth_user_id" not in client.session


def test_sessie_eindigt_na_maximale_duur_ook_als_hij_gebruikt_wordt(client, wereld, klok):
    """R-P5: the absolute limit ends a session that was active all along."""
    client.force_login(wereld["gebruikers"]["beheerder"])
    moment = BEGIN
    klok(moment)
    assert client.get("/audit/").status_code == 200
    while moment < BEGIN + timedelta(hours=10) - timedelta(minutes=10):
        moment += timedelta(minutes=10)
        klok(moment)
        assert client.get("/").status_code == 200, moment
    klok(BEGIN + timedelta(hours=10, minutes=1))
    antwoord = client.get("/audit/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/?next=")
    assert "_auth_user_id" not in client.session
