"""Browser-test helpers: logging in with password and TOTP code, CSP errors from the console. Moved from
tests/e2e/test_browser.py."""

from playwright.sync_api import Page, expect

from ..inloggen import app_van, code_van

WACHTWOORD = "geheim-wachtwoord-1"


def csp_fouten(page: Page) -> list[str]:
    return [tekst for tekst in page.console_fouten if "content security policy" in tekst.lower()]


def inloggen(page: Page, live_server, gebruiker) -> None:
    """Password, then the code of the user's authenticator app (R-P5), as a person types them."""
    app_van(gebruiker)
    page.goto(f"{live_server.url}/inloggen/")
    page.fill("#id_username", gebruiker.username)
    page.fill("#id_password", WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tweede factor")
    page.fill("#id_code", code_van(gebruiker))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
