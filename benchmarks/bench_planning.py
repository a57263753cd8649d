"""Investment planning timings (run under the shared lock):

    flock /tmp/heavy.lock uv run python benchmarks/bench_planning.py [demo|provinces|all]

- demo: the demo province, 4G, every generated candidate (terrain: the largest spacing
  from 0.7 km down that generates at least 2,000) plus the upgrades: candidate coverage with the terrain model
  and with the disk model, greedy, exact (60 s limit), a site added on the map
  (disk model: the new candidate's coverage and the plan's figures);
- gui: the Plan panel offscreen: Run, then a site added by a click until the map and
  the curve are drawn again (disk model);
- provinces: 10 northern provinces (benchmarks/synthetic.py on the real communes),
  disk model: candidates, their coverage, greedy.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coverage_planner.coverage.engine import run  # noqa: E402
from coverage_planner.demo import demo_files  # noqa: E402
from coverage_planner.io.inputs import load_inputs  # noqa: E402
from coverage_planner.params import Parameters  # noqa: E402
from coverage_planner.planning.config import PlanningParams  # noqa: E402
from coverage_planner.planning.plan import (  # noqa: E402
    PlanRequest,
    add_candidate,
    evaluate,
    prepare,
    solve,
)


def timed(label: str, fn):
    t = time.perf_counter()
    value = fn()
    print(f"{label}: {time.perf_counter() - t:.2f} s", flush=True)
    return value


def plan_case(
    inputs, params, planning, *, label: str, exact: bool = True, edit: bool = False, least=0
):
    today = timed(f"[{label}] audit ({params.model})", lambda: run(inputs, params=params))
    if least:
        planning = spacing_for(inputs, today, params, planning, least)
    ctx = prepare(inputs, today, params=params, planning=planning, technology="4G")
    kinds = ctx.candidates["kind"].value_counts().to_dict()
    generated = int((ctx.candidates["source"] != "upgrade").sum())
    print(
        f"[{label}] candidates: {len(ctx.candidates)} ({generated} generated, "
        f"{kinds.get('upgrade', 0)} upgrades); villages {len(today.villages)}, "
        f"uncovered {int((~ctx.coverage.base).sum())}, gains {ctx.coverage.gains.nnz}"
    )
    for step, s in ctx.seconds.items():
        print(f"[{label}] {step}: {s:.2f} s")
    for budget in (10, 50):
        plan = timed(
            f"[{label}] greedy, {budget} sites",
            lambda b=budget: solve(ctx, PlanRequest(budget_sites=b, solver="greedy")),
        )
        print(
            f"[{label}]   after {plan.summary['after']['villages_covered_pct']:.2f} % villages; "
            f"solver {plan.summary['solver_seconds']} s, curve {plan.summary['curve_seconds']} s"
        )
        if exact:
            plan = timed(
                f"[{label}] exact, {budget} sites",
                lambda b=budget: solve(ctx, PlanRequest(budget_sites=b, solver="exact")),
            )
            s = plan.summary
            print(
                f"[{label}]   after {s['after']['villages_covered_pct']:.2f} % villages; "
                f"optimal {s['optimal']}, gap {s['gap_pct']}, solver {s['solver_seconds']} s, "
                f"curve (exact per budget) {s['curve_seconds']} s"
            )
    solver = "exact" if exact else "greedy"
    plan = timed(
        f"[{label}] {solver}, 60e9 VND",
        lambda: solve(ctx, PlanRequest(budget_vnd=60e9, solver=solver)),
    )
    print(
        f"[{label}]   optimal {plan.summary['optimal']}, gap {plan.summary['gap_pct']}, "
        f"solver {plan.summary['solver_seconds']} s, curve {plan.summary['curve_seconds']} s; "
        f"joint {plan.summary['joint']}"
    )
    if edit:
        villages = today.villages
        left = villages[~plan.after_covered]
        times = []
        for k in range(5):
            pt = shapely.point_on_surface(left.geometry.iloc[k])
            t = time.perf_counter()
            j = add_candidate(ctx, pt.x, pt.y)
            plan = evaluate(ctx, np.r_[plan.chosen, j], request=plan.request, curve=plan.curve)
            times.append(time.perf_counter() - t)
        print(f"[{label}] a site added on the map: " + ", ".join(f"{t:.3f}" for t in times) + " s")


def spacing_for(inputs, today, params, planning, least: int) -> PlanningParams:
    """The largest spacing (0.7 km down, in steps) that generates at least ``least``
    candidates for 4G around the villages this audit leaves uncovered."""
    from coverage_planner.planning.candidates import generated_candidates
    from coverage_planner.planning.plan import terrain_of

    dem, grid = terrain_of(inputs, today, params)
    for spacing in (0.7, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1):
        trial = replace(planning, spacing_km=spacing)
        n = len(
            generated_candidates(
                today.villages, today.communes, today.sites, "4G", trial, dem=dem, grid=grid
            )
        )
        if n >= least:
            break
    print(f"spacing_km = {spacing}: {n} generated candidates", flush=True)
    return trial


def demo() -> None:
    planning = PlanningParams(spacing_km=0.7)
    inputs = load_inputs(demo_files())
    plan_case(inputs, Parameters(model="terrain"), planning, label="demo terrain", least=2000)
    plan_case(inputs, Parameters(model="disk"), planning, label="demo disk", edit=True)


def gui() -> None:
    """A site added by a click in the Plan panel, until the map is drawn again (disk
    model, offscreen)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt6.QtCore import QSettings
    from PyQt6.QtWidgets import QApplication

    from coverage_planner.gui.app import create_window

    app = QApplication.instance() or QApplication([])
    settings = QSettings("/tmp/bench_planning_settings.ini", QSettings.Format.IniFormat)
    window = create_window(settings=settings)
    window.show()

    def wait(cond, timeout=300.0):
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    wait(lambda: window.study.result is not None and not window.study.worker.busy)
    # With a DEM the app runs the terrain model by default (after a first disk map):
    # this case is the disk model's, chosen as a planner would in the parameters panel.
    window.study.set_params(replace(window.study.params, model="disk"))
    wait(
        lambda: (
            window.study.result is not None
            and window.study.result.model == "disk"
            and not window.study.worker.busy
        )
    )
    panel = window.plan
    panel.budget.setValue(20)
    t = time.perf_counter()
    panel.run()
    wait(lambda: panel.plan is not None and not panel.worker.busy)
    print(f"[gui] Run (candidates, coverage, exact, 20 sites): {time.perf_counter() - t:.2f} s")
    villages = window.study.result.villages
    left = villages[~panel.plan.after_covered]
    panel.edit_buttons["add"].setChecked(True)
    times = []
    for k in range(5):
        pt = shapely.point_on_surface(left.geometry.iloc[10 * k])
        t = time.perf_counter()
        panel.map_click(pt.x, pt.y)
        window.canvas.canvas.draw()
        panel.curve_canvas.draw()
        times.append(time.perf_counter() - t)
    print(
        "[gui] a site added by a click, map and curve drawn: "
        + ", ".join(f"{t:.3f}" for t in times)
        + " s"
    )
    # The study was changed (the disk model, sites added): closed without the
    # unsaved-changes question, which would wait for an answer.
    window.study.mark_saved()
    window.close()


def provinces() -> None:
    from benchmarks.bench_engine import TEN_PROVINCES
    from benchmarks.synthetic import national_communes, subset, synthetic_study

    inputs = timed(
        "[10 provinces] build",
        lambda: subset(synthetic_study(national_communes()), TEN_PROVINCES),
    )
    planning = PlanningParams(generate=("village_centres", "commune_centres"))
    plan_case(
        replace(inputs, dem=None),
        Parameters(model="disk"),
        planning,
        label="10 provinces",
        exact=False,
    )


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("demo", "all"):
        demo()
    if which in ("gui", "all"):
        gui()
    if which in ("provinces", "all"):
        provinces()
