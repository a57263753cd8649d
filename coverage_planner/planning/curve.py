"""The cost–coverage curve: the best plan for each of a series of budgets.

Each point of the curve is a budget in VND and the coverage of the best plan within
it: the integer programme solved again for that budget (warm-started from the greedy
plan of the same budget), so that a point the planner clicks on gives the plan it
shows. Where the solver is not proven optimal within its time (or the planner asked
for the fast mode), the point is the better of the solver's incumbent and the greedy
plan, and says so (``method``, ``optimal``, ``gap_pct``). The greedy path (sites taken
one by one, by newly covered weight per VND) is kept beside the points, for a
picture of every step.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pandas as pd

from coverage_planner.errors import Cancelled, UserError
from coverage_planner.io.message_planning import status_text
from coverage_planner.planning.solvers import Budget, Problem, exact, greedy
from coverage_planner.progress import NullReporter, Reporter, checkpoint

#: Number of budgets on the curve (besides the plan's own).
POINTS = 10
#: Time limit of one point's exact solve, and of all of them together (s).
POINT_LIMIT_S = 5.0
CURVE_LIMIT_S = 20.0


def greedy_path(problem: Problem) -> np.ndarray:
    """(cost, weight) after each site the greedy takes with every candidate allowed."""
    free = replace(problem, must=np.zeros_like(problem.must))
    budget = Budget(vnd=float(problem.cost.sum()) + 1.0)
    return np.array(greedy(free, budget, check=False).path, dtype=float)


def curve_budgets(problem: Problem, path: np.ndarray, *, points: int = POINTS) -> np.ndarray:
    """Budgets where the greedy path reaches evenly spaced shares of all it brings (up
    to 99.5 %; beyond, the curve is flat), and the cheapest candidate: dense where
    money buys most."""
    cheapest = float(problem.cost.min())
    top = path[-1, 1]
    if top <= 0:
        return np.array([cheapest])
    shares = np.linspace(1.0 / points, 0.995, points)
    at = np.searchsorted(path[:, 1], shares * top - 1e-9)
    budgets = np.r_[cheapest, path[np.minimum(at, len(path) - 1), 0]]
    return np.unique(np.round(np.maximum(budgets, cheapest), -3))


def budget_points(
    problem: Problem,
    budgets: np.ndarray,
    *,
    exact_solver: bool = True,
    path: np.ndarray | None = None,
    point_limit_s: float = POINT_LIMIT_S,
    curve_limit_s: float = CURVE_LIMIT_S,
    reporter: Reporter | None = None,
) -> pd.DataFrame:
    """The best plan within each budget: ``budget_vnd``, ``spent_vnd``, ``value``
    (weight covered), ``sites``, ``method`` (``exact`` or ``greedy``), ``optimal``,
    ``gap_pct``. Must-cover villages are left out (a curve of what money brings).

    The fast (greedy) point of a budget is the greedy path up to the budget or the
    best single affordable candidate, whichever brings more: within (1 − 1/e)/2 of
    the optimum (Khuller, Moss and Naor), from one greedy run for all budgets."""
    reporter = reporter or NullReporter()
    free = replace(problem, must=np.zeros_like(problem.must))
    path = greedy_path(problem) if path is None else path
    singles = np.asarray(free.reach.multiply(free.weight[None, :]).sum(axis=1)).ravel()
    rows = []
    start = time.perf_counter()
    for k, b in enumerate(np.asarray(budgets, dtype=float)):
        if reporter.cancelled():
            raise Cancelled()
        checkpoint(reporter, k, len(budgets), status_text("plan_status.curve"))
        if b < free.cost.min():
            continue  # nothing affordable: no point
        step = int(np.searchsorted(path[:, 0], b + 1e-6, side="right")) - 1
        affordable = np.where(free.cost <= b + 1e-6, singles, -1.0)
        one = int(np.argmax(affordable))
        if affordable[one] > path[step, 1]:
            fast = (float(free.cost[one]), float(affordable[one]), 1)
        else:
            fast = (float(path[step, 0]), float(path[step, 1]), step)
        row = {
            "budget_vnd": float(b),
            "spent_vnd": fast[0],
            "value": fast[1],
            "sites": fast[2],
            "method": "greedy",
            "optimal": False,
            "gap_pct": None,
        }
        left = curve_limit_s - (time.perf_counter() - start)
        if exact_solver and left > 0.5:
            budget = Budget(vnd=float(b))
            try:
                warm = greedy(free, budget, check=False)
                best = exact(
                    free,
                    budget,
                    time_limit_s=min(point_limit_s, left),
                    warm=warm,
                    reporter=reporter,
                )
            except UserError:  # no plan from the solver in its time: the greedy stays
                best = None
            # The solver's plan when it is at least as good (it keeps its start, the
            # greedy of the budget, when its time runs out first).
            if best is not None and best.value >= fast[1] - 1e-9:
                row.update(
                    spent_vnd=float(best.cost),
                    value=float(best.value),
                    sites=int(len(best.chosen)),
                    method="exact",
                    optimal=bool(best.optimal),
                    gap_pct=best.gap_pct,
                )
        rows.append(row)
    checkpoint(reporter, len(budgets), len(budgets))
    return pd.DataFrame(
        rows,
        columns=["budget_vnd", "spent_vnd", "value", "sites", "method", "optimal", "gap_pct"],
    )


def cost_curve(
    problem: Problem,
    *,
    base: float,
    total: float,
    exact_solver: bool = True,
    plan_budget_vnd: float | None = None,
    reporter: Reporter | None = None,
) -> pd.DataFrame:
    """The curve as the plan keeps it: one row per point (``kind`` = ``budget``) and
    one per greedy step (``kind`` = ``greedy_path``), with ``cost_vnd`` (the budget,
    or the greedy's spending) and ``covered_pct`` (today's ``base`` weight plus the
    plan's, over ``total``)."""
    total = total or 1.0
    path = greedy_path(problem)
    budgets = curve_budgets(problem, path)
    if plan_budget_vnd is not None:
        budgets = np.unique(np.r_[budgets, float(plan_budget_vnd)])
    points = budget_points(
        problem, budgets, exact_solver=exact_solver, path=path, reporter=reporter
    )
    steps = pd.DataFrame(
        {
            "kind": "greedy_path",
            "cost_vnd": path[:, 0],
            "spent_vnd": path[:, 0],
            "covered_pct": 100.0 * (base + path[:, 1]) / total,
            "sites": np.arange(len(path)),
            "method": "greedy",
            "optimal": False,
            "gap_pct": None,
        }
    )
    at = pd.DataFrame(
        {
            "kind": "budget",
            "cost_vnd": points["budget_vnd"],
            "spent_vnd": points["spent_vnd"],
            "covered_pct": 100.0 * (base + points["value"]) / total,
            "sites": points["sites"],
            "method": points["method"],
            "optimal": points["optimal"],
            "gap_pct": points["gap_pct"],
        }
    )
    return pd.concat([at, steps], ignore_index=True)
