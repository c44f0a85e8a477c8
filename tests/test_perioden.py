from datetime import date

import pytest

from jeugdregie.common.money import euro, from_cents, to_cents
from jeugdregie.common.periods import Periode, is_werkdag, leeftijd_op, plus_werkdagen


def test_periode_is_inclusief():
    periode = Periode(date(2025, 1, 1), date(2025, 1, 31))
    assert periode.bevat(date(2025, 1, 31)) and not periode.bevat(date(2025, 2, 1))
    assert periode.overlapt(Periode(date(2025, 1, 31), None))
    assert not periode.overlapt(Periode(date(2025, 2, 1), date(2025, 2, 28)))
    assert Periode(date(2025, 1, 1)).omvat(periode) and not periode.omvat(Periode(date(2025, 1, 1)))
    with pytest.raises(ValueError):
        Periode(date(2025, 2, 1), date(2025, 1, 1))


def test_werkdagen_tellen_nederlandse_feestdagen():
    """R-C2 groundwork: working days skip weekends and Dutch public holidays (holidays pkg)."""
    assert not is_werkdag(date(2025, 4, 21))  # Tweede Paasdag
    assert not is_werkdag(date(2025, 4, 26))  # Saturday
    assert not is_werkdag(date(2025, 4, 27))  # Koningsdag on a Sunday
    assert plus_werkdagen(date(2025, 4, 17), 3) == date(2025, 4, 24)  # Goede Vrijdag and Tweede Paasdag skipped
    assert plus_werkdagen(date(2025, 12, 24), 3) == date(2025, 12, 31)  # both Christmas days skipped


def test_leeftijd():
    assert leeftijd_op(date(2008, 3, 1), date(2026, 2, 28)) == 17
    assert leeftijd_op(date(2008, 3, 1), date(2026, 3, 1)) == 18


def test_geld_is_decimal_en_nooit_float():
    assert euro("62") == euro("62.00") and str(euro("1.005")) == "1.01"
    assert to_cents("12.34") == 1234 and from_cents(1234) == euro("12.34")
    with pytest.raises(TypeError):
        euro(1.1)
