"""Issue 16 §6, tests that are easy to extend: no test module imports another test module. A helper
or constant that more than one test module needs lives in tests/builders/ (one module per app or
concept), a shared fixture in tests/conftest.py; a helper one module uses stays in that module."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _testmodule(naam: str | None) -> bool:
    return bool(naam) and naam.rsplit(".", 1)[-1].startswith("test_")


def imports_van_testmodules(bron: str) -> list[tuple[int, str]]:
    """(line, imported module) of every import of a ``test_*`` module in ``bron``: ``import
    tests.test_x``, ``from .test_x import y``, ``from tests.test_x import y`` and ``from . import
    test_x``, at module level or inside a function."""
    gevonden = []
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Import):
            gevonden += [(knoop.lineno, alias.name) for alias in knoop.names if _testmodule(alias.name)]
        elif isinstance(knoop, ast.ImportFrom):
            module = "." * knoop.level + (knoop.module or "")
            if _testmodule(knoop.module):
                gevonden.append((knoop.lineno, module))
            else:
                pakket = module if module.endswith(".") else module + "."
                gevonden += [(knoop.lineno, pakket + alias.name) for alias in knoop.names if _testmodule(alias.name)]
    return sorted(gevonden)


def test_de_scan_vindt_elke_vorm_van_import_van_een_testmodule():
    """The check below can fail: every form of importing a test module is found, and other
    imports are not."""
    bron = (
        "import tests.test_a\n"
        "from .test_b import verwijs\n"
        "from tests.test_c import gestart as g\n"
        "from . import test_d as d\n"
        "from .e2e.test_e import inloggen\n"
        "def f():\n"
        "    from ..test_f import regel\n"
        "from .builders.route import verwijs\n"
        "from . import factories, klok\n"
        "import pytest\n"
    )
    assert imports_van_testmodules(bron) == [
        (1, "tests.test_a"),
        (2, ".test_b"),
        (3, "tests.test_c"),
        (4, ".test_d"),
        (5, ".e2e.test_e"),
        (7, "..test_f"),
    ]


def test_geen_testmodule_importeert_een_andere_testmodule():
    """Issue 16 §6: every tests/**/test_*.py imports its shared helpers from tests/builders (or a
    fixture from tests/conftest.py), never from another test module."""
    overtredingen = {
        str(pad.relative_to(TESTS)): gevonden
        for pad in sorted(TESTS.rglob("test_*.py"))
        if (gevonden := imports_van_testmodules(pad.read_text(encoding="utf-8")))
    }
    assert overtredingen == {}
