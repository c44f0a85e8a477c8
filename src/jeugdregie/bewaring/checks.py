"""System checks (``manage.py check``, run at every start): refuse retention settings that break
the law, such as an audit term shorter than 5 years (R-P7, NEN 7513)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from .termijnen import fouten_in, instellingen


@register()
def controleer_bewaartermijnen(app_configs=None, **kwargs) -> list[Error]:
    meldingen = [Error(f, id="bewaring.E001") for f in fouten_in(instellingen())]
    per_regio = getattr(settings, "JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO", {}) or {}
    for code in per_regio:
        meldingen += [Error(f"regio {code}: {f}", id="bewaring.E001") for f in fouten_in(instellingen(code))]
    return meldingen
