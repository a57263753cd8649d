"""The ``coverage-planner`` command: no sub-command opens the desktop app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coverage_planner import __version__
from coverage_planner.errors import Cancelled, UserError

EXIT_OK, EXIT_FAILURE, EXIT_USER_ERROR = 0, 1, 2


def _mapping(values: Sequence[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values or []:
        if "=" not in item:
            raise UserError(key="error.map_option", item=repr(item))
        role, col = item.split("=", 1)
        out[role.strip()] = col.strip()
    return out


def message_language(chosen: str | None) -> str:
    """``--language``, else the system's language (see ``console.message_language``)."""
    from coverage_planner.console import message_language as language_of

    return language_of(chosen)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coverage-planner",
        description="Mobile coverage planning for a Vietnamese province: 3G/4G coverage of communes and "
        "villages, uncovered villages, maps and the annual audit. Without a sub-command, the desktop "
        "application opens on the bundled demo province.",
    )
    parser.add_argument("--version", action="version", version=f"coverage-planner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the desktop application (the default)")
    gui.add_argument("project", nargs="?", type=Path, help="a project file to open (.cpproj.json)")
    gui.add_argument("--empty", action="store_true", help="start without loading the demo province")
    gui.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="save the window as PNG once the map is drawn, then quit (checks an installation)",
    )

    audit = sub.add_parser(
        "audit",
        help="compute the province's indicators in batch and write them to a folder",
        description="Compute coverage and the province's indicators; write summary.json, "
        "communes.csv, villages.csv, uncovered_villages.csv, sites.csv, findings.csv and "
        "coverage.gpkg into --out.",
    )
    src = audit.add_argument_group("inputs")
    src.add_argument("--demo", action="store_true", help="use the bundled demo province")
    src.add_argument(
        "--communes", type=Path, help="commune polygons (GeoPackage, Shapefile, GeoJSON, …)"
    )
    src.add_argument("--villages", type=Path, help="village polygons or points")
    src.add_argument(
        "--sites", type=Path, help="BTS sites: CSV/Excel with coordinates, or a vector file"
    )
    src.add_argument(
        "--backbone", type=Path, help="fibre routes (lines) and/or access points (points)"
    )
    src.add_argument("--population", type=Path, help="population raster (e.g. WorldPop GeoTIFF)")
    src.add_argument("--dem", type=Path, help="terrain model (GeoTIFF)")
    _layer_options(src)
    src.add_argument(
        "--map",
        action="append",
        metavar="ROLE=COLUMN",
        help="use COLUMN of the site list for ROLE (site_id, lon, lat, tech, operator, …); repeatable",
    )
    audit.add_argument(
        "--config",
        type=Path,
        help="audit file (TOML): inputs, parameters, outputs, last year's audit; the options given here "
        "override it",
    )
    audit.add_argument("--out", type=Path, help="output folder (created if needed)")
    audit.add_argument(
        "--previous", type=Path, help="last year's audit folder, for the year-over-year comparison"
    )
    audit.add_argument(
        "--workers", type=int, help="split the work over N local Dask worker processes"
    )
    audit.add_argument(
        "--scheduler", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786"
    )
    audit.add_argument(
        "--model",
        choices=["auto", "disk", "terrain"],
        help="coverage model: terrain where a DEM is given (auto, the default), or force one",
    )
    audit.add_argument("--quiet", action="store_true", help="print nothing but errors")
    terrain_cache = audit.add_mutually_exclusive_group()
    terrain_cache.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="folder of the terrain model's per-site results (default: the user's cache folder)",
    )
    terrain_cache.add_argument(
        "--no-cache", action="store_true", help="compute every site's terrain results afresh"
    )
    audit.add_argument(
        "--clutter",
        type=Path,
        help="land-cover raster (e.g. ESA WorldCover) for the terrain model's clutter losses",
    )
    audit.add_argument(
        "--measurements",
        type=Path,
        help="measured levels (CSV/XLSX: lon, lat, technology, RSRP/RSCP/RxLev) to compare with "
        "the terrain model's prediction",
    )
    audit.add_argument(
        "--declared",
        type=Path,
        action="append",
        help="operators' published coverage (polygons with operator and technology columns, "
        "or a raster <operator>_<technology>.tif); repeatable; compared with the terrain "
        "model per village and commune in declared_vs_predicted.csv",
    )
    out = audit.add_argument_group("outputs (all written by default)")
    out.add_argument(
        "--language", choices=["vi", "en"], help="language of maps and workbook (default vi)"
    )
    out.add_argument("--no-maps", action="store_true", help="leave out map_<tech>.png / .pdf")
    out.add_argument(
        "--no-atlas", action="store_true", help="leave out atlas.pdf (a page per commune)"
    )
    out.add_argument("--no-workbook", action="store_true", help="leave out coverage.xlsx")
    out.add_argument("--no-kmz", action="store_true", help="leave out coverage.kmz")

    demo = sub.add_parser(
        "demo-data", help="rebuild the bundled demo province (same seed, same bytes)"
    )
    demo.add_argument(
        "--out", type=Path, default=None, help="folder to write (default: the bundled gis_data)"
    )

    check = sub.add_parser("check", help="load input files and list what validation found")
    check.add_argument("--communes", type=Path, required=True)
    check.add_argument("--villages", type=Path, required=True)
    check.add_argument("--sites", type=Path, required=True)
    check.add_argument("--backbone", type=Path)
    check.add_argument("--population", type=Path, help="population raster, checked too")
    check.add_argument("--dem", type=Path, help="terrain model, checked too")
    _layer_options(check)
    check.add_argument(
        "--map", action="append", metavar="ROLE=COLUMN", help="use COLUMN of the site list for ROLE"
    )
    check.add_argument(
        "--language",
        choices=["vi", "en"],
        help="language of the messages (default: the system's, else en)",
    )

    convert = sub.add_parser(
        "convert-encoding",
        help="convert a legacy-encoded file (TCVN3/ABC, VNI-Windows, Windows-1258) to Unicode",
        description="Write a copy of IN with its Vietnamese text in Unicode (UTF-8): a CSV or "
        "text file, an Excel workbook typed with .Vn/VNI fonts, or a shapefile/vector file. "
        "The encoding is detected unless --from is given. IN is never modified.",
    )
    convert.add_argument("input", type=Path, metavar="IN")
    convert.add_argument("output", type=Path, metavar="OUT")
    convert.add_argument(
        "--from",
        dest="source_encoding",
        default=None,
        help="the file's encoding: tcvn3, vni, cp1258, … (default: detect)",
    )
    convert.add_argument(
        "--language",
        choices=["vi", "en"],
        help="language of the messages (default: the system's, else en)",
    )

    from coverage_planner.plan_batch import add_parsers as add_plan_parsers

    add_plan_parsers(sub)
    from coverage_planner.calibration_batch import add_parsers as add_calibrate_parsers

    add_calibrate_parsers(sub)
    return parser


def _layer_options(group) -> None:
    group.add_argument(
        "--crs",
        action="append",
        metavar="[LAYER=]CRS",
        help="CRS of files that have none: --crs sites=EPSG:4326 for one layer (communes, "
        "villages, sites, backbone, dem, population); --crs EPSG:3405 as a default, used only "
        "for the layers whose coordinates fit it; repeatable",
    )
    group.add_argument(
        "--encoding",
        action="append",
        metavar="[LAYER=]ENCODING",
        help="text encoding of files that do not say theirs (cp1258, tcvn3, vni): "
        "--encoding sites=cp1258 for one layer, or a default used only where the text decodes; "
        "repeatable",
    )


def input_files(args: argparse.Namespace, fallback=None):  # -> InputFiles | None
    """The input files a command line names (``--demo``: the bundled province), or
    ``fallback`` (a configuration file's) when it names none; a command line naming
    only some of communes, villages and sites is a :class:`UserError`."""
    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import InputFiles

    given = [
        name for name in ("communes", "villages", "sites") if getattr(args, name, None) is not None
    ]
    if getattr(args, "demo", False):
        files = demo_files()
    elif given:
        missing = [f"--{name}" for name in ("communes", "villages", "sites") if name not in given]
        if missing:
            raise UserError(key="error.missing_inputs", options=", ".join(missing))
        files = InputFiles.of(
            communes=args.communes,
            villages=args.villages,
            sites=args.sites,
            backbone=args.backbone,
            population=getattr(args, "population", None),
            dem=getattr(args, "dem", None),
        )
    elif fallback is not None:
        files = fallback
    else:
        raise UserError(key="error.no_inputs_cli")
    from dataclasses import replace

    from coverage_planner.io.layer_options import apply_layer_options, split_layer_values

    mapping = _mapping(getattr(args, "map", None))
    if mapping:
        files = replace(files, sites=replace(files.sites, mapping=mapping))
    return apply_layer_options(
        files,
        crs=split_layer_values(getattr(args, "crs", None), option="--crs"),
        encoding=split_layer_values(getattr(args, "encoding", None), option="--encoding"),
    )


def _audit(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    from dataclasses import replace

    from coverage_planner.batch import (
        AuditConfig,
        Outputs,
        load_audit_config,
        run_audit,
        with_overrides,
    )
    from coverage_planner.console import TerminalReporter

    config = load_audit_config(args.config) if args.config else AuditConfig(files=None)
    base = config.outputs
    outputs = Outputs(
        language=args.language or base.language,
        maps=base.maps and not args.no_maps,
        atlas=base.atlas and not args.no_atlas,
        workbook=base.workbook and not args.no_workbook,
        kmz=base.kmz and not args.no_kmz,
    )
    if args.model:
        config = replace(config, params=replace(config.params, model=args.model))
    config = with_overrides(
        replace(config, files=input_files(args, config.files), outputs=outputs),
        out_dir=args.out,
        previous=args.previous,
        workers=args.workers,
        scheduler=args.scheduler,
        terrain_cache="none" if args.no_cache else args.cache,
        measurements=args.measurements,
        declared=tuple(args.declared) if args.declared else None,
        clutter=args.clutter,
    )
    reporter = TerminalReporter(quiet=args.quiet)
    try:
        result, written = run_audit(
            config, reporter=reporter, argv=["coverage-planner", *(argv or sys.argv[1:])]
        )
    finally:
        reporter.close()
    if not args.quiet:
        from coverage_planner.io.findings import findings_summary

        for note in config.notes:
            text = note.text(message_language(args.language)) if hasattr(note, "text") else note
            print(f"coverage-planner: note: {text}", file=sys.stderr)
        s = result.summary
        techs = ", ".join(
            f"{t} {v:.1f}%" for t, v in s["villages_covered_pct"].items() if v is not None
        )
        print(
            f"{s['communes']} communes, {s['villages']} villages, {s['sites']} sites; villages covered: {techs}. "
            f"{len(written)} files in {config.out_dir}",
            file=sys.stderr,
        )
        for line in findings_summary(result.findings, language=message_language(args.language)):
            print(line, file=sys.stderr)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from coverage_planner.io.findings import findings_summary
    from coverage_planner.io.inputs import load_inputs

    inputs = load_inputs(input_files(args))
    for f in inputs.findings:
        print(f.line(message_language(args.language)))
    print(
        f"{len(inputs.communes)} communes, {len(inputs.villages)} villages, {len(inputs.sites)} sites; "
        f"working CRS {inputs.crs.to_string()}; {len(inputs.findings)} finding(s)."
    )
    for line in findings_summary(inputs.findings, language=message_language(args.language)):
        print(line)
    return EXIT_OK


def _convert_encoding(args: argparse.Namespace) -> int:
    from coverage_planner.io.convert import convert_file

    for line in convert_file(args.input, args.output, encoding=args.source_encoding):
        print(line, file=sys.stderr)
    return EXIT_OK


def _demo_data(args: argparse.Namespace) -> int:
    from coverage_planner.demo import demo_dir
    from coverage_planner.sample import generate

    out = args.out
    if out is None:
        try:
            out = demo_dir()
        except UserError:
            out = Path(__file__).resolve().parent.parent / "gis_data"
    for path in generate(out):
        print(path, file=sys.stderr)
    return EXIT_OK


def _gui(args: argparse.Namespace) -> int:
    if getattr(args, "screenshot", None):
        from coverage_planner.gui.screenshot import save_first_map

        return save_first_map(args.screenshot, project=args.project, demo=not args.empty)
    from coverage_planner.gui.app import main as gui_main

    return gui_main(project=getattr(args, "project", None), demo=not getattr(args, "empty", False))


def _plan_batch():
    from coverage_planner import plan_batch

    return plan_batch


def main(argv: Sequence[str] | None = None) -> int:
    from coverage_planner.runtime import prepare_process

    prepare_process()
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    handlers = {
        "audit": lambda a: _audit(a, argv),
        "check": _check,
        "demo-data": _demo_data,
        "gui": _gui,
        "convert-encoding": _convert_encoding,
        "plan": lambda a: _plan_batch().run_plan(a, argv),
        "profile": lambda a: _plan_batch().run_profile(a),
        "calibrate": lambda a: __import__(
            "coverage_planner.calibration_batch", fromlist=["run_calibrate"]
        ).run_calibrate(a, argv),
    }
    from coverage_planner.console import report_failure

    try:
        return handlers[command](args)
    except UserError as exc:
        print(
            f"coverage-planner: error: {exc.text(message_language(getattr(args, 'language', None)))}",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    except (Cancelled, KeyboardInterrupt):
        print(
            "coverage-planner: đã dừng; không có tệp kết quả nào bị ghi dở."
            if message_language(getattr(args, "language", None)) == "vi"
            else "coverage-planner: interrupted; no output was left half-written.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    except Exception as exc:  # an internal error or a fault of the machine: a message, a report
        return report_failure(exc, language=message_language(getattr(args, "language", None)))


if __name__ == "__main__":
    sys.exit(main())
