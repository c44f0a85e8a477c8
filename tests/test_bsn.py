import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.bsn import bsn_reeks, controleer_bsn, is_geldig_bsn


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_geldig_bsn_wordt_geaccepteerd(bsn):
    """R-P3: nine ASCII digits passing the 11-proef."""
    assert controleer_bsn(bsn) == bsn
    assert is_geldig_bsn(bsn)


@pytest.mark.parametrize(
    ("bsn", "fragment"),
    [
        ("123456789", "elfproef"),  # fails the 11-proef
        ("12345678", "precies 9 cijfers"),  # too short
        ("1234567820", "precies 9 cijfers"),  # too long
        ("12345678a", "precies 9 cijfers"),
        (" 23456782", "precies 9 cijfers"),
        ("１２３４５６７８２", "precies 9 cijfers"),  # full-width digits are not ASCII
        ("١٢٣٤٥٦٧٨٢", "precies 9 cijfers"),  # Arabic-Indic digits match \d but are not ASCII
        ("000000000", "elfproef"),
        (123456782, "precies 9 cijfers"),
    ],
)
def test_ongeldig_bsn_krijgt_duidelijke_melding(bsn, fragment):
    """R-P3, iJw CS002: anything but nine ASCII digits passing the 11-proef is refused."""
    with pytest.raises(DomainError) as fout:
        controleer_bsn(bsn)
    assert fout.value.code == "JGD001"
    assert fragment in fout.value.message
    assert not is_geldig_bsn(bsn)


def test_bsn_reeks_geeft_alleen_unieke_geldige_nummers():
    reeks = bsn_reeks(12_345_670)
    nummers = [next(reeks) for _ in range(200)]
    assert len(set(nummers)) == 200
    assert all(is_geldig_bsn(n) for n in nummers)
