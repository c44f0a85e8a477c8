"""Models of the allocation route; one module per part (route, HSWV, plan). Crisis, Wonen and the
JW315 requests have their own apps."""

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
    "Melding",
    "PlanAfspraak",
    "Resultaat",
    "Screening",
    "Toewijzing",
    "Verwijzing",
    "Voortgang",
    "Weigeringsopvolging",
]
