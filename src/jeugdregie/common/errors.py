"""Base class for domain errors raised by services (STYLE.md §Writing 1 and 5)."""

from __future__ import annotations

from django.db import models


class DomainError(Exception):
    """A broken rule. ``code`` is a member of the app's error-code enum, ``message`` is Dutch
    and tells the user what to fix; ``field`` names the input at fault where there is one."""

    def __init__(self, code: models.TextChoices | str, message: str, *, field: str | None = None):
        super().__init__(message)
        self.code = str(code)
        self.message = message
        self.field = field

    def as_dict(self) -> dict[str, str]:
        data = {"code": self.code, "melding": self.message}
        if self.field:
            data["veld"] = self.field
        return data
