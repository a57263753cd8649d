"""House rules checked by the test command: ruff lint and format, a headless core."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

QT_MODULES = ("PyQt6", "PyQt5", "PySide6", "PySide2", "qtpy", "pytestqt")


def test_ruff_lint():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_nothing_outside_gui_imports_qt():
    offenders = []
    for path in (ROOT / "coverage_planner").rglob("*.py"):
        if "gui" in path.relative_to(ROOT / "coverage_planner").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    assert not offenders
