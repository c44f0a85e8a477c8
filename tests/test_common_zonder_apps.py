"""Issue 16 §2 and STYLE.md §Layout: ``common`` holds shared building blocks and imports no app.
Where it needs one (the subscribers of domain events, the audit rows of the scoping mixin) a
setting names the module. The scan reads every module of ``common``, lazy imports included."""

from __future__ import annotations

import ast
from pathlib import Path

COMMON = Path(__file__).resolve().parent.parent / "src" / "jeugdregie" / "common"


def _geimporteerd(pad: Path) -> list[str]:
    namen = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))):
        if isinstance(knoop, ast.Import):
            namen += [alias.name for alias in knoop.names]
        elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0 and knoop.module:
            namen.append(knoop.module)
    return namen


def test_common_importeert_geen_app():
    """Given every module of common, when its imports are read, then none names an app."""
    fouten = [
        f"{pad.relative_to(COMMON)}: {naam}"
        for pad in sorted(COMMON.rglob("*.py"))
        for naam in _geimporteerd(pad)
        if naam.startswith("jeugdregie.") and not naam.startswith("jeugdregie.common")
    ]
    assert fouten == []
