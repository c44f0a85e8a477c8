"""Issue 19 §3: the unread count of the user's inbox for the navigation (``templates/base.html``):
one counting query per page, and none for anyone without an inbox (anonymous, finance, the
regional roles)."""

from __future__ import annotations

from jeugdregie.verwijzingen.models import Melding
from jeugdregie.verwijzingen.policies import mag_meldingen_zien


def meldingen(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not mag_meldingen_zien(user):
        return {}
    return {"meldingen_ongelezen": Melding.objects.voor_gebruiker(user).ongelezen(user).count()}
