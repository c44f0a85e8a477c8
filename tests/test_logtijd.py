"""Issue 17 review: every process logs the same clock (gunicorn's master, which loads no Django
settings, logged UTC; its workers Dutch time), and gunicorn's access line counts the bytes of a
static file sent with ``sendfile`` (WhiteNoise), which gunicorn itself does not count."""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.conf import settings

from jeugdregie.common.logging import LOGTIJDZONE, KeyValueFormatter
from jeugdregie.config.gunicorn_logboek import verzonden


@pytest.fixture
def proces_in_utc():
    """A process whose TZ is UTC, as gunicorn's master in a container."""
    oud = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if oud is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = oud
    time.tzset()


def _regel(moment: datetime) -> str:
    record = logging.LogRecord("gunicorn.error", logging.INFO, __file__, 1, "Starting gunicorn", (), None)
    record.created = moment.timestamp()
    return KeyValueFormatter().format(record)


def test_logtijd_is_nederlandse_tijd_met_offset_ook_in_een_proces_in_utc(proces_in_utc):
    assert time.localtime(0).tm_zone == "UTC"
    assert _regel(datetime(2027, 1, 15, 12, 0, tzinfo=UTC)).startswith("tijd=2027-01-15T13:00:00+01:00 niveau=INFO")
    assert _regel(datetime(2027, 7, 15, 12, 0, tzinfo=UTC)).startswith("tijd=2027-07-15T14:00:00+02:00 ")


def test_logtijd_onderscheidt_het_uur_dat_de_klok_terug_gaat():
    """25 October 2026, 02:30 happens twice in Amsterdam; the offset tells them apart."""
    eerste = _regel(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    tweede = _regel(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    assert eerste.startswith("tijd=2026-10-25T02:30:00+02:00")
    assert tweede.startswith("tijd=2026-10-25T02:30:00+01:00")


def test_logtijdzone_is_de_tijdzone_van_de_instellingen():
    assert LOGTIJDZONE.key == settings.TIME_ZONE


def _antwoord(**velden):
    return SimpleNamespace(**{"sent": 0, "status_code": 200, "response_length": None, **velden})


def test_toegangsregel_telt_de_bytes_van_een_bestand_via_sendfile():
    """WhiteNoise's file goes out with sendfile: gunicorn's ``sent`` stays 0 while the whole
    ``Content-Length`` was sent."""
    assert verzonden(_antwoord(sent=0, response_length=18234), "GET") == 18234
    assert verzonden(_antwoord(sent=512, response_length=512), "GET") == 512  # written by gunicorn
    assert verzonden(_antwoord(sent=900, response_length=None), "GET") == 900  # chunked


def test_toegangsregel_telt_geen_bytes_zonder_inhoud():
    assert verzonden(_antwoord(response_length=18234), "HEAD") == 0
    assert verzonden(_antwoord(status_code=304, response_length=18234), "GET") == 0
    assert verzonden(_antwoord(status_code=204), "GET") == 0
    assert verzonden(SimpleNamespace(), "GET") == "-"
