"""The investment plan: candidates, what they bring, the chosen sites in build order,
the province's figures before and after, scenarios.

``prepare`` does the work that depends only on the study and the technology
(candidates, their backhaul and cost, their coverage); ``solve`` chooses under a
budget; ``evaluate`` gives the figures of any set of sites (a plan the planner edited
on the map). The after figures are those of an audit with the chosen sites added.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from coverage_planner.errors import UserError
from coverage_planner.io.findings import Finding
from coverage_planner.io.message_planning import number, status_text
from coverage_planner.io.messages import listing
from coverage_planner.params import TECHNOLOGIES, Parameters
from coverage_planner.planning.backhaul import backhaul
from coverage_planner.planning.candidates import (
    all_candidates,
    generated_candidates,
    load_candidates,
    upgrade_candidates,
)
from coverage_planner.planning.config import OBJECTIVES, PlanningParams
from coverage_planner.planning.coverage import CandidateCoverage, candidate_coverage

# The map edits (planning.map_edits) stay importable from here, as callers know them.
from coverage_planner.planning.map_edits import add_candidate, move_candidate  # noqa: F401
from coverage_planner.planning.solvers import (
    Budget,
    Problem,
    Solution,
    build_problem,
    exact,
    greedy,
)
from coverage_planner.progress import NullReporter, Reporter, checkpoint

SOLVERS = ("exact", "greedy")


@dataclass(frozen=True)
class PlanRequest:
    """What the planner asks: technology, objective, budget, solver, must-cover villages."""

    technology: str = "4G"
    objective: str = "population"
    budget_sites: int | None = None
    budget_vnd: float | None = None
    target_pct: float | None = None
    solver: str = "exact"
    must_cover: tuple[str, ...] = ()
    merge: bool = True

    def __post_init__(self) -> None:
        if self.objective not in OBJECTIVES:
            raise UserError(key="plan.objective", value=repr(self.objective))
        if self.solver not in SOLVERS:
            raise UserError(key="plan.solver", value=repr(self.solver))
        if self.target_pct is not None and not 0 < self.target_pct <= 100:
            raise UserError(key="plan.target_pct", value=self.target_pct)
        if self.budget_vnd is not None and self.budget_vnd <= 0:
            raise UserError(key="plan.budget_vnd")


@dataclass
class PlanContext:
    """Candidates with their costs and coverage, for one study and technology."""

    result: Any  # CoverageResult of today
    params: Parameters
    planning: PlanningParams
    technology: str
    candidates: gpd.GeoDataFrame
    coverage: CandidateCoverage
    terrain: tuple | None = None  # (dem, grid) when a DEM is known
    findings: list[Finding] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    must_cover_rule: str | None = None  # how the commune centres were found, when asked
    joint: Any = None  # JointCover of the coverage (computed once, reset by an edit)

    def joint_cover(self):
        """Pairs of candidates that together cover a village neither covers alone."""
        if self.joint is None:
            from coverage_planner.planning.joint import joint_cover

            self.joint = joint_cover(self.coverage)
        return self.joint

    def problem(self, weight: np.ndarray, *, must=None, merge: bool = True) -> Problem:
        """The coverage problem of ``weight``, with the villages pairs cover."""
        cost = self.candidates["cost_vnd"].to_numpy(dtype=float)
        problem = build_problem(self.coverage.gains, weight, cost, must=must, merge=merge)
        j = self.joint_cover()
        if len(j.village):
            problem = problem.with_pairs(j.village, j.first, j.second, weight)
        return problem


@dataclass
class Plan:
    """A chosen set of sites, in build order, and what it brings."""

    context: PlanContext
    request: PlanRequest
    chosen: np.ndarray  # candidate rows, in build order
    table: pd.DataFrame  # plan.csv
    villages: pd.DataFrame  # plan_villages.csv
    summary: dict[str, Any]
    curve: pd.DataFrame  # cost-coverage curve: cost_vnd, covered_pct
    after_covered: np.ndarray
    step_of_village: (
        np.ndarray
    )  # build step (1-based) when each village becomes covered, 0 never/already

    @property
    def technology(self) -> str:
        return self.context.technology


def check_technology(tech: str) -> str:
    key = str(tech).upper()
    if key not in TECHNOLOGIES:
        raise UserError(
            key="plan.technology_unknown", value=repr(tech), known=", ".join(TECHNOLOGIES)
        )
    return key


def terrain_of(inputs, result, params: Parameters):
    """The DEM on a working grid: the audit's own grid with the terrain model, else a
    grid over the communes at the terrain resolution (for high points and microwave
    hops); None without a DEM."""
    if inputs.dem is None:
        return None
    from coverage_planner.coverage.terrain.model import Grid, read_dem

    grid = result.grid
    if grid is None:
        grid = Grid.covering(
            tuple(result.communes.total_bounds), params.terrain.resolution_m, inputs.crs
        )
    return read_dem(inputs.dem, grid), grid


def prepare(
    inputs,
    result,
    *,
    params: Parameters,
    planning: PlanningParams,
    technology: str = "4G",
    candidates_file=None,
    candidate_mapping: dict | None = None,
    candidate_crs: str | None = None,
    reporter: Reporter | None = None,
    workers: int | None = None,
) -> PlanContext:
    """Candidates (upgrades, the planner's file, generated), their backhaul and cost,
    and the villages each brings, with the audit's model (``result``'s)."""
    reporter = reporter or NullReporter()
    tech = check_technology(technology)
    if tech not in result.technologies:
        raise UserError(
            key="plan.technology_unserved", tech=tech, computed=", ".join(result.technologies)
        )
    findings: list[Finding] = []
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    checkpoint(reporter, 0, 4, status_text("plan_status.candidates"))
    terrain = terrain_of(inputs, result, params)
    parts = [upgrade_candidates(result.sites, tech, planning)]
    if candidates_file is not None:
        parts.append(
            load_candidates(
                candidates_file,
                crs=result.villages.crs,
                planning=planning,
                source_crs=candidate_crs,
                mapping=candidate_mapping,
                findings=findings,
            )
        )
    if planning.generate:
        exclusion = None
        if planning.exclusion is not None:
            from coverage_planner.io.vector import read_vector

            exclusion = read_vector(planning.exclusion, layer_name="exclusion", findings=findings)
        dem, grid = terrain if terrain is not None else (None, None)
        parts.append(
            generated_candidates(
                result.villages,
                result.communes,
                result.sites,
                tech,
                planning,
                dem=dem,
                grid=grid,
                exclusion=exclusion,
                findings=findings,
            )
        )
    candidates = all_candidates(parts, result.communes)
    if len(candidates) == 0:
        raise UserError(key="plan.no_candidates", tech=tech)
    seconds["candidates"] = time.perf_counter() - t0
    checkpoint(reporter, 1, 4, status_text("plan_status.backhaul", n=len(candidates)))
    t0 = time.perf_counter()
    dem, grid = terrain if terrain is not None else (None, None)
    bh = backhaul(
        candidates,
        result.sites,
        result.backbone,
        planning,
        dem=dem,
        grid=grid,
        default_height_m=planning.height_m,
    )
    candidates = candidates.join(bh)
    candidates["cost_vnd"] = candidates["site_cost_vnd"] + candidates["backhaul_cost_vnd"]
    missing = (candidates["backhaul"] == "none").sum()
    if missing:
        findings.append(
            Finding(
                "warning",
                "candidates",
                key="plan_finding.no_backhaul",
                params={"n": int(missing), "km": f"{planning.microwave_max_km:g}"},
                repair_key="plan_finding.no_backhaul_cost",
            )
        )
    seconds["backhaul"] = time.perf_counter() - t0
    checkpoint(reporter, 2, 4, status_text("plan_status.coverage", n=len(candidates)))
    t0 = time.perf_counter()
    cov = candidate_coverage(
        result,
        candidates,
        tech,
        params,
        terrain=terrain,
        workers=params.terrain.workers if workers is None else workers,
        reporter=reporter,
    )
    seconds["coverage"] = time.perf_counter() - t0
    checkpoint(reporter, 4, 4, status_text("plan_status.ready"))
    return PlanContext(result, params, planning, tech, candidates, cov, terrain, findings, seconds)


def _weights(context: PlanContext, objective: str) -> np.ndarray:
    if objective == "villages":
        return np.ones(len(context.result.villages))
    return context.result.villages["population"].astype(float).fillna(0.0).to_numpy()


def _must_mask(context: PlanContext, items: tuple[str, ...]) -> np.ndarray:
    """Villages that must be covered and are not yet (ids, ``commune_centres``)."""
    from coverage_planner.planning.must_cover import must_cover_mask

    result = context.result
    must, how = must_cover_mask(items, result.villages, result.communes)
    context.must_cover_rule = how
    return must & ~context.coverage.base  # already covered: nothing to do


def solve(context: PlanContext, request: PlanRequest, *, reporter: Reporter | None = None) -> Plan:
    """Choose the sites of ``request`` and evaluate them."""
    reporter = reporter or NullReporter()
    check_technology(request.technology)
    cov = context.coverage
    n_vill = len(cov.base)
    if request.target_pct is not None:
        need = math.ceil(request.target_pct / 100.0 * n_vill - 1e-9) - int(cov.base.sum())
        if need <= 0:
            raise UserError(
                key="plan.target_reached",
                share=number(100.0 * cov.base.sum() / n_vill),
                tech=context.technology,
                target=number(request.target_pct, None),
            )
        weight = np.ones(n_vill)
        budget = Budget(target=float(need))
    else:
        weight = _weights(context, request.objective)
        budget = Budget(sites=request.budget_sites, vnd=request.budget_vnd)
    must = _must_mask(context, request.must_cover)
    orphan = must & (np.diff(cov.gains.tocsc().indptr) == 0)
    if orphan.any():
        ids = context.result.villages["village_id"].astype(str).to_numpy()[orphan]
        raise UserError(key="plan.must_cover_orphan", ids=listing(ids))
    problem = context.problem(weight, must=must, merge=request.merge)
    if problem.reach.shape[1] == 0 and len(problem.pair_weight) == 0:
        raise UserError(key="plan.nothing_to_plan", tech=context.technology)
    checkpoint(reporter, 0, 2, status_text("plan_status.greedy"))
    warm = greedy(problem, budget, reporter=reporter)
    solution = warm
    if request.solver == "exact":
        checkpoint(reporter, 1, 2, status_text("plan_status.exact"))
        solution = exact(
            problem,
            budget,
            time_limit_s=context.planning.time_limit_s,
            warm=warm,
            reporter=reporter,
        )
    checkpoint(reporter, 2, 2, status_text("plan_status.figures"))
    return evaluate(
        context,
        solution.chosen,
        request=request,
        solution=solution,
        problem=problem,
        reporter=reporter,
    )


def build_order(context: PlanContext, chosen: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """The chosen sites, most newly covered weight first (each counted once)."""
    chosen = np.asarray(chosen, dtype=np.int64)
    if len(chosen) <= 1:
        return chosen
    sub = build_problem(context.coverage.gains[chosen], weight, np.ones(len(chosen)), merge=False)
    if sub.reach.shape[1] == 0:
        return chosen
    order = greedy(sub, Budget(sites=len(chosen)), check=False).chosen
    rest = np.setdiff1d(np.arange(len(chosen)), order)
    return chosen[np.r_[order, rest].astype(int)]


def evaluate(
    context: PlanContext,
    chosen: np.ndarray,
    *,
    request: PlanRequest | None = None,
    solution: Solution | None = None,
    problem: Problem | None = None,
    curve: pd.DataFrame | None = None,
    reporter: Reporter | None = None,
) -> Plan:
    """The figures of building ``chosen`` (any set: a solver's, or edited on the map).

    ``curve``: the cost-coverage curve to keep (an edit on the map does not change
    it); by default it is computed, exactly per budget after an exact solve, by the
    greedy otherwise."""
    request = request or PlanRequest(
        technology=context.technology, budget_sites=max(1, len(chosen))
    )
    cov = context.coverage
    villages = context.result.villages
    weight = _weights(context, request.objective)
    order = build_order(context, chosen, weight)
    after = cov.after(order)
    # The step at which each village becomes covered.
    step = np.zeros(len(villages), dtype=np.int64)
    joint = np.zeros(len(villages), dtype=bool)
    for k, j in enumerate(order, start=1):
        row = cov.gains.indices[cov.gains.indptr[j] : cov.gains.indptr[j + 1]]
        fresh = row[step[row] == 0]
        step[fresh] = k
    rest = np.flatnonzero(after & ~cov.base & (step == 0))
    if len(rest):
        reach = cov.touches[order].tocsc()
        for v in rest:
            pos = np.sort(reach.indices[reach.indptr[v] : reach.indptr[v + 1]])
            for m in range(2, len(pos) + 1):
                if cov.evaluator.covered_with(np.array([v]), [order[pos[:m]]])[0]:
                    step[v] = pos[m - 1] + 1
                    break
            else:
                step[v] = pos[-1] + 1
            joint[v] = True
    pop = villages["population"].astype(float).fillna(0.0).to_numpy()
    total_pop = float(pop.sum())
    cand = context.candidates
    gained_n = np.bincount(step[step > 0] - 1, minlength=len(order))
    gained_pop = np.bincount(step[step > 0] - 1, weights=pop[step > 0], minlength=len(order))
    costs = cand["cost_vnd"].to_numpy(dtype=float)[order]
    before_pop = float(pop[cov.base].sum())
    lonlat = cand.iloc[order].geometry.to_crs("EPSG:4326")
    table = pd.DataFrame(
        {
            "order": np.arange(1, len(order) + 1),
            "candidate_id": cand["candidate_id"].to_numpy()[order],
            "kind": cand["kind"].to_numpy()[order],
            "source": cand["source"].to_numpy()[order],
            "lon": lonlat.x.round(6).to_numpy(),
            "lat": lonlat.y.round(6).to_numpy(),
            "commune_id": cand["commune_id"].to_numpy()[order],
            "height_m": cand["height_m"].to_numpy()[order],
            "villages_gained": gained_n,
            "population_gained": np.round(gained_pop, 1),
            "site_cost_vnd": cand["site_cost_vnd"].to_numpy()[order],
            "backhaul": cand["backhaul"].to_numpy()[order],
            "backhaul_to": cand["backhaul_to"].to_numpy()[order],
            "backhaul_km": cand["backhaul_km"].round(2).to_numpy()[order],
            "backhaul_cost_vnd": cand["backhaul_cost_vnd"].to_numpy()[order],
            "cost_vnd": costs,
            "cumulative_cost_vnd": np.cumsum(costs),
            "cumulative_population_covered_pct": 100.0
            * (before_pop + np.cumsum(gained_pop))
            / (total_pop or 1.0),
            "cumulative_villages_covered_pct": 100.0
            * (cov.base.sum() + np.cumsum(gained_n))
            / max(len(villages), 1),
        }
    )
    newly = np.flatnonzero(step > 0)
    plan_villages = pd.DataFrame(
        {
            "village_id": villages["village_id"].to_numpy()[newly],
            "village_name": villages["village_name"].to_numpy()[newly]
            if "village_name" in villages
            else None,
            "commune_id": villages["commune_id"].to_numpy()[newly],
            "commune_name": villages["commune_name"].to_numpy()[newly]
            if "commune_name" in villages
            else None,
            "population": pop[newly],
            "candidate_id": cand["candidate_id"].to_numpy()[order][step[newly] - 1],
            "order": step[newly],
            "with_other_new_sites": joint[newly],
        }
    ).sort_values(["order", "population"], ascending=[True, False])

    def figures(covered: np.ndarray) -> dict[str, Any]:
        n = len(covered)
        return {
            "villages_covered_pct": 100.0 * float(covered.sum()) / n if n else None,
            "population_covered_pct": 100.0 * float(pop[covered].sum()) / total_pop
            if total_pop > 0
            else None,
            "uncovered_villages": int((~covered).sum()),
        }

    kinds = cand["kind"].value_counts().to_dict()
    must_cover = None
    if request.must_cover:
        from coverage_planner.planning.must_cover import must_cover_mask

        asked, rule = must_cover_mask(request.must_cover, villages, context.result.communes)
        must_cover = {
            "asked": list(request.must_cover),
            "rule": rule,
            "villages": int(asked.sum()),
            "covered_after": int((asked & after).sum()),
        }
    summary = {
        "technology": context.technology,
        "model": cov.model,
        "objective": request.objective,
        "budget": {
            "sites": request.budget_sites,
            "vnd": request.budget_vnd,
            "target_villages_pct": request.target_pct,
        },
        "solver": solution.solver if solution else "manual",
        "optimal": bool(solution.optimal) if solution else False,
        "gap_pct": solution.gap_pct if solution else None,
        "solver_status": solution.status if solution else "edited on the map",
        "solver_seconds": round(solution.seconds, 3) if solution else None,
        "sites_chosen": int(len(order)),
        "sites_by_kind": {
            k: int((cand["kind"].to_numpy()[order] == k).sum()) for k in ("upgrade", "new", "share")
        },
        "cost_vnd": float(costs.sum()),
        "villages_gained": int(len(newly)),
        "population_gained": float(pop[newly].sum()),
        "before": figures(cov.base),
        "after": figures(after),
        "candidates": int(len(cand)),
        "candidates_by_kind": {k: int(v) for k, v in kinds.items()},
        "candidates_without_backhaul": int((cand["backhaul"] == "none").sum()),
        "must_cover": must_cover,
        "joint": joint_summary(context, joint[newly]),
    }
    curve_started = time.perf_counter()
    if curve is None:
        exact_curve = solution is not None and request.solver == "exact"
        curve = cost_curve(
            context, problem, weight, request, exact_solver=exact_curve, reporter=reporter
        )
    summary["curve_seconds"] = round(time.perf_counter() - curve_started, 3)
    return Plan(context, request, order, table, plan_villages, summary, curve, after, step)


def joint_summary(context: PlanContext, gained_jointly: np.ndarray) -> dict[str, int]:
    """What joint coverage (a village only two or more new sites together cover)
    means for this plan: how many villages only that way can be covered, how many of
    them the optimiser counts (pairs of sites), how many it cannot (three or more
    sites, or too many candidates reach them), and how many the plan gains so."""
    j = context.joint_cover()
    return {
        "villages_only_jointly": int(len(j.only_jointly)),
        "counted_by_the_optimiser": int(len(j.villages)),
        "not_counted_by_the_optimiser": int(len(j.beyond_pairs)),
        "gained_jointly": int(np.asarray(gained_jointly, dtype=bool).sum()),
    }


def cost_curve(
    context: PlanContext,
    problem: Problem | None,
    weight: np.ndarray,
    request: PlanRequest,
    *,
    exact_solver: bool = True,
    reporter: Reporter | None = None,
) -> pd.DataFrame:
    """Cost-coverage curve of the plan's objective (:mod:`.curve`): the best plan of
    each budget, exact unless ``exact_solver`` is off, and the greedy path."""
    from coverage_planner.planning.curve import cost_curve as curve_of

    cov = context.coverage
    if problem is None or request.target_pct is not None:
        problem = context.problem(weight)
    if problem.reach.shape[1] == 0:
        return pd.DataFrame({"kind": ["budget"], "cost_vnd": [0.0], "covered_pct": [np.nan]})
    return curve_of(
        problem,
        base=float(weight[cov.base].sum()),
        total=float(weight.sum()),
        exact_solver=exact_solver,
        plan_budget_vnd=request.budget_vnd,
        reporter=reporter,
    )
