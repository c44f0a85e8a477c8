"""R-R1 test setup: a region's rule set as if it had always held some values."""

from __future__ import annotations

from django.utils import timezone

from jeugdregie.organisaties.models import JEUGDWET, Regelset


def zet_regels(regio, **waarden) -> Regelset:
    """Set ``waarden`` on the version of ``regio``'s rule set valid from 2015-01-01 (made with the
    defaults when missing). Test setup only: it writes the past, which the service
    (``stel_regelset_vast``) rightly refuses; it runs no check, so a test can set what it needs."""
    regio_id = regio if isinstance(regio, int) else regio.pk
    versie, _ = Regelset.objects.get_or_create(
        regio_id=regio_id, geldig_vanaf=JEUGDWET, defaults={"vastgesteld_op": timezone.now()}
    )
    for naam, waarde in waarden.items():
        setattr(versie, naam, waarde)
    versie.save()
    return versie
