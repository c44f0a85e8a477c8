"""Kinds, channels and error codes of the beschikkingen (issue 20 §2, R-D1)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.verwijzingen.constants import Gebeurtenissoort


class BeschikkingSoort(models.TextChoices):
    """R-D1: the toegang decisions that produce a letter."""

    TOEWIJZING = "toewijzing", _("Toewijzing van jeugdhulp")
    WONEN = "wonen", _("Toewijzing van wonen")
    AANPASSING = "aanpassing", _("Besluit over een aanpassing")
    INTREKKING = "intrekking", _("Intrekking van jeugdhulp")
    BEEINDIGING = "beeindiging", _("Beëindiging van jeugdhulp")
    AFWIJZING = "afwijzing", _("Afwijzing")
    CRISISOPVOLGING = "crisisopvolging", _("Hulp na een crisis")


#: R-D1: which route event is which decision. Every other event of the route is no toegang
#: decision about the child (a provider's start or stop, a GP's referral, progress) and gets no
#: letter. An allocation made by honouring a provider's request or an aanmelding comes as its own
#: TOEWIJZING_AANGEMAAKT / INTENSITEIT_TOEGEWEZEN row, so the honouring rows are not listed.
SOORT_PER_GEBEURTENIS: dict[str, BeschikkingSoort] = {
    Gebeurtenissoort.TOEWIJZING_AANGEMAAKT: BeschikkingSoort.TOEWIJZING,
    Gebeurtenissoort.ZORGTOEWIJZING_WONEN: BeschikkingSoort.WONEN,
    Gebeurtenissoort.INTENSITEIT_TOEGEWEZEN: BeschikkingSoort.WONEN,
    Gebeurtenissoort.AANPASSING_BESLOTEN: BeschikkingSoort.AANPASSING,
    Gebeurtenissoort.TOEWIJZING_INGETROKKEN: BeschikkingSoort.INTREKKING,
    # R-D1 with R-D3: granted care ended early because the child moved to another municipality
    Gebeurtenissoort.TOEWIJZING_BEEINDIGD: BeschikkingSoort.BEEINDIGING,
    Gebeurtenissoort.VERZOEK_AFGEWEZEN: BeschikkingSoort.AFWIJZING,
    Gebeurtenissoort.AANMELDING_AFGEWEZEN: BeschikkingSoort.AFWIJZING,
    Gebeurtenissoort.CRISISOPVOLGING_AFGEWEZEN: BeschikkingSoort.AFWIJZING,
    Gebeurtenissoort.CRISISOPVOLGING_TOEGEWEZEN: BeschikkingSoort.CRISISOPVOLGING,
}


class Kanaal(models.TextChoices):
    """How the letter went out (R-D1): by post, digitally, or both when the addressees differ."""

    POST = "post", _("Per post")
    DIGITAAL = "digitaal", _("Digitaal")
    BEIDE = "beide", _("Per post en digitaal")


class Foutcode(models.TextChoices):
    GEEN_GEADRESSEERDE = "geen_geadresseerde", _("Geen geadresseerde")  # R-D1
    GEEN_BESLUIT = "geen_besluit", _("Geen besluit van de toegang")  # R-D1
    AL_VERZONDEN = "al_verzonden", _("Al verzonden")  # R-D1
    SJABLOON = "sjabloon", _("Sjabloon onvolledig")  # R-D1
