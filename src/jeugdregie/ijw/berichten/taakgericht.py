"""JW305/JW307 under a task-based assignment (R-R2, iJw IV096): no allocation, so no
ToewijzingNummer; the start or stop is keyed by Product and Begindatum and handled by
``taakgericht.services`` (``meld_start``/``meld_stop``: the provider's assignment serving the
receiving municipality, a referral by the toegang, the assignment's dates). A refusal of the
service is a failure on the class (9019, with the domain's explanation; ``regie.domeinregels``).
Deleting a start or stop (StatusAanlevering 3) is not supported for this variant yet (9019)."""

from __future__ import annotations

from jeugdregie.taakgericht.models import TaakgerichteOpdracht
from jeugdregie.taakgericht.services import meld_start, meld_stop

from .basis import Inkomend
from .regie import NIET_TE_KOPPELEN, VERWIJDEREN, Afkeur, Regel


def _opdracht(inkomend: Inkomend, regel: Regel) -> TaakgerichteOpdracht:
    if regel.status == VERWIJDEREN:
        raise Afkeur(
            NIET_TE_KOPPELEN,
            "Een start of stop zonder ToewijzingNummer (taakgericht) kan nog niet worden verwijderd; neem contact op "
            "met de gemeente (IV096).",
        )
    if not regel.code:
        raise Afkeur(
            NIET_TE_KOPPELEN,
            "Zonder ToewijzingNummer is de sleutel Product en Begindatum: vul de productcode in (IV096, TR019).",
        )
    opdracht = TaakgerichteOpdracht.objects.voor_melding(
        aanbieder_id=inkomend.aanbieder.pk,  # type: ignore[attr-defined]  # an Aanbieder (basis.Inkomend)
        gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]  # a Gemeente
        productcode=regel.code,
        dag=regel.begindatum,
    )
    if opdracht is None:
        raise Afkeur(
            NIET_TE_KOPPELEN,
            f"Het ToewijzingNummer ontbreekt en u heeft geen taakgerichte opdracht voor product {regel.code} in deze "
            "gemeente: een start of stop hoort bij een toewijzing (TR019) of bij een taakgerichte opdracht (IV096).",
        )
    return opdracht


def start(inkomend: Inkomend, regel: Regel, bsn: str) -> int:
    opdracht = _opdracht(inkomend, regel)
    periode = meld_start(
        opdracht=opdracht,
        bsn=bsn,
        productcode=regel.code,
        begindatum=regel.begindatum,
        door=inkomend.door,
        gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]
    )
    return periode.jeugdige_id


def stop(inkomend: Inkomend, regel: Regel, bsn: str) -> int:
    opdracht = _opdracht(inkomend, regel)
    assert regel.einddatum is not None  # a StopProduct has an Einddatum (XSD)
    periode = meld_stop(
        opdracht=opdracht,
        bsn=bsn,
        productcode=regel.code,
        begindatum=regel.begindatum,
        einddatum=regel.einddatum,
        door=inkomend.door,
        gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]
    )
    return periode.jeugdige_id
