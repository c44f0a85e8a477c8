"""Steps, phases, outcomes, conditions and error codes of casusregie (issue 22 §4, R-R3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stap(models.IntegerChoices):
    """R-R3: the four steps of casusregie (seed 004 §2.3), in this order within a ronde."""

    VRAAGANALYSE = 1, _("Vraaganalyse: wat is er aan de hand?")
    RESULTAAT = 2, _("Resultaat: wat moet bereikt worden?")
    MIDDELEN = 3, _("Middelen: wat is nodig om het beoogde resultaat te bereiken?")
    TOETSING = 4, _("Toetsing: is het gewenste resultaat bereikt?")


class Fase(models.TextChoices):
    """R-R3: a casus runs through the steps (lopend), rests on a waakvlam after afschalen in a
    chronic situation, or is closed. Lifecycle: ``FASE_OVERGANGEN``."""

    LOPEND = "lopend", _("Lopend")
    WAAKVLAM = "waakvlam", _("Waakvlam")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


#: Lifecycle (STYLE.md §Writing 4): fase -> allowed next phases. Afschalen after a toetsing
#: "bereikt" closes the casus or puts it on the waakvlam; opschalen from the waakvlam starts at
#: step 1 again.
FASE_OVERGANGEN = {
    Fase.LOPEND: {Fase.WAAKVLAM, Fase.AFGESLOTEN},
    Fase.WAAKVLAM: {Fase.LOPEND},
    Fase.AFGESLOTEN: set(),
}


class Toetsuitkomst(models.TextChoices):
    """R-R3, step 4: is the desired result achieved?"""

    BEREIKT = "bereikt", _("Bereikt")
    DEELS = "deels", _("Deels bereikt")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")


class Voorwaarde(models.TextChoices):
    """R-R3 (seed 004 §2.3): the conditions in the family's context the casusregisseur secures
    when care is scaled down, so the child can return to its normal surroundings."""

    WONEN = "wonen", _("Wonen")
    WERK_INKOMEN = "werk_inkomen", _("Werk en inkomen")
    SCHULDEN = "schulden", _("Schulden")
    SCHOOL = "school", _("School of dagbesteding")
    ANDERS = "anders", _("Anders")


class Foutcode(models.TextChoices):
    """Error codes of casusregie, each naming its rule (STYLE.md §Writing 5)."""

    ROL = "CSR001", "Rol of gemeente niet bevoegd"  # R-R3, R-P1
    NIET_ACTIEF = "CSR002", "Casusregie staat uit in de regelset"  # R-R3, R-R1
    DUBBEL = "CSR003", "Al een open casus"  # R-R3
    REGISSEUR = "CSR004", "Casusregisseur niet mogelijk"  # R-R3
    VOLGORDE = "CSR005", "Stap niet aan de beurt"  # R-R3
    INHOUD = "CSR006", "Inhoud ontbreekt"  # R-R3
    UITKOMST = "CSR007", "Uitkomst toetsing ontbreekt"  # R-R3
    FASE = "CSR008", "Niet mogelijk in deze fase"  # R-R3
    VOORWAARDEN = "CSR009", "Voorwaarden afschalen ontbreken"  # R-R3
    VERWIJZING = "CSR010", "Verwijzing hoort niet bij de jeugdige"  # R-R3
    JEUGDIGE = "CSR011", "Jeugdige niet van de gemeente"  # R-R3, R-D3
