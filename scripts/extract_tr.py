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


def module_context(tree: ast.AST) -> str | None:
    """The context of a module's own ``tr(text)``: the constant first argument of the
    ``QCoreApplication.translate("Context", text)`` call inside it."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    return call.args[0].value
    return None


def translatable() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(GUI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own_context = MODULE_CONTEXT.get(path.name) or module_context(tree)
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
            elif isinstance(func, ast.Name) and func.id == "tr" and own_context:
                context = own_context
            else:
                continue
            if isinstance(node.args[0].value, str):
                found.add((context, node.args[0].value))
    return found


if __name__ == "__main__":
    for context, source in sorted(translatable()):
        print(f"{context}\t{source!r}")
