"""Issue 19 §6: finding SPEC rule IDs ("R-K3") in text users read; used by the source scan
(tests/test_geen_regelcodes_in_ui.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent.parent / "src" / "jeugdregie"
REGEL = re.compile(r"\bR-[A-Z]{1,2}[0-9]+\b")
COMMENTAAR = re.compile(r"\{#.*?#\}|<!--.*?-->|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S)

#: Not read on the web pages: database migrations, command-line help of management commands, the
#: API serializers (their help texts are the committed OpenAPI description, docs/openapi.yaml, which
#: cites rules for integrators) and model field help texts (the API schema and the Django admin;
#: changing them needs migrations).
GEEN_WEBTEKST = re.compile(
    r"(^|/)(migrations/|management/commands/|api/serializers[^/]*\.py$|models[^/]*\.py$|models/)"
)


def teksten(boom: ast.AST):
    """The string literals of a module that are not docstrings (nor other bare string statements)."""
    los = {id(n.value) for n in ast.walk(boom) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Constant) and isinstance(knoop.value, str) and id(knoop) not in los:
            yield knoop
