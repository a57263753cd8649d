"""Where the installed program keeps numba's compiled kernels: the user's cache folder."""

from __future__ import annotations

import sys

from coverage_planner import runtime


def test_bundle_caches_kernels_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    env: dict[str, str] = {}
    folder = runtime.configure_numba_cache(environ=env)
    assert folder == tmp_path / "cache" / "coverage-planner" / "numba"
    assert env["NUMBA_CACHE_DIR"] == str(folder) and folder.is_dir()


def test_a_users_own_numba_cache_dir_is_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    env = {"NUMBA_CACHE_DIR": str(tmp_path / "mine")}
    assert runtime.configure_numba_cache(environ=env) is None
    assert env == {"NUMBA_CACHE_DIR": str(tmp_path / "mine")}


def test_a_read_only_installation_caches_in_the_users_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(runtime, "_package_folder_writable", lambda: False)
    env: dict[str, str] = {}
    assert runtime.configure_numba_cache(environ=env) is not None
    assert env["NUMBA_CACHE_DIR"].startswith(str(tmp_path / "cache"))


def test_a_checkout_keeps_numbas_own_cache(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(runtime, "_package_folder_writable", lambda: True)
    env: dict[str, str] = {}
    assert runtime.configure_numba_cache(environ=env) is None and env == {}


def test_bundle_keeps_matplotlibs_font_list_between_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    env = {"MPLCONFIGDIR": "/tmp/_MEI-new-every-start"}  # what PyInstaller's hook sets
    folder = runtime.configure_matplotlib_cache(environ=env)
    assert env["MPLCONFIGDIR"] == str(folder) == str(tmp_path / "cache/coverage-planner/matplotlib")
    monkeypatch.delattr(sys, "frozen")
    assert runtime.configure_matplotlib_cache(environ={}) is None
