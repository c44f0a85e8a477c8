"""Named access policies for the family of a young person (issue 20 §1, §4): the same as for
the young person (``jeugdigen.policies``, R-P1/R-P4). Who may read the child reads its family
and consents; the toegang that may read the child enters and changes them."""

from __future__ import annotations

from jeugdregie.jeugdigen.policies import mag_contact_wijzigen, mag_contact_wijzigen_rol, mag_dossier_lezen


def mag_gezin_lezen(gebruiker, jeugdige) -> bool:
    """Parents, gezag holders and consents are part of the child's dossier: who reads the child
    (the toegang of its municipality, a provider or referrer with a running relation) reads them."""
    return mag_dossier_lezen(gebruiker, jeugdige)


def mag_gezin_wijzigen(gebruiker, jeugdige) -> bool:
    """Only the toegang that may read the child adds or ends a parent or gezag holder and records
    or withdraws a consent (as with the child's own contact data)."""
    return mag_contact_wijzigen(gebruiker, jeugdige)


def mag_gezin_wijzigen_rol(gebruiker) -> bool:
    """The role question of ``mag_gezin_wijzigen`` (show the buttons, before the child)."""
    return mag_contact_wijzigen_rol(gebruiker)
