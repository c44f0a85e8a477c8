"""Request bodies of the message endpoint: one iJw message (XML) or a zip of messages. The body
is read from the stream in blocks and never beyond the limit + 1 byte (issue 5 §9), whatever
Content-Length said; the view checks Content-Length before this runs."""

from __future__ import annotations

import io
import tempfile

from rest_framework.parsers import BaseParser

from ..constants import Weigering
from ..services.archief import max_archief_bytes
from ..xml.veilig import Berichtweigering, controleer_grootte, max_bytes

_BLOK = 1024 * 1024


def _kopieer(stream, doel, grens: int) -> int:
    gelezen = 0
    while gelezen <= grens:
        blok = stream.read(min(_BLOK, grens + 1 - gelezen))
        if not blok:
            break
        gelezen += len(blok)
        doel.write(blok)
    return gelezen


class BerichtXmlParser(BaseParser):
    """One iJw message; ``request.data`` becomes its bytes."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        if stream is None:
            return b""
        doel = io.BytesIO()
        controleer_grootte(_kopieer(stream, doel, max_bytes()))
        return doel.getvalue()


class TekstXmlParser(BerichtXmlParser):
    media_type = "text/xml"


class ZipParser(BaseParser):
    """A zip of iJw messages; ``request.data`` becomes a (spooled) temporary file."""

    media_type = "application/zip"

    def parse(self, stream, media_type=None, parser_context=None):
        doel = tempfile.SpooledTemporaryFile(max_size=16 * _BLOK)  # noqa: SIM115 - handed to the view
        grens = max_archief_bytes()
        if stream is not None and _kopieer(stream, doel, grens) > grens:
            doel.close()
            raise te_groot_archief()
        doel.seek(0)
        return doel


def te_groot_archief() -> Berichtweigering:
    return Berichtweigering(
        Weigering.ARCHIEF,
        f"Het zip-bestand is groter dan {max_archief_bytes() / 1024 / 1024:.0f} MiB. Splits het over meerdere zips.",
    )
