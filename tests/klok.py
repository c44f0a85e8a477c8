"""The server's clock in tests (R-B9: the server sets every date a rule depends on).

- ``klok`` (fixture, conftest.py) freezes the moment: ``timezone.now``, and with it every date
  and event time. A date means noon in Amsterdam.
- ``op_de_dag(dag)`` only sets the server's calendar date (``timezone.localdate()`` without a
  moment, which ``common.tijd.vandaag`` reads); moments and event times keep running. For
  helpers that file or decide "on a day" amid other steps taken at the real time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone as dj_timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def moment(wanneer: date | datetime) -> datetime:
    """Aware UTC, like ``timezone.now()``."""
    if not isinstance(wanneer, datetime):
        wanneer = datetime.combine(wanneer, time(12), tzinfo=AMSTERDAM)
    return wanneer.astimezone(UTC)


@contextmanager
def op_de_dag(dag: date) -> Iterator[date]:
    """Run the block with ``dag`` as the server's date of today."""
    echt = dj_timezone.localdate

    def localdate(value=None, timezone=None):
        return dag if value is None else echt(value, timezone)

    with mock.patch.object(dj_timezone, "localdate", localdate):
        yield dag


@contextmanager
def op_het_moment(wanneer: date | datetime) -> Iterator[datetime]:
    """Run the block with the server's clock at ``wanneer`` (``timezone.now`` and today), then
    give the clock back: for a helper that registers something "as it happens" amid a test."""
    nu = moment(wanneer)
    with mock.patch.object(dj_timezone, "now", lambda: nu), op_de_dag(dj_timezone.localdate(nu)):
        yield nu
