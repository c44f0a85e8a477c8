"""Statuses, outcomes, event kinds and error codes of bezwaar and beroep (issue 20 §3, R-D2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BezwaarStatus(models.TextChoices):
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    BESLOTEN = "besloten", _("Besloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


#: Lifecycle (STYLE.md §Writing 4): status -> allowed next statuses. Hearing, advice and the one
#: extension happen while in behandeling; a decision or a withdrawal by the objector ends it.
BEZWAAR_OVERGANGEN = {
    BezwaarStatus.IN_BEHANDELING: {BezwaarStatus.BESLOTEN, BezwaarStatus.INGETROKKEN},
    BezwaarStatus.BESLOTEN: set(),
    BezwaarStatus.INGETROKKEN: set(),
}


class Uitkomst(models.TextChoices):
    """R-D2: the decision on the objection (Awb 7:11)."""

    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")


class BeroepStatus(models.TextChoices):
    INGESTELD = "ingesteld", pgettext_lazy("beroep", "Ingesteld")
    UITSPRAAK = "uitspraak", _("Uitspraak gedaan")


class Bezwaargebeurtenissoort(models.TextChoices):
    """Every state change of a bezwaar writes one of these (STYLE.md §Writing 4)."""

    ONTVANGEN = "ontvangen", _("Bezwaar ontvangen")
    GEHOORD = "gehoord", _("Hoorzitting gehouden")
    HOREN_AFGEZIEN = "horen_afgezien", _("Van horen afgezien")
    ADVIES = "advies", _("Advies commissie ontvangen")
    VERDAAGD = "verdaagd", _("Beslissing verdaagd")
    BESLOTEN = "besloten", _("Beslissing op bezwaar")
    INGETROKKEN = "ingetrokken", _("Bezwaar ingetrokken")
    NIEUW_BESLUIT = "nieuw_besluit", _("Nieuw besluit genomen")
    BEROEP_INGESTELD = "beroep_ingesteld", _("Beroep ingesteld")
    UITSPRAAK = "uitspraak", _("Uitspraak rechtbank")


class Foutcode(models.TextChoices):
    """Error codes of bezwaar and beroep, each naming its rule (STYLE.md §Writing 5)."""

    ROL = "BZ001", "Rol of gemeente niet bevoegd"  # R-D2, R-P1
    NIET_VERZONDEN = "BZ002", "Beschikking nog niet verzonden"  # R-D2, Awb 6:8
    GRONDEN = "BZ003", "Gronden ontbreken"  # R-D2, Awb 6:5
    OVERGANG = "BZ004", "Statusovergang niet toegestaan"  # R-D2
    VERDAGING = "BZ005", "Verdaging niet toegestaan"  # R-D2, Awb 7:10 lid 2
    TE_LAAT = "BZ006", "Te laat en niet verschoonbaar"  # R-D2, Awb 6:11
    MOTIVERING = "BZ007", "Motivering ontbreekt"  # R-D2, Awb 7:12
    ADVIES = "BZ008", "Advies ontbreekt"  # R-D2, Awb 7:13
    HOREN = "BZ009", "Niet gehoord"  # R-D2, Awb 7:2
    HERSTEL = "BZ010", "Nieuw besluit niet mogelijk"  # R-D2
    POSTDATUM = "BZ011", "Postdatum ongeldig"  # R-D2, Awb 6:9
    BEROEP = "BZ012", "Beroep niet mogelijk"  # R-D2
    DUBBEL = "BZ013", "Al een bezwaar in behandeling"  # R-D2
