"""Paths written into project and audit files, readable on Windows and Linux alike.

A planner saves a project on ``D:\\Dự án\\Lai Châu`` and a colleague opens it from a
USB stick on Linux, or the other way round. Paths are stored relative to the file that
names them, with ``/`` between folders; a path on another Windows drive has no
relative form and is stored whole. When reading, ``\\`` is taken as a separator too,
so a file edited by hand on Windows still works on Linux.
"""

from __future__ import annotations

import ntpath
import posixpath
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


def _is_windows(path: PurePath) -> bool:
    return isinstance(path, PureWindowsPath)


def stored_path(path: PurePath, base: PurePath) -> str:
    """``path`` as written into a file kept in folder ``base``.

    Parameters
    ----------
    path, base
        Absolute paths of one flavour (both Windows or both POSIX).

    Returns
    -------
    str
        The relative path with ``/`` separators, or ``path`` whole where it has no
        relative form (another drive on Windows).
    """
    flavour = ntpath if _is_windows(path) else posixpath
    try:
        relative = flavour.relpath(str(path), str(base))
    except ValueError:  # another drive: D:\\ and E:\\ have no relative path
        return str(path)
    return type(path)(relative).as_posix()


def resolve_stored(text: str, base: PurePath) -> PurePath:
    """The path ``text`` read from a file kept in folder ``base``.

    Relative paths are joined to ``base``; ``/`` and ``\\`` both separate folders; an
    absolute path (``/data/x.gpkg``, ``C:\\data\\x.gpkg``, ``\\\\server\\share\\x``) is
    kept. A real ``Path`` base gives a resolved real ``Path``.
    """
    if _is_windows(base):
        candidate: PurePath = PureWindowsPath(text)
        joined = candidate if candidate.is_absolute() else base / candidate
        normal = PureWindowsPath(ntpath.normpath(str(joined)))
    else:
        if PureWindowsPath(text).drive:  # C:\\... or \\\\server\\share on a POSIX system
            return type(base)(text)
        candidate = PurePosixPath(text.replace("\\", "/"))
        joined = candidate if candidate.is_absolute() else base / candidate
        normal = PurePosixPath(posixpath.normpath(str(joined)))
    return Path(normal).resolve() if isinstance(base, Path) else normal
