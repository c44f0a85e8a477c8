"""The words of a beschikking (R-D1), in plain Dutch (B1): what was decided, for whom, by which
provider, which results, the budget, the period, why, and how to object (6 weeks, Awb 6:7).

The letter is a legal document to a Dutch family: its text is Dutch whatever the user's language
(not a UI string, so not in the message catalogue); the municipality's own wording comes from
its template (``Sjabloon``). ``tests/test_beschikkingen_brief.py`` measures the readability."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils import formats, translation

from jeugdregie.common.opmaak import euro

from .besluit import Besluit
from .constants import BeschikkingSoort
from .contact import vaste_contact
from .models import Sjabloon

#: Awb 6:7: the objection term; Awb 6:8: it starts the day after the letter was sent.
BEZWAARTERMIJN_WEKEN = 6


@dataclass(frozen=True)
class Alinea:
    kop: str
    tekst: str = ""
    lijst: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    onderwerp: str
    aanhef: str
    alineas: tuple[Alinea, ...]

    def platte_tekst(self) -> str:
        """The letter's running text, for the readability measure."""
        delen = [self.aanhef]
        for alinea in self.alineas:
            delen.append(alinea.tekst)
            delen.extend(f"{regel}." if not regel.endswith(".") else regel for regel in alinea.lijst)
        return "\n".join(d for d in delen if d)


def brief_als_inhoud(brief: Brief) -> dict:
    return {
        "onderwerp": brief.onderwerp,
        "aanhef": brief.aanhef,
        "alineas": [{"kop": a.kop, "tekst": a.tekst, "lijst": list(a.lijst)} for a in brief.alineas],
    }


def brief_uit_inhoud(inhoud: dict) -> Brief:
    """The letter as it was frozen (``Beschikking.inhoud["brief"]``)."""
    return Brief(
        onderwerp=inhoud["onderwerp"],
        aanhef=inhoud["aanhef"],
        alineas=tuple(Alinea(a["kop"], a["tekst"], tuple(a["lijst"])) for a in inhoud["alineas"]),
    )


def besluit_als_inhoud(besluit: Besluit) -> dict:
    """The facts the letter states, as frozen with it (JSON)."""

    def dag(waarde: date | None) -> str | None:
        return waarde.isoformat() if waarde else None

    return {
        "soort": str(besluit.soort),
        "toegekend": besluit.toegekend,
        "deels": besluit.deels,
        "besluitdatum": dag(besluit.besluitdatum),
        "gemeente": besluit.gemeente.naam,
        "jeugdige": f"{besluit.jeugdige.voornamen} {besluit.jeugdige.achternaam}",
        "aanbieder": besluit.aanbieder.naam if besluit.aanbieder else "",
        "hulp": besluit.hulp,
        "resultaten": list(besluit.resultaten),
        "bedrag": str(besluit.bedrag) if besluit.bedrag is not None else None,
        "begindatum": dag(besluit.begindatum),
        "einddatum": dag(besluit.einddatum),
        "motivering": besluit.motivering,
    }


@lru_cache(maxsize=4096)
def datum_tekst(dag: date) -> str:
    with translation.override("nl"):
        return formats.date_format(dag, "j F Y")


def _besloten(besluit: Besluit, naam: str) -> str:
    aanbieder = besluit.aanbieder.naam if besluit.aanbieder else "de aanbieder"
    match besluit.soort:
        case BeschikkingSoort.TOEWIJZING:
            return f"Wij geven {naam} jeugdhulp. Het gaat om {besluit.hulp}."
        case BeschikkingSoort.WONEN:
            return f"Wij geven {naam} jeugdhulp met verblijf. Het gaat om {besluit.hulp}."
        case BeschikkingSoort.CRISISOPVOLGING:
            return f"Wij geven {naam} jeugdhulp na de crisis. Het gaat om {besluit.hulp}."
        case BeschikkingSoort.INTREKKING:
            return f"Wij stoppen de jeugdhulp voor {naam} bij {aanbieder}. De hulp gaat niet door."
        case BeschikkingSoort.BEEINDIGING:
            einde = f" op {datum_tekst(besluit.einddatum)}" if besluit.einddatum else ""
            return (
                f"De jeugdhulp voor {naam} bij {aanbieder} stopt{einde}. "
                f"De nieuwe gemeente beslist over de hulp daarna."
            )
        case BeschikkingSoort.AANPASSING if besluit.deels:
            return f"Wij passen de jeugdhulp van {naam} bij {aanbieder} aan. Maar niet helemaal zoals is gevraagd."
        case BeschikkingSoort.AANPASSING if besluit.toegekend:
            return f"Wij passen de jeugdhulp van {naam} bij {aanbieder} aan. Zoals is gevraagd."
        case BeschikkingSoort.AANPASSING:
            return f"Wij passen de jeugdhulp van {naam} bij {aanbieder} niet aan. De hulp blijft zoals die was."
        case _:
            hulp = f" ({besluit.hulp})" if besluit.hulp else ""
            return f"Wij geven {naam} geen jeugdhulp van {aanbieder}{hulp}. Dat is gevraagd, maar wij zeggen nee."


def bezwaarclausule(gemeente_naam: str) -> str:
    """Awb 6:7 and 6:8, in plain words. Under the heading "Bent u het niet eens met dit besluit?",
    so it does not ask that again."""
    return (
        f"Dan kunt u bezwaar maken. Dat moet binnen "
        f"{BEZWAARTERMIJN_WEKEN} weken. De {BEZWAARTERMIJN_WEKEN} weken beginnen op de dag na de dag "
        f"dat wij deze brief hebben verstuurd. Stuur uw bezwaar naar het college van burgemeester en "
        f"wethouders van {gemeente_naam}. Zet in uw brief uw naam en adres, de datum en het nummer van "
        f"deze brief. Schrijf ook waarom u het niet eens bent met het besluit. Zet uw handtekening onder "
        f"de brief. Dit staat in de Algemene wet bestuursrecht, artikel 6:7."
    )


def _opsomming(namen: list[str]) -> str:
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"


def stel_op(*, besluit: Besluit, sjabloon: Sjabloon, namen: list[str]) -> Brief:
    jeugdige = besluit.jeugdige
    naam = f"{jeugdige.voornamen} {jeugdige.achternaam}"
    alineas = [Alinea("", sjabloon.inleiding), Alinea("Wat hebben wij besloten?", _besloten(besluit, naam))]
    if besluit.aanbieder is not None and besluit.toegekend:
        alineas.append(Alinea("Wie geeft de hulp?", f"{besluit.aanbieder.naam} geeft de hulp."))
    if besluit.resultaten:
        alineas.append(
            Alinea("Wat is het doel van de hulp?", "Met de hulp werkt u aan deze doelen:", besluit.resultaten)
        )
    if besluit.toegekend and besluit.bedrag is not None:
        alineas.append(
            Alinea("Hoeveel geld is er voor de hulp?", f"De gemeente betaalt de hulp tot {euro(besluit.bedrag)}.")
        )
    if besluit.toegekend and besluit.begindatum and besluit.einddatum:
        alineas.append(
            Alinea(
                "Hoe lang duurt de hulp?",
                f"De hulp begint op {datum_tekst(besluit.begindatum)}. "
                f"De hulp stopt uiterlijk op {datum_tekst(besluit.einddatum)}.",
            )
        )
    alineas.append(Alinea("Waarom hebben wij dit besloten?", besluit.motivering or "Zie hierboven."))
    alineas.append(Alinea("Bent u het niet eens met dit besluit?", bezwaarclausule(besluit.gemeente.naam)))
    contact = vaste_contact(jeugdige.pk, besluit.gemeente.pk)  # R-R3: the casusregisseur, when casusregie runs
    alineas.append(Alinea("Heeft u vragen?", f"{contact.zin()} {sjabloon.contact}" if contact else sjabloon.contact))
    alineas.append(Alinea("", sjabloon.slot))
    return Brief(
        onderwerp=f"Besluit over jeugdhulp voor {naam}",
        aanhef=f"Beste {_opsomming(namen) if namen else naam},",
        alineas=tuple(alineas),
    )
