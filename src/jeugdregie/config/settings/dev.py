"""Local development on the embedded SQLite default (README: run command)."""

from .base import *  # noqa: F403

# Issue 16 §5: the synthetic region, the demo users and the demo messages are development and
# test only; production (settings/production.py) does not install them.
INSTALLED_APPS = [*INSTALLED_APPS, "jeugdregie.synthese"]  # noqa: F405

DEBUG = True
DEMO_GEBRUIKERS_TOEGESTAAN = True
