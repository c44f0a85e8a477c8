"""Models of the allocation: screening, the allocation with its start and stop of care,
adjustment requests and delivered volume. The referral lives in ``verwijzingen``; crisis, Wonen,
the JW315 requests, the plan (hulpverlening) and HSWV have their own apps."""

from jeugdregie.toewijzingen.models.route import (
    Aanpassingsaanvraag,
    Contractsignaal,
    EerdereZorgperiode,
    Levering,
    Screening,
    Toewijzing,
    Weigeringsopvolging,
)

__all__ = [
    "Aanpassingsaanvraag",
    "Contractsignaal",
    "EerdereZorgperiode",
    "Levering",
    "Screening",
    "Toewijzing",
    "Weigeringsopvolging",
]
