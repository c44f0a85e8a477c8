"""Fixtures for the browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, which makes Django's async-safety check refuse ORM
calls from the test itself (fixtures, count assertions). The test thread is not actually async, so allow it.
"""

import os
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_DIR / "var" / "screenshots"


def vereis_chromium() -> None:
    """Missing chromium is a test failure, not a skip: the test command installs it, so its absence means the
    environment is broken. Called from the test body so pytest reports FAILED rather than a setup ERROR."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install -y chromium)", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    """One headless chromium per session (None when chromium is missing; the test then fails via vereis_chromium)."""
    if not CHROMIUM.exists():
        yield None
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def e2e_wereld(transactional_db, wereld):
    """The permission-matrix world of tests/conftest.py, committed so the live server thread sees it."""
    return wereld


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test; console errors are collected on ``page.console_fouten``."""
    if browser is None:
        yield None
        return
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.console_fouten = []
    page.on("console", lambda message: page.console_fouten.append(message.text) if message.type == "error" else None)
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "stap")`` saves var/screenshots/<test>-NN-<stap>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    teller = iter(range(1, 100))

    def maak(page, stap: str) -> Path:
        pad = SCREENSHOT_DIR / f"{request.node.name}-{next(teller):02d}-{stap}.png"
        page.screenshot(path=str(pad), full_page=True)
        return pad

    return maak
