"""The annual audit in batch: a TOML file names the inputs, parameters, outputs and
last year's audit; command-line options override it. Everything lands in one output
folder, all or nothing, with ``run.json`` and ``audit.log`` so the audit can be
reproduced and defended.

Layout of the TOML file (paths relative to the file)::

    [inputs]
    communes = "xa_2025.gpkg"
    villages = "ban.gpkg"
    sites = "bts_2025.xlsx"
    backbone = "cap_quang.gpkg"      # optional
    population = "worldpop.tif"      # optional
    crs = "EPSG:3405"                # for files without one
    [inputs.site_columns]            # optional column mapping
    lon = "KD"
    [technologies.4G]
    radius_km = 3.0
    [coverage]
    village_area_share = 0.5
    [broadband]
    reach_km = 2.0
    [outputs]
    folder = "audit-2025"
    language = "vi"
    maps = true
    atlas = true
    workbook = true
    kmz = true
    [audit]
    previous = "audit-2024"
    workers = 2                      # or scheduler = "tcp://host:8786"
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coverage_planner import __version__
from coverage_planner.errors import ConfigError
from coverage_planner.io.inputs import InputFiles, LayerSource
from coverage_planner.io.paths import resolve_stored
from coverage_planner.params import Parameters, read_toml_with_note
from coverage_planner.progress import Reporter

LAYERS = ("communes", "villages", "sites", "backbone", "population", "dem")


@dataclass(frozen=True)
class Outputs:
    language: str = "vi"
    maps: bool = True
    atlas: bool = True
    workbook: bool = True
    kmz: bool = True


@dataclass(frozen=True)
class AuditConfig:
    """Everything an audit run needs; built from TOML, then from the command line."""

    files: InputFiles | None
    params: Parameters = field(default_factory=Parameters)
    out_dir: Path | None = None
    outputs: Outputs = field(default_factory=Outputs)
    previous: Path | None = None
    workers: int = 0
    scheduler: str | None = None
    config_path: Path | None = None
    notes: tuple[str, ...] = ()  # e.g. the file was read as ANSI, not UTF-8
    terrain_cache: Path | str | None = None  # folder; None: the user's cache; "none": no cache
    measurements: Path | None = None  # measured levels to compare with the terrain model
    declared: tuple[Path, ...] | None = None  # operators' published coverage layers
    clutter: Path | None = None  # land-cover raster for the terrain model


def load_audit_config(path: str | Path) -> AuditConfig:
    """Read an audit TOML file; relative paths are taken from its folder."""
    from coverage_planner.config_check import number
    from coverage_planner.io.layer_options import apply_layer_options, layer_table

    path = Path(path)
    data, note = read_toml_with_note(path)
    base = path.resolve().parent
    params = Parameters.from_mapping(data, source=str(path))
    inputs = data.get("inputs") or {}
    files = None
    if inputs:
        sources = {}
        for name in LAYERS:
            if inputs.get(name):
                mapping = dict(inputs.get("site_columns") or {}) if name == "sites" else {}
                layer = inputs.get(f"{name}_layer")
                sources[name] = LayerSource(
                    resolve_stored(inputs[name], base), layer, None, None, mapping
                )
        terrain_dem = (data.get("terrain") or {}).get("dem")
        if terrain_dem and "dem" not in sources:  # [terrain] dem = "…" names the DEM too
            sources["dem"] = LayerSource(resolve_stored(terrain_dem, base))
        # crs / encoding: a default for the layers it fits, or per layer ([inputs.crs])
        crs = layer_table(inputs.get("crs"), key="crs", source=str(path))
        encoding = layer_table(inputs.get("encoding"), key="encoding", source=str(path))
        missing = [n for n in ("communes", "villages", "sites") if n not in sources]
        if missing:
            raise ConfigError(
                key="error.inputs_missing_layers", file=path, layers=", ".join(missing)
            )
        files = apply_layer_options(InputFiles(**sources), crs=crs, encoding=encoding)
    out = data.get("outputs") or {}
    audit = data.get("audit") or {}
    try:
        outputs = Outputs(
            **{k: out[k] for k in ("language", "maps", "atlas", "workbook", "kmz") if k in out}
        )
    except TypeError as exc:
        raise ConfigError(key="error.outputs_section", file=path, detail=str(exc)) from None
    if outputs.language not in ("vi", "en"):
        raise ConfigError(key="error.outputs_language", file=path, value=repr(outputs.language))
    return AuditConfig(
        files=files,
        params=params,
        out_dir=resolve_stored(out["folder"], base) if out.get("folder") else None,
        outputs=outputs,
        previous=resolve_stored(audit["previous"], base) if audit.get("previous") else None,
        workers=int(
            number(
                audit.get("workers", 0),
                key="workers",
                section="audit",
                source=str(path),
                integer=True,
            )
        ),
        scheduler=audit.get("scheduler"),
        config_path=path,
        notes=(note,) if note else (),
    )


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def input_record(files: InputFiles) -> list[dict[str, Any]]:
    """Each input file (with a shapefile's side files) with its size and SHA-256."""
    records = []
    for name in LAYERS:
        src: LayerSource | None = getattr(files, name)
        if src is None:
            continue
        paths = [Path(src.path)]
        if paths[0].suffix.lower() == ".shp":
            paths += [
                p for p in sorted(paths[0].parent.glob(paths[0].stem + ".*")) if p != paths[0]
            ]
        for p in paths:
            if p.exists():
                records.append(
                    {
                        "layer": name,
                        "path": str(p.resolve()),
                        "bytes": p.stat().st_size,
                        "sha256": sha256(p),
                    }
                )
    return records


def versions() -> dict[str, str]:
    import geopandas
    import numpy
    import pandas
    import pyogrio
    import pyproj
    import rasterio
    import shapely

    return {
        "coverage_planner": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "geopandas": geopandas.__version__,
        "pyogrio": pyogrio.__version__,
        "gdal": pyogrio.__gdal_version_string__,
        "pyproj": pyproj.__version__,
        "proj": pyproj.proj_version_str,
        "rasterio": rasterio.__version__,
    }


class RecordingReporter:
    """Passes everything on, and keeps each status line with its time for audit.log."""

    def __init__(self, inner: Reporter) -> None:
        self.inner = inner
        self.lines: list[str] = []
        self._start = time.monotonic()

    def log(self, text: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.lines.append(f"{stamp} [{time.monotonic() - self._start:8.2f}s] {text}")

    def status(self, text: str) -> None:
        self.log(text)
        self.inner.status(text)

    def progress(self, done: int, total: int) -> None:
        self.inner.progress(done, total)

    def cancelled(self) -> bool:
        return self.inner.cancelled()


def run_audit(
    config: AuditConfig, *, reporter: Reporter, argv: list[str] | None = None
) -> tuple[Any, list[Path]]:
    """Load, compute, compare with last year, export; write all into the output folder.

    The output folder is checked (never an input's folder) and locked before any work.
    """
    if config.files is None:
        raise ConfigError(key="error.no_inputs")
    if config.out_dir is None:
        raise ConfigError(key="error.no_output_folder")
    from coverage_planner.reports.output_folder import audit_lock, check_output_folder

    check_output_folder(config.out_dir, inputs=_input_paths(config.files), previous=config.previous)
    with audit_lock(config.out_dir):
        return _audit_locked(config, reporter=reporter, argv=argv)


def _input_paths(files: InputFiles) -> list[Path]:
    return [Path(src.path) for name in LAYERS if (src := getattr(files, name)) is not None]


def _audit_locked(
    config: AuditConfig, *, reporter: Reporter, argv: list[str] | None
) -> tuple[Any, list[Path]]:
    from coverage_planner.coverage.engine import run
    from coverage_planner.io.inputs import load_inputs
    from coverage_planner.io.plausibility import check_coverage_plausible
    from coverage_planner.reports.audit import write_audit
    from coverage_planner.reports.exports import audit_exports

    assert config.files is not None and config.out_dir is not None
    started = datetime.now(UTC)
    record = RecordingReporter(reporter)
    record.log(f"coverage-planner {__version__}: audit into {config.out_dir}")
    for note in config.notes:
        record.log(f"note: {note}")
    inputs = load_inputs(config.files, reporter=record)
    for finding in inputs.findings:
        record.log(f"finding: {finding}")
    if config.workers > 0 or config.scheduler:
        result = _run_on_dask(inputs, config, record)
    else:
        result = run(
            inputs,
            params=config.params,
            reporter=record,
            terrain_cache=_terrain_cache(config),
            clutter=config.clutter,
        )
    check_coverage_plausible(result.summary, inputs.sites, sites_path=config.files.sites.path)
    measured = None
    if config.measurements is not None:
        from coverage_planner.calibration_batch import measurement_outputs

        record.status(f"Comparing the measurements of {config.measurements.name}")
        summary, measured = measurement_outputs(result, config.measurements, config.params)
        result.summary["measurements"] = summary
    declared = None
    if config.declared:
        from coverage_planner.coverage.terrain.declared import declared_outputs

        record.status("Comparing the operators' declared coverage with the prediction")
        summary, declared = declared_outputs(
            result, list(config.declared), config.params, cache=_terrain_cache(config)
        )
        result.summary["declared_vs_predicted"] = summary
    from coverage_planner.reports.provenance import provenance_of

    sources = provenance_of(result, config.files, run_date=started.date().isoformat())
    extra = audit_exports(result, config.outputs, sources=sources)
    if measured is not None:
        from coverage_planner.calibration_batch import residual_map_writer

        extra["measurements_vs_prediction.csv"] = measured
        extra["measurements_vs_prediction.gpkg"] = residual_map_writer(
            result, config.measurements, config.params
        )
    if declared is not None:
        from coverage_planner.io.writers import write_csv

        extra["declared_vs_predicted.csv"] = lambda target, table=declared: write_csv(table, target)
    if config.previous is not None:
        from coverage_planner.reports.yoy import compare_years, yoy_writers

        record.status(f"Comparing with {config.previous}")
        yoy = compare_years(result, config.previous)
        extra.update(yoy_writers(yoy))
        merged = (yoy.boundary_changes["change"] == "merged").sum()
        split = (yoy.boundary_changes["change"] == "split").sum()
        record.log(
            f"boundary changes since last year: {merged} merged commune(s), {split} split commune(s)"
        )
    inputs_record = input_record(config.files)

    def write_run_json(path: Path) -> None:
        run_info = {
            "command": argv or [],
            "config_file": str(config.config_path.resolve()) if config.config_path else None,
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": versions(),
            "parameters": config.params.to_dict(),
            "inputs": inputs_record,
            "previous_audit": str(config.previous) if config.previous else None,
            "workers": config.workers,
            "scheduler": config.scheduler,
            "summary": result.summary,
            "study": config.params.study.with_province_from(result.communes).to_dict(),
            "sources": sources.to_dict(),
        }
        path.write_text(json.dumps(run_info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    extra["run.json"] = write_run_json
    extra["audit.log"] = lambda p: p.write_text("\n".join(record.lines) + "\n", encoding="utf-8")
    written = write_audit(result, config.out_dir, extra=extra, reporter=record)
    return result, written


def _terrain_cache(config: AuditConfig):
    """The terrain windows' cache the audit uses (None when switched off)."""
    from coverage_planner.coverage.terrain.windows import WindowCache, default_cache_dir

    if config.terrain_cache == "none":
        return None
    # A batch run reads each window once: the disk keeps them, memory only a few
    # (the 256 MB the app keeps for edits would push the audit over 1 GB).
    return WindowCache(config.terrain_cache or default_cache_dir(), memory_bytes=BATCH_MEMORY_BYTES)


BATCH_MEMORY_BYTES = 32 * 1024**2


def _run_on_dask(inputs, config: AuditConfig, reporter: Reporter):
    import dask
    from dask.distributed import Client, LocalCluster

    from coverage_planner.coverage.partitioned import dask_submitter, run_partitioned
    from coverage_planner.runtime import START_METHOD

    if config.scheduler:
        reporter.status(f"Connecting to the Dask scheduler {config.scheduler}")
        with Client(config.scheduler) as client:
            return run_partitioned(
                inputs, params=config.params, submit=dask_submitter(client), reporter=reporter
            )
    reporter.status(f"Starting {config.workers} Dask worker(s)")
    with (
        dask.config.set({"distributed.worker.multiprocessing-method": START_METHOD}),
        LocalCluster(
            n_workers=config.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cl,
        Client(cl) as client,
    ):
        return run_partitioned(
            inputs, params=config.params, submit=dask_submitter(client), reporter=reporter
        )


def with_overrides(config: AuditConfig, **changes: Any) -> AuditConfig:
    """The configuration with the command line's options (those given) applied."""
    return replace(config, **{k: v for k, v in changes.items() if v is not None})
