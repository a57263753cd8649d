"""Paths a Windows planner uses: drive letters, backslashes, Vietnamese names with
spaces, paths longer than Windows' old 260-character limit; no POSIX-only calls."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from coverage_planner.demo import demo_files
from coverage_planner.io.paths import resolve_stored, stored_path
from coverage_planner.params import Parameters
from coverage_planner.project import load_project, save_project
from tests.conftest import GIS_DATA, ROOT


def test_windows_path_is_stored_relative_with_slashes():
    base = PureWindowsPath(r"D:\Dự án\Lai Châu 2025")
    path = PureWindowsPath(r"D:\Dự án\Lai Châu 2025\dữ liệu\Xã sau sáp nhập.gpkg")
    assert stored_path(path, base) == "dữ liệu/Xã sau sáp nhập.gpkg"
    up = PureWindowsPath(r"D:\Dự án\chung\trạm BTS.xlsx")
    assert stored_path(up, base) == "../chung/trạm BTS.xlsx"


def test_windows_path_on_another_drive_is_stored_whole():
    base = PureWindowsPath(r"D:\Dự án")
    other = PureWindowsPath(r"E:\USB\thôn bản.gpkg")
    assert stored_path(other, base) == r"E:\USB\thôn bản.gpkg"
    assert resolve_stored(stored_path(other, base), base) == other


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dữ liệu/xã.gpkg", r"D:\Dự án\Lai Châu\dữ liệu\xã.gpkg"),
        (r"dữ liệu\xã.gpkg", r"D:\Dự án\Lai Châu\dữ liệu\xã.gpkg"),
        (r"..\chung\bts.csv", r"D:\Dự án\chung\bts.csv"),
        (r"C:\Users\Nam\bts.csv", r"C:\Users\Nam\bts.csv"),
        (r"\\may-chu\chia se\xa.gpkg", r"\\may-chu\chia se\xa.gpkg"),
    ],
)
def test_stored_paths_read_back_on_windows(text, expected):
    base = PureWindowsPath(r"D:\Dự án\Lai Châu")
    assert resolve_stored(text, base) == PureWindowsPath(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dữ liệu/xã.gpkg", "/home/nam/Dự án/dữ liệu/xã.gpkg"),
        (r"dữ liệu\xã.gpkg", "/home/nam/Dự án/dữ liệu/xã.gpkg"),  # written on Windows
        (r"..\chung\bts.csv", "/home/nam/chung/bts.csv"),
        ("/srv/gis/xa.gpkg", "/srv/gis/xa.gpkg"),
    ],
)
def test_stored_paths_read_back_on_linux(text, expected):
    base = PurePosixPath("/home/nam/Dự án")
    assert resolve_stored(text, base) == PurePosixPath(expected)


def _deep_folder(root: Path) -> Path:
    """A folder whose files' paths pass 260 characters, with diacritics and spaces."""
    folder = root / "Dự án phủ sóng 2025"
    while len(str(folder / "Thôn bản lõm sóng.gpkg")) <= 300:
        folder = folder / "Tỉnh Lai Châu – số liệu"
    folder.mkdir(parents=True)
    return folder


def test_project_in_a_long_vietnamese_path_round_trips_and_loads(tmp_path):
    from dataclasses import replace

    from coverage_planner.io.inputs import load_inputs

    data = _deep_folder(tmp_path)
    names = {"communes": "Xã.gpkg", "villages": "Thôn bản lõm sóng.gpkg", "sites": "Trạm BTS.csv"}
    demo = demo_files(GIS_DATA)
    for layer, name in names.items():
        shutil.copy(getattr(demo, layer).path, data / name)
    files = replace(
        demo,
        **{layer: replace(getattr(demo, layer), path=data / name) for layer, name in names.items()},
        backbone=None,
        dem=None,
        population=None,
    )
    project = save_project(
        tmp_path / "Dự án phủ sóng 2025" / "Lai Châu.cpproj.json", files, Parameters()
    )
    stored = json.loads(project.read_text(encoding="utf-8"))["layers"]
    assert all("\\" not in v["path"] and not v["path"].startswith("/") for v in stored.values())
    back, _ = load_project(project)
    assert back.villages.path == (data / names["villages"]).resolve()
    assert len(str(back.villages.path)) > 260
    inputs = load_inputs(back)
    reference = load_inputs(replace(demo, backbone=None, dem=None, population=None))
    assert len(inputs.villages) == len(reference.villages)
    assert sorted(inputs.villages["village_name"]) == sorted(reference.villages["village_name"])


def test_project_written_on_windows_opens_on_linux(tmp_path):
    """A project saved by hand on Windows (backslashes) finds its files here."""
    (tmp_path / "dữ liệu").mkdir()
    for name in ("communes.gpkg", "villages.gpkg", "bts_sites.csv"):
        shutil.copy(GIS_DATA / name, tmp_path / "dữ liệu" / name)
    data = {
        "format": "coverage-planner-project",
        "version": 1,
        "layers": {
            "communes": {"path": r"dữ liệu\communes.gpkg"},
            "villages": {"path": r"dữ liệu\villages.gpkg"},
            "sites": {"path": r".\dữ liệu\bts_sites.csv"},
        },
        "parameters": {},
    }
    path = tmp_path / "Lai Châu.cpproj.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    files, _ = load_project(path)
    assert files.sites.path == (tmp_path / "dữ liệu" / "bts_sites.csv").resolve()
    assert files.sites.path.exists() and files.communes.path.exists()


# Calls that exist only on POSIX systems (or behave differently on Windows).
POSIX_ONLY = {
    ("os", "fork"),
    ("os", "forkpty"),
    ("os", "getuid"),
    ("os", "geteuid"),
    ("os", "getgid"),
    ("os", "setsid"),
    ("os", "killpg"),
    ("os", "getpgid"),
    ("os", "uname"),
    ("os", "sysconf"),
    ("signal", "SIGKILL"),
    ("signal", "SIGHUP"),
    ("signal", "SIGALRM"),
    ("signal", "alarm"),
}
POSIX_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "pty", "posix"}


def _is_guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside an ``if`` that tests the platform (``sys.platform``, ``os.name``, ``hasattr``)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If | ast.IfExp):
            text = ast.unparse(node.test)
            if any(k in text for k in ("sys.platform", "os.name", "hasattr", "platform.system")):
                return True
    return False


def posix_only_calls(source: str) -> list[str]:
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in POSIX_ONLY:
                name = f"{node.value.id}.{node.attr}"
        elif isinstance(node, ast.Import):
            name = next((a.name for a in node.names if a.name in POSIX_MODULES), None)
        elif isinstance(node, ast.ImportFrom) and node.module in POSIX_MODULES:
            name = node.module
        if name and not _is_guarded(node, parents):
            found.append(f"line {node.lineno}: {name}")
    return found


def test_the_posix_check_finds_unguarded_calls():
    assert posix_only_calls("import os\nos.fork()\n") == ["line 2: os.fork"]
    assert posix_only_calls("import fcntl\n") == ["line 1: fcntl"]
    assert posix_only_calls("import os, sys\nif sys.platform != 'win32':\n    os.getuid()\n") == []


def test_no_unguarded_posix_only_calls_in_the_program():
    offenders = {}
    for path in sorted((ROOT / "coverage_planner").rglob("*.py")):
        found = posix_only_calls(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert not offenders, f"guard these with a platform test or use a portable call: {offenders}"
