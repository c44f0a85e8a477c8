"""Models of the allocation route; one module per part (route, Wonen, HSWV, plan); crisis has its own app."""

from .aanmelding import Aanmelding
from .hswv import HswvInzet
from .plan import Hulpverleningsplan, PlanAfspraak, Voortgang
from .route import (
    Aanpassingsaanvraag,
    Contractsignaal,
    EerdereZorgperiode,
    Gebeurtenis,
    Keuzebudget,
    Levering,
    Melding,
    Resultaat,
    Screening,
    Toewijzing,
    Verwijzing,
    Weigeringsopvolging,
)
from .verzoek import Toewijzingsverzoek
from .wonen import Matching, Verblijfsverzoek

__all__ = [
    "Aanmelding",
    "Aanpassingsaanvraag",
    "Contractsignaal",
    "EerdereZorgperiode",
    "Gebeurtenis",
    "HswvInzet",
    "Hulpverleningsplan",
    "Keuzebudget",
    "Levering",
    "Matching",
    "Melding",
    "PlanAfspraak",
    "Resultaat",
    "Screening",
    "Toewijzing",
    "Toewijzingsverzoek",
    "Verblijfsverzoek",
    "Verwijzing",
    "Voortgang",
    "Weigeringsopvolging",
]
