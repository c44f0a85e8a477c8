"""Read-side of the crisis function: the toegang reads its municipality's rows, the crisisdienst
and the provider their own (R-P1, R-P4; ``toewijzingen.policies.bereik_crisis_en_hswv``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.querysets import toegang_of_aanbieder


class CrisismeldingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang sees reports for its municipality; the crisisdienst its own reports."""
        return toegang_of_aanbieder(self, user, aanbieder_veld="crisisdienst_id")


class CrisisverzoekQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return toegang_of_aanbieder(self, user, aanbieder_veld="aanbieder_id")
