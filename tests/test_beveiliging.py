import logging
import os
import subprocess
import sys

import pytest

from jeugdregie.common.logging import KeyValueFormatter, RedactBsnFilter

from .builders.beveiliging import REPO, _production_check


def test_inlogpogingen_worden_afgeremd(client, wereld):
    """Issue 2 §9: login throttling with django-axes; locked after 5 failures, even with the
    right password."""
    gebruiker = wereld["gebruikers"]["toegang"]
    for _ in range(5):
        client.post("/inloggen/", {"username": gebruiker.username, "password": "fout"})
    antwoord = client.post("/inloggen/", {"username": gebruiker.username, "password": "geheim-wachtwoord-1"})
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client.session


def test_inloggen_met_juist_wachtwoord(client, wereld):
    gebruiker = wereld["gebruikers"]["toegang"]
    antwoord = client.post("/inloggen/", {"username": gebruiker.username, "password": "geheim-wachtwoord-1"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/"
    # R-P5: the password alone does not open the portal; the second factor comes next
    # (the full login with both factors: tests/test_inloggen_tweefactor.py)
    assert client.get("/")["Location"].startswith("/inloggen/tweede-factor/")


def test_content_security_policy_header(client, db):
    antwoord = client.get("/inloggen/")
    csp = antwoord["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert antwoord["X-Frame-Options"] == "DENY"


def test_productie_weigert_te_starten_zonder_veilige_geheimen():
    """STYLE.md §Writing 9: production refuses to start with unsafe settings."""
    resultaat = _production_check(DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert resultaat.returncode != 0
    assert "DJANGO_SECRET_KEY ontbreekt" in resultaat.stderr
    resultaat = _production_check(
        DJANGO_SECRET_KEY="kort", JEUGDREGIE_PSEUDONIEM_SLEUTEL="x" * 40, DATABASE_URL="sqlite:////tmp/x.sqlite3"
    )
    assert resultaat.returncode != 0 and "te kort of onveilig" in resultaat.stderr


def test_productie_check_deploy_is_schoon():
    resultaat = _production_check(
        DJANGO_SECRET_KEY="p" * 20 + "-echt-geheim-" + "q" * 30,
        JEUGDREGIE_PSEUDONIEM_SLEUTEL="s" * 40,
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_productie_sleutels_alleen_via_https():
    """R-P5 (WebAuthn): production takes the relying party from its host name and refuses an http origin."""
    geheimen = {
        "DJANGO_SECRET_KEY": "p" * 20 + "-echt-geheim-" + "q" * 30,
        "JEUGDREGIE_PSEUDONIEM_SLEUTEL": "s" * 40,
        "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    }
    resultaat = _production_check(
        **geheimen,
        DJANGO_ALLOWED_HOSTS="jeugdregie.example.nl",
        JEUGDREGIE_WEBAUTHN_ORIGINS="http://jeugdregie.example.nl",
    )
    assert resultaat.returncode != 0 and "alleen via https" in resultaat.stderr
    basis = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "JEUGDREGIE_", "DATABASE_URL"))}
    afgeleid = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)",
        ],
        cwd=REPO,
        env={
            **basis,
            **geheimen,
            "DJANGO_SETTINGS_MODULE": "jeugdregie.config.settings.production",
            "DJANGO_ALLOWED_HOSTS": "10.0.0.5,jeugdregie.example.nl",
            "PYTHONPATH": str(REPO / "src"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert afgeleid.stdout.split() == ["jeugdregie.example.nl", "['https://jeugdregie.example.nl']"], afgeleid.stderr


def test_logregels_bevatten_geen_bsn():
    """Issue 2 §9: no BSN in application logs, even if code passes one by mistake."""
    record = logging.LogRecord("jeugdregie", logging.INFO, __file__, 1, "jeugdige %s opgezocht", ("111222333",), None)
    record.velden = {"bsn": "111222333", "jeugdige_id": 12}
    assert RedactBsnFilter().filter(record)
    regel = KeyValueFormatter().format(record)
    assert "111222333" not in regel
    assert "jeugdige_id=12" in regel and "[BSN?]" in regel


@pytest.mark.parametrize("pad", ["/jeugdigen/", "/api/v1/jeugdigen/"])
def test_te_grote_upload_wordt_geweigerd(client, wereld, pad, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(wereld["gebruikers"]["toegang"])
    antwoord = client.post(pad, data="x" * 5000, content_type="application/json")
    assert antwoord.status_code in (400, 403, 405, 413)


def test_request_id_overleeft_het_bsn_filter(monkeypatch):
    """R-P3 with issue 17: a request id never holds a run of nine digits, so the BSN filter never
    masks it and a gunicorn line, the application's lines and the audit row keep one id. A
    supplied id with such a run is replaced."""
    import uuid as uuid_module

    from jeugdregie.common import request_id
    from jeugdregie.common.logging import redact

    reeks = iter(["123456782abcdef0123456789abcdef0", "0123456789abcdef0123456789abcdef", "a" * 32])
    monkeypatch.setattr(request_id.uuid, "uuid4", lambda: uuid_module.UUID(next(reeks)))
    assert request_id.nieuw_request_id() == "0123456789abcdef0123456789abcdef"  # 10 digits: not a BSN

    def antwoord(request):
        from django.http import HttpResponse

        return HttpResponse()

    from django.test import RequestFactory

    verzoek = RequestFactory().get("/", HTTP_X_REQUEST_ID="proxy-123456782-x")
    antwoord_ = request_id.RequestIdMiddleware(antwoord)(verzoek)
    assert antwoord_["X-Request-ID"] != "proxy-123456782-x"
    assert redact(antwoord_["X-Request-ID"]) == antwoord_["X-Request-ID"]
