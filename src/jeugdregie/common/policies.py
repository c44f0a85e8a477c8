"""The one policy every app shares: being logged in (R-P4). It depends on Django's
authentication only, so ``common`` can default the scoping mixin's ``beleid`` to it; the role
policies live in each app's own ``policies`` module (``accounts.policies`` re-exports this one)."""

from __future__ import annotations


def is_ingelogd(gebruiker) -> bool:
    return bool(getattr(gebruiker, "is_authenticated", False))
