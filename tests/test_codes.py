"""Issue 19 §6: plain language for codes. The code registry (portaal/codes.py) gives every
retourcode, reason and status a Dutch label and where useful an explanation, from the official
iJw codelists and the domain TextChoices; the template filters and the glossary page read it."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.template import engines
from django.test import Client

from jeugdregie.declaraties.constants import RETOURCODE, Afkeur
from jeugdregie.ijw.constants import Retourcode
from jeugdregie.portaal import codes
from jeugdregie.toewijzingen.constants import AanpassingReden, RedenBeeindiging, ToewijzingStatus
from jeugdregie.verzoeken.constants import RedenAfwijzingVerzoek


def render(sjabloon: str, **context) -> str:
    return engines["django"].from_string(sjabloon).render(context)


def test_codelijsten_zijn_de_kopieen_uit_source_txt():
    """The registry reads the copied iJw codelists; SOURCE.txt names each with its sha256."""
    opgegeven = dict(
        (bestand, som)
        for bestand, som in re.findall(
            r"^(\S+\.md)\s+sha256\s+([0-9a-f]{64})$", (codes.CODELIJSTEN / "SOURCE.txt").read_text(), re.M
        )
    )
    assert set(opgegeven) == {p.name for p in codes.CODELIJSTEN.glob("*.md")}
    for bestand, som in opgegeven.items():
        assert hashlib.sha256((codes.CODELIJSTEN / bestand).read_bytes()).hexdigest() == som, bestand


def test_retourcode_uit_wj001_met_eenvoudig_label_en_officiele_uitleg():
    """0200 and 9346: a short Dutch label, the WJ001 wording as explanation."""
    assert codes.zoek("retourcode", "0200") == codes.Code(
        "0200", "Goedgekeurd, geen opmerking", "Geen opmerking over deze berichtklasse"
    )
    negen = codes.zoek("retourcode", "9346")
    assert negen.label == "Bedrag is niet volume × tarief"
    assert negen.uitleg.startswith("Eenheid is ongelijk is aan waarde 83")
    assert negen.uitleg.endswith("ProductTarief (iJw-regel TR346)")  # the standard's rule, to look up
    # A code without a plain label shows the codelist's own wording, with its rule.
    assert codes.zoek("retourcode", "9019") == codes.Code(
        "9019", "Het regiebericht kan niet gekoppeld worden aan een toewijzing", "iJw-regel TR019"
    )


def test_elke_retourcode_die_wij_geven_staat_in_wj001_en_heeft_een_eenvoudig_label():
    """Every retourcode our declarations, our exchange and the plain-label table use is a WJ001
    code: a plain label never names a code the standard does not have."""
    wj001 = codes.soort("retourcode").codes
    gebruikt = set(RETOURCODE.values()) | set(Retourcode.values) | {"9374", "9347", "9319"}
    assert gebruikt <= set(codes.EENVOUDIG) <= set(wj001)
    assert len(wj001) > 50  # all sections of the codelist, each code once


def test_ijw_redenen_uit_de_codelijsten_gelijk_aan_onze_keuzes():
    """JZ588 and WJ759 read from the codelists carry the same labels as our TextChoices; JZ588
    and JZ002 give an explanation per code."""
    beeindiging = codes.soort("reden_beeindiging")
    for reden in RedenBeeindiging:
        assert beeindiging.get(reden.value).label == reden.label
    assert beeindiging.get("31").uitleg == "Traject is zoals gepland doorlopen en niet voortijdig gestopt"
    afwijzing = codes.soort("reden_afwijzing_verzoek")
    assert {c: afwijzing.get(c).label for c in afwijzing.codes} == {r.value: r.label for r in RedenAfwijzingVerzoek}
    assert codes.zoek("reden_wijziging", "13").label == "Verwijderd"
    assert codes.zoek("reden_wijziging", "13").uitleg.startswith("Als een toewijzing ten onrechte is verstuurd")


def test_eigen_codes_en_statussen_uit_de_domeinkeuzes():
    """Our codes take the labels of the domain TextChoices; a rejection names the iJw retourcode
    the provider receives; the four adjustment reasons each explain themselves."""
    assert codes.label("toewijzing_status", ToewijzingStatus.GESTART) == "Zorg gestart"
    afkeur = codes.zoek("afkeur", Afkeur.BEDRAG_ONJUIST)
    assert afkeur.label == "Bedrag is niet volume × tarief"
    assert (
        str(afkeur.uitleg) == "In het iJw-antwoord aan de aanbieder: retourcode 9346 (Bedrag is niet volume × tarief)."
    )
    assert codes.uitleg("afkeur", Afkeur.PRODUCT_ONBEKEND) == ""  # no retourcode for this one
    for reden in AanpassingReden:
        assert codes.zoek("aanpassing_reden", reden.value).uitleg


def test_onbekende_code_toont_de_code_zelf_en_onbekende_soort_is_een_fout():
    assert codes.zoek("retourcode", "X999") == codes.Code("X999", "X999")
    assert codes.label("afkeur", 42) == "42"
    with pytest.raises(KeyError, match="Onbekende codesoort 'retourcodes'"):
        codes.label("retourcodes", "0200")


def test_filters_label_uitleg_als_tooltip_en_de_code_klein():
    html = render('{{ c|code:"retourcode" }}', c="9346")
    assert html.startswith('<span class="code-label" title="Eenheid is ongelijk is aan waarde 83')
    assert 'Bedrag is niet volume × tarief</span> <small class="code">9346</small>' in html
    assert render('{{ c|code_label:"retourcode" }}', c="0200") == "Goedgekeurd, geen opmerking"
    # A status shows only its label, without a code.
    assert render('{{ s|code:"toewijzing_status" }}', s="gestart") == '<span class="code-label">Zorg gestart</span>'
    # Unknown codes show as themselves (escaped); empty values as nothing.
    assert render('{{ c|code:"retourcode" }}', c="<b>") == '<span class="code">&lt;b&gt;</span>'
    assert render('{{ c|code:"retourcode" }}|{{ c|code_label:"afkeur" }}', c=None) == "|"
    lijst = render('{{ l|codes:"retourcode" }}', l=["0200", "ZZZZ"])
    assert lijst.endswith('<small class="code">0200</small>, <span class="code">ZZZZ</span>')


def test_begrippenpagina_voor_elke_ingelogde_gebruiker(client, wereld):
    """Every role reaches the glossary from the menu; it lists every kind and its codes."""
    for gebruiker in wereld["gebruikers"].values():
        client.force_login(gebruiker)
        antwoord = client.get("/begrippen/")
        assert antwoord.status_code == 200, gebruiker.rol
        pagina = antwoord.content.decode()
        assert 'href="/begrippen/"' in pagina  # the menu link
    for soort in codes.alle_soorten():
        assert f'id="{soort.sleutel}"' in pagina
    assert 'id="retourcode-9346"' in pagina and "Bedrag is niet volume × tarief" in pagina
    assert "Levering is volgens plan beëindigd" in pagina


def test_begrippenpagina_vraagt_inloggen(db):
    antwoord = Client().get("/begrippen/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_status_met_uitleg_als_tooltip():
    """A status that needs it explains itself: a refused iJw message got no retour."""
    html = render('{{ s|code:"bericht_status" }}', s="geweigerd")
    assert html.startswith('<span class="code-label" title="Het bestand was geen geldig iJw-bericht')
    assert html.endswith(">Geweigerd (geen geldig bericht)</span>")
    assert codes.uitleg("bericht_status", "verwerkt") == ""
