"""The cost–coverage curve: each point the best plan of its budget (brute force)."""

from __future__ import annotations

import numpy as np
import pytest

from coverage_planner.planning.curve import budget_points, cost_curve, greedy_path
from coverage_planner.planning.solvers import build_problem

from .test_solvers import E_BOUND, brute_force, case


@pytest.mark.parametrize("seed", range(4))
def test_every_exact_point_is_the_brute_force_optimum_of_its_budget(seed):
    gains, weight, cost = case(seed, n_cand=11, n_vill=36)
    dense = gains.toarray()
    problem = build_problem(gains, weight, cost)
    budgets = np.array([6e8, 1.5e9, 3.0e9, 5.0e9, 8.0e9])
    points = budget_points(problem, budgets)
    affordable = budgets[budgets >= cost.min()]  # below the cheapest site: no point
    assert list(points["budget_vnd"]) == list(affordable)
    assert list(points["method"]) == ["exact"] * len(affordable)
    assert points["optimal"].all()
    for row in points.itertuples():
        assert row.spent_vnd <= row.budget_vnd + 1e-6
        assert row.value == pytest.approx(brute_force(dense, weight, cost, vnd=row.budget_vnd))
    # The curve never goes down as the budget grows.
    assert np.all(np.diff(points["value"]) >= -1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_greedy_points_are_labelled_and_within_their_bound(seed):
    gains, weight, cost = case(seed, n_cand=11, n_vill=36)
    dense = gains.toarray()
    problem = build_problem(gains, weight, cost)
    points = budget_points(problem, np.array([1.5e9, 5.0e9]), exact_solver=False)
    assert list(points["method"]) == ["greedy", "greedy"]
    assert not points["optimal"].any()
    for row in points.itertuples():
        best = brute_force(dense, weight, cost, vnd=row.budget_vnd)
        assert best * E_BOUND / 2 - 1e-9 <= row.value <= best + 1e-9


def test_the_curve_spans_to_saturation_and_holds_the_plan_budget():
    gains, weight, cost = case(1, n_cand=11, n_vill=36)
    problem = build_problem(gains, weight, cost)
    curve = cost_curve(
        problem, base=100.0, total=float(weight.sum()) + 100.0, plan_budget_vnd=4.4e9
    )
    points = curve[curve["kind"] == "budget"]
    assert 4.4e9 in set(points["cost_vnd"])
    path = greedy_path(problem)
    assert points["cost_vnd"].min() == pytest.approx(cost.min(), abs=1e3)
    # At the top budget the curve reaches at least what the greedy path brings there.
    top = points.sort_values("cost_vnd").iloc[-1]
    reached = path[path[:, 0] <= top["cost_vnd"] + 1e-6, 1].max()
    assert top["covered_pct"] >= 100.0 * (100.0 + reached) / (weight.sum() + 100.0) - 1e-9
