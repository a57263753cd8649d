"""Per-site level windows of the terrain model, and the cache that keeps them.

A site's result is, per technology it serves, a few windows of levels (one per tier of
cells, int16 in 0.01 dB steps), placed on the tiers' grids. Best server, number of
servers and coverage are composed from them (``model.best_server_grids``), so an edit
of one site recomputes one site's windows.

The cache is keyed by everything a window depends on: the heights the model reads
(a digest of both DEM grids and where they lie), the site's cell, antenna height,
azimuths, beamwidth and link budget, the technology's parameters (frequency, K1..K6,
threshold, range) and the terrain parameters, and this module's format version. It
keeps windows in memory (least recently used out first, bounded in bytes) and, given
a folder, on disk (one file per site; bounded in bytes, least recently used files
removed). A file that cannot be read back exactly — truncated, written by another
version, or holding another key — is ignored, removed and recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from coverage_planner.coverage.terrain.npz_header import checked_header, header_array

FORMAT_VERSION = 2  # 2: levels include the vertical pattern
DEFAULT_DISK_BYTES = 4 * 1024**3
DEFAULT_MEMORY_BYTES = 256 * 1024**2


@dataclass(frozen=True)
class TierWindow:
    """Levels of one site and technology on one tier: ``levels`` (int16, centi-dBm,
    ``EMPTY`` where the site does not reach this tier) with its top-left cell at
    ``row0``, ``col0`` of the tier's grid (cells far_factor**tier output cells wide)."""

    tier: int
    row0: int
    col0: int
    levels: np.ndarray

    @property
    def nbytes(self) -> int:
        return int(self.levels.nbytes)


SiteLevels = dict[str, list[TierWindow]]  # technology -> its windows, one per tier


def crop_window(tier: int, row0: int, col0: int, levels: np.ndarray) -> TierWindow | None:
    """The window cut to the cells the site reaches (None when it reaches none)."""
    from coverage_planner.coverage.terrain.los import EMPTY

    reached = levels != EMPTY
    rows = np.flatnonzero(reached.any(axis=1))
    if not len(rows):
        return None
    cols = np.flatnonzero(reached.any(axis=0))
    r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    return TierWindow(
        tier, row0 + int(r0), col0 + int(c0), np.ascontiguousarray(levels[r0:r1, c0:c1])
    )


def terrain_digest(terrain) -> str:
    """A digest of the heights the model reads and where they lie (computed once)."""
    cached = getattr(terrain, "_digest", None)
    if cached is not None:
        return cached
    h = hashlib.blake2b(digest_size=16)
    g = terrain.grid
    h.update(
        repr(
            (
                tuple(g.transform)[:6],
                g.width,
                g.height,
                str(g.crs),
                terrain.factor,
                terrain.fine_pad,
                terrain.coarse_pad,
                terrain.fine.shape,
                terrain.coarse.shape,
            )
        ).encode()
    )
    h.update(memoryview(np.ascontiguousarray(terrain.fine)).cast("B"))
    h.update(memoryview(np.ascontiguousarray(terrain.coarse)).cast("B"))
    for losses in terrain.clutter or []:
        h.update(memoryview(np.ascontiguousarray(losses)).cast("B"))
    digest = h.hexdigest()
    object.__setattr__(terrain, "_digest", digest)
    return digest


def window_key(job, params, terrain, digest: str) -> str:
    """The cache key of one site's windows: everything they depend on."""
    content = {
        "cell": [job.row, job.col],
        "height": job.height_m if np.isfinite(job.height_m) else None,
        "azimuths": list(job.azimuths),
        "beamwidth": job.beamwidth,
        "budget": [b if np.isfinite(b) else None for b in job.budget],
        "tilt": job.tilt_deg if np.isfinite(job.tilt_deg) else None,
    }
    techs = tuple((t, params.technologies[t]) for t in sorted(job.radius_m))
    text = params_text(techs, params.terrain, digest) + json.dumps(
        content, sort_keys=True, default=str
    )
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


@lru_cache(maxsize=64)
def params_text(techs: tuple, terrain, digest: str) -> str:
    """The part of a window's key shared by every site of a run, from the (frozen)
    parameters of its technologies and of the terrain model (made once: converting
    the dataclasses for each site took seconds on a province's sites)."""
    technologies = {t: asdict(tp) | {"k": tp.spm_k(terrain.environment)} for t, tp in techs}
    terrain_params = asdict(terrain)
    # how many processes compute it, and in which tiles, does not change it
    for name in ("workers", "max_grid_mcells", "tile_km"):
        terrain_params.pop(name)
    content = {
        "version": FORMAT_VERSION,
        "dem": digest,
        "technologies": technologies,
        "terrain": terrain_params,
    }
    return json.dumps(content, sort_keys=True, default=str)


def default_cache_dir() -> Path:
    """The user's cache folder for terrain windows (platformdirs)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("coverage-planner", appauthor=False)) / "terrain-windows"


class WindowCache:
    """Site windows kept in memory and, given ``folder``, on disk.

    Attributes
    ----------
    computed
        Sites the last composition had to compute (not found in the cache).
    """

    def __init__(
        self,
        folder: str | Path | None = None,
        *,
        disk_bytes: int = DEFAULT_DISK_BYTES,
        memory_bytes: int = DEFAULT_MEMORY_BYTES,
    ) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.disk_bytes = int(disk_bytes)
        self.memory_bytes = int(memory_bytes)
        self._memory: OrderedDict[str, SiteLevels] = OrderedDict()
        self._memory_size = 0
        self._lock = threading.Lock()
        self.computed = 0
        self.rejected = 0  # files found unreadable or foreign, removed
        # bytes of the folder's windows as last counted, plus this cache's writes since
        # (a folder scan per write made a province's first run quadratic in its sites)
        self._disk_total: int | None = None
        self._writes_since_scan = 0
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    # -- memory ---------------------------------------------------------------------
    def get(self, key: str) -> SiteLevels | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        if self.folder is None:
            return None
        levels = self._read(key)
        if levels is not None:
            self._remember(key, levels)
        return levels

    def put(self, key: str, levels: SiteLevels) -> None:
        self._remember(key, levels)
        if self.folder is not None:
            self._write(key, levels)

    def _remember(self, key: str, levels: SiteLevels) -> None:
        size = _size(levels)
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return
            self._memory[key] = levels
            self._memory_size += size
            while self._memory_size > self.memory_bytes and len(self._memory) > 1:
                _, old = self._memory.popitem(last=False)
                self._memory_size -= _size(old)

    # -- disk -----------------------------------------------------------------------
    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.win"

    def _write(self, key: str, levels: SiteLevels) -> None:
        arrays: dict[str, np.ndarray] = {}
        meta = []
        for tech, windows in levels.items():
            for i, w in enumerate(windows):
                name = f"{tech}_{i}"
                arrays[name] = w.levels
                meta.append([tech, name, w.tier, w.row0, w.col0])
        header = header_array(FORMAT_VERSION, key, windows=meta, techs=list(levels))
        buffer = io.BytesIO()
        np.savez(buffer, header=header, **arrays)
        data = buffer.getvalue()
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self._path(key))
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            return  # a full disk costs the cache, never the run
        self._trim(len(data))

    def _read(self, key: str) -> SiteLevels | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                header = checked_header(data, version=FORMAT_VERSION, key=key)
                levels: SiteLevels = {t: [] for t in header["techs"]}
                for tech, name, tier, row0, col0 in header["windows"]:
                    arr = data[name]
                    if arr.dtype != np.int16 or arr.ndim != 2:
                        raise ValueError("not a level window")
                    levels[tech].append(TierWindow(int(tier), int(row0), int(col0), arr))
            os.utime(path)  # recently used
            return levels
        except Exception:  # noqa: BLE001 - any unreadable file is rebuilt, never trusted
            self.rejected += 1
            path.unlink(missing_ok=True)
            return None

    def _trim(self, written: int = 0) -> None:
        """Keep the folder under ``disk_bytes``, least recently used files out first.

        The folder is counted once, then kept up to date by the sizes written; it is
        counted again every ``RESCAN_WRITES`` writes (another process may share it) and
        before any file is removed."""
        assert self.folder is not None
        self._writes_since_scan += 1
        if self._disk_total is not None and self._writes_since_scan < RESCAN_WRITES:
            self._disk_total += written
            if self._disk_total <= self.disk_bytes:
                return
        files = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*.win")]
        total = sum(size for _, size, _ in files)
        self._writes_since_scan = 0
        if total > self.disk_bytes:
            for _, size, path in sorted(files):
                path.unlink(missing_ok=True)
                total -= size
                if total <= self.disk_bytes:
                    break
        self._disk_total = total


RESCAN_WRITES = 256


def _size(levels: SiteLevels) -> int:
    return sum(w.nbytes for windows in levels.values() for w in windows)
