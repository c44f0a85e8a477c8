"""Read-side of the JW315 requests: the toegang reads its municipality's, a provider its own (R-P1;
``toewijzingen.policies.bereik_crisis_en_hswv``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.querysets import toegang_of_aanbieder

from .constants import VERZOEK_ONDERHANDEN


class ToewijzingsverzoekQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang sees the JW315 requests addressed to its municipality, a provider its own (R-P1)."""
        return toegang_of_aanbieder(self, user, aanbieder_veld="aanbieder_id")

    def onderhanden(self):
        """Open or under investigation: not yet answered by a refusal or an allocation (TR374)."""
        return self.filter(status__in=VERZOEK_ONDERHANDEN)
