"""The crisis function's worklists (issue 3 §4): the toegang's retroactive crisisopvolging
requests (R-C2) and the crisisdienst's reports to assess (R-C3). The home page shows them after the
route's lists (``toewijzingen.werkvoorraad``)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from jeugdregie.toewijzingen.constants import VerzoekStatus
from jeugdregie.toewijzingen.werkvoorraad import Werkvoorraad, beperkte_lijst
from jeugdregie.verwijzingen.policies import AANBIEDER, GEMEENTE, bereik_route

from .models import Crisismelding, Crisisopvolgingsverzoek


def werkvoorraden(user, *, op: date) -> list[Werkvoorraad]:
    """R-P4: the toegang sees its municipality's requests; a crisisdienst (a provider with reports)
    its own reports; anyone else nothing."""
    bereik = bereik_route(user)
    if bereik is not None and bereik[0] == GEMEENTE:
        return [
            Werkvoorraad(
                _("Crisisopvolging: aanvragen achteraf"),
                beperkte_lijst(
                    Crisisopvolgingsverzoek.objects.filter(gemeente_id=bereik[1], status=VerzoekStatus.INGEDIEND)
                    .select_related("jeugdige", "aanbieder")
                    .order_by("-te_laat", "ingediend_op")
                ),
                _("Te laat: later dan 3 werkdagen na de start aangevraagd (R-C2)."),
            )
        ]
    if (
        bereik is not None
        and bereik[0] == AANBIEDER
        and Crisismelding.objects.filter(crisisdienst_id=bereik[1]).exists()
    ):
        return [
            Werkvoorraad(
                _("Crisismeldingen te beoordelen"),
                beperkte_lijst(
                    Crisismelding.objects.filter(crisisdienst_id=bereik[1], beoordeeld_op__isnull=True).order_by(
                        "gemeld_op"
                    )
                ),
                _("Binnen 4 uur na de melding beoordelen (R-C3)."),
            )
        ]
    return []
