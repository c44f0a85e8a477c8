"""The one helper that reads settings from the environment (STYLE.md §Writing 9).

Every variable the application reads is listed in ``.env.example`` at the repository root.
"""

from __future__ import annotations

import os
from datetime import date

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "ja", "on"}
_FALSE = {"0", "false", "no", "nee", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return ``name`` from the environment; without a default the variable is required."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"Omgevingsvariabele {name} ontbreekt.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"Omgevingsvariabele {name} moet ja/nee zijn, niet {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_date(name: str) -> date | None:
    """An optional date in the form JJJJ-MM-DD; unset or empty is None."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Omgevingsvariabele {name} moet een datum JJJJ-MM-DD zijn, niet {value!r}."
        ) from None
