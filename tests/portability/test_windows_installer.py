"""The Windows installer script agrees with the PyInstaller spec and the build script.

The Windows build cannot run here; what it depends on is read from the three files
(``installer/coverage-planner.iss``, ``installer/coverage-planner.spec``,
``scripts/build_bundle.py``) so that a renamed executable, icon or output breaks a test
rather than the release on Windows.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

ISS = ROOT / "installer" / "coverage-planner.iss"
SPEC = ROOT / "installer" / "coverage-planner.spec"
BUILD = ROOT / "scripts" / "build_bundle.py"


def iss_text() -> str:
    raw = ISS.read_bytes()
    # Inno Setup 6 reads a script as UTF-8 only with a byte-order mark: the shortcut's
    # Vietnamese comment would be garbled without it.
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig")


def spec_executables() -> set[str]:
    """The ``name=`` of every ``EXE(...)`` of the spec (the Windows one included)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EXE":
            for kw in node.keywords:
                if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                    names.add(kw.value.value)
    return names


def test_the_shortcuts_start_an_executable_the_spec_builds():
    text = iss_text()
    exes = {f"{n}.exe" for n in spec_executables()}
    assert exes == {"coverage-planner.exe", "coverage-planner-gui.exe"}
    started = set(re.findall(r"\{app\}\\([\w.-]+\.exe)", text))
    assert started and started <= exes
    # The Start menu opens the windowed one (no console behind the desktop app).
    assert re.search(r"\[Icons\][^\[]*\{app\}\\coverage-planner-gui\.exe", text)
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    windowed = [
        kw.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EXE"
        for kw in node.keywords
        if kw.arg == "console" and isinstance(kw.value, ast.Constant)
    ]
    assert windowed.count(False) == 1


def test_defines_icon_and_output_match_the_build_script():
    text = iss_text()
    build = BUILD.read_text(encoding="utf-8")
    # Every define the script passes is one the .iss uses, and the reverse.
    passed = set(re.findall(r'f"/D(\w+)=', build))
    used = set(re.findall(r"\{#(\w+)\}", text)) | set(re.findall(r"#ifndef (\w+)", text))
    assert passed == {"AppVersion", "SourceDir", "RootDir"} and passed <= used
    # The icon it names exists, and the setup's name is the one the script reports.
    icon = re.search(r"SetupIconFile=\{#RootDir\}\\(.+)", text).group(1).strip()
    assert (ROOT / icon.replace("\\", "/")).exists()
    out = re.search(r"OutputBaseFilename=(.+)", text).group(1).strip()
    assert out.replace("{#AppVersion}", "{ver}") + ".exe" in build.replace('f"', "")
    # The folder it packs is the one PyInstaller writes (COLLECT name).
    assert 'name="coverage-planner",' in SPEC.read_text(encoding="utf-8")
    assert re.search(r'#define SourceDir RootDir \+ "\\dist\\coverage-planner"', text)


def test_installs_for_all_users_or_one_and_is_64_bit():
    text = iss_text()
    assert "PrivilegesRequired=admin" in text
    assert "PrivilegesRequiredOverridesAllowed=dialog" in text  # no administrator: for me
    assert "ArchitecturesInstallIn64BitMode=x64compatible" in text
    assert re.search(r"DefaultDirName=\{autopf\}", text)  # Program Files, or the user's
