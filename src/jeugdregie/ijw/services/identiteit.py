"""Identities of the messages we send: 12 characters (LDT_IdentificatieBericht), unique per
type for our side (TR056; the database key guards it)."""

from __future__ import annotations

import secrets


def nieuwe_identificatie() -> str:
    return secrets.token_hex(6).upper()
