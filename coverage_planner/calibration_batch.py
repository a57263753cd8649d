"""The ``calibrate`` command and the audit's ``--measurements``: drive-test or
crowd-sourced levels against the terrain model, and the model fitted on them."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from coverage_planner.errors import UserError


def add_parsers(sub) -> None:
    """The ``calibrate`` sub-command."""
    cal = sub.add_parser(
        "calibrate",
        help="fit the terrain model's coefficients on measured levels (drive tests)",
        description="Predict the level at each measurement with the terrain model, fit K1 and K2 "
        "(and K4 where the points support it) per technology on 70 % of the points, and report "
        "the error before and after on the other 30 % (seeded, never fitted on). Writes "
        "calibration.json, calibrated.toml (accepted by audit --config and the app) and "
        "measurements_vs_prediction.csv into --out.",
    )
    cal.add_argument("--communes", type=Path, required=True, help="commune polygons")
    cal.add_argument(
        "--villages", type=Path, help="village polygons or points (not needed for the fit)"
    )
    cal.add_argument("--sites", type=Path, required=True, help="BTS sites")
    cal.add_argument("--dem", type=Path, required=True, help="terrain model (GeoTIFF)")
    cal.add_argument(
        "--measurements",
        type=Path,
        required=True,
        help="CSV/XLSX of measured levels: lon, lat, technology, level (RSRP/RSCP/RxLev/Mức thu), "
        "optional site_id",
    )
    cal.add_argument("--config", type=Path, help="audit file (TOML) whose parameters to start from")
    cal.add_argument("--clutter", type=Path, help="land-cover raster (e.g. ESA WorldCover)")
    cal.add_argument("--crs", help="CRS to assume for files that have none, e.g. EPSG:3405")
    cal.add_argument("--out", type=Path, required=True, help="output folder (created if needed)")
    cal.add_argument("--no-cache", action="store_true", help="do not use the terrain cache")
    cal.add_argument("--language", choices=["vi", "en"], help="language of the messages")


def measurement_outputs(result, path: Path, params):
    """For an audit: the per-technology error summary and the table's writer."""
    from coverage_planner.coverage.terrain.measurements import (
        comparison_table,
        error_summary,
        prediction_terms,
        read_measurements,
    )
    from coverage_planner.io.writers import write_csv

    if result.rasters is None:
        raise UserError(key="measurements.need_dem", file=path)
    points = read_measurements(path)
    table = comparison_table(prediction_terms(points, result, params), params)
    return error_summary(table), lambda target: write_csv(table, target)


def residual_map_writer(result, path: Path, params):
    """For an audit: the writer of the residual map (``measurements_vs_prediction.gpkg``:
    the points with measured, predicted and error in separate columns, styled by error)."""
    from coverage_planner.coverage.terrain.measurements import (
        comparison_table,
        prediction_terms,
        read_measurements,
    )
    from coverage_planner.coverage.terrain.residuals import residual_layer, write_residual_map

    points = read_measurements(path)
    layer = residual_layer(
        comparison_table(prediction_terms(points, result, params), params), points
    )
    return lambda target: write_residual_map(layer, target)


def run_calibrate(args, argv=None) -> int:
    from coverage_planner.batch import AuditConfig, load_audit_config
    from coverage_planner.coverage.engine import run
    from coverage_planner.coverage.terrain.measurements import (
        calibrate,
        calibrated_toml,
        comparison_table,
        prediction_terms,
        read_measurements,
    )
    from coverage_planner.coverage.terrain.windows import WindowCache, default_cache_dir
    from coverage_planner.io.inputs import InputFiles, load_inputs
    from coverage_planner.io.writers import atomic_path, write_csv
    from coverage_planner.params import read_toml

    config = load_audit_config(args.config) if args.config else AuditConfig(files=None)
    base = read_toml(args.config) if args.config else {}
    files = InputFiles.of(
        communes=args.communes,
        villages=args.villages or args.communes,  # villages play no part in the fit
        sites=args.sites,
        dem=args.dem,
    ).with_crs(args.crs)
    params = replace(config.params, model="terrain")
    inputs = load_inputs(files)
    cache = None if args.no_cache else WindowCache(default_cache_dir(), memory_bytes=32 * 1024**2)
    print("Terrain model on the study…", file=sys.stderr)
    result = run(inputs, params=params, terrain_cache=cache, clutter=args.clutter)
    terms = prediction_terms(read_measurements(args.measurements), result, params)
    report, _ = calibrate(terms, params)
    if not report["technologies"]:
        raise UserError(key="measurements.nothing_to_fit", file=args.measurements)
    report["measurements"] = str(args.measurements)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with atomic_path(out / "calibration.json") as tmp:
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with atomic_path(out / "calibrated.toml") as tmp:
        tmp.write_text(calibrated_toml(report, base), encoding="utf-8")
    write_csv(comparison_table(terms, params), out / "measurements_vs_prediction.csv")
    for tech, r in report["technologies"].items():
        print(
            f"{tech}: {r['points']} points; held-out {r['held_out_points']}: before mean "
            f"{r['before']['mean_error_db']:+.1f} dB RMSE {r['before']['rmse_db']:.1f} dB, after "
            f"mean {r['after']['mean_error_db']:+.1f} dB RMSE {r['after']['rmse_db']:.1f} dB",
            file=sys.stderr,
        )
    return 0
