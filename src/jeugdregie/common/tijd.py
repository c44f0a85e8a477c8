"""The server owns time (R-B9): one place for "now" and "today". Moments are aware UTC datetimes;
a business date is the Europe/Amsterdam date (settings.TIME_ZONE) of a moment, never the UTC
date (between 00:00 and 02:00 Amsterdam time the UTC date is the day before)."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateField, Func
from django.db.models.functions import TruncMonth
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


class Maand(Func):
    """SQL: the first day of the month of a date, or of the Amsterdam month of a moment.

    On PostgreSQL Django's ``TruncMonth`` (native, in settings.TIME_ZONE). On SQLite Django
    truncates through a Python function called per row (about 40 s for a region's million
    lines); here it is native ``strftime``: a moment stored in UTC belongs to the Amsterdam
    month of UTC + 2 hours when its UTC month is March–September and UTC + 1 hour otherwise —
    only the last hours of a month can cross into the next, and at the end of March … September
    summer time is in force, at the end of October … February winter time (EU rule: summer time
    from the last Sunday of March to the last Sunday of October). ``tests/test_serverdatums.py``
    checks this against zoneinfo hour by hour."""

    output_field = DateField()

    def __init__(self, expressie, *, moment: bool = False):
        self.moment = moment
        super().__init__(expressie)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(TruncMonth(self.source_expressions[0], output_field=DateField()))
        return f"({sql})::date", params  # TruncMonth turns its timestamp into a date in Python

    def as_sqlite(self, compiler, connection, **extra):
        if self.moment and settings.TIME_ZONE != "Europe/Amsterdam":
            raise ImproperlyConfigured("Maand(moment=True) kent op SQLite alleen de tijdzone Europe/Amsterdam.")
        sql, params = compiler.compile(self.source_expressions[0])
        if not self.moment:
            return f"strftime('%%Y-%%m-01', {sql})", params
        verschuiving = (
            f"CASE WHEN CAST(strftime('%%m', {sql}) AS INTEGER) BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END"
        )
        return f"strftime('%%Y-%%m-01', {sql}, {verschuiving})", [*params, *params]
