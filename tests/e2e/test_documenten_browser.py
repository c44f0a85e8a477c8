"""End-to-end (issue 20 §4): the toegang opens the child's dossier, adds a document (a program
named as a PDF first: a Dutch message and nothing stored), sees it in the list and the dossier,
and downloads exactly the bytes it uploaded."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from jeugdregie.documenten.models import Document

from ..builders.browser import csp_fouten, inloggen
from ..builders.documenten import EXE, PDF
from .conftest import vereis_chromium

pytestmark = pytest.mark.e2e


def test_toegang_voegt_document_toe_vanuit_dossier_en_downloadt_het(
    page: Page, live_server, e2e_wereld, screenshot, settings, tmp_path
):
    vereis_chromium()
    settings.MEDIA_ROOT = tmp_path
    kind = e2e_wereld["jeugdige_zwolle"]
    inloggen(page, live_server, e2e_wereld["gebruikers"]["toegang"])

    page.goto(f"{live_server.url}/jeugdigen/{kind.pk}/dossier/")
    expect(page.locator("#documenten")).to_contain_text("Geen documenten die u kunt inzien.")
    page.get_by_role("link", name="Document toevoegen").click()
    expect(page).to_have_url(re.compile(rf"/jeugdigen/{kind.pk}/documenten/nieuw/$"))
    page.select_option("#id_soort", "overig")
    page.fill("#id_titel", "Verslag keukentafelgesprek")
    page.set_input_files("#id_bestand", {"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": EXE})
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit bestand is geen PDF, PNG of JPEG")
    assert not Document.objects.exists() and not any(p.is_file() for p in tmp_path.rglob("*"))
    screenshot(page, "verkeerd-type")

    page.set_input_files("#id_bestand", {"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Toevoegen").click()
    expect(page).to_have_url(re.compile(rf"/jeugdigen/{kind.pk}/documenten/$"))
    expect(page.locator("#documenten")).to_contain_text("Verslag keukentafelgesprek")
    screenshot(page, "documenten")

    with page.expect_download() as download:
        page.get_by_role("link", name="Verslag keukentafelgesprek").click()
    assert download.value.suggested_filename == "verslag.pdf"
    assert Path(download.value.path()).read_bytes() == PDF

    page.goto(f"{live_server.url}/jeugdigen/{kind.pk}/dossier/")
    expect(page.locator("#documenten")).to_contain_text("Verslag keukentafelgesprek")
    screenshot(page, "dossier-met-document")
    assert csp_fouten(page) == []
