"""The solvers against brute force on small generated cases."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.sparse as sp

from coverage_planner.errors import UserError
from coverage_planner.planning.solvers import Budget, build_problem, exact, greedy

E_BOUND = 1.0 - 1.0 / np.e


def case(seed: int, n_cand: int = 12, n_vill: int = 40):
    """Random candidates reaching random villages, with duplicated candidate sets
    (villages in the same valley) so merging has work to do."""
    rng = np.random.default_rng(seed)
    dense = rng.random((n_cand, n_vill)) < rng.uniform(0.05, 0.3)
    dense[:, n_vill // 2 :] = dense[:, : n_vill - n_vill // 2]  # identical columns
    weight = rng.integers(1, 500, n_vill).astype(float)
    cost = rng.choice([6e8, 9e8, 2.2e9, 3.1e9], n_cand)
    return sp.csr_matrix(dense), weight, cost


def brute_force(dense: np.ndarray, weight, cost, *, sites=None, vnd=None, must=None):
    """Best covered weight over every subset (independent of the solvers' code)."""
    n = dense.shape[0]
    best = 0.0
    for k in range(n + 1):
        if sites is not None and k > sites:
            break
        for subset in itertools.combinations(range(n), k):
            s = list(subset)
            if vnd is not None and cost[s].sum() > vnd:
                continue
            hit = dense[s].any(axis=0) if s else np.zeros(dense.shape[1], bool)
            if must is not None and not hit[must].all():
                continue
            best = max(best, float(weight[hit].sum()))
    return best


def brute_force_min_cost(dense, weight, cost, target):
    n = dense.shape[0]
    best = np.inf
    for k in range(n + 1):
        for subset in itertools.combinations(range(n), k):
            s = list(subset)
            hit = dense[s].any(axis=0) if s else np.zeros(dense.shape[1], bool)
            if weight[hit].sum() >= target - 1e-9:
                best = min(best, float(cost[s].sum()))
    return best


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("merge", [True, False])
def test_exact_equals_brute_force_on_a_budget_in_sites(seed, merge):
    gains, weight, cost = case(seed)
    problem = build_problem(gains, weight, cost, merge=merge)
    for n in (1, 3, 5):
        sol = exact(problem, Budget(sites=n), time_limit_s=30)
        truth = brute_force(gains.toarray(), weight, cost, sites=n)
        assert sol.value == pytest.approx(truth)
        assert len(sol.chosen) <= n
        assert sol.optimal and sol.gap_pct == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_exact_equals_brute_force_on_a_budget_in_money(seed):
    gains, weight, cost = case(seed + 10)
    problem = build_problem(gains, weight, cost)
    for vnd in (2.5e9, 6e9):
        sol = exact(problem, Budget(vnd=vnd), time_limit_s=30)
        assert sol.value == pytest.approx(brute_force(gains.toarray(), weight, cost, vnd=vnd))
        assert sol.cost <= vnd


@pytest.mark.parametrize("seed", range(4))
def test_least_cost_to_a_target_equals_brute_force(seed):
    gains, weight, cost = case(seed + 20, n_cand=10)
    problem = build_problem(gains, weight, cost)
    reachable = weight[gains.toarray().any(axis=0)].sum()
    target = 0.6 * reachable
    sol = exact(problem, Budget(target=target), time_limit_s=30)
    assert sol.cost == pytest.approx(brute_force_min_cost(gains.toarray(), weight, cost, target))
    assert sol.value >= target - 1e-6


@pytest.mark.parametrize("seed", range(3))
def test_must_cover_villages_are_covered_and_the_rest_is_optimal(seed):
    gains, weight, cost = case(seed + 30)
    dense = gains.toarray()
    reached = np.flatnonzero(dense.any(axis=0))
    must = np.zeros(dense.shape[1], dtype=bool)
    must[reached[[0, -1]]] = True
    problem = build_problem(gains, weight, cost, must=must)
    sol = exact(problem, Budget(sites=4), time_limit_s=30)
    assert dense[sol.chosen].any(axis=0)[must].all()
    assert sol.value == pytest.approx(
        brute_force(dense, weight, cost, sites=4, must=np.flatnonzero(must))
    )
    g = greedy(problem, Budget(sites=4))
    assert dense[g.chosen].any(axis=0)[must].all()


@pytest.mark.parametrize("seed", range(10))
def test_greedy_is_within_one_minus_one_over_e_of_the_optimum(seed):
    gains, weight, cost = case(seed + 40, n_cand=16)
    problem = build_problem(gains, weight, cost)
    for n in (2, 4, 6):
        g = greedy(problem, Budget(sites=n))
        truth = brute_force(gains.toarray(), weight, cost, sites=n)
        assert len(g.chosen) <= n
        assert g.value >= E_BOUND * truth - 1e-9


@pytest.mark.parametrize("seed", range(5))
def test_greedy_on_money_keeps_its_half_bound(seed):
    gains, weight, cost = case(seed + 50, n_cand=14)
    problem = build_problem(gains, weight, cost)
    g = greedy(problem, Budget(vnd=5e9))
    assert g.cost <= 5e9
    assert g.value >= 0.5 * E_BOUND * brute_force(gains.toarray(), weight, cost, vnd=5e9)


def test_merging_gives_the_same_optimum_with_fewer_groups():
    gains, weight, cost = case(99, n_cand=18, n_vill=80)
    merged = build_problem(gains, weight, cost, merge=True)
    plain = build_problem(gains, weight, cost, merge=False)
    assert merged.reach.shape[1] < plain.reach.shape[1]
    assert merged.weight.sum() == pytest.approx(plain.weight.sum())
    for n in (2, 5, 8):
        a = exact(merged, Budget(sites=n), time_limit_s=30).value
        b = exact(plain, Budget(sites=n), time_limit_s=30).value
        assert a == pytest.approx(b)
        assert a == pytest.approx(brute_force(gains.toarray(), weight, cost, sites=n))


def test_a_budget_below_the_cheapest_candidate_is_refused():
    gains, weight, cost = case(1)
    with pytest.raises(UserError, match="cheapest"):
        greedy(build_problem(gains, weight, cost), Budget(vnd=1e8))


def test_an_unreachable_target_is_refused():
    gains, weight, cost = case(2)
    problem = build_problem(gains, weight, cost)
    with pytest.raises(UserError, match="cannot be reached"):
        exact(problem, Budget(target=problem.weight.sum() + 1))


def test_cancel_reaches_into_the_highs_branch_and_bound():
    import highspy
    import pulp

    from coverage_planner.planning.solvers import _WarmHiGHS

    rng = np.random.default_rng(0)
    prob = pulp.LpProblem("cover", pulp.LpMaximize)
    x = [prob.add_variable(f"x{j}", cat="Binary") for j in range(200)]
    prob += pulp.lpSum(float(rng.random()) * v for v in x)
    for _ in range(400):
        prob += pulp.lpSum(x[j] for j in rng.choice(200, 8, replace=False)) <= 3
    solver = _WarmHiGHS(msg=False)
    solver.cancelled = lambda: True
    prob.solve(solver)
    assert prob.solverModel.getModelStatus() == highspy.HighsModelStatus.kInterrupt


def test_cbc_where_highs_is_missing_gives_the_same_optimum(monkeypatch):
    import pulp

    gains, weight, cost = case(7)
    problem = build_problem(gains, weight, cost)
    monkeypatch.setattr(pulp.HiGHS, "available", lambda self: False)
    sol = exact(problem, Budget(sites=4), time_limit_s=30)
    assert sol.solver == "exact (CBC)"
    assert sol.optimal
    assert sol.value == pytest.approx(brute_force(gains.toarray(), weight, cost, sites=4))


def test_a_time_limit_keeps_the_start_and_reports_the_gap_to_the_bound():
    rng = np.random.default_rng(3)
    dense = rng.random((400, 4000)) < 0.02
    weight = rng.integers(1, 500, 4000).astype(float)
    problem = build_problem(sp.csr_matrix(dense), weight, np.full(400, 1e9))
    start = greedy(problem, Budget(sites=25))
    sol = exact(problem, Budget(sites=25), time_limit_s=0.5, warm=start)
    assert not sol.optimal and sol.status == "Time limit reached"
    assert sol.value >= start.value  # never worse than its start
    assert sol.bound >= sol.value
    assert sol.gap_pct == pytest.approx(100 * (sol.bound - sol.value) / sol.value)
    assert sol.bound <= weight.sum() + 1e-6
