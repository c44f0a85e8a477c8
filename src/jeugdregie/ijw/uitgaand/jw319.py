"""JW319 Antwoord op een verzoek (issue 5 §3): the municipality's answer to a JW315 verzoek om
toewijzing or a JW317 verzoek om wijziging that is not (yet) an allocation: refused with a WJ759
reason, or under investigation.

Rules: ReferentieAanbieder is that of the request (TR355); RedenAfwijzingVerzoek is filled
exactly when the request is refused (CD085, CD086); a refusal on the woonplaatsbeginsel names
the responsible municipality when we know it (OP359). At most one "in onderzoek" per reference,
and no answer after an allocation with that reference (TR359, TR360, TR365): the request's
lifecycle (open → in onderzoek → afgewezen | gehonoreerd) allows each step once."""

from __future__ import annotations

from datetime import date

from django.db import models
from lxml import etree

from ..constants import Berichttype
from ..xml.kop import Bouwer

WOONPLAATSBEGINSEL = "8"  # WJ759


class VerzoekAntwoord(models.TextChoices):
    """iJw WJ760 Verzoek antwoord."""

    AFGEWEZEN = "1", "Verzoek afgewezen"
    IN_ONDERZOEK = "2", "Aanvraag in onderzoek"


def bouw(
    *,
    afzender: str,
    ontvanger: str,
    identificatie: str,
    dagtekening: date,
    referentie: str,
    antwoord: VerzoekAntwoord,
    reden: str = "",
    woonplaatsgemeente: str = "",
) -> etree._Element:
    if (antwoord == VerzoekAntwoord.AFGEWEZEN) != bool(reden):
        raise ValueError("RedenAfwijzingVerzoek hoort bij een afwijzing en alleen daarbij (CD085, CD086).")
    b = Bouwer(Berichttype.JW319)
    root = b.root()
    b.header(root, afzender=afzender, ontvanger=ontvanger, identificatie=identificatie, dagtekening=dagtekening)
    element = b.sub(root, b.m("Antwoord"))
    b.sub(element, b.m("ReferentieAanbieder"), referentie)
    b.sub(element, b.m("VerzoekAntwoord"), antwoord.value)
    if reden:
        b.sub(element, b.m("RedenAfwijzingVerzoek"), reden)
    if reden == WOONPLAATSBEGINSEL and woonplaatsgemeente and woonplaatsgemeente != afzender:
        b.sub(b.sub(element, b.m("Woonplaatsbeginsel")), b.m("Gemeente"), woonplaatsgemeente)
    return root
