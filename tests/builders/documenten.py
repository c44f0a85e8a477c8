"""Documents (issue 20 §4): files with real signatures, and adding one through the service."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from jeugdregie.documenten.services import voeg_document_toe

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 60
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def bestand(naam: str = "verwijsbrief.pdf", inhoud: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)


def voeg_toe(route, *, door="toegang", jeugdige=None, soort="verwijsbrief", titel="Verwijsbrief", **extra):
    return voeg_document_toe(
        jeugdige=jeugdige or route["jeugdige_zwolle"],
        soort=soort,
        titel=titel,
        bestand=extra.pop("bestand", None) or bestand(),
        door=route["gebruikers"][door],
        **extra,
    )
