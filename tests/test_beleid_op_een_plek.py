"""R-P4 and STYLE.md §Policies: access is decided by named predicates in one ``policies`` module
per app; a role comparison anywhere else is refused here. The scan reads every module and
template of the product, so a new view, service or template cannot compare roles unseen.

A role comparison is: naming a role member (``Rol.TOEGANG``), comparing or testing a user's
``.rol`` (``==``, ``!=``, ``in``), calling ``heeft_rol``, or a view declaring ``rollen = ...``.
Naming a role to *record* it (the model's validation, demo accounts) is not an access decision;
those modules are listed below with the reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BRON = Path(__file__).resolve().parent.parent / "src" / "jeugdregie"

#: Modules that name roles without deciding access, each with its reason.
TOEGESTAAN = {
    "accounts/constants.py": "defines the roles and the organisation each role needs",
    "accounts/models.py": "validates that an account's role has the organisation it needs",
    "synthese/demogebruikers.py": "creates the demo accounts with their roles",
    "synthese/declaraties.py": "creates the synthetic finance account",
    "synthese/bezwaar.py": "picks the demo toegang account that registers the demo objections",
    "synthese/overdracht.py": "picks the demo toegang account that records the demo dispute",
    # issue 20 §1: a family member's relation (``Gezinslid.rol``: ouder, voogd, GI), not a user's role
    "gezin/services.py": "compares a family member's relation to the child (Gezinsrol), no user role",
}

#: Roles are members of this enum; ``Rol.choices``/``Rol.labels`` and ``Rol(x)`` only describe.
_BESCHRIJVEND = {"choices", "labels", "values", "names"}

_SJABLOON = re.compile(r"\b(?:user|gebruiker|request\.user)\.rol\b(?!_)")


def _is_beleidsmodule(pad: Path) -> bool:
    return pad.name == "policies.py" or pad.parent.name == "policies"


def _rolvergelijkingen(pad: Path) -> list[str]:
    boom = ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))
    gevonden = []
    for knoop in ast.walk(boom):
        regel = getattr(knoop, "lineno", 0)
        if (
            isinstance(knoop, ast.Attribute)
            and isinstance(knoop.value, ast.Name)
            and knoop.value.id == "Rol"
            and knoop.attr not in _BESCHRIJVEND
        ):
            gevonden.append(f"{regel}: Rol.{knoop.attr}")
        elif isinstance(knoop, ast.Compare):
            delen = [knoop.left, *knoop.comparators]
            if any(isinstance(d, ast.Attribute) and d.attr == "rol" for d in delen):
                gevonden.append(f"{regel}: vergelijking met .rol")
        elif isinstance(knoop, ast.Call):
            naam = getattr(knoop.func, "id", None) or getattr(knoop.func, "attr", None)
            if naam in ("heeft_rol", "mag_pagina_gebruiken"):
                gevonden.append(f"{regel}: {naam}()")
        elif isinstance(knoop, ast.ClassDef):
            for stap in knoop.body:
                doelen = stap.targets if isinstance(stap, ast.Assign) else [getattr(stap, "target", None)]
                if any(isinstance(d, ast.Name) and d.id == "rollen" for d in doelen):
                    gevonden.append(f"{stap.lineno}: {knoop.name}.rollen")
    return gevonden


def _modules():
    for pad in sorted(BRON.rglob("*.py")):
        relatief = pad.relative_to(BRON).as_posix()
        if "/migrations/" in relatief or _is_beleidsmodule(pad) or relatief in TOEGESTAAN:
            continue
        yield relatief, pad


def test_geen_rolvergelijking_buiten_policies():
    fouten = {rel: v for rel, pad in _modules() if (v := _rolvergelijkingen(pad))}
    assert not fouten, "rolvergelijkingen buiten een policies-module (R-P4):\n" + "\n".join(
        f"{rel}:{v}" for rel, vs in fouten.items() for v in vs
    )


def test_geen_rolvergelijking_in_sjablonen():
    fouten = [
        f"{pad.relative_to(BRON).as_posix()}:{nr}"
        for pad in sorted(BRON.rglob("*.html"))
        for nr, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1)
        if _SJABLOON.search(regel)
    ]
    assert not fouten, "een sjabloon vergelijkt de rol van de gebruiker (R-P4): " + ", ".join(fouten)


def test_toegestane_modules_bestaan_en_zijn_geen_poortwachter():
    """The exceptions stay true: each exists, declares no view roles and calls no role check."""
    for relatief in TOEGESTAAN:
        pad = BRON / relatief
        assert pad.exists(), relatief
        poort = [v for v in _rolvergelijkingen(pad) if v.endswith(("()", ".rollen"))]
        assert not poort, (relatief, poort)


@pytest.mark.parametrize(
    ("bron", "verwacht"),
    [
        ("if user.rol == Rol.TOEGANG:\n    pass\n", ["1: Rol.TOEGANG", "1: vergelijking met .rol"]),
        ("x = gebruiker.rol in ROLLEN\n", ["1: vergelijking met .rol"]),
        ("class V:\n    rollen = ()\n", ["2: V.rollen"]),
        ("ok = heeft_rol(u, 'x')\n", ["1: heeft_rol()"]),
        ("keuzes = Rol.choices\nlabel = Rol(x).label\n", []),
    ],
)
def test_de_scan_herkent_een_rolvergelijking(tmp_path, bron, verwacht):
    """The scan itself can fail: each form of role comparison is found, a description is not."""
    pad = tmp_path / "module.py"
    pad.write_text(bron, encoding="utf-8")
    assert sorted(_rolvergelijkingen(pad)) == sorted(verwacht)


def test_de_sjabloonscan_herkent_een_rolvergelijking():
    assert _SJABLOON.search('{% if user.rol == "financieel" %}')
    assert not _SJABLOON.search("<td>{{ r.rol }}</td>")
    assert not _SJABLOON.search("{{ user.get_rol_display }}")
