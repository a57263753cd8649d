"""Villages only two new sites together cover: the optimiser counts them (brute force)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.params import Parameters
from coverage_planner.planning.candidates import sites_with_plan
from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.plan import PlanRequest, prepare, solve
from coverage_planner.planning.solvers import Budget, build_problem, exact

from .study import CRS, X0, Y0, write_study


@pytest.fixture(scope="module")
def long_village_case(tmp_path_factory):
    """The study plus a long, populous village: a candidate at either end covers
    less than half of it, both together more; and a few other candidates."""
    folder = tmp_path_factory.mktemp("joint")
    study = write_study(folder, n_sites=24)
    # Sites only in the south: nothing of today's (or an upgrade) reaches the north.
    sites = pd.read_csv(study["sites"], encoding="utf-8-sig", dtype=str)
    xy = gpd.GeoSeries(
        gpd.points_from_xy(sites["Kinh độ"].astype(float), sites["Vĩ độ"].astype(float)),
        crs="EPSG:4326",
    ).to_crs(CRS)
    south = (xy.y < Y0 + 6000).to_numpy()
    sites[south].to_csv(study["sites"], index=False, encoding="utf-8-sig")
    long_village = gpd.GeoDataFrame(
        {"ma_ban": ["DAI"], "ten_ban": ["Bản Dài"], "dan_so": [20000]},
        geometry=[shapely.box(X0 + 1000, Y0 + 14500, X0 + 9000, Y0 + 15300)],
        crs=CRS,
    )
    path = folder / "ban_dai.gpkg"
    gpd.GeoDataFrame(
        pd.concat([gpd.read_file(study["villages"]), long_village], ignore_index=True), crs=CRS
    ).to_file(path)
    points = [(X0 + 800, Y0 + 14900), (X0 + 9200, Y0 + 14900)]
    points += [(X0 + 4000 + 2500 * k, Y0 + 2000 + 3000 * k) for k in range(4)]
    lonlat = gpd.GeoSeries([shapely.Point(p) for p in points], crs=CRS).to_crs("EPSG:4326")
    cand_file = folder / "de_xuat.csv"
    pd.DataFrame(
        {
            "Mã trạm": ["DX-Tây", "DX-Đông", "DX-1", "DX-2", "DX-3", "DX-4"],
            "Kinh độ": lonlat.x,
            "Vĩ độ": lonlat.y,
        }
    ).to_csv(cand_file, index=False, encoding="utf-8-sig")
    files = InputFiles.of(**{**{k: v for k, v in study.items() if k != "dem"}, "villages": path})
    inputs = load_inputs(files)
    params = Parameters(model="disk")
    today = run(inputs, params=params)
    context = prepare(
        inputs,
        today,
        params=params,
        planning=PlanningParams(generate=()),
        technology="4G",
        candidates_file=cand_file,
    )
    return inputs, params, today, context


def brute_force(context, weight, sites: int) -> tuple[float, tuple[int, ...]]:
    """Best newly covered weight over every set of at most ``sites`` candidates, each
    set evaluated on the union of its footprints (as an audit would)."""
    cov = context.coverage
    best, best_set = 0.0, ()
    for k in range(1, sites + 1):
        for subset in itertools.combinations(range(len(context.candidates)), k):
            gained = cov.after(np.array(subset)) & ~cov.base
            value = float(weight[gained].sum())
            if value > best + 1e-9:
                best, best_set = value, subset
    return best, best_set


@pytest.mark.parametrize("sites", [1, 2, 3])
def test_exact_equals_brute_force_with_joint_coverage(long_village_case, sites):
    inputs, params, today, context = long_village_case
    assert len(context.candidates) <= 20
    weight = today.villages["population"].to_numpy(dtype=float)
    best, best_set = brute_force(context, weight, sites)
    plan = solve(context, PlanRequest(budget_sites=sites, solver="exact"))
    value = float(weight[plan.after_covered & ~context.coverage.base].sum())
    assert value == pytest.approx(best)
    assert plan.summary["optimal"]
    # The best set gains a village only two of its sites cover together: so does the plan.
    cov = context.coverage
    alone = np.asarray(cov.gains[list(best_set)].sum(axis=0)).ravel() > 0
    jointly = cov.after(np.array(best_set)) & ~cov.base & ~alone
    assert (plan.summary["joint"]["gained_jointly"] >= 1) == bool(jointly.any())
    if sites == 2:
        assert jointly.any()  # the case is one where joint coverage matters
        built = sites_with_plan(inputs.sites, context.candidates, plan.chosen, "4G")
        audit = run(replace(inputs, sites=built), params=params)
        np.testing.assert_array_equal(
            plan.after_covered, audit.villages["covered_4g"].to_numpy(bool)
        )


def test_without_the_pairs_the_optimum_is_missed(long_village_case):
    """The check above can fail: single gains alone do not see the long village."""
    _, _, today, context = long_village_case
    weight = today.villages["population"].to_numpy(dtype=float)
    best, _ = brute_force(context, weight, 2)
    cost = context.candidates["cost_vnd"].to_numpy(dtype=float)
    single = build_problem(context.coverage.gains, weight, cost)
    sol = exact(single, Budget(sites=2))
    gained = context.coverage.after(sol.chosen) & ~context.coverage.base
    assert float(weight[gained].sum()) < best - 1.0
    j = context.joint_cover()
    assert len(j.only_jointly) >= 1 and len(j.villages) >= 1
    assert len(j.beyond_pairs) == 0


def test_greedy_counts_what_its_sites_cover_together(long_village_case):
    _, _, today, context = long_village_case
    weight = today.villages["population"].to_numpy(dtype=float)
    problem = context.problem(weight)
    for n in (1, 2, 3):
        plan = solve(context, PlanRequest(budget_sites=n, solver="greedy"))
        gained = plan.after_covered & ~context.coverage.base
        # The solver's own value is what the sites really bring (an audit's union).
        from coverage_planner.planning.solvers import covered_value, greedy

        sol = greedy(problem, Budget(sites=n))
        assert covered_value(problem, sol.chosen) == pytest.approx(
            float(weight[context.coverage.after(sol.chosen) & ~context.coverage.base].sum())
        )
        assert float(weight[gained].sum()) <= brute_force(context, weight, n)[0] + 1e-9
