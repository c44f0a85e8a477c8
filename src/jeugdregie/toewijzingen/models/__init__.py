"""Models of the allocation route; one module per part (route, submission). Crisis, Wonen, the JW315
requests, the plan (hulpverlening) and HSWV have their own apps."""

from .aanmelding import Aanmelding
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
    "Keuzebudget",
    "Levering",
    "Melding",
    "Resultaat",
    "Screening",
    "Toewijzing",
    "Verwijzing",
    "Weigeringsopvolging",
]
