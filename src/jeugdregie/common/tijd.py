"""The server owns time (R-B9): one place for "now" and "today". Moments are aware UTC datetimes;
a business date is the Europe/Amsterdam date (settings.TIME_ZONE) of a moment, never the UTC
date (between 00:00 and 02:00 Amsterdam time the UTC date is the day before)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def nu() -> datetime:
    """The server's current moment (aware, UTC)."""
    return timezone.now()


def vandaag() -> date:
    """Today in Amsterdam: the date every filing, receipt, request and decision gets (R-B9)."""
    return timezone.localdate()


def datum_van(moment: datetime) -> date:
    """The Amsterdam date of a moment (R-B9)."""
    return timezone.localdate(moment)
