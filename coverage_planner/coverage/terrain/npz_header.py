"""The header of the terrain cache's npz files (windows and composed grids): a JSON
object stored as a uint8 array named ``header``, holding at least the file's format
version and its key. A file whose header is missing, unreadable, of another version
or of another key is foreign: :func:`checked_header` refuses it (the caller removes and
rebuilds the file, never trusts it)."""

from __future__ import annotations

import json

import numpy as np


def header_array(version: int, key: str, **fields) -> np.ndarray:
    """The ``header`` array of a file of format ``version`` written under ``key``."""
    text = json.dumps({"version": version, "key": key, **fields})
    return np.frombuffer(text.encode(), dtype=np.uint8)


def checked_header(data, *, version: int, key: str) -> dict:
    """The header of the open npz ``data``; ValueError unless it is of ``version`` and
    ``key``."""
    if "header" not in data:
        raise ValueError("no header")
    header = json.loads(bytes(data["header"]).decode())
    if not isinstance(header, dict):
        raise ValueError("not a header")
    if header.get("version") != version or header.get("key") != key:
        raise ValueError("a file of another version or key")
    return header
