"""Every user error of the project, configuration, study and calibration code reads in
Vietnamese: the raise sites name a message key (never an English-only sentence), and
each error path, exercised, gives a Vietnamese sentence with the file's name."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path

import pytest

from coverage_planner import errors
from coverage_planner.coverage.terrain.measurements import read_measurements
from coverage_planner.errors import UserError
from coverage_planner.io.messages import messages
from coverage_planner.params import Parameters, read_toml
from coverage_planner.project import load_project, load_site_edits
from coverage_planner.study import StudyDescription
from tests.io.test_messages import _has_vietnamese

PACKAGE = Path(__file__).resolve().parents[2] / "coverage_planner"
MODULES = (
    "project.py",
    "study.py",
    "calibration_batch.py",
    "config_check.py",
    "params.py",
    "coverage/terrain/measurements.py",
    "coverage/engine.py",
)
ERROR_TYPES = {
    name
    for name, obj in vars(errors).items()
    if inspect.isclass(obj) and issubclass(obj, UserError)
}


def _raises(module: str) -> list[ast.Call]:
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if isinstance(func, ast.Name) and func.id in ERROR_TYPES:
                calls.append(node.exc)
    return calls


@pytest.mark.parametrize("module", MODULES)
def test_every_user_error_raised_names_a_key_with_a_vietnamese_sentence(module):
    calls = _raises(module)
    assert calls, f"the scan found no raise in {module}"
    for call in calls:
        where = f"{module}:{call.lineno}"
        assert not call.args, f"{where}: a sentence instead of a message key"
        key = next((k.value for k in call.keywords if k.arg == "key"), None)
        assert isinstance(key, ast.Constant), f"{where}: no literal key="
        en, vi = messages()[key.value]
        assert vi != en and _has_vietnamese(vi), f"{where}: {key.value} has no Vietnamese"


def _error(call, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as info:
        call(*args, **kwargs)
    return info.value


def _project(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "dự án.cpproj.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _layers(tmp_path: Path) -> dict:
    return {n: {"path": str(tmp_path / f"{n}.gpkg")} for n in ("communes", "villages", "sites")}


def _cases(tmp_path: Path) -> list[tuple[str, UserError]]:
    """(file name the message must give, the error) for each error path."""
    cases = []
    missing = tmp_path / "không có.cpproj.json"
    cases.append((missing.name, _error(load_project, missing)))
    broken = tmp_path / "hỏng.cpproj.json"
    broken.write_text('{"format": "coverage-planner-project", "layers": {', encoding="utf-8")
    cases.append((broken.name, _error(load_project, broken)))
    other = _project(tmp_path, [1, 2])
    cases.append((other.name, _error(load_project, other)))
    no_sites = _project(
        tmp_path, {"format": "coverage-planner-project", "layers": {"communes": {"path": "x"}}}
    )
    cases.append((no_sites.name, _error(load_project, no_sites)))
    newer = _project(
        tmp_path,
        {
            "format": "coverage-planner-project",
            "layers": _layers(tmp_path),
            "parameters": {"quad_segz": 16, "terrain": {"resolutoin_m": 30}},
        },
    )
    cases.append((newer.name, _error(load_project, newer)))
    bad_edits = _project(tmp_path, {"site_edits": [1]})
    cases.append((bad_edits.name, _error(load_site_edits, bad_edits)))
    cases.append(
        ("audit.toml", _error(StudyDescription.from_mapping, {"tilte": "x"}, source="audit.toml"))
    )
    cases.append(
        (
            "audit.toml",
            _error(StudyDescription.from_mapping, {"year": "năm nay"}, source="audit.toml"),
        )
    )
    cases.append(("", _error(StudyDescription, year=3000)))
    folder = tmp_path / "cấu hình.toml"
    folder.mkdir()
    cases.append((folder.name, _error(read_toml, folder)))
    cases.append(("thiếu.toml", _error(read_toml, tmp_path / "thiếu.toml")))
    bad_toml = tmp_path / "sai.toml"
    bad_toml.write_text("[coverage]\ncrs = EPSG:3405\n", encoding="utf-8")
    cases.append((bad_toml.name, _error(read_toml, bad_toml)))
    cases.append(
        (
            "audit.toml",
            _error(Parameters.from_mapping, {"terrain": {"k_factr": 1}}, source="audit.toml"),
        )
    )
    cases.append(("đo.csv", _error(read_measurements, tmp_path / "đo.csv")))
    for name, text in (
        ("cột.csv", "x,y,z\n1,2,3\n"),
        ("công nghệ.csv", "lon,lat,level\n103.5,22.3,-80\n"),
        ("trống.csv", "lon,lat,RSRP\nx,y,z\n"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        cases.append((name, _error(read_measurements, tmp_path / name)))
    return cases


def test_each_error_path_gives_a_vietnamese_sentence_with_the_file(tmp_path):
    cases = _cases(tmp_path)
    for name, exc in cases:
        en, vi = exc.text("en"), exc.text("vi")
        assert exc.key is not None, f"no key: {en}"
        assert vi != en and _has_vietnamese(vi), f"not Vietnamese: {vi!r}"
        assert name in en and name in vi, f"{name} missing from {vi!r}"
    keys = {exc.key for _, exc in cases}
    assert len(keys) == len(cases), "two paths gave the same message"


def test_a_project_from_a_newer_version_names_the_unknown_parameters(tmp_path):
    path = _project(
        tmp_path,
        {
            "format": "coverage-planner-project",
            "layers": _layers(tmp_path),
            "parameters": {"quad_segz": 16, "terrain": {"resolutoin_m": 30}},
        },
    )
    vi = _error(load_project, path).text("vi")
    assert "quad_segz" in vi and "terrain.resolutoin_m" in vi
