"""The plan's "after" figures equal an audit with the chosen sites added."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.planning.candidates import sites_with_plan
from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.plan import PlanRequest, evaluate, prepare, solve

from .study import write_study


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan_study")
    return write_study(folder)


def audit_of(inputs, params):
    return run(inputs, params=params)


def check_after_equals_audit(inputs, params, planning, request):
    today = audit_of(inputs, params)
    context = prepare(inputs, today, params=params, planning=planning, technology="4G", workers=1)
    plan = solve(context, request)
    assert len(plan.chosen) > 0
    built = sites_with_plan(inputs.sites, context.candidates, plan.chosen, "4G")
    audit = audit_of(replace(inputs, sites=built), params)
    covered = audit.villages["covered_4g"].to_numpy(dtype=bool)
    np.testing.assert_array_equal(plan.after_covered, covered)
    for key in ("villages_covered_pct", "population_covered_pct", "uncovered_villages"):
        assert plan.summary["after"][key] == pytest.approx(
            audit.summary[key]["4G"] if isinstance(audit.summary[key], dict) else audit.summary[key]
        )
        assert plan.summary["before"][key] == pytest.approx(today.summary[key]["4G"])
    # Every village the plan says it brings is covered in that audit, and was not before.
    gained = np.isin(audit.villages["village_id"], plan.villages["village_id"])
    assert covered[gained].all()
    assert not today.villages["covered_4g"].to_numpy(dtype=bool)[gained].any()
    assert gained.sum() == (covered & ~today.villages["covered_4g"].to_numpy(dtype=bool)).sum()
    # The last cumulative figure is the after figure.
    assert plan.table["cumulative_population_covered_pct"].iloc[-1] == pytest.approx(
        plan.summary["after"]["population_covered_pct"]
    )
    return context, plan


@pytest.mark.parametrize("solver", ["greedy", "exact"])
def test_after_equals_an_audit_with_the_sites_added_disk(study, solver):
    files = InputFiles.of(**{k: v for k, v in study.items() if k != "dem"})
    inputs = load_inputs(files)
    params = Parameters(model="disk")
    planning = PlanningParams(spacing_km=0.8)
    check_after_equals_audit(inputs, params, planning, PlanRequest(budget_sites=6, solver=solver))


def test_after_equals_an_audit_with_the_sites_added_terrain(study):
    inputs = load_inputs(InputFiles.of(**study))
    params = Parameters(model="terrain", terrain=TerrainParams(resolution_m=60.0, workers=1))
    planning = PlanningParams(spacing_km=1.0)
    context, plan = check_after_equals_audit(
        inputs, params, planning, PlanRequest(budget_vnd=12e9, solver="exact")
    )
    assert context.coverage.model == "terrain"
    assert (context.candidates["source"] == "dem_high_point").any()


def test_every_candidate_together_equals_the_audit_disk(study):
    """The hardest case for joint coverage: every candidate built at once."""
    inputs = load_inputs(InputFiles.of(**{k: v for k, v in study.items() if k != "dem"}))
    params = Parameters(model="disk")
    today = audit_of(inputs, params)
    context = prepare(inputs, today, params=params, planning=PlanningParams(), technology="4G")
    everything = np.arange(len(context.candidates))
    plan = evaluate(context, everything)
    built = sites_with_plan(inputs.sites, context.candidates, everything, "4G")
    audit = audit_of(replace(inputs, sites=built), params)
    np.testing.assert_array_equal(plan.after_covered, audit.villages["covered_4g"].to_numpy(bool))


def test_a_village_only_two_new_sites_together_cover_counts_after_both(study, tmp_path):
    """A long village: a site at either end covers less than half of it, both more."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from coverage_planner.planning.candidates import load_candidates

    from .study import CRS, X0, Y0

    long_village = gpd.GeoDataFrame(
        {"ma_ban": ["DAI"], "ten_ban": ["Bản Dài"], "dan_so": [1000]},
        geometry=[shapely.box(X0 + 1000, Y0 + 14500, X0 + 9000, Y0 + 15300)],
        crs=CRS,
    )
    path = tmp_path / "ban.gpkg"
    gpd.GeoDataFrame(
        pd.concat([gpd.read_file(study["villages"]), long_village], ignore_index=True), crs=CRS
    ).to_file(path)
    ends = gpd.GeoSeries(
        [shapely.Point(X0 + 800, Y0 + 14900), shapely.Point(X0 + 9200, Y0 + 14900)], crs=CRS
    ).to_crs("EPSG:4326")
    cand_file = tmp_path / "de_xuat.csv"
    pd.DataFrame(
        {
            "Mã trạm": ["DX-Tây", "DX-Đông"],
            "Kinh độ": ends.x,
            "Vĩ độ": ends.y,
            "Loại": ["xây mới", "dùng chung"],
            "Chi phí": [1.5e9, None],
        }
    ).to_csv(cand_file, index=False, encoding="utf-8-sig")
    planning = PlanningParams(generate=())
    cands = load_candidates(cand_file, crs=CRS, planning=planning)
    assert list(cands["candidate_id"]) == ["DX-Tây", "DX-Đông"]
    assert list(cands["kind"]) == ["new", "share"]
    assert list(cands["site_cost_vnd"]) == [1.5e9, planning.share_vnd]
    files = InputFiles.of(**{**{k: v for k, v in study.items() if k != "dem"}, "villages": path})
    inputs = load_inputs(files)
    params = Parameters(model="disk")
    today = run(inputs, params=params)
    context = prepare(
        inputs, today, params=params, planning=planning, technology="4G", candidates_file=cand_file
    )
    ids = context.candidates["candidate_id"].to_numpy()
    both = np.flatnonzero(np.isin(ids, ["DX-Tây", "DX-Đông"]))
    village = int(np.flatnonzero(today.villages["village_id"] == "DAI")[0])
    assert not context.coverage.gains[both][:, village].toarray().any()  # neither alone
    plan = evaluate(context, both)
    built = sites_with_plan(inputs.sites, context.candidates, both, "4G")
    audit = run(replace(inputs, sites=built), params=params)
    assert audit.villages["covered_4g"].iloc[village]
    np.testing.assert_array_equal(plan.after_covered, audit.villages["covered_4g"].to_numpy(bool))
    row = plan.villages.set_index("village_id").loc["DAI"]
    assert row["with_other_new_sites"] and row["order"] == 2


def test_terrain_candidates_in_two_spawned_workers_equal_one_process(study):
    from coverage_planner.planning.candidates import candidate_sites
    from coverage_planner.planning.plan import terrain_of
    from coverage_planner.planning.terrain_sites import candidate_cells

    inputs = load_inputs(InputFiles.of(**study))
    params = Parameters(model="terrain", terrain=TerrainParams(resolution_m=60.0, workers=1))
    today = run(inputs, params=params)
    context = prepare(inputs, today, params=params, planning=PlanningParams(), technology="4G")
    dem, grid = terrain_of(inputs, today, params)
    sites = candidate_sites(context.candidates, today.sites, "4G")
    keep = context.coverage.evaluator.keep
    args = (sites, dem, grid, params, "4G", list(today.technologies))
    one = candidate_cells(*args, keep=keep, workers=1)
    two = candidate_cells(*args, keep=keep, workers=2)
    assert len(one) == len(two) >= 16 and sum(len(c) for c in one) > 0
    for a, b in zip(one, two, strict=True):
        np.testing.assert_array_equal(a, b)


def test_kept_cells_equal_every_fine_cell_expanded_then_filtered(study):
    """The coarse-tier lookup of kept cells against the plain expansion of each tier
    cell into its fine cells."""
    from coverage_planner.coverage.terrain.levels import site_levels, tier_sizes
    from coverage_planner.coverage.terrain.los import EMPTY
    from coverage_planner.coverage.terrain.model import site_jobs
    from coverage_planner.planning.candidates import candidate_sites
    from coverage_planner.planning.coverage import TerrainEvaluator
    from coverage_planner.planning.terrain_sites import KeptCells, kept_covered

    inputs = load_inputs(InputFiles.of(**study))
    params = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    today = audit_of(inputs, params)
    context = prepare(
        inputs, today, params=params, planning=PlanningParams(), technology="4G", workers=1
    )
    terrain = today.terrain
    grid = terrain.grid
    keep = TerrainEvaluator(today.villages, today.rasters["4G"].covered, grid, params).keep
    kept = KeptCells(keep, grid, tier_sizes(params))
    threshold = params.technologies["4G"].threshold_dbm + params.terrain.margin_db()
    sizes = tier_sizes(params)
    sites = candidate_sites(context.candidates, today.sites, "4G")
    jobs = [
        j for j in site_jobs(sites, grid, params, list(today.technologies)) if "4G" in j.radius_m
    ]
    assert len(jobs) > 10
    for job in jobs[:25]:
        canvas = np.zeros((grid.height, grid.width), dtype=bool)
        for w in site_levels(job, params, terrain)["4G"]:
            c = sizes[w.tier]
            level = (w.levels.astype(np.float32) / np.float32(100)).astype(float)
            up = np.kron((w.levels != EMPTY) & (level >= threshold), np.ones((c, c), bool))
            r0, c0 = w.row0 * c, w.col0 * c  # the block's top-left fine cell
            rs, cs = max(r0, 0), max(c0, 0)
            re, ce = min(r0 + up.shape[0], grid.height), min(c0 + up.shape[1], grid.width)
            if re > rs and ce > cs:
                canvas[rs:re, cs:ce] |= up[rs - r0 : re - r0, cs - c0 : ce - c0]
        expected = np.flatnonzero(canvas.ravel() & keep)
        np.testing.assert_array_equal(kept_covered(job, "4G", params, terrain, kept), expected)


def test_a_candidate_left_out_as_out_of_reach_covers_no_cell_of_that_village(study):
    """The reach bound that skips far candidates never skips one that covers a cell
    of the village: each village alone as the one to bring, every candidate computed."""
    from coverage_planner.coverage.terrain.levels import tier_sizes
    from coverage_planner.coverage.terrain.model import site_jobs
    from coverage_planner.planning.candidates import candidate_sites
    from coverage_planner.planning.coverage import TerrainEvaluator
    from coverage_planner.planning.terrain_sites import KeptCells, kept_covered, within_reach

    inputs = load_inputs(InputFiles.of(**study))
    params = Parameters(model="terrain", terrain=TerrainParams(workers=1))
    today = audit_of(inputs, params)
    context = prepare(
        inputs, today, params=params, planning=PlanningParams(), technology="4G", workers=1
    )
    terrain, grid = today.terrain, today.terrain.grid
    ev = TerrainEvaluator(today.villages, today.rasters["4G"].covered, grid, params)
    kept = KeptCells(ev.keep, grid, tier_sizes(params))
    sites = candidate_sites(context.candidates, today.sites, "4G")
    jobs = [
        replace(j, radius_m={"4G": j.radius_m["4G"]})
        for j in site_jobs(sites, grid, params, list(today.technologies))
        if "4G" in j.radius_m
    ]
    cells = [kept_covered(j, "4G", params, terrain, kept) for j in jobs]
    geoms = today.villages.geometry.to_numpy()
    skipped = 0
    for v in range(len(geoms)):
        ok = within_reach(jobs, sites, geoms[[v]], "4G", params, terrain)
        own = np.flatnonzero(ev.labels == v + 1)
        if ev.ref[v] >= 0:
            own = np.r_[own, ev.ref[v]]
        for j in np.flatnonzero(~ok):
            skipped += 1
            assert not np.isin(cells[j], own).any(), (v, j)
    assert skipped > 50  # the bound does leave candidates out
