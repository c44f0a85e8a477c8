"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set (README: test command)."""

from os import getpid as _getpid
from pathlib import Path as _Path
from tempfile import gettempdir as _gettempdir

from .base import *  # noqa: F403

# Issue 16 §5: the synthetic region, the demo users and the demo messages are development and
# test only; production (settings/production.py) does not install them.
INSTALLED_APPS = [*INSTALLED_APPS, "jeugdregie.synthese"]  # noqa: F405

DEBUG = False
DEMO_GEBRUIKERS_TOEGESTAAN = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
JEUGDREGIE_TWEE_FACTOREN = True  # R-P5: the suite runs with two factors enforced (tests/inloggen.py)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # issue 20 §4: local files in the suite (no network); tests/test_documenten.py checks the S3 entry
    "documenten": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}
# Uploaded documents of the suite go to a temporary folder per process, never into ./var.
MEDIA_ROOT = _Path(_gettempdir()) / f"jeugdregie-test-media-{_getpid()}"
# R-P8: the suite makes many API calls from one address within a minute; the throttle tests set
# small rates with override_settings (common/throttling.py reads them per request).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"user": "100000/minute", "anon": "100000/minute", "adres": "100000/minute"},
}
# Issue 17 part B: the suite's own process never talks to a broker (an after-commit task stays in
# kombu's in-memory queue); the tests with Redis and real workers send to CELERY_BROKER_URL
# themselves (tests/test_taken_redis.py).
CELERY_BROKER_URL = "memory://"
# Issue 18: every call of a compiled query (common.vaste_query) is compared with its plain queryset.
JEUGDREGIE_VASTE_QUERY_CONTROLE = True
JEUGDREGIE_BROKER_INGEBOUWD = True  # nothing external to check in /gereedheid/
# Every /gereedheid/ request runs its checks in the suite (tests change the state between two
# requests); tests/test_gezondheid.py shows the cache with the production value.
JEUGDREGIE_GEREEDHEID_CACHE_SECONDEN = 0.0
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
# Charts stay per process in the suite (many chart tests need no database).
CACHES = {**CACHES, "grafieken": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "grafieken"}}  # noqa: F405
# Issue 18: the rollup's engine (DuckDB) reads the database through its own connection, which an
# in-memory SQLite database does not allow: the suite's SQLite database is a file (one per
# process; pytest-django adds the xdist worker's suffix).
# It commits without waiting for the disk: the rollup's tests commit (a test database is thrown
# away, so losing it to a crash is no loss).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os as _os
    import tempfile as _tempfile

    _bestand = f"{_tempfile.gettempdir()}/jeugdregie-test-{_os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": _bestand}  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "init_command": "PRAGMA synchronous = OFF",
    }
