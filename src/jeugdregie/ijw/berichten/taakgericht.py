"""JW305/JW307 under a task-based assignment (R-R2, iJw IV096): no allocation, so no
ToewijzingNummer; the start or stop is keyed by Product and Begindatum and handled by
``taakgericht.services`` (``meld_start``/``meld_stop``: the provider's assignment serving the
receiving municipality, a referral by the toegang, the assignment's dates). A refusal of the
service is a failure on the class (9019, with the domain's explanation; ``regie.domeinregels``).
Deleting a start or stop (StatusAanlevering 3) goes to ``trek_start_in``/``trek_stop_in``: an
unknown one is 9063, a start that still has a stop 9071."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from jeugdregie.common.errors import DomainError
from jeugdregie.taakgericht.constants import Foutcode
from jeugdregie.taakgericht.models import TaakgerichteOpdracht
from jeugdregie.taakgericht.services import meld_start, meld_stop, trek_start_in, trek_stop_in

from .basis import Inkomend
from .regie import GEEN_EERDERE_AANLEVERING, NIET_TE_KOPPELEN, VERWIJDEREN, Afkeur, Regel

AL_BEEINDIGD = "9071"  # TR071 (as jw305)
#: The refusals of a deletion that the standard has a code of its own for; the rest is 9019.
VERWIJDERCODES = {
    Foutcode.GEEN_AANLEVERING: (GEEN_EERDERE_AANLEVERING, "TR063"),
    Foutcode.EERST_STOP_VERWIJDEREN: (AL_BEEINDIGD, "TR071"),
}


@contextmanager
def _verwijderregels() -> Iterator[None]:
    try:
        yield
    except DomainError as fout:
        if fout.code in VERWIJDERCODES:
            code, regel = VERWIJDERCODES[Foutcode(fout.code)]
            raise Afkeur(code, f"{fout.message} ({regel}).") from None
        raise


def _opdracht(inkomend: Inkomend, regel: Regel) -> TaakgerichteOpdracht:
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
    if regel.status == VERWIJDEREN:
        with _verwijderregels():
            ingetrokken = trek_start_in(
                opdracht=opdracht,
                bsn=bsn,
                productcode=regel.code,
                begindatum=regel.begindatum,
                door=inkomend.door,
                gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]
            )
        return ingetrokken.jeugdige_id
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
    if regel.status == VERWIJDEREN:
        with _verwijderregels():
            ingetrokken = trek_stop_in(
                opdracht=opdracht,
                bsn=bsn,
                productcode=regel.code,
                begindatum=regel.begindatum,
                einddatum=regel.einddatum,
                reden=regel.reden,
                door=inkomend.door,
                gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]
            )
        return ingetrokken.jeugdige_id
    periode = meld_stop(
        opdracht=opdracht,
        bsn=bsn,
        productcode=regel.code,
        begindatum=regel.begindatum,
        einddatum=regel.einddatum,
        reden=regel.reden,  # RedenBeeindiging, JZ588
        door=inkomend.door,
        gemeente_id=inkomend.gemeente.pk,  # type: ignore[attr-defined]
    )
    return periode.jeugdige_id
