"""Issue 22 §5: Rijnmond's synthetic region beside IJsselland's (seed 004; R-R1, R-R3)."""

import pytest

from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.synthese.rijnmond import genereer_rijnmond

pytestmark = pytest.mark.slow


def stil(_):
    return None


def test_rook(catalogus):
    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=print)
    r = genereer_rijnmond(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=print)
    print(r)
    assert 0
