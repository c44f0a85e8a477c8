"""Bank accounts for SEPA (schwifty): an IBAN must exist and pass its checksum and the
country's format; the BIC is derived from the IBAN where schwifty knows the bank."""

from __future__ import annotations

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from jeugdregie.common.errors import DomainError

from ..constants import Foutcode

#: SEPA allows IBAN-only; where the BIC cannot be derived, the EPC placeholder is used.
BIC_ONBEKEND = "NOTPROVIDED"


def iban_fout(iban: str) -> str | None:
    """Why an IBAN cannot be paid to or from, in Dutch; None when it is valid."""
    if not (iban or "").strip():
        return "geen IBAN vastgelegd"
    try:
        IBAN(iban)
    except SchwiftyException as fout:
        return f"IBAN {iban!r} is ongeldig ({fout})"
    return None


def geldige_iban(iban: str, *, eigenaar: str) -> str:
    """The IBAN in compact form, or a DomainError that names whose account is wrong."""
    fout = iban_fout(iban)
    if fout:
        raise DomainError(
            Foutcode.IBAN, f"{eigenaar}: {fout}. Leg een geldig IBAN vast en probeer het opnieuw.", field="iban"
        )
    return IBAN(iban).compact


def bic_van(iban: str) -> str | None:
    bic = IBAN(iban).bic
    return str(bic) if bic is not None else None
