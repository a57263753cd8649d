"""The composed grids of a study kept in one file, so a study reopened with the same
inputs reads one file rather than every site's windows (1,800 files on the demo).

The file holds each technology's tier grids (best level, best server, servers count)
and every site's window boxes (what an edit needs to find the sites reaching a cell;
the windows themselves are read from the window cache when an edit needs them). It is
keyed by the key of every site's windows in site order (each holding the DEM digest,
the site and the parameters), the technologies and the model's parameters; written to
a temporary file and renamed (never half-written); one that cannot be read back
exactly — truncated, of another version, or holding another key or grid — is
ignored, removed and rebuilt, never trusted. The newest ``KEEP`` files are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from coverage_planner.coverage.terrain.grid import TechnologyRasters
from coverage_planner.coverage.terrain.npz_header import checked_header, header_array

FORMAT_VERSION = 1
KEEP = 2  # composed files kept (a province's are a few hundred MB)
SUFFIX = ".grids"

Boxes = dict[int, dict[str, list[tuple[int, int, int, int, int]]]]  # site -> tech -> windows


def composed_key(site_keys: dict[int, str], techs: list[str], params_text: str) -> str:
    """The key of a study's composed grids: its sites' window keys by row, its
    technologies and the parameters' text (thresholds and margins included)."""
    content = json.dumps(
        {
            "version": FORMAT_VERSION,
            "sites": sorted(site_keys.items()),
            "techs": list(techs),
            "params": params_text,
        }
    )
    return hashlib.blake2b(content.encode(), digest_size=20).hexdigest()


def write_composed(
    folder: Path, key: str, tiers: dict[str, list[TechnologyRasters]], boxes: Boxes
) -> None:
    """Write the tiers and boxes under ``key`` (atomically; a full disk costs the
    cache, never the run), keeping the newest ``KEEP`` files."""
    arrays = {}
    for tech, grids in tiers.items():
        for i, g in enumerate(grids):
            arrays[f"{tech}_{i}_level"] = g.level
            arrays[f"{tech}_{i}_server"] = g.server
            arrays[f"{tech}_{i}_servers"] = g.servers
    arrays["header"] = header_array(
        FORMAT_VERSION,
        key,
        tiers={t: len(g) for t, g in tiers.items()},
        boxes=[
            [site, tech, list(map(list, b))] for site, by in boxes.items() for tech, b in by.items()
        ],
    )
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **arrays)
        os.replace(tmp, folder / f"{key}{SUFFIX}")
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    kept = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)


def read_composed(
    folder: Path, key: str, empty: dict[str, list[TechnologyRasters]]
) -> tuple[dict[str, list[TechnologyRasters]], Boxes] | None:
    """The tiers and boxes written under ``key``, shaped like ``empty`` (the study's
    empty tiers, whose thresholds they take), or None."""
    path = folder / f"{key}{SUFFIX}"
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            header = checked_header(data, version=FORMAT_VERSION, key=key)
            if header["tiers"] != {t: len(g) for t, g in empty.items()}:
                raise ValueError("other technologies or tiers")
            tiers = {}
            for tech, grids in empty.items():
                tiers[tech] = []
                for i, g in enumerate(grids):
                    level = data[f"{tech}_{i}_level"]
                    server = data[f"{tech}_{i}_server"]
                    servers = data[f"{tech}_{i}_servers"]
                    for got, like in ((level, g.level), (server, g.server), (servers, g.servers)):
                        if got.shape != like.shape or got.dtype != like.dtype:
                            raise ValueError("grids of another shape")
                    tiers[tech].append(
                        TechnologyRasters(level, server, servers, g.threshold, g.margin_db)
                    )
            boxes: Boxes = {}
            for site, tech, b in header["boxes"]:
                boxes.setdefault(int(site), {})[tech] = [tuple(int(v) for v in w) for w in b]
        os.utime(path)  # recently used
        return tiers, boxes
    except Exception:  # noqa: BLE001 - any unreadable file is rebuilt, never trusted
        path.unlink(missing_ok=True)
        return None
