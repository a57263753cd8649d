"""``coverage-planner plan`` and ``coverage-planner profile``: the investment plan and
the link profile from the command line (the CLI only adds these parsers)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from coverage_planner.errors import UserError
from coverage_planner.io.message_planning import number, status_text, translate_status
from coverage_planner.io.messages import phrase_of, render


def add_parsers(sub) -> None:
    """The ``plan`` and ``profile`` sub-commands."""
    plan = sub.add_parser(
        "plan",
        help="propose which sites to build or upgrade, under a budget, to cover the most people",
        description="Investment plan: candidates (upgrades of existing sites, a candidate file, "
        "generated), their coverage from the audit's model, backhaul and cost; the sites to build "
        "under a budget, in build order, with the province's figures before and after. Writes "
        "plan.csv, plan_villages.csv, plan_summary.json, plan.gpkg, proposal_map.pdf/.png, "
        "cost_curve.png and plan.xlsx into --out.",
    )
    src = plan.add_argument_group("inputs")
    src.add_argument("--demo", action="store_true", help="use the bundled demo province")
    for name, text in (
        ("communes", "commune polygons"),
        ("villages", "village polygons or points"),
        ("sites", "BTS sites: CSV/Excel with coordinates, or a vector file"),
        (
            "candidates",
            "candidate sites: CSV/Excel/vector with id, lon/lat or x/y, kind, height_m, cost_vnd",
        ),
        ("backbone", "fibre routes and/or access points"),
        ("dem", "terrain model (GeoTIFF)"),
        ("population", "population raster"),
    ):
        src.add_argument(f"--{name}", type=Path, help=text)
    src.add_argument("--crs", help="CRS to assume for files that have none, e.g. EPSG:3405")
    src.add_argument("--encoding", help="text encoding of files that do not say theirs")
    src.add_argument(
        "--map", action="append", metavar="ROLE=COLUMN", help="column of the site list for ROLE"
    )
    plan.add_argument("--config", type=Path, help="configuration file (TOML) with [planning] costs")
    plan.add_argument(
        "--technology", required=True, help="technology to bring to the villages: 2G, 3G, 4G or 5G"
    )
    budget = plan.add_mutually_exclusive_group(required=True)
    budget.add_argument("--budget-sites", type=int, help="number of sites to build or upgrade")
    budget.add_argument("--budget-vnd", type=float, help="money for sites and backhaul (VND)")
    budget.add_argument(
        "--target-pct", type=float, help="least cost to reach this share of villages covered (%%)"
    )
    plan.add_argument("--solver", choices=["exact", "greedy"], default="exact")
    plan.add_argument(
        "--objective",
        choices=["population", "villages"],
        default="population",
        help="maximise newly covered population (default) or villages",
    )
    plan.add_argument(
        "--must-cover",
        help="villages that must be covered: ids, comma-separated, and/or the word "
        "commune_centres for every commune's centre village",
    )
    plan.add_argument("--time-limit", type=float, help="time limit of the exact solver (s)")
    plan.add_argument("--model", choices=["auto", "disk", "terrain"], help="coverage model")
    plan.add_argument("--out", type=Path, required=True, help="output folder")
    plan.add_argument(
        "--language", choices=["vi", "en"], default=None, help="language of map and workbook"
    )
    plan.add_argument("--no-maps", action="store_true", help="leave out the proposal map and curve")
    plan.add_argument("--no-workbook", action="store_true", help="leave out plan.xlsx")
    plan.add_argument("--quiet", action="store_true", help="print nothing but errors")

    prof = sub.add_parser(
        "profile",
        help="draw the terrain profile of a link: line of sight, Fresnel zone, obstacle, level",
    )
    prof.add_argument("--dem", type=Path, required=True, help="terrain model (GeoTIFF)")
    prof.add_argument("--from", dest="origin", required=True, metavar="LON,LAT[,HEIGHT]")
    prof.add_argument("--to", dest="target", required=True, metavar="LON,LAT[,HEIGHT]")
    prof.add_argument("--out", type=Path, required=True, help="the picture (.png, .pdf or .svg)")
    prof.add_argument(
        "--technology", default="4G", help="technology of the predicted level (default 4G)"
    )
    prof.add_argument(
        "--frequency-mhz",
        type=float,
        help="frequency of the Fresnel zone (default the technology's)",
    )
    prof.add_argument(
        "--clearance", type=float, default=0.6, help="share of the zone that must be clear"
    )
    prof.add_argument("--crs", help="CRS of a DEM that has none")
    prof.add_argument("--language", choices=["vi", "en"], default="vi")


class TranslatedReporter:
    """Passes the core's steps on in ``language`` (the planning steps, see
    :func:`~coverage_planner.io.message_planning.translate_status`)."""

    def __init__(self, inner, language: str) -> None:
        self.inner, self.language = inner, language

    def status(self, text: str) -> None:
        self.inner.status(translate_status(text, self.language))

    def progress(self, done: int, total: int) -> None:
        self.inner.progress(done, total)

    def cancelled(self) -> bool:
        return self.inner.cancelled()


def summary_line(s: dict, tech: str, files: int, folder: Path, language: str) -> str:
    """The plan's closing line on the terminal, in ``language``."""
    b, a = s["before"], s["after"]
    if s["optimal"]:
        proof = phrase_of("plan_cli.optimal")
    elif s["gap_pct"] is not None:
        proof = phrase_of("plan_cli.gap", gap=number(s["gap_pct"], 2))
    else:
        proof = ""
    return render(
        "plan_cli.summary",
        language,
        {
            "sites": s["sites_chosen"],
            "billions": number(s["cost_vnd"] / 1e9, 2),
            "solver": s["solver"],
            "proof": proof,
            "tech": tech,
            "before": number(b["villages_covered_pct"]),
            "after": number(a["villages_covered_pct"]),
            "pop_before": number(b["population_covered_pct"] or 0),
            "pop_after": number(a["population_covered_pct"] or 0),
            "files": files,
            "folder": folder,
        },
    )


def _point(text: str, *, what: str, height: float) -> tuple[float, float, float]:
    parts = [p.strip() for p in str(text).split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) not in (2, 3):
        raise UserError(key="profile.point", option=what, value=repr(text))
    lon, lat = values[0], values[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise UserError(key="profile.degrees", option=what, lon=lon, lat=lat)
    return lon, lat, values[2] if len(values) == 3 else height


def run_profile(args: argparse.Namespace) -> int:
    import numpy as np
    from pyproj import Transformer

    from coverage_planner.coverage.terrain.model import Grid, read_dem
    from coverage_planner.io.crs import WGS84, utm_crs_for
    from coverage_planner.io.rasters import load_raster
    from coverage_planner.io.writers import atomic_path
    from coverage_planner.maps.plan_map import profile_figure
    from coverage_planner.params import Parameters
    from coverage_planner.planning.plan import check_technology
    from coverage_planner.planning.profile import predicted_level, profile_between

    params = Parameters()
    tech = check_technology(args.technology)
    tp = params.technologies[tech]
    a = _point(args.origin, what="--from", height=tp.antenna_height_m)
    b = _point(args.target, what="--to", height=params.terrain.receiver_height_m)
    if not 0 < args.clearance <= 1:
        raise UserError(key="profile.clearance")
    dem_src = load_raster(args.dem, role="terrain (DEM)", crs=args.crs)
    crs = utm_crs_for((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    to_xy = Transformer.from_crs(WGS84, crs, always_xy=True)
    ax, ay = to_xy.transform(a[0], a[1])
    bx, by = to_xy.transform(b[0], b[1])
    if np.hypot(bx - ax, by - ay) < 1.0:
        raise UserError(key="profile.same_point")
    margin = 200.0
    grid = Grid.covering(
        (min(ax, bx) - margin, min(ay, by) - margin, max(ax, bx) + margin, max(ay, by) + margin),
        params.terrain.resolution_m,
        crs,
    )
    dem = read_dem(dem_src, grid)
    freq = args.frequency_mhz or tp.frequency_mhz
    prof = profile_between(
        dem,
        grid,
        (ax, ay),
        (bx, by),
        tx_height_m=a[2],
        rx_height_m=b[2],
        frequency_mhz=freq,
        k_factor=params.terrain.k_factor,
        required=args.clearance,
    )
    prof.level_dbm = predicted_level(
        prof,
        eirp_dbm=tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db,
        tx_height_m=a[2],
        frequency_mhz=tp.frequency_mhz,
        environment=params.terrain.environment,
    )
    fig = profile_figure(prof, language=args.language, title=f"{args.origin} → {args.target}")
    suffix = args.out.suffix.lower().lstrip(".") or "png"
    if suffix not in ("png", "pdf", "svg"):
        raise UserError(key="profile.out_suffix", suffix=suffix)
    with atomic_path(args.out) as tmp:
        fig.savefig(tmp, format=suffix, dpi=200)
    line = render(
        "plan_cli.profile",
        args.language,
        {
            "km": number(prof.length_m / 1000, 2),
            "los": phrase_of("plan_cli.yes" if prof.line_of_sight else "plan_cli.no"),
            "fresnel": phrase_of("plan_cli.clear" if prof.fresnel_clear else "plan_cli.obstructed"),
            "least": number(100 * prof.clearance.min(), 0),
            "at": number(prof.distance_m[prof.obstacle] / 1000, 2),
            "tech": tech,
            "level": number(prof.level_dbm),
            "file": args.out,
        },
    )
    print(line, file=sys.stderr)
    return 0


def run_plan(args: argparse.Namespace, argv: Sequence[str] | None = None) -> int:
    from coverage_planner.batch import AuditConfig, RecordingReporter, load_audit_config, versions
    from coverage_planner.cli import input_files, message_language
    from coverage_planner.console import TerminalReporter
    from coverage_planner.coverage.engine import run
    from coverage_planner.io.inputs import load_inputs
    from coverage_planner.planning.config import PlanningParams
    from coverage_planner.planning.must_cover import parse_must_cover
    from coverage_planner.planning.plan import PlanRequest, check_technology, prepare, solve
    from coverage_planner.reports.exports import province_name
    from coverage_planner.reports.plan import write_plan

    tech = check_technology(args.technology)
    config = load_audit_config(args.config) if args.config else AuditConfig(files=None)
    planning = PlanningParams.from_toml(args.config) if args.config else PlanningParams()
    if args.time_limit is not None:
        planning = replace(planning, time_limit_s=float(args.time_limit))
    params = config.params if not args.model else replace(config.params, model=args.model)
    request = PlanRequest(
        technology=tech,
        objective=args.objective,
        budget_sites=args.budget_sites,
        budget_vnd=args.budget_vnd,
        target_pct=args.target_pct,
        solver=args.solver,
        must_cover=parse_must_cover(args.must_cover) or planning.must_cover,
    )
    if args.budget_sites is not None and args.budget_sites < 1:
        raise UserError(key="plan.budget_sites")
    files = input_files(args, config.files)
    language = args.language or config.outputs.language
    reporter = TerminalReporter(quiet=args.quiet)
    record = RecordingReporter(TranslatedReporter(reporter, message_language(args.language)))
    started = datetime.now(UTC)
    try:
        inputs = load_inputs(files, reporter=record)
        record.status(status_text("plan_status.audit"))
        today = run(inputs, params=params, reporter=record)
        context = prepare(
            inputs,
            today,
            params=params,
            planning=planning,
            technology=tech,
            candidates_file=args.candidates,
            candidate_crs=args.crs,
            reporter=record,
        )
        for f in context.findings:
            record.log(f"finding: {f}")
        plan = solve(context, request, reporter=record)
        run_info = {
            "command": ["coverage-planner", *(argv or sys.argv[1:])],
            "started": started.isoformat(timespec="seconds"),
            "versions": versions(),
            "parameters": params.to_dict(),
            "planning": planning.to_dict(),
            "request": {k: v for k, v in vars(request).items()},
            "seconds": context.seconds,
            "summary": plan.summary,
        }
        extra = {
            "plan_run.json": lambda p: p.write_text(
                json.dumps(run_info, ensure_ascii=False, indent=2, default=str) + "\n",
                encoding="utf-8",
            ),
            "plan.log": lambda p: p.write_text("\n".join(record.lines) + "\n", encoding="utf-8"),
        }
        written = write_plan(
            plan,
            args.out,
            language=language,
            province=province_name(today),
            maps=not args.no_maps,
            workbook=not args.no_workbook,
            extra=extra,
            reporter=record,
        )
    finally:
        reporter.close()
    if not args.quiet:
        shown = message_language(args.language)
        print(summary_line(plan.summary, tech, len(written), args.out, shown), file=sys.stderr)
    return 0
