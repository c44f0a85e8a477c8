"""Local development on the embedded SQLite default (README: run command)."""

from .base import *  # noqa: F403

DEBUG = True
DEMO_GEBRUIKERS_TOEGESTAAN = True
