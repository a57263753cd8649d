"""A study's vector layers as last loaded, kept in the user's cache folder.

Reading, checking and reprojecting the communes, villages, sites and fibre of a study
(:func:`~coverage_planner.io.inputs.load_vector_layers`) is the largest part of the
desktop app's first map after its imports. The loaded layers are kept here, keyed by
everything the result depends on:

- the **content** of every file of each layer (its bytes, with the sidecar files of the
  same name: ``.dbf``, ``.prj``, ``.cpg``, ``-wal`` …), its resolved path and the options
  it is read with (layer, CRS, encoding, column mapping);
- the **loader itself**: the source of the ``coverage_planner.io`` package and of the
  modules it uses, the program's version, Python's and the libraries' versions.

Change a byte of a file or of the loader and the key changes: the layers are read again.
A cached entry is checked when read (its stored key, its types, the CRS of each layer);
anything that does not fit is ignored and the files are read. The rasters (DEM,
population) are not cached: they are opened (not read) and checked each time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from coverage_planner.io.inputs import InputFiles, Inputs, add_rasters, load_vector_layers
from coverage_planner.progress import Reporter

FORMAT = 1
MAX_ENTRIES = 6
"""Studies kept (the most recently used ones)."""
MAX_BYTES = 512 * 2**20
"""Larger inputs (or entries) are not cached: hashing and writing them would cost more
than a short start saves."""
_PACKAGE = Path(__file__).resolve().parents[1]
_LOADER_SOURCES = ("io", "errors.py", "params.py", "progress.py", "config_check.py", "__init__.py")
_LAYERS = ("communes", "villages", "sites", "backbone")


def default_folder() -> Path:
    from coverage_planner.runtime import user_cache_dir

    return user_cache_dir() / "layers"


def _files_of(path: Path) -> list[Path]:
    """The files a layer is read from: the file and its sidecars (same name, other
    extension), or every file of a folder layer (a FileGDB, a folder of shapefiles)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file())
    prefix = path.stem + "."
    return sorted(
        p
        for p in path.parent.iterdir()
        if p.is_file() and (p.name == path.name or p.name.startswith(prefix))
    )


def _loader_digest() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for name in _LOADER_SOURCES:
        root = _PACKAGE / name
        sources = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for source in sources:
            digest.update(str(source.relative_to(_PACKAGE)).encode())
            digest.update(source.read_bytes())
    return digest.digest()


def _versions() -> str:
    import geopandas
    import numpy
    import pandas
    import pyogrio
    import pyproj
    import shapely

    from coverage_planner import __version__

    return repr(
        (
            FORMAT,
            __version__,
            sys.version,
            numpy.__version__,
            pandas.__version__,
            shapely.__version__,
            geopandas.__version__,
            pyproj.__version__,
            pyproj.proj_version_str,
            pyogrio.__version__,
            pyogrio.__gdal_version_string__,
        )
    )


def layers_key(files: InputFiles) -> str | None:
    """The key of the study's vector layers, or None where they are not to be cached
    (a file missing or the files too large)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(_versions().encode())
    digest.update(_loader_digest())
    total = 0
    for name in _LAYERS:
        source = getattr(files, name)
        if source is None:
            digest.update(f"{name}: none\n".encode())
            continue
        path = Path(source.path).resolve()
        if not path.exists():
            return None
        options = {k: v for k, v in vars(source).items() if k != "path"}
        digest.update(f"{name}: {path}\n{sorted(options.items())!r}\n".encode())
        for file in _files_of(path):
            total += file.stat().st_size
            if total > MAX_BYTES:
                return None
            digest.update(f"{file.name} {file.stat().st_size}\n".encode())
            with file.open("rb") as handle:
                while block := handle.read(2**20):
                    digest.update(block)
    return digest.hexdigest()


def _read(entry: Path, key: str) -> Inputs | None:
    try:
        with entry.open("rb") as handle:
            stored_key, layers = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry: read the files instead
        return None
    if stored_key != key or not isinstance(layers, Inputs):
        return None
    import geopandas as gpd

    frames = [layers.communes, layers.villages, layers.sites]
    if layers.backbone is not None:
        frames.append(layers.backbone)
    if not all(isinstance(f, gpd.GeoDataFrame) and f.crs == layers.crs for f in frames):
        return None
    if layers.dem is not None or layers.population is not None:
        return None
    return layers


def _write(folder: Path, entry: Path, key: str, layers: Inputs) -> None:
    try:
        data = pickle.dumps((key, layers), protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > MAX_BYTES:
            return
        folder.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=folder, prefix=entry.name, suffix=".partial")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(partial, entry)
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a full disk or a read-only cache folder: the next start reads the files


def load_inputs_cached(
    files: InputFiles, *, reporter: Reporter | None = None, folder: Path | None = None
) -> Inputs:
    """:func:`~coverage_planner.io.inputs.load_inputs`, with the vector layers from the
    cache when neither the files nor the loader changed since they were last loaded."""
    folder = folder or default_folder()
    key = layers_key(files)
    layers = None
    if key is not None:
        entry = folder / f"{key}.pickle"
        layers = _read(entry, key) if entry.exists() else None
        if layers is not None:
            with contextlib.suppress(OSError):
                entry.touch()  # recently used
    if layers is None:
        layers = load_vector_layers(files, reporter=reporter)
        if key is not None:
            _write(folder, folder / f"{key}.pickle", key, layers)
    return add_rasters(layers, files, reporter=reporter)
