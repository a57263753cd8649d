"""The outputs of an investment plan, written into a folder all or nothing:
``plan.csv``, ``plan_villages.csv``, ``plan_summary.json``, ``plan.gpkg`` (styled for
QGIS), the proposal map (PDF and PNG), the cost–coverage curve (PNG) and the workbook
``plan.xlsx`` (Summary, Plan, Villages sheets)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from openpyxl import Workbook

from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.reports.audit import staged_folder
from coverage_planner.reports.geopackage import (
    categorized_renderer,
    fill_symbol,
    marker_symbol,
    qml_document,
    single_renderer,
    write_layer_styles,
)
from coverage_planner.reports.workbook import style_header, write_frame

PLAN_HEADERS = {
    "order": ("Order", "Thứ tự"),
    "candidate_id": ("Candidate", "Mã vị trí"),
    "kind": ("Kind", "Hình thức"),
    "source": ("Found as", "Nguồn đề xuất"),
    "lon": ("Longitude", "Kinh độ"),
    "lat": ("Latitude", "Vĩ độ"),
    "commune_id": ("Commune", "Mã xã"),
    "height_m": ("Antenna height (m)", "Độ cao anten (m)"),
    "villages_gained": ("Villages gained", "Thôn bản được phủ"),
    "population_gained": ("Population gained", "Dân số được phủ"),
    "site_cost_vnd": ("Site cost (VND)", "Chi phí trạm (đồng)"),
    "backhaul": ("Backhaul", "Truyền dẫn"),
    "backhaul_to": ("Backhaul to", "Truyền dẫn tới"),
    "backhaul_km": ("Backhaul (km)", "Truyền dẫn (km)"),
    "backhaul_cost_vnd": ("Backhaul cost (VND)", "Chi phí truyền dẫn (đồng)"),
    "cost_vnd": ("Cost (VND)", "Chi phí (đồng)"),
    "cumulative_cost_vnd": ("Cumulative cost (VND)", "Chi phí cộng dồn (đồng)"),
    "cumulative_population_covered_pct": ("% population covered", "% dân số có sóng"),
    "cumulative_villages_covered_pct": ("% villages covered", "% thôn bản có sóng"),
    "village_id": ("Village", "Mã thôn bản"),
    "village_name": ("Village name", "Tên thôn bản"),
    "commune_name": ("Commune name", "Tên xã"),
    "population": ("Population", "Dân số"),
    "with_other_new_sites": ("Covered with another new site", "Cần thêm trạm mới khác"),
    "budget_vnd": ("Budget (VND)", "Ngân sách (đồng)"),
    "spent_vnd": ("Cost of the best plan (VND)", "Chi phí phương án tốt nhất (đồng)"),
    "covered_pct": ("% covered", "% có sóng"),
    "sites": ("Sites", "Số trạm"),
    "method": ("Found by", "Cách tìm"),
    "optimal": ("Proven optimal", "Tối ưu đã chứng minh"),
    "gap_pct": ("Gap to the optimum (%)", "Khoảng cách tới tối ưu (%)"),
}
SHEETS = {
    "en": ("Summary", "Plan", "Villages gained", "Cost curve"),
    "vi": ("Tổng hợp", "Phương án", "Thôn bản được phủ", "Chi phí - vùng phủ"),
}
SUMMARY_ROWS = {
    "technology": ("Technology", "Công nghệ"),
    "model": ("Coverage model", "Mô hình vùng phủ"),
    "objective": ("Objective", "Mục tiêu"),
    "solver": ("Solver", "Phương pháp giải"),
    "optimal": ("Proven optimal", "Tối ưu đã chứng minh"),
    "gap_pct": ("Gap to the optimum (%)", "Khoảng cách tới tối ưu (%)"),
    "sites_chosen": ("Sites", "Số trạm"),
    "cost_vnd": ("Cost (VND)", "Tổng chi phí (đồng)"),
    "villages_gained": ("Villages newly covered", "Thôn bản được phủ mới"),
    "population_gained": ("Population newly covered", "Dân số được phủ mới"),
    "villages_covered_pct": ("% villages covered", "% thôn bản có sóng"),
    "population_covered_pct": ("% population covered", "% dân số có sóng"),
    "uncovered_villages": ("Villages uncovered", "Thôn bản chưa có sóng"),
    "before": ("before", "trước"),
    "after": ("after", "sau"),
}


def _h(col: str, language: str) -> str:
    i = 1 if language == "vi" else 0
    return PLAN_HEADERS[col][i] if col in PLAN_HEADERS else col


def plan_summary_json(plan) -> str:
    return json.dumps(plan.summary, ensure_ascii=False, indent=2, default=_jsonable)


def _jsonable(v):
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    if isinstance(v, np.bool_):
        return bool(v)
    raise TypeError(type(v))


METHODS = {
    "exact": ("integer programme", "quy hoạch nguyên"),
    "greedy": ("greedy", "tham lam"),
}


def curve_points(plan, language: str = "en") -> pd.DataFrame:
    """The cost-coverage curve's points (the best plan of each budget), for the sheet;
    how each was found in ``language``."""
    c = plan.curve
    points = c[c["kind"] == "budget"] if "kind" in c else c
    out = points.rename(columns={"cost_vnd": "budget_vnd"})
    if "method" in out:
        i = 1 if language == "vi" else 0
        out = out.assign(method=out["method"].map(lambda m: METHODS.get(m, (m, m))[i]))
    keep = ["budget_vnd", "spent_vnd", "covered_pct", "sites", "method", "optimal", "gap_pct"]
    return out[[k for k in keep if k in out]].sort_values("budget_vnd").reset_index(drop=True)


def plan_layers(plan) -> dict[str, gpd.GeoDataFrame]:
    """Candidates, chosen sites, newly covered villages, backhaul links, service lines."""
    cand = plan.context.candidates
    crs = cand.crs
    keep = [
        "candidate_id",
        "kind",
        "source",
        "commune_id",
        "height_m",
        "site_cost_vnd",
        "backhaul",
        "backhaul_to",
        "backhaul_km",
        "backhaul_cost_vnd",
        "cost_vnd",
    ]
    order = np.zeros(len(cand), dtype=int)
    order[plan.chosen] = np.arange(1, len(plan.chosen) + 1)
    candidates = gpd.GeoDataFrame(
        cand[keep].assign(chosen=order > 0, order=order), geometry=cand.geometry, crs=crs
    )
    chosen = gpd.GeoDataFrame(plan.table, geometry=cand.geometry.to_numpy()[plan.chosen], crs=crs)
    villages = plan.context.result.villages
    newly = plan.step_of_village > 0
    gained = gpd.GeoDataFrame(
        plan.villages.set_index("village_id")
        .reindex(villages["village_id"].to_numpy()[newly])
        .reset_index(),
        geometry=villages.geometry.to_numpy()[newly],
        crs=crs,
    )
    xy = shapely.get_coordinates(cand.geometry.to_numpy()[plan.chosen])
    bx = cand["backhaul_x"].to_numpy(dtype=float)[plan.chosen]
    by = cand["backhaul_y"].to_numpy(dtype=float)[plan.chosen]
    has = np.isfinite(bx)
    links = gpd.GeoDataFrame(
        {
            "candidate_id": plan.table["candidate_id"].to_numpy()[has],
            "backhaul": plan.table["backhaul"].to_numpy()[has],
            "backhaul_to": plan.table["backhaul_to"].to_numpy()[has],
            "backhaul_km": plan.table["backhaul_km"].to_numpy()[has],
            "backhaul_cost_vnd": plan.table["backhaul_cost_vnd"].to_numpy()[has],
        },
        geometry=shapely.linestrings(
            np.stack([xy[has], np.column_stack([bx[has], by[has]])], axis=1)
        )
        if has.any()
        else [],
        crs=crs,
    )
    refs = shapely.point_on_surface(villages.geometry.to_numpy()[newly])
    site_xy = xy[plan.step_of_village[newly] - 1] if newly.any() else np.empty((0, 2))
    serves = gpd.GeoDataFrame(
        {
            "candidate_id": plan.table["candidate_id"].to_numpy()[plan.step_of_village[newly] - 1]
            if newly.any()
            else [],
            "village_id": villages["village_id"].to_numpy()[newly],
        },
        geometry=shapely.linestrings(np.stack([site_xy, shapely.get_coordinates(refs)], axis=1))
        if newly.any()
        else [],
        crs=crs,
    )
    return {
        "candidates": candidates,
        "chosen_sites": chosen,
        "villages_gained": gained,
        "backhaul_links": links,
        "site_villages": serves,
    }


def plan_styles() -> dict[str, str]:
    kinds = [
        ("upgrade", "upgrade", "#0072B2"),
        ("new", "new site", "#D55E00"),
        ("share", "shared tower", "#009E73"),
    ]
    line = (
        '<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0"><symbols>'
        '<symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        '<layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map">'
        '<Option name="line_color" type="QString" value="{c}"/>'
        '<Option name="line_style" type="QString" value="{s}"/>'
        '<Option name="line_width" type="QString" value="{w}"/></Option></layer></symbol>'
        "</symbols></renderer-v2>"
    )
    return {
        "candidates": qml_document(single_renderer(marker_symbol("0", "#BBBBBB", "circle", 1.2))),
        "chosen_sites": qml_document(
            categorized_renderer(
                "kind",
                kinds,
                [marker_symbol(str(i), c, "star", 4.0) for i, (_, _, c) in enumerate(kinds)],
            )
        ),
        "villages_gained": qml_document(
            single_renderer(fill_symbol("0", "#F0E442", "#000000", 230, 0.3))
        ),
        "backhaul_links": qml_document(line.format(c="123,50,148,255", s="dash", w="0.6")),
        "site_villages": qml_document(line.format(c="51,51,51,180", s="solid", w="0.2")),
    }


def export_plan_geopackage(plan, path: Path) -> Path:
    from coverage_planner.io.writers import atomic_path

    layers = plan_layers(plan)
    styles = plan_styles()
    with atomic_path(path) as tmp:
        for n, (name, frame) in enumerate(layers.items()):
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=n > 0)
        write_layer_styles(tmp, styles, layers)
    return path


def export_plan_workbook(plan, path: Path, *, language: str = "vi") -> Path:
    from coverage_planner.io.writers import atomic_path

    names = SHEETS.get(language, SHEETS["en"])
    i = 1 if language == "vi" else 0
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    ws.append(["", SUMMARY_ROWS["before"][i], SUMMARY_ROWS["after"][i]])
    s = plan.summary
    for key in (
        "technology",
        "model",
        "objective",
        "solver",
        "optimal",
        "gap_pct",
        "sites_chosen",
        "cost_vnd",
        "villages_gained",
        "population_gained",
    ):
        ws.append([SUMMARY_ROWS[key][i], None, s[key]])
    for key in ("villages_covered_pct", "population_covered_pct"):
        ws.append(
            [SUMMARY_ROWS[key][i], (s["before"][key] or 0) / 100, (s["after"][key] or 0) / 100]
        )
        ws.cell(ws.max_row, 2).number_format = "0.0%"
        ws.cell(ws.max_row, 3).number_format = "0.0%"
    ws.append(
        [
            SUMMARY_ROWS["uncovered_villages"][i],
            s["before"]["uncovered_villages"],
            s["after"]["uncovered_villages"],
        ]
    )
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 22
    style_header(ws)
    for name, frame in (
        (names[1], plan.table),
        (names[2], plan.villages),
        (names[3], curve_points(plan, language)),
    ):
        sheet = wb.create_sheet(name)
        write_frame(sheet, frame, language)  # yes/no in the language
        for cell, col in zip(sheet[1], frame.columns, strict=True):
            cell.value = _h(col, language)
        for c, col in enumerate(frame.columns, start=1):
            if col.endswith("_vnd"):
                for cell in list(sheet.iter_cols(min_col=c, max_col=c))[0][1:]:
                    cell.number_format = "#,##0"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def plan_writers(
    plan, *, language: str = "vi", province: str = "", maps: bool = True, workbook: bool = True
) -> dict[str, Callable[[Path], object]]:
    from coverage_planner.maps.plan_map import curve_figure, proposal_figure

    def csv(frame: pd.DataFrame) -> Callable[[Path], object]:
        return lambda p: frame.to_csv(p, index=False, encoding="utf-8-sig")

    writers: dict[str, Callable[[Path], object]] = {
        "plan.csv": csv(plan.table),
        "plan_villages.csv": csv(plan.villages),
        "plan_summary.json": lambda p: p.write_text(
            plan_summary_json(plan) + "\n", encoding="utf-8"
        ),
        "plan_candidates.csv": csv(pd.DataFrame(plan.context.candidates.drop(columns="geometry"))),
        "plan.gpkg": lambda p: export_plan_geopackage(plan, p),
    }
    if maps:
        holder: dict = {}

        def fig():
            if "fig" not in holder:
                holder["fig"] = proposal_figure(plan, language=language, province=province)
            return holder["fig"]

        writers["proposal_map.pdf"] = lambda p: fig().savefig(p, format="pdf")
        writers["proposal_map.png"] = lambda p: fig().savefig(p, format="png", dpi=300)
        writers["cost_curve.png"] = lambda p: curve_figure(plan, language=language).savefig(
            p, dpi=150
        )
    if workbook:
        writers["plan.xlsx"] = lambda p: export_plan_workbook(plan, p, language=language)
    return writers


def write_plan(
    plan,
    out_dir: str | Path,
    *,
    language: str = "vi",
    province: str = "",
    maps: bool = True,
    workbook: bool = True,
    extra: dict[str, Callable[[Path], object]] | None = None,
    reporter: Reporter | None = None,
) -> list[Path]:
    """Write every output of ``plan`` into ``out_dir`` (all or nothing)."""
    reporter = reporter or NullReporter()
    writers = plan_writers(plan, language=language, province=province, maps=maps, workbook=workbook)
    writers.update(extra or {})
    with staged_folder(out_dir) as stage:
        for n, (name, write) in enumerate(writers.items()):
            checkpoint(reporter, n, len(writers), f"Writing {name}")
            write(stage / name)
    return [Path(out_dir) / name for name in writers]
