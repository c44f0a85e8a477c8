"""Read-side of the HSWV inzet (R-X1, R-P1; ``toewijzingen.policies.bereik_crisis_en_hswv``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.querysets import toegang_of_aanbieder


class HswvQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang sees the HSWV inzet for its municipality, the collective its own, a GI the
        ones it called on the collective for (R-X1, R-P1)."""
        return toegang_of_aanbieder(self, user, aanbieder_veld="collectief_id", verwijzer_veld="verwijzer_id")
