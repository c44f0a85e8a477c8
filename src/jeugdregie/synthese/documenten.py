"""Demo documents (issue 20 §4), through the documents service as the demo users: for a few
running allocations of the first demo provider to children of Zwolle, the toegang adds the GP's
referral letter on the referral and the provider its plan on the allocation. Idempotent (nothing
is added when the demo toegang already added a document). Development and demo only."""

from __future__ import annotations

import io

import pydyf
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from jeugdregie.documenten.constants import Documentsoort
from jeugdregie.documenten.models import Document
from jeugdregie.documenten.policies import mag_document_toevoegen
from jeugdregie.documenten.services import voeg_document_toe
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing


def demo_pdf(regels: list[str]) -> bytes:
    """A small one-page PDF with ``regels`` as text (pydyf, which WeasyPrint brings)."""
    document = pydyf.PDF()
    lettertype = pydyf.Dictionary({"Type": "/Font", "Subtype": "/Type1", "BaseFont": "/Helvetica"})
    document.add_object(lettertype)
    inhoud = pydyf.Stream()
    for i, regel in enumerate(regels):
        inhoud.begin_text()
        inhoud.set_font_size("F1", 12)
        inhoud.set_text_matrix(1, 0, 0, 1, 72, 760 - 18 * i)
        inhoud.show_text_string(regel)
        inhoud.end_text()
    document.add_object(inhoud)
    bronnen = pydyf.Dictionary({"Font": pydyf.Dictionary({"F1": lettertype.reference})})
    document.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": document.pages.reference,
                "MediaBox": [0, 0, 595, 842],
                "Contents": inhoud.reference,
                "Resources": bronnen,
            }
        )
    )
    uit = io.BytesIO()
    document.write(uit)
    return uit.getvalue()


def voeg_demodocumenten_toe(aantal: int = 3) -> int:
    """Returns how many documents were added."""
    gebruikers = {g.username: g for g in get_user_model().objects.filter(username__in=["toegang", "aanbieder"])}
    toegang, aanbieder = gebruikers.get("toegang"), gebruikers.get("aanbieder")
    if toegang is None or aanbieder is None or Document.objects.filter(toegevoegd_door=toegang).exists():
        return 0
    toewijzingen = (
        Toewijzing.objects.voor_gebruiker(aanbieder)
        .filter(
            status__in=(ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART),
            jeugdige__in=Jeugdige.objects.voor_gebruiker(toegang),
        )
        .select_related("jeugdige", "verwijzing")
        .order_by("pk")
    )
    toegevoegd = 0
    for t in toewijzingen[: aantal * 5]:
        if toegevoegd >= 2 * aantal:
            break
        plan = {"jeugdige": t.jeugdige, "soort": Documentsoort.PLAN, "toewijzing": t}
        if not mag_document_toevoegen(aanbieder, **plan):
            continue
        brief = demo_pdf(["Verwijsbrief (demo)", f"Verwijzing {t.verwijzing_id}", "Synthetische gegevens."])
        voeg_document_toe(
            jeugdige=t.jeugdige,
            soort=Documentsoort.VERWIJSBRIEF,
            titel="Verwijsbrief huisarts",
            bestand=ContentFile(brief, name="verwijsbrief.pdf"),
            verwijzing=t.verwijzing,
            door=toegang,
        )
        voeg_document_toe(
            **plan,
            titel="Hulpverleningsplan",
            bestand=ContentFile(demo_pdf(["Hulpverleningsplan (demo)", f"Toewijzing {t.pk}"]), name="plan.pdf"),
            door=aanbieder,
        )
        toegevoegd += 2
    return toegevoegd
