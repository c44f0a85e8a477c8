"""Issue 19 §5, §6: no page shows an amount in anything but the Dutch notation, nor a SPEC rule
ID. Every demo user of a small synthetic region (its trajectories, declarations and payment
batches written by the domain services) walks the pages a link away from its home page, breadth
first, and each page is scanned by ``builders.paginacontrole`` (amounts after ``€``, number
cells, rule IDs in the visible text and tooltips).

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
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio

from .builders.paginacontrole import fouten as fouten_van
from .inloggen import TweeFactorClient

pytestmark = pytest.mark.slow

PAGINAS_PER_ROL = 60
PER_SOORT = 2  # pages of one kind (the path with its numbers left out) per role
_LINK = re.compile(r'href="([^"#]*)"')
_OVERSLAAN = ("/uitloggen", "/admin", "/static", "/media", "/api/", "/schema", "/taal", "/inloggen")


def _te_volgen(href: str) -> str | None:
    pad, _ = urldefrag(unescape(href))
    deel = urlsplit(pad)
    if deel.scheme or deel.netloc or not deel.path.startswith("/") or deel.path.startswith(_OVERSLAAN):
        return None
    if "export=" in deel.query or deel.path.endswith((".pdf", ".csv", ".xlsx", ".xml", ".zip")):
        return None
    return pad


def test_geen_pagina_van_de_demo_toont_een_bedrag_buiten_de_nederlandse_notatie_of_een_regel_id(catalogus):
    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=42, melden=lambda _: None, vandaag=date(2026, 11, 16))
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
            nieuw, aantal = fouten_van(f"{gebruiker.username} {pad}", html)
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
