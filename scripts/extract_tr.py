"""List the translatable strings of the GUI: (context, source) for every tr() call.

Used by the test that checks the Vietnamese .ts file is complete, and by translators
to see what is new:  uv run python scripts/extract_tr.py
"""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "coverage_planner" / "gui"
MODULE_CONTEXT = {
    "panels.py": "Panels",
    "tables.py": "Tables",
    "open_dialog.py": "OpenDataDialog",
    "export_dialog.py": "MapExportDialog",
    "study_dialog.py": "StudyDialog",
}


def translatable() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for child in ast.walk(node):
                    classes[id(child)] = node.name
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            ):
                continue
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "tr"
                and isinstance(func.value, ast.Name)
                and func.value.id == "self"
            ):
                context = classes.get(id(node), "")
            elif isinstance(func, ast.Name) and func.id == "tr" and path.name in MODULE_CONTEXT:
                context = MODULE_CONTEXT[path.name]
            else:
                continue
            if isinstance(node.args[0].value, str):
                found.add((context, node.args[0].value))
    return found


if __name__ == "__main__":
    for context, source in sorted(translatable()):
        print(f"{context}\t{source!r}")
