"""English through i18n: the UI is Dutch by default and English on request, and the English
catalogue (src/jeugdregie/locale/en) is complete and compiled.

The .mo is kept in git because the run command on a fresh machine has no gettext; the last
tests fail when the .po was changed without recompiling it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[1] / "src" / "jeugdregie" / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    regel: int = 0


_VELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$')


def _unquote(literal: str) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), literal[1:-1])


def lees_po(pad: Path = PO) -> list[Entry]:
    """A tiny .po parser (polib is not a dependency): entries with msgid, plural, msgstr and flags.
    Obsolete entries (#~) are skipped."""
    entries: list[Entry] = []
    huidig: Entry | None = None
    veld: tuple[str, int] | None = None
    flags: set[str] = set()

    def sluit() -> None:
        nonlocal huidig
        if huidig is not None:
            entries.append(huidig)
        huidig = None

    for nummer, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
        regel = regel.strip()
        if not regel:
            sluit()
            flags = set()
            continue
        if regel.startswith("#~"):
            continue
        if regel.startswith("#,"):
            sluit()
            flags = {f.strip() for f in regel[2:].split(",")}
            continue
        if regel.startswith("#"):
            continue
        if regel.startswith('"'):
            assert huidig is not None and veld is not None, f"{pad}:{nummer}: losse tekstregel"
            naam, index = veld
            if naam == "msgid":
                huidig.msgid += _unquote(regel)
            elif naam == "msgid_plural":
                huidig.msgid_plural = (huidig.msgid_plural or "") + _unquote(regel)
            elif naam == "msgstr":
                huidig.msgstr[index] += _unquote(regel)
            continue
        m = _VELD.match(regel)
        assert m, f"{pad}:{nummer}: onverwachte regel {regel!r}"
        naam, index, waarde = m.group(1), int(m.group(2) or 0), _unquote(m.group(3))
        if naam in ("msgctxt", "msgid") and (huidig is None or huidig.msgstr):
            sluit()
            huidig = Entry(flags=flags, regel=nummer)
        assert huidig is not None
        if naam == "msgctxt":
            huidig.msgctxt = waarde
        elif naam == "msgid":
            huidig.msgid = waarde
        elif naam == "msgid_plural":
            huidig.msgid_plural = waarde
        elif naam == "msgstr":
            huidig.msgstr[index] = waarde
        veld = (naam, index)
    sluit()
    return entries


def vertalingen() -> list[Entry]:
    """All entries except the header (msgid "")."""
    return [e for e in lees_po() if e.msgid]


# --- The UI switches language ---------------------------------------------------------------


def test_inlogpagina_is_standaard_nederlands(client, db):
    antwoord = client.get("/inloggen/")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert '<html lang="nl">' in inhoud
    assert "Inloggen" in inhoud and "Wachtwoord" in inhoud
    assert "Log in" not in inhoud


def test_taalknop_zet_engels_aan(client, wereld):
    antwoord = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/"

    inhoud = client.get("/inloggen/").content.decode()
    assert '<html lang="en">' in inhoud
    assert "Log in" in inhoud and "Password" in inhoud and "Username" in inhoud
    assert "Inloggen" not in inhoud and "Wachtwoord" not in inhoud

    client.force_login(wereld["gebruikers"]["toegang"])
    inhoud = client.get("/").content.decode()
    assert "Welcome," in inhoud and "Your role" in inhoud
    assert "Referrals awaiting screening" in inhoud
    assert "within your scope" in inhoud  # blocktranslate count (plural entry)
    assert "Log out" in inhoud and "Young people" in inhoud
    assert "Welkom" not in inhoud and "Uitloggen" not in inhoud

    # and back to Dutch
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    inhoud = client.get("/").content.decode()
    assert "Welkom" in inhoud and "Welcome," not in inhoud


def test_accept_language_engels(client, wereld):
    inhoud = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in inhoud and "Inloggen" not in inhoud

    client.force_login(wereld["gebruikers"]["toegang"])
    inhoud = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Welcome," in inhoud and "Referrals awaiting screening" in inhoud


def test_foutpagina_404_in_beide_talen(client, db):
    inhoud = client.get("/bestaat-niet/").content.decode()
    assert "Niet gevonden" in inhoud and "Naar de startpagina" in inhoud
    inhoud = client.get("/bestaat-niet/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Not found" in inhoud and "Go to the home page" in inhoud


# --- The English catalogue is complete and compiled -----------------------------------------


def test_po_parser_vindt_vertalingen():
    entries = vertalingen()
    assert len(entries) > 100
    namen = {e.msgid for e in entries}
    assert {"Inloggen", "Welkom, %(naam)s", "Tariefgroep"} <= namen
    assert any(e.msgid_plural for e in entries)


def test_po_heeft_geen_lege_of_fuzzy_vertalingen():
    fouten = []
    for e in lees_po():
        waar = f"regel {e.regel}: {e.msgid!r}"
        if "fuzzy" in e.flags:
            fouten.append(f"{waar} is fuzzy")
        if not e.msgid:
            continue  # the header
        verwacht = {0, 1} if e.msgid_plural is not None else {0}
        if set(e.msgstr) != verwacht:
            fouten.append(f"{waar} heeft msgstr-vormen {sorted(e.msgstr)}, verwacht {sorted(verwacht)}")
        fouten += [f"{waar} msgstr[{i}] is leeg" for i, tekst in e.msgstr.items() if not tekst.strip()]
    assert not fouten, "\n".join(fouten)


_PLAATSHOUDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\{?\s*\w+\s*\}?\}")


@pytest.mark.parametrize("entry", vertalingen(), ids=lambda e: e.msgid[:40])
def test_plaatshouders_blijven_gelijk(entry):
    bron = sorted(_PLAATSHOUDER.findall(entry.msgid))
    for tekst in entry.msgstr.values():
        assert sorted(_PLAATSHOUDER.findall(tekst)) == bron


def test_mo_bestaat_naast_po():
    assert MO.is_file(), "django.mo ontbreekt: draai compilemessages en commit het .mo-bestand"


def test_mo_is_bijgewerkt_met_po():
    """Every entry of the .po comes out of Django's gettext in English exactly as written in the .po.
    A .mo compiled from an older .po gives the Dutch msgid (or an old translation) and fails here."""
    verouderd = []
    with translation.override("en"):
        for e in vertalingen():
            if e.msgctxt is not None and e.msgid_plural is None:
                gekregen = {0: translation.pgettext(e.msgctxt, e.msgid)}
            elif e.msgctxt is not None:
                gekregen = {
                    0: translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1),
                    1: translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 2),
                }
            elif e.msgid_plural is None:
                gekregen = {0: translation.gettext(e.msgid)}
            else:
                gekregen = {
                    0: translation.ngettext(e.msgid, e.msgid_plural, 1),
                    1: translation.ngettext(e.msgid, e.msgid_plural, 2),
                }
            for index, verwacht in e.msgstr.items():
                if gekregen[index] != verwacht:
                    verouderd.append(f"{e.msgid!r}[{index}]: .mo geeft {gekregen[index]!r}, .po zegt {verwacht!r}")
    assert not verouderd, "draai compilemessages opnieuw:\n" + "\n".join(verouderd)


def test_engels_verschilt_van_nederlands():
    """Most strings really change in English (the few identical ones, such as "Code" or "BSN", are
    skipped); in Dutch they stay the msgid."""
    anders = [e for e in vertalingen() if e.msgid_plural is None and e.msgstr[0] != e.msgid]
    assert len(anders) > 100
    with translation.override("en"):
        assert all(translation.gettext(e.msgid) != e.msgid for e in anders)
    with translation.override("nl"):
        assert all(translation.gettext(e.msgid) == e.msgid for e in anders)
