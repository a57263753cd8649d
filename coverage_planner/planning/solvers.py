"""Which candidates to build: a budgeted maximum-coverage problem.

Variables: ``x_j`` (build candidate j, binary) and ``y_g`` (group g of villages
covered, in [0, 1]); ``y_g ≤ Σ_{j reaches g} x_j``. Maximise ``Σ w_g y_g`` (newly
covered population or villages) under a budget in sites (``Σ x_j ≤ N``) or money
(``Σ c_j x_j ≤ B``), or minimise ``Σ c_j x_j`` subject to ``Σ w_g y_g ≥ T``; groups
holding a must-cover village get ``Σ x_j ≥ 1``. Villages that the same candidates
reach are one group (their weights summed): the same optimum, a smaller programme.

- ``exact``: the integer programme through PuLP with HiGHS (CBC where HiGHS is
  missing), started from the greedy solution, with a time limit; the proven gap is
  reported.
- ``greedy``: lazy greedy (Minoux's accelerated greedy: a candidate's gain only
  shrinks as others are built, so stale gains are upper bounds). For a budget in sites
  it is within (1 − 1/e) of the optimum; for money, the better of the greedy by gain
  per cost and the best single candidate (within (1 − 1/e)/2).
"""

from __future__ import annotations

import heapq
import os
import sys
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp

from coverage_planner.errors import Cancelled, UserError
from coverage_planner.io.message_planning import number
from coverage_planner.progress import NullReporter, Reporter


@dataclass(frozen=True)
class Budget:
    """One of: ``sites`` (number, upgrades count), ``vnd`` (money), ``target`` (the
    weight to reach at least cost)."""

    sites: int | None = None
    vnd: float | None = None
    target: float | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.sites, self.vnd, self.target) if v is not None]
        if len(given) != 1:
            raise UserError(key="plan.one_budget")


@dataclass
class Problem:
    """A coverage problem on groups of villages."""

    reach: sp.csr_matrix  # candidate × group, boolean
    weight: np.ndarray  # per group
    cost: np.ndarray  # per candidate (VND)
    must: np.ndarray  # per group: holds a village that must be covered
    group_of: np.ndarray | None = None  # village -> group (-1: no candidate reaches it)
    # Villages only two new sites together cover (:mod:`.joint`): pair p covers
    # target pair_target[p] when candidates pair_first[p] and pair_second[p] are built.
    pair_first: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    pair_second: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    pair_target: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    pair_weight: np.ndarray = field(default_factory=lambda: np.empty(0))  # per target

    @property
    def n_candidates(self) -> int:
        return self.reach.shape[0]

    def with_pairs(self, village: np.ndarray, first, second, weight: np.ndarray) -> Problem:
        """The same problem with villages covered by pairs of candidates (one target
        per village, weighted by ``weight[village]``)."""
        targets, target = np.unique(np.asarray(village, dtype=np.int64), return_inverse=True)
        return replace(
            self,
            pair_first=np.asarray(first, dtype=np.int64),
            pair_second=np.asarray(second, dtype=np.int64),
            pair_target=target.astype(np.int64),
            pair_weight=np.asarray(weight, dtype=float)[targets],
        )

    def pair_value(self, chosen: np.ndarray) -> float:
        """Weight of the pair targets covered when ``chosen`` are built."""
        if len(self.pair_target) == 0 or len(chosen) == 0:
            return 0.0
        built = np.zeros(self.n_candidates, dtype=bool)
        built[np.asarray(chosen, dtype=int)] = True
        hit = np.unique(self.pair_target[built[self.pair_first] & built[self.pair_second]])
        return float(self.pair_weight[hit].sum())


def build_problem(
    gains: sp.csr_matrix,
    weight: np.ndarray,
    cost: np.ndarray,
    *,
    must: np.ndarray | None = None,
    merge: bool = True,
) -> Problem:
    """The problem over the villages some candidate gains, merged into groups of
    villages with identical candidate sets when ``merge``."""
    n_vill = gains.shape[1]
    must = np.zeros(n_vill, dtype=bool) if must is None else np.asarray(must, dtype=bool)
    csc = sp.csc_matrix(gains, dtype=bool)
    csc.sort_indices()
    reached = np.flatnonzero(np.diff(csc.indptr) > 0)
    group_of = np.full(n_vill, -1, dtype=np.int64)
    if merge:
        keys = [csc.indices[csc.indptr[v] : csc.indptr[v + 1]].tobytes() for v in reached]
        codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    else:
        codes = np.arange(len(reached))
    group_of[reached] = codes
    n_groups = int(codes.max()) + 1 if len(codes) else 0
    w = np.bincount(codes, weights=np.asarray(weight, dtype=float)[reached], minlength=n_groups)
    m = np.bincount(codes, weights=must[reached], minlength=n_groups) > 0
    first = np.unique(codes, return_index=True)[1]
    cols = csc[:, reached[first]] if n_groups else sp.csc_matrix((gains.shape[0], 0), dtype=bool)
    return Problem(sp.csr_matrix(cols, dtype=bool), w, np.asarray(cost, dtype=float), m, group_of)


@dataclass
class Solution:
    chosen: np.ndarray  # candidate indices, in the order taken
    value: float  # weight covered
    cost: float
    solver: str
    optimal: bool
    gap_pct: float | None = None
    bound: float | None = None
    seconds: float = 0.0
    status: str = ""
    path: list[tuple[float, float]] = field(default_factory=list)  # (cost, value) greedy path


def covered_value(problem: Problem, chosen: np.ndarray) -> float:
    """Weight covered by ``chosen``: groups any of them reaches, pair targets both
    sites of a pair reach."""
    if len(chosen) == 0:
        return 0.0
    hit = np.asarray(problem.reach[np.asarray(chosen, dtype=int)].sum(axis=0)).ravel() > 0
    return float(problem.weight[hit].sum()) + problem.pair_value(chosen)


def _check_feasible(problem: Problem, budget: Budget) -> None:
    if problem.n_candidates == 0:
        raise UserError(key="plan.no_candidate")
    affordable = problem.cost.min() if len(problem.cost) else np.inf
    if budget.vnd is not None and budget.vnd < affordable:
        raise UserError(
            key="plan.below_cheapest", budget=number(budget.vnd, 0), cheapest=number(affordable, 0)
        )
    if budget.sites is not None and budget.sites < 1:
        raise UserError(key="plan.budget_sites")
    if problem.must.any():
        orphan = np.asarray(problem.reach[:, problem.must].sum(axis=0)).ravel() == 0
        if orphan.any():
            raise UserError(key="plan.must_cover_unreached")
    if budget.target is not None:
        best = float(problem.weight.sum() + problem.pair_weight.sum())
        if budget.target > best + 1e-9:
            raise UserError(
                key="plan.target_unreachable",
                best=number(best, None),
                need=number(budget.target, None),
            )


def greedy(
    problem: Problem,
    budget: Budget,
    *,
    reporter: Reporter | None = None,
    check: bool = True,
) -> Solution:
    """Lazy greedy; must-cover groups first (cheapest cover per group), then the
    objective."""
    reporter = reporter or NullReporter()
    if check:
        _check_feasible(problem, budget)
    start = time.perf_counter()
    reach = problem.reach
    w = problem.weight
    cost = problem.cost
    covered = np.zeros(len(w), dtype=bool)
    chosen: list[int] = []
    taken = np.zeros(problem.n_candidates, dtype=bool)
    spent = 0.0
    value = 0.0
    path: list[tuple[float, float]] = [(0.0, 0.0)]
    by_money = budget.vnd is not None or budget.target is not None

    def gain(j: int, weights: np.ndarray) -> float:
        cols = reach.indices[reach.indptr[j] : reach.indptr[j + 1]]
        return float(weights[cols][~covered[cols]].sum())

    def take(j: int) -> None:
        nonlocal spent, value
        cols = reach.indices[reach.indptr[j] : reach.indptr[j + 1]]
        value += float(w[cols][~covered[cols]].sum())
        covered[cols] = True
        taken[j] = True
        chosen.append(j)
        spent += cost[j]
        path.append((spent, value))

    def fits(j: int) -> bool:
        if budget.sites is not None:
            return len(chosen) < budget.sites
        if budget.vnd is not None:
            return spent + cost[j] <= budget.vnd + 1e-6
        return True

    def run(weights: np.ndarray, stop) -> None:
        score = (lambda j, g: g / max(cost[j], 1.0)) if by_money else (lambda j, g: g)
        heap = [
            (-score(j, gain(j, weights)), j) for j in range(problem.n_candidates) if not taken[j]
        ]
        heapq.heapify(heap)
        while heap and not stop():
            if reporter.cancelled():
                raise Cancelled()
            _, j = heapq.heappop(heap)
            if taken[j]:
                continue
            g = gain(j, weights)
            if g <= 0:
                continue
            s = score(j, g)
            if heap and s < -heap[0][0] - 1e-12:
                heapq.heappush(heap, (-s, j))  # stale: back with its true score
                continue
            if not fits(j):
                if budget.sites is not None:
                    break
                continue  # too dear for what is left: try cheaper ones
            take(j)

    if problem.must.any():
        must_w = problem.must.astype(float)
        run(must_w, lambda: bool(covered[problem.must].all()))
        if not covered[problem.must].all():
            raise UserError(key="plan.must_cover_budget")
    if budget.target is not None:
        run(w, lambda: value >= budget.target - 1e-9)
    else:
        run(w, lambda: False)
    chosen_arr = np.array(chosen, dtype=np.int64)
    # Villages two of the sites cover together come on top (the greedy does not aim
    # at them: their gain is not a single site's).
    value += problem.pair_value(chosen_arr)
    solution = Solution(chosen_arr, value, spent, "greedy", False, path=path)
    if budget.vnd is not None and not problem.must.any():
        # The best single affordable candidate can beat the ratio greedy.
        singles = np.asarray(reach.multiply(w[None, :]).sum(axis=1)).ravel()
        singles[cost > budget.vnd] = -1
        best = int(np.argmax(singles))
        if singles[best] > value:
            solution = Solution(
                np.array([best]),
                float(singles[best]),
                float(cost[best]),
                "greedy",
                False,
                path=path,
            )
    solution.seconds = time.perf_counter() - start
    return solution


def exact(
    problem: Problem,
    budget: Budget,
    *,
    time_limit_s: float = 60.0,
    warm: Solution | None = None,
    reporter: Reporter | None = None,
) -> Solution:
    """The integer programme through PuLP: HiGHS (highspy) where installed, else CBC."""
    import pulp

    reporter = reporter or NullReporter()
    _check_feasible(problem, budget)
    start = time.perf_counter()
    if warm is None:
        warm = greedy(problem, budget, reporter=reporter, check=False)
    n, m = problem.reach.shape
    target_mode = budget.target is not None
    prob = pulp.LpProblem("plan", pulp.LpMinimize if target_mode else pulp.LpMaximize)
    x = [prob.add_variable(f"x{j}", cat="Binary") for j in range(n)]
    y = [prob.add_variable(f"y{g}", lowBound=0, upBound=1) for g in range(m)]
    csc = sp.csc_matrix(problem.reach)
    weight = problem.weight
    n_pairs, n_targets = len(problem.pair_target), len(problem.pair_weight)
    z = [prob.add_variable(f"z{p}", lowBound=0, upBound=1) for p in range(n_pairs)]
    t = [prob.add_variable(f"t{q}", lowBound=0, upBound=1) for q in range(n_targets)]
    covered = pulp.lpSum(float(weight[g]) * y[g] for g in range(m)) + pulp.lpSum(
        float(problem.pair_weight[q]) * t[q] for q in range(n_targets)
    )
    if target_mode:
        prob += pulp.lpSum(float(problem.cost[j]) * x[j] for j in range(n))
        prob += covered >= float(budget.target)
    else:
        prob += covered
        if budget.sites is not None:
            prob += pulp.lpSum(x) <= int(budget.sites)
        else:
            prob += pulp.lpSum(float(problem.cost[j]) * x[j] for j in range(n)) <= float(budget.vnd)
    for g in range(m):
        js = csc.indices[csc.indptr[g] : csc.indptr[g + 1]]
        prob += y[g] <= pulp.lpSum(x[j] for j in js)
        if problem.must[g]:
            prob += pulp.lpSum(x[j] for j in js) >= 1
    pairs_of = [[] for _ in range(n_targets)]
    for p in range(n_pairs):
        prob += z[p] <= x[int(problem.pair_first[p])]
        prob += z[p] <= x[int(problem.pair_second[p])]
        pairs_of[int(problem.pair_target[p])].append(z[p])
    for q in range(n_targets):
        prob += t[q] <= pulp.lpSum(pairs_of[q])
    # The start: the greedy's sites and the groups they cover (y too, or the start
    # would be worth nothing).
    start_x = np.zeros(n)
    start_x[warm.chosen] = 1
    start_y = np.asarray(problem.reach.T @ start_x).ravel() > 0
    for j in range(n):
        x[j].setInitialValue(float(start_x[j]))
    for g in range(m):
        y[g].setInitialValue(float(start_y[g]))
    start_z = start_x[problem.pair_first] * start_x[problem.pair_second]
    start_t = np.zeros(n_targets)
    np.maximum.at(start_t, problem.pair_target, start_z)
    for p in range(n_pairs):
        z[p].setInitialValue(float(start_z[p]))
    for q in range(n_targets):
        t[q].setInitialValue(float(start_t[q]))
    if reporter.cancelled():
        raise Cancelled()
    solver, name = _solver(time_limit_s, warm, reporter)
    prob.solve(solver)
    if reporter.cancelled():
        raise Cancelled()
    chosen = np.array([j for j in range(n) if (x[j].value() or 0) > 0.5], dtype=np.int64)
    value = covered_value(problem, chosen)
    spent = float(problem.cost[chosen].sum())
    optimal, bound, status = _outcome(prob, name, target_mode)
    if value + 1e-9 < warm.value and not target_mode:
        # The time limit stopped the solver before it matched its start: keep the start.
        chosen, value, spent = warm.chosen, warm.value, warm.cost
    gap = _gap(value if not target_mode else spent, bound, optimal, target_mode)
    if len(chosen) == 0 and pulp.LpStatus[prob.status] != "Optimal":
        raise UserError(key="plan.solver_failed", status=pulp.LpStatus[prob.status])
    return Solution(
        chosen,
        value,
        spent,
        f"exact ({name})",
        optimal,
        gap,
        bound,
        time.perf_counter() - start,
        status,
        warm.path,
    )


def _solver(time_limit_s: float, warm: Solution, reporter: Reporter):
    import pulp

    if pulp.HiGHS().available():
        solver = _WarmHiGHS(msg=False, timeLimit=time_limit_s, gapRel=0.0)
        solver.cancelled = reporter.cancelled
        return solver, "HiGHS"
    options = {"msg": False, "timeLimit": time_limit_s, "gapRel": 0.0, "warmStart": True}
    coin = pulp.COIN_CMD(**options)
    if coin.available():  # a CBC installed on the machine (pulp[cbc])
        return coin, "CBC"
    import warnings

    with warnings.catch_warnings():  # the CBC bundled with PuLP 3, deprecated for PuLP 4
        warnings.simplefilter("ignore", DeprecationWarning)
        return pulp.PULP_CBC_CMD(**options), "CBC"


def _outcome(prob, name: str, target_mode: bool) -> tuple[bool, float | None, str]:
    """Proven optimal or not, the solver's bound on the objective (in the problem's
    own sense: the most weight any plan can cover, or the least cost a target needs),
    and the solver's status."""
    import pulp

    if name == "HiGHS":
        import highspy

        model = prob.solverModel
        status = model.getModelStatus()
        bound = model.getInfo().mip_dual_bound
        # PuLP hands HiGHS a minimisation: a maximum's objective is negated.
        bound = float(bound if target_mode else -bound) if np.isfinite(bound) else None
        optimal = status == highspy.HighsModelStatus.kOptimal
        return optimal, bound, model.modelStatusToString(status)
    status = pulp.LpStatus[prob.status]
    return status == "Optimal", None, status


def _gap(value: float, bound: float | None, optimal: bool, target_mode: bool) -> float | None:
    """The proven gap (%) between the plan and the bound; 0 when proven optimal."""
    if optimal:
        return 0.0
    if bound is None or value <= 0:
        return None
    far = (value - bound) if target_mode else (bound - value)
    return max(0.0, 100.0 * far / value)


@contextmanager
def _quiet_stdout():
    """Silence the C library's stdout (file descriptor 1) for a moment."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all (a windowed app): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


try:  # HiGHS through highspy, with the greedy plan as its starting solution
    import pulp as _pulp

    class _WarmHiGHS(_pulp.HiGHS):  # type: ignore[misc,name-defined]
        def createAndConfigureSolver(self, lp):
            # HiGHS prints its banner on stdout when created, whatever its options:
            # not in the planner's terminal or the audit log.
            with _quiet_stdout():
                super().createAndConfigureSolver(lp)

        def callSolver(self, lp):
            import highspy

            values = [float(v.varValue or 0.0) for v in lp.variables()]
            solution = highspy.HighsSolution()
            solution.col_value = values
            solution.value_valid = True
            # An older highspy without setSolution starts cold.
            with suppress(Exception):
                lp.solverModel.setSolution(solution)
            cancelled = getattr(self, "cancelled", None)
            if cancelled is not None:
                # Cancel reaches into the branch and bound: HiGHS asks between nodes.
                def interrupt(kind, message, data_out, data_in, user_data):
                    if cancelled():
                        data_in.user_interrupt = True

                with suppress(Exception):
                    lp.solverModel.setCallback(interrupt, None)
                    for kind in ("kCallbackMipInterrupt", "kCallbackSimplexInterrupt"):
                        lp.solverModel.startCallback(getattr(highspy.cb.HighsCallbackType, kind))
            lp.solverModel.run()

except ImportError:  # pragma: no cover - PuLP is a dependency
    _WarmHiGHS = None  # type: ignore[assignment,misc]
