"""The letter as a PDF (WeasyPrint), from its frozen content and the municipality's template
version (R-D1): rendered after the commit by a worker (``taken.tasks.beschikking_pdf``) or, when
still missing, at the first download, and then stored."""

from __future__ import annotations

import base64
import mimetypes

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from ..brief import Brief, brief_uit_inhoud, datum_tekst
from ..models import Beschikking, Sjabloon


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


def zorg_voor_pdf(beschikking_id: int) -> bool:
    """R-D1: render and store the PDF of a letter from its frozen content (the text, addressees,
    number and date saved when it was made, and its template version), once: a letter that has
    its PDF, or whose content was blanked (anonymised, R-P7), is left alone. Returns whether a
    PDF was stored. Nothing half-saved: a failing save deletes the file it wrote."""
    with transaction.atomic():
        beschikking = Beschikking.objects.select_for_update().select_related("sjabloon").get(pk=beschikking_id)
        if beschikking.pdf or not beschikking.inhoud.get("brief"):
            return False
        pdf = maak_pdf(
            brief=brief_uit_inhoud(beschikking.inhoud["brief"]),
            sjabloon=beschikking.sjabloon,
            nummer=beschikking.nummer,
            datum=beschikking.datum,
            geadresseerden=beschikking.geadresseerden,
        )
        beschikking.pdf.save(f"{beschikking.nummer}.pdf", ContentFile(pdf), save=False)
        try:
            beschikking.save(update_fields=["pdf"])
        except Exception:
            beschikking.pdf.storage.delete(beschikking.pdf.name or "")
            raise
    return True
