"""R-P7 (issue 22 §4): when the retention job anonymises a child, its casussen lose what the
casusregisseur wrote about the family: the step texts, the waakvlam findings, the reasons of a
change of casusregisseur and the explanation of afschalen. What remains are ids, steps, rondes,
outcomes and dates (the steering figures). Runs inside the job's transaction
(``abonnementen.IN_TRANSACTIE[Geanonimiseerd]``), so the child and its casussen are anonymised
together or not at all."""

from __future__ import annotations

from .models import Casus, Casusstap, Regiewissel, Waakvlamcontrole

GEANONIMISEERD = "(geanonimiseerd)"


def bij_anonimisering(gebeurtenis) -> int:
    """Blank the free texts of ``gebeurtenis.jeugdige_id``'s casussen; the number of steps blanked."""
    casussen = Casus.objects.filter(jeugdige_id=gebeurtenis.jeugdige_id)
    Waakvlamcontrole.objects.filter(casus__in=casussen).update(bevinding=GEANONIMISEERD)
    Regiewissel.objects.filter(casus__in=casussen).update(reden=GEANONIMISEERD)
    casussen.exclude(afschaling_toelichting="").update(afschaling_toelichting=GEANONIMISEERD)
    return Casusstap.objects.filter(casus__in=casussen).update(inhoud=GEANONIMISEERD)
