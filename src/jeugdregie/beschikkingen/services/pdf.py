"""The letter as a PDF (WeasyPrint), from the municipality's template version (R-D1)."""

from __future__ import annotations

import base64
import mimetypes

from django.template.loader import render_to_string
from django.utils import translation

from ..brief import Brief, datum_tekst
from ..models import Sjabloon


def _logo_data(sjabloon: Sjabloon) -> str:
    """The logo inline (a data URI), read through the storage API: works for any storage."""
    if not sjabloon.logo:
        return ""
    try:
        with sjabloon.logo.open("rb") as bestand:
            inhoud = bestand.read()
    except OSError:
        return ""
    soort = mimetypes.guess_type(sjabloon.logo.name or "")[0] or "image/png"
    return f"data:{soort};base64,{base64.b64encode(inhoud).decode()}"


def brief_html(*, brief: Brief, sjabloon: Sjabloon, nummer: str, datum, geadresseerden: list[dict]) -> str:
    with translation.override("nl"):
        return render_to_string(
            "beschikkingen/brief_pdf.html",
            {
                "brief": brief,
                "sjabloon": sjabloon,
                "logo": _logo_data(sjabloon),
                "nummer": nummer,
                "datum": datum_tekst(datum),
                "geadresseerden": geadresseerden,
            },
        )


def maak_pdf(**gegevens) -> bytes:
    """The PDF of ``brief_html(**gegevens)``."""
    from weasyprint import HTML  # imported here: loading WeasyPrint is slow and only PDFs need it

    return HTML(string=brief_html(**gegevens)).write_pdf()
