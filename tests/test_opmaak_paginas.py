"""Issue 19 §5: no page shows an amount in anything but the Dutch notation. Every demo user of a
small synthetic region (its trajectories, declarations and payment batches written by the domain
services) walks the pages a link away from its home page, breadth first, and each page is
scanned:

- every amount after ``€`` is ``€ 1.234,56`` (or a whole rounded ``€ 1.235``): thousands by a
  dot, cents by a comma, nothing else;
- no figure in a number cell (``class="getal"``) has a decimal point (``18.00``) or four digits
  before its decimal comma (``1806,00``).

The walk also counts the amounts it read, so the check is seen to have something to fail on."""

from __future__ import annotations

import re
from collections import Counter, deque
from datetime import date
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.regio import genereer_regio

from .inloggen import TweeFactorClient

pytestmark = pytest.mark.slow

PAGINAS_PER_ROL = 60
PER_SOORT = 2  # pages of one kind (the path with its numbers left out) per role
_LINK = re.compile(r'href="([^"#]*)"')
_EURO = re.compile(r"€\s*(-?[\d.,]+\d)")
_GOED_EURO = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d{2})?")
_GETALCEL = re.compile(r'<t[dh][^>]*class="[^"]*\bgetal\b[^"]*"[^>]*>(.*?)</t[dh]>', re.S)
_FOUT_IN_CEL = re.compile(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}|\d{4,},\d")
_OVERSLAAN = ("/uitloggen", "/admin", "/static", "/media", "/api/", "/schema", "/taal", "/inloggen")


def _te_volgen(href: str) -> str | None:
    pad, _ = urldefrag(unescape(href))
    deel = urlsplit(pad)
    if deel.scheme or deel.netloc or not deel.path.startswith("/") or deel.path.startswith(_OVERSLAAN):
        return None
    if "export=" in deel.query or deel.path.endswith((".pdf", ".csv", ".xlsx", ".xml", ".zip")):
        return None
    return pad


def _fouten(pad: str, html: str) -> tuple[list[str], int]:
    fouten, gezien = [], 0
    tekst = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    for bedrag in _EURO.findall(unescape(tekst)):
        gezien += 1
        if not _GOED_EURO.fullmatch(bedrag):
            fouten.append(f"{pad}: € {bedrag}")
    for cel in _GETALCEL.findall(tekst):
        inhoud = unescape(re.sub(r"<[^>]+>", "", cel)).strip()
        if _FOUT_IN_CEL.search(inhoud):
            fouten.append(f"{pad}: getalcel {inhoud!r}")
    return fouten, gezien


def test_geen_pagina_van_de_demo_toont_een_bedrag_buiten_de_nederlandse_notatie(catalogus):
    genereer_regio(schaal=0.02, seed=42, melden=lambda _: None, vandaag=date(2026, 11, 16))
    namen = [login.gebruikersnaam for login in maak_demogebruikers()]
    fouten: list[str] = []
    bedragen = paginas = 0
    for gebruiker in Gebruiker.objects.filter(username__in=namen).order_by("username"):
        client = TweeFactorClient()
        client.force_login(gebruiker)
        gezien, soorten, wachtrij = {"/"}, Counter(), deque(["/"])
        while wachtrij and len(gezien) <= PAGINAS_PER_ROL:
            pad = wachtrij.popleft()
            antwoord = client.get(pad, follow=True)
            if antwoord.status_code != 200 or "text/html" not in antwoord.get("Content-Type", ""):
                continue
            html = antwoord.content.decode()
            paginas += 1
            nieuw, aantal = _fouten(f"{gebruiker.username} {pad}", html)
            fouten += nieuw
            bedragen += aantal
            for href in _LINK.findall(html):
                volgend = _te_volgen(href)
                soort = re.sub(r"\d+", "N", urlsplit(volgend or "").path)
                if volgend and volgend not in gezien and soorten[soort] < PER_SOORT:
                    gezien.add(volgend)
                    soorten[soort] += 1
                    wachtrij.append(volgend)
    assert paginas > 60 and bedragen > 20, (paginas, bedragen)
    assert not fouten, "\n".join(sorted(set(fouten))[:40])
