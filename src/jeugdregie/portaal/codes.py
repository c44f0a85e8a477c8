"""One registry of the codes a user meets (issue 19 §6): iJw retourcodes and reasons, the reasons
and statuses of our own route, and the rejection codes of a declaration line. Each code has a
Dutch label and, where useful, an explanation; the template filters of
``portaal/templatetags/codes.py`` and the glossary page ("Begrippen en codes") read only this.

The iJw codes come from the official codelists copied into ``ijw/schemas/codelijsten/`` (see
SOURCE.txt there), not retyped: WJ001 Retourcode, JZ588 Reden beëindiging, JZ002 Reden wijziging
toewijzing, WJ759 Reden afwijzing verzoek. A retourcode our system gives or meets gets a short
plain label (``EENVOUDIG``) with the codelist's own wording as its explanation; every other
retourcode shows the codelist's wording. Our own codes and statuses take the labels of the domain
TextChoices, so a status reads the same on every page and in the glossary.

Portaal sits above the domain apps in the layers (pyproject.toml), so it may import their
TextChoices; the domain apps never import this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from jeugdregie import ijw
from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.declaraties.constants import RETOURCODE, Afkeur, Invoerfout, RegelStatus
from jeugdregie.ijw.constants import Berichtstatus, Weigering
from jeugdregie.toewijzingen.constants import (
    AanpassingReden,
    AanpassingStatus,
    Resultaatscore,
    ScreeningUitkomst,
    ToewijzingStatus,
)
from jeugdregie.verwijzingen.constants import AanmeldingStatus, VerwijzingStatus
from jeugdregie.verzoeken.constants import ToewijzingsverzoekStatus

CODELIJSTEN = Path(ijw.__file__).resolve().parent / "schemas" / "codelijsten"


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    uitleg: str = ""


@dataclass(frozen=True)
class Codesoort:
    """One kind of code: its key for the filters (``{{ c|code_label:"retourcode" }}``), its Dutch
    name, what it is, where the codes come from, and the codes in their order."""

    sleutel: str
    naam: str
    uitleg: str
    bron: str
    codes: dict[str, Code] = field(default_factory=dict)
    #: Whether users need the code itself next to the label (to talk to a provider or the
    #: iJw exchange about it); statuses are only shown by their label.
    toon_code: bool = True

    def get(self, code) -> Code | None:
        return self.codes.get(str(code))


def codelijst(bestand: str, label: str, uitleg: str | None = None) -> list[tuple[str, str, str]]:
    """The rows (code, label, explanation) of the tables of an iJw codelist in markdown whose
    first column is "Code"; a code that appears in several sections counts once (its first row).
    ``label`` and ``uitleg`` name the columns."""
    rijen: dict[str, tuple[str, str, str]] = {}
    kop: list[str] | None = None
    for regel in (CODELIJSTEN / bestand).read_text(encoding="utf-8").splitlines():
        if not regel.startswith("|"):
            kop = None
            continue
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if cellen[0] == "Code":
            kop = cellen
        elif kop is not None and not re.fullmatch(r"-+", cellen[0]) and len(cellen) == len(kop):
            rij = dict(zip(kop, cellen, strict=True))
            tekst = rij[label].rstrip(".")
            rijen.setdefault(rij["Code"], (rij["Code"], tekst, rij.get(uitleg, "") if uitleg else ""))
    return list(rijen.values())


#: Plain labels for the retourcodes our system sends or meets (declaraties.constants.RETOURCODE,
#: ijw.constants.Retourcode, the provider's request TW030/TW031, the rule TR319 of inhoud.py).
EENVOUDIG = {
    "0001": _("Technisch afgekeurd"),
    "0200": _("Goedgekeurd, geen opmerking"),
    "0233": _("Niet beoordeeld"),
    "0611": _("Tarief past niet bij het contract"),
    "8001": _("Declaratie volledig goedgekeurd"),
    "8017": _("Credit zonder bekende debet"),
    "8021": _("Referentie al eerder aangeleverd"),
    "9307": _("Begindatum buiten de toewijzing"),
    "9308": _("Einddatum buiten de toewijzing"),
    "9319": _("Periode niet binnen één declaratieperiode"),
    "9321": _("Toegewezen volume overschreden"),
    "9322": _("Samen meer dan het toegewezen volume"),
    "9338": _("Hoort niet bij een toewijzing van deze aanbieder"),
    "9340": _("Product wijkt af van de toewijzing"),
    "9341": _("Eenheid wijkt af van de toewijzing"),
    "9346": _("Bedrag is niet volume × tarief"),
    "9347": _("Referentie van de aanbieder niet uniek"),
    "9369": _("Budget overschreden"),
    "9374": _("Er loopt al een verzoek"),
    "9387": _("Begindatum niet de eerste dag van de maand"),
    "9388": _("Einddatum niet de laatste dag van de maand"),
    "9389": _("Periode al gedeclareerd"),
    "9390": _("Al gecrediteerd"),
}

#: What each reason for an adjustment means for the provider (SPEC R-A4, the four reasons).
AANPASSING_UITLEG = {
    AanpassingReden.KEUZEBUDGET_ONJUIST: _(
        "Bij de screening, voordat de hulp start: het keuzebudget past niet bij de hulpvraag. De toegang beslist."
    ),
    AanpassingReden.HULP_SLAAT_NIET_AAN: _(
        "Tijdens de hulp: de hulp werkt niet zoals verwacht en een ander budget of een andere einddatum is nodig."
    ),
    AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN: _(
        "Tijdens de hulp: de situatie van de jeugdige is veranderd. Bespreek dit eerst met de toegang."
    ),
    AanpassingReden.MEERDERE_AANBIEDERS: _(
        "Een tweede aanbieder met specifieke expertise is nodig naast de huidige aanbieder."
    ),
}


#: What the status of an iJw message means for the user (ijw.constants.Berichtstatus).
BERICHTSTATUS_UITLEG = {
    Berichtstatus.AFGEKEURD: _(
        "Het bericht is gelezen, maar (een deel) is afgekeurd: het retourbericht noemt per onderdeel de retourcode."
    ),
    Berichtstatus.GEWEIGERD: _(
        "Het bestand was geen geldig iJw-bericht en kreeg geen retourbericht. De melding zegt wat de afzender "
        "moet herstellen."
    ),
    Berichtstatus.KLAAR: _("Wij hebben het bericht klaargezet; de ontvanger heeft het nog niet opgehaald."),
}


def _keuzes(keuzes: type[models.Choices], uitleg: dict | None = None) -> dict[str, Code]:
    uitleg = uitleg or {}
    return {str(k.value): Code(str(k.value), k.label, uitleg.get(k, "")) for k in keuzes}


def _retourcodes() -> dict[str, Code]:
    """WJ001 with the standard's technical rule (TR-regel) behind each code in the explanation, so a
    message that cites "TR374" can be looked up in the glossary."""
    codes = {}
    for code, betekenis, regel in codelijst("WJ001_Retourcode.md", "Betekenis", "TR-regel"):
        regel = f"iJw-regel {regel}" if re.fullmatch(r"TR\d{3}", regel) else ""
        eenvoudig = EENVOUDIG.get(code)
        if eenvoudig:
            codes[code] = Code(code, eenvoudig, f"{betekenis} ({regel})" if regel else betekenis)
        else:
            codes[code] = Code(code, betekenis, regel)
    return codes


def _afkeur() -> dict[str, Code]:
    """A rejected declaration line: our code, with the iJw retourcode the provider receives."""
    codes = {}
    for afkeur in Afkeur:
        retourcode = RETOURCODE.get(afkeur)
        uitleg = (
            format_lazy(
                _("In het iJw-antwoord aan de aanbieder: retourcode {code} ({label})."),
                code=retourcode,
                label=EENVOUDIG.get(retourcode, retourcode),
            )
            if retourcode
            else ""
        )
        codes[afkeur.value] = Code(afkeur.value, afkeur.label, uitleg)
    return codes


@cache
def register() -> dict[str, Codesoort]:
    """All kinds of codes by key, in the order of the glossary page. Built once per process; the
    labels are lazy, so each page shows them in its own language."""
    soorten = [
        Codesoort(
            "retourcode",
            _("Retourcode (iJw)"),
            _(
                "Het antwoord op een iJw-bericht. 0200 betekent: geen opmerking. Elke andere code noemt wat "
                "de ontvanger afkeurde. Noem de code als u erover contact hebt met de aanbieder of de gemeente. "
                "Noemt een melding een iJw-regel zoals TR374, dan staat die hier bij zijn retourcode (9374)."
            ),
            "iJw 3.2 WJ001",
            _retourcodes(),
        ),
        Codesoort(
            "afkeur",
            _("Reden van afkeur van een declaratieregel"),
            _("Waarom een declaratieregel niet wordt betaald, met de retourcode die de aanbieder ontvangt."),
            "Jeugdregie",
            _afkeur(),
        ),
        Codesoort(
            "invoerfout",
            _("Fout in een declaratiebestand"),
            _("Waarom een geüpload bestand niet is ingelezen. Er is dan niets opgeslagen."),
            "Jeugdregie",
            _keuzes(Invoerfout),
        ),
        Codesoort(
            "weigering",
            _("Geweigerd iJw-bericht"),
            _("Waarom een iJw-bericht niet is verwerkt en geen retourbericht kreeg."),
            "Jeugdregie",
            _keuzes(Weigering),
        ),
        Codesoort(
            "reden_beeindiging",
            _("Reden beëindiging zorg (iJw)"),
            _("Waarom de aanbieder de zorg stopte, uit het stopbericht."),
            "iJw 3.2 JZ588",
            {
                c: Code(c, label, uitleg)
                for c, label, uitleg in codelijst("JZ588_Reden_beeindiging.md", "Omschrijving", "Gebruik")
            },
        ),
        Codesoort(
            "reden_wijziging",
            _("Reden wijziging toewijzing (iJw)"),
            _("Waarom de gemeente een toewijzing wijzigde of beëindigde."),
            "iJw 3.2 JZ002",
            {
                c: Code(c, label, uitleg)
                for c, label, uitleg in codelijst("JZ002_Reden_wijziging_toewijzing.md", "Omschrijving", "Toelichting")
            },
        ),
        Codesoort(
            "reden_afwijzing_verzoek",
            _("Reden afwijzing verzoek (iJw)"),
            _("Waarom de gemeente een verzoek om toewijzing of wijziging van een aanbieder afwees."),
            "iJw 3.2 WJ759",
            {c: Code(c, label) for c, label, _leeg in codelijst("WJ759_Reden_afwijzing_verzoek.md", "Betekenis")},
        ),
        Codesoort(
            "aanpassing_reden",
            _("Reden aanpassingsaanvraag"),
            _("De vier redenen waarom een aanbieder een aanpassing van het keuzebudget kan aanvragen."),
            "Jeugdregie",
            _keuzes(AanpassingReden, AANPASSING_UITLEG),
        ),
        *(
            Codesoort(sleutel, naam, "", "Jeugdregie", _keuzes(keuzes, UITLEG_PER_STATUS.get(sleutel)), toon_code=False)
            for sleutel, naam, keuzes in STATUSSEN
        ),
    ]
    return {s.sleutel: s for s in soorten}


#: The statuses of our own records, by the labels of their domain TextChoices.
STATUSSEN: tuple[tuple[str, str, type[models.Choices]], ...] = (
    ("verwijzing_status", _("Status verwijzing"), VerwijzingStatus),
    ("aanmelding_status", _("Status aanmelding"), AanmeldingStatus),
    ("screening", _("Uitkomst screening"), ScreeningUitkomst),
    ("toewijzing_status", _("Status toewijzing"), ToewijzingStatus),
    ("aanpassing_status", _("Status aanpassingsaanvraag"), AanpassingStatus),
    ("verzoek_status", _("Status verzoek om toewijzing"), ToewijzingsverzoekStatus),
    ("resultaatscore", _("Resultaatscore"), Resultaatscore),
    ("regel_status", _("Status declaratieregel"), RegelStatus),
    ("batch_status", _("Status betaalbatch"), BatchStatus),
    ("bericht_status", _("Status iJw-bericht"), Berichtstatus),
)
UITLEG_PER_STATUS = {"bericht_status": BERICHTSTATUS_UITLEG}


def soort(sleutel: str) -> Codesoort:
    """The kind by its key; an unknown key is a programming error (a typo in a template)."""
    try:
        return register()[sleutel]
    except KeyError:
        raise KeyError(f"Onbekende codesoort {sleutel!r}; bekend: {', '.join(register())}") from None


def zoek(sleutel: str, code) -> Code:
    """The code of that kind; an unknown code falls back to the code itself as its label, so a
    page never hides what it received."""
    gevonden = soort(sleutel).get(code)
    return gevonden if gevonden is not None else Code(str(code), str(code))


def label(sleutel: str, code) -> str:
    return zoek(sleutel, code).label


def uitleg(sleutel: str, code) -> str:
    return zoek(sleutel, code).uitleg


def alle_soorten() -> Iterable[Codesoort]:
    return register().values()
