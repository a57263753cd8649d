"""The lock file installs on Windows: every runtime dependency has a wheel for win_amd64
(or a pure-Python one) for the Python the bundle is built with, so the Windows build
never needs a compiler."""

from __future__ import annotations

import sys
import tomllib

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from tests.conftest import ROOT

PROJECT = "coverage-planner"


def _pythons() -> list[tuple[int, int]]:
    """The lowest Python the project allows (what the bundle is built with) and this one."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    low = tuple(int(x) for x in spec.removeprefix(">=").split(".")[:2])
    return sorted({low, sys.version_info[:2]})


def windows_environment(python: tuple[int, int]) -> dict[str, str]:
    version = f"{python[0]}.{python[1]}"
    return {
        "implementation_name": "cpython",
        "implementation_version": f"{version}.0",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "platform_python_implementation": "CPython",
        "platform_release": "10",
        "platform_system": "Windows",
        "platform_version": "10.0.19045",
        "python_full_version": f"{version}.0",
        "python_version": version,
        "sys_platform": "win32",
    }


def windows_tags(python: tuple[int, int]) -> set[Tag]:
    abi = f"cp{python[0]}{python[1]}"
    return set(cpython_tags(python, abis=[abi, "abi3", "none"], platforms=["win_amd64"])) | set(
        compatible_tags(python, interpreter=abi, platforms=["win_amd64"])
    )


def _applies(marker: str | None, env: dict[str, str], extra: str = "") -> bool:
    return marker is None or Marker(marker).evaluate({**env, "extra": extra})


def runtime_packages(lock: dict, env: dict[str, str]) -> dict[str, dict]:
    """The locked packages a Windows installation of the project pulls in (not the dev group)."""
    by_name: dict[str, list[dict]] = {}
    for package in lock["package"]:
        by_name.setdefault(package["name"], []).append(package)

    def pick(dep: dict) -> dict:
        candidates = by_name[dep["name"]]
        if "version" in dep:
            candidates = [p for p in candidates if p["version"] == dep["version"]]
        assert len(candidates) == 1, f"{dep} is ambiguous in uv.lock"
        return candidates[0]

    found: dict[str, dict] = {}
    todo = [(by_name[PROJECT][0], ())]
    while todo:
        package, extras = todo.pop()
        key = f"{package['name']}=={package['version']}"
        seen = found.get(key, {}).get("_extras")
        if seen is not None and set(extras) <= seen:
            continue
        found[key] = {**package, "_extras": set(extras) | (seen or set())}
        deps = list(package.get("dependencies", []))
        for extra in extras:
            deps += package.get("optional-dependencies", {}).get(extra, [])
        for dep in deps:
            if _applies(dep.get("marker"), env):
                todo.append((pick(dep), tuple(dep.get("extra", ()))))
    return found


def test_runtime_packages_walk_the_declared_dependencies():
    """The walk finds every dependency pyproject.toml declares (it can miss none)."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = windows_environment(_pythons()[0])
    names = {canonicalize_name(p["name"]) for p in runtime_packages(lock, env).values()}
    for text in project["dependencies"]:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(env):
            assert canonicalize_name(req.name) in names
    # dask[distributed] must bring distributed itself, and numba its llvmlite
    assert {"distributed", "llvmlite", "pyqt6-qt6", "tornado"} <= names


@pytest.mark.parametrize("python", _pythons(), ids=lambda v: f"py{v[0]}{v[1]}")
def test_every_runtime_dependency_has_a_windows_wheel(python):
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    env = windows_environment(python)
    tags = windows_tags(python)
    missing = []
    for key, package in sorted(runtime_packages(lock, env).items()):
        if package["name"] == PROJECT:
            continue
        wheels = [w["url"].rsplit("/", 1)[-1] for w in package.get("wheels", [])]
        if not any(set(parse_wheel_filename(w)[3]) & tags for w in wheels):
            missing.append(key)
    assert not missing, f"no win_amd64 or pure-Python wheel for Python {python}: {missing}"


def test_the_check_catches_a_linux_only_package():
    """A package with only a manylinux wheel is reported (the check can fail)."""
    tags = windows_tags((3, 11))
    linux_only = "pyqt6_qt6-6.9.1-py3-none-manylinux_2_28_x86_64.whl"
    assert not set(parse_wheel_filename(linux_only)[3]) & tags
    assert set(parse_wheel_filename("pyqt6_qt6-6.9.1-py3-none-win_amd64.whl")[3]) & tags
    assert set(parse_wheel_filename("numpy-2.4.6-cp311-cp311-win_amd64.whl")[3]) & tags
    assert not set(parse_wheel_filename("numpy-2.4.6-cp312-cp312-win_amd64.whl")[3]) & tags
