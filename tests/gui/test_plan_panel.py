"""The Plan panel on the demo province: run, edit on the map, scenarios, export."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import shapely

from coverage_planner.coverage.engine import run
from coverage_planner.planning.candidates import sites_with_plan
from tests.gui.conftest import wait_idle


def run_plan(qtbot, window, sites=10):
    panel = window.plan
    panel.budget_kind.setCurrentIndex(panel.budget_kind.findData("sites"))
    panel.budget.setValue(sites)
    panel.solver.setCurrentIndex(panel.solver.findData("greedy"))
    panel.run()
    qtbot.waitUntil(lambda: panel.plan is not None and not panel.worker.busy, timeout=120_000)
    return panel


def audit_covered(window, panel):
    """An audit of the study with the panel's sites added (the independent check)."""
    ctx = panel.context
    built = sites_with_plan(window.study.inputs.sites, ctx.candidates, panel.plan.chosen, "4G")
    result = run(replace(window.study.inputs, sites=built), params=window.study.params)
    return result.villages["covered_4g"].to_numpy(dtype=bool)


def test_run_shows_the_plan_on_the_map_and_in_the_table(qtbot, window):
    panel = run_plan(qtbot, window)
    assert panel.table.rowCount() == len(panel.plan.chosen) == 10
    assert (
        panel.plan.summary["after"]["villages_covered_pct"]
        > panel.plan.summary["before"]["villages_covered_pct"]
    )
    assert panel._artists  # chosen sites and lines drawn on the map
    assert "→" in panel.figures.text()
    panel.table.selectRow(0)
    pt = panel.context.candidates.geometry.iloc[panel.plan.chosen[0]]
    x0, x1 = window.canvas.ax.get_xlim()
    assert x0 < pt.x < x1 and (x1 - x0) < 50_000  # zoomed to the site


def test_adding_and_removing_a_site_on_the_map_gives_the_audit_figures(qtbot, window):
    panel = run_plan(qtbot, window, sites=5)
    before = panel.plan.summary["after"]["villages_covered_pct"]
    villages = window.study.result.villages
    uncovered = villages[~villages["covered_4g"] & ~panel.plan.after_covered]
    target = shapely.point_on_surface(uncovered.geometry.iloc[0])
    panel.edit_buttons["add"].setChecked(True)
    panel.map_click(target.x, target.y)  # timed in benchmarks/bench_planning.py
    assert len(panel.plan.chosen) == 6
    assert panel.plan.summary["after"]["villages_covered_pct"] > before
    np.testing.assert_array_equal(panel.plan.after_covered, audit_covered(window, panel))
    panel.edit_buttons["remove"].setChecked(True)
    panel.map_click(target.x, target.y)
    assert len(panel.plan.chosen) == 5
    assert panel.plan.summary["after"]["villages_covered_pct"] == pytest.approx(before)


def test_scenarios_are_compared_and_saved_in_the_project(qtbot, window, tmp_path):
    panel = run_plan(qtbot, window, sites=4)
    panel.keep_scenario()
    panel = run_plan(qtbot, window, sites=8)
    panel.keep_scenario()
    assert panel.scenario_table.columnCount() == 3  # today, plan A, plan B
    assert panel.scenario_table.item(0, 2).text() == "8"
    path = tmp_path / "study.cpproj.json"
    window._save(path)
    panel.scenarios = []
    window.open_project(path)
    wait_idle(qtbot, window)
    assert [s["name"] for s in window.plan.scenarios] == ["Plan A", "Plan B"]
    # A kept scenario goes back on the map with its figures.
    panel = run_plan(qtbot, window, sites=2)
    panel.open_scenario(0)
    assert len(panel.plan.chosen) == 4
    assert panel.plan.summary["after"] == pytest.approx(panel.scenarios[0]["summary"]["after"])


def test_export_from_the_panel_writes_the_proposal(qtbot, window, tmp_path):
    panel = run_plan(qtbot, window, sites=3)
    panel.export(tmp_path / "de-xuat")
    qtbot.waitUntil(lambda: (tmp_path / "de-xuat" / "plan.xlsx").exists(), timeout=120_000)
    qtbot.waitUntil(lambda: not panel._exporter.busy, timeout=60_000)
    assert (tmp_path / "de-xuat" / "proposal_map.pdf").exists()


def test_link_profile_from_two_map_clicks(qtbot, window):
    panel = window.plan
    panel.edit_buttons["profile"].setChecked(True)
    x0, y0, x1, y1 = window.study.result.communes.total_bounds
    panel.map_click(x0 + 0.3 * (x1 - x0), y0 + 0.5 * (y1 - y0))
    panel.map_click(x0 + 0.4 * (x1 - x0), y0 + 0.55 * (y1 - y0))
    assert window.profile.profile is not None
    assert "dBm" in panel.status.text()


def test_must_cover_villages_from_the_panel(qtbot, window):
    villages = window.study.result.villages
    left = villages.loc[~villages["covered_4g"], "village_id"].astype(str).to_numpy()
    panel = window.plan
    panel.must_cover.setText(f"{left[-1]}, {left[-2]}")
    panel = run_plan(qtbot, window, sites=3)
    covered = dict(zip(villages["village_id"].astype(str), panel.plan.after_covered, strict=True))
    assert covered[left[-1]] and covered[left[-2]]


def test_a_profile_from_a_site_starts_at_its_antenna(qtbot, window):
    panel = window.plan
    sites = window.study.result.sites
    site = sites[sites["antenna_height_m"].notna()].iloc[0]
    panel.edit_buttons["profile"].setChecked(True)
    panel.map_click(site.geometry.x + 1.0, site.geometry.y)
    assert panel._profile_from == (site.geometry.x, site.geometry.y, site["antenna_height_m"])
    panel.map_click(site.geometry.x + 3000, site.geometry.y + 2000)
    prof = window.profile.profile
    assert prof.tx_m == pytest.approx(prof.ground_m[0] + site["antenna_height_m"])


def test_commune_centres_box_makes_every_centre_a_must(qtbot, window):
    from coverage_planner.planning.must_cover import commune_centre_villages

    panel = window.plan
    panel.must_cover.setText("")
    panel.must_centres.setChecked(True)
    try:
        assert panel.request().must_cover == ("commune_centres",)
        panel = run_plan(qtbot, window, sites=40)
        result = window.study.result
        centres, _ = commune_centre_villages(result.villages, result.communes)
        m = panel.plan.summary["must_cover"]
        assert m["villages"] == int(centres.sum()) and m["covered_after"] == m["villages"]
        assert panel.plan.after_covered[centres].all()
    finally:
        panel.must_centres.setChecked(False)


def test_the_panels_steps_and_errors_in_vietnamese(qtbot, window):
    """The planning steps the worker reports and a user error of the panel's fields are
    shown in the panel's language."""
    panel = window.plan
    panel.language = "vi"
    panel._on_status("Planning: backhaul of 1607 candidates")
    assert panel.status.text() == "Lập kế hoạch: truyền dẫn của 1607 vị trí đề xuất"
    panel.budget_kind.setCurrentIndex(panel.budget_kind.findData("target"))
    panel.budget.setValue(150)  # a share of villages above 100 %
    panel.run()
    assert "phần trăm" in panel.status.text()
    panel.language = "en"
    panel.run()
    assert "percentage" in panel.status.text()
