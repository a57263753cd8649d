"""How the program runs on a planner's machine: worker processes, caches, the bundle.

Windows has no ``fork``: worker processes there are always started with ``spawn`` (a
fresh interpreter that imports what the job needs). Every process pool of the program
takes its start method from here, so Linux runs the same way Windows does and the
tests on Linux check what Windows users get.

The installed bundle (PyInstaller) may sit in a read-only folder (``/opt``,
``C:\\Program Files``): numba's compiled kernels are cached in the user's cache folder
instead, set before numba is first imported.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from multiprocessing.context import BaseContext
from pathlib import Path

START_METHOD = "spawn"


def process_context() -> BaseContext:
    """The multiprocessing context of every worker pool (terrain, Dask, the GUI's jobs)."""
    return multiprocessing.get_context(START_METHOD)


def is_bundle() -> bool:
    """True inside the installed bundle (a PyInstaller build), False under Python/uv."""
    return bool(getattr(sys, "frozen", False))


def user_cache_dir() -> Path:
    """The per-user cache folder (``~/.cache/coverage-planner`` on Linux,
    ``%LOCALAPPDATA%\\CoveragePlanner\\coverage-planner\\Cache`` on Windows)."""
    from platformdirs import user_cache_dir as cache_dir

    return Path(cache_dir("coverage-planner", "CoveragePlanner"))


def _package_folder_writable() -> bool:
    return os.access(Path(__file__).resolve().parent, os.W_OK)


def configure_numba_cache(*, environ: dict[str, str] | None = None) -> Path | None:
    """Point numba's kernel cache at the user's cache folder where the program's own
    folder is the bundle or not writable; must run before numba is imported.

    A value the user set in ``NUMBA_CACHE_DIR`` is kept. Under ``uv run`` numba keeps its
    cache beside the sources (``__pycache__``), as before.

    Returns
    -------
    Path or None
        The cache folder set, or None where nothing was changed.
    """
    env = os.environ if environ is None else environ
    if env.get("NUMBA_CACHE_DIR") or not (is_bundle() or not _package_folder_writable()):
        return None
    folder = user_cache_dir() / "numba"
    folder.mkdir(parents=True, exist_ok=True)
    env["NUMBA_CACHE_DIR"] = str(folder)
    return folder


def configure_matplotlib_cache(*, environ: dict[str, str] | None = None) -> Path | None:
    """In the bundle, keep matplotlib's font list in the user's cache folder.

    PyInstaller's start-up hook gives matplotlib a new empty folder at every start, so
    it would scan every font of the system again each time (a second or more of the
    start-up). A one-folder bundle keeps its paths, so the list can be kept.
    """
    env = os.environ if environ is None else environ
    if not is_bundle():
        return None
    folder = user_cache_dir() / "matplotlib"
    folder.mkdir(parents=True, exist_ok=True)
    env["MPLCONFIGDIR"] = str(folder)
    return folder


def prepare_process() -> None:
    """Everything the program sets before its real work, in the main process and in
    spawned workers alike (they inherit the environment)."""
    configure_numba_cache()
    configure_matplotlib_cache()
