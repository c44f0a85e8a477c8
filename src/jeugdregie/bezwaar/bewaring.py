"""R-P7 (issue 20 §3): when the retention job anonymises a child, its objections lose what names
a person or a court file: the objector (``indiener``, in practice a parent by name) and the
appeal's court case number. The job's schema walk already blanks the free texts (grounds,
motivations); a name in a short field it does not know. Runs inside the job's transaction
(``abonnementen.IN_TRANSACTIE[Geanonimiseerd]``), so the child and its objections are anonymised
together or not at all."""

from __future__ import annotations

from .models import Beroep, Bezwaar

GEANONIMISEERD = "(geanonimiseerd)"


def bij_anonimisering(gebeurtenis) -> int:
    """Blank the objector and the case numbers of ``gebeurtenis.jeugdige_id``'s objections."""
    bezwaren = Bezwaar.objects.filter(jeugdige_id=gebeurtenis.jeugdige_id)
    Beroep.objects.filter(bezwaar__in=bezwaren).update(zaaknummer="")
    return bezwaren.update(indiener=GEANONIMISEERD)
