"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set (README: test command)."""

from .base import *  # noqa: F403

DEBUG = False
DEMO_GEBRUIKERS_TOEGESTAAN = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
