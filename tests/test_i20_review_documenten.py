"""Review of issue 20 §4, documents, as a privacy officer (R-P1/R-P4 need-to-know).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

import pytest

from jeugdregie.documenten.policies import mag_document_lezen

from .builders.documenten import voeg_toe


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("wie", ["huisarts", "aanbieder"])
def test_rechterlijke_uitspraak_los_bij_het_kind_leesbaar_voor_huisarts_en_elke_aanbieder(route, wie):
    """R-P4 / issue 20 §4: a court order (OTS, voogdij: class jeugdbescherming) that the toegang
    files on the child itself, not on a GI referral (``SOORTEN_PER_ROL``: the toegang adds every
    kind, loose on the child), is read by everyone who reads the child
    (``DocumentQuerySet.voor_gebruiker``: no referral or allocation → the child's scope): the GP
    who once referred, any provider with a running allocation for unrelated care. A GI's own
    court order is confined to its referral; the same paper filed by the toegang is not. The
    kind of document, not only where it hangs, should decide who reads it."""
    uitspraak = voeg_toe(route, soort="rechterlijke_uitspraak", titel="Beschikking ondertoezichtstelling")
    assert mag_document_lezen(route["gebruikers"]["toegang"], uitspraak)
    assert not mag_document_lezen(route["gebruikers"][wie], uitspraak)
