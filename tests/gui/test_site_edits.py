"""Issue 11: the sites edited in the Edit-site panel are part of the study's state:
saved with the project, in the autosave, marked as a change, undone and redone.

The figures are checked against a fresh run of the edited site list read back from a
file of its own (the batch's loader and engine), never against the app's own output.
"""

from __future__ import annotations

import json
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from PyQt6.QtWidgets import QMessageBox

from coverage_planner.errors import ConfigError
from coverage_planner.gui.site_changes import apply_site_changes, site_changes
from coverage_planner.gui.study import Selection
from tests.gui.conftest import wait_idle
from tests.gui.test_planner_day import answer_next_dialog


def hand_edited(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Row 5 higher, row 7 moved 1.5 km east, row 3 removed, a copy of row 10 added."""
    edited = sites.copy()
    edited.loc[5, "antenna_height_m"] = 61.0
    edited.loc[5, "azimuths"] = "10/130/250"
    geoms = edited.geometry.to_numpy().copy()
    p = geoms[7]
    geoms[7] = type(p)(p.x + 1500.0, p.y)
    edited = edited.set_geometry(gpd.GeoSeries(geoms, index=edited.index, crs=sites.crs))
    new = edited.iloc[[10]].copy()
    new["site_id"] = new["site_name"] = "NEW-001"
    edited = edited.drop(index=3)
    edited = gpd.GeoDataFrame(pd.concat([edited, new], ignore_index=True), crs=sites.crs)
    return edited


def test_site_changes_rebuild_the_edited_list_after_a_json_round_trip(demo_inputs):
    sites = demo_inputs.sites
    edited = hand_edited(sites)
    changes = json.loads(json.dumps(site_changes(sites, edited)))
    assert sorted(changes["changed"]) == sorted([sites["site_id"].iloc[5], sites["site_id"][7]])
    assert changes["removed"] == [sites["site_id"].iloc[3]]
    assert [a["site_id"] for a in changes["added"]] == ["NEW-001"]
    back = apply_site_changes(sites, changes)
    assert_geodataframe_equal(back, edited, check_dtype=False)
    assert site_changes(sites, sites.copy()) is None


def test_a_site_moved_into_another_commune_is_a_changed_site_not_a_new_list(demo_inputs):
    """The Edit-site panel gives a moved site the commune it stands in now: that is
    part of its position, kept as a change of that one site (a whole new list was
    made instead, 0.75 s at every later edit of the demo)."""
    sites = demo_inputs.sites
    other = next(c for c in sites["commune_id"] if c != sites["commune_id"].iloc[7])
    edited = hand_edited(sites)
    edited.loc[edited["site_id"] == sites["site_id"].iloc[7], "commune_id"] = other
    changes = json.loads(json.dumps(site_changes(sites, edited)))
    assert "sites" not in changes
    assert changes["changed"][sites["site_id"].iloc[7]]["commune_id"] == other
    assert_geodataframe_equal(apply_site_changes(sites, changes), edited, check_dtype=False)


def test_site_edits_naming_a_site_gone_from_the_file_stop_with_a_message(demo_inputs):
    sites = demo_inputs.sites
    changes = site_changes(sites, hand_edited(sites))
    gone = sites["site_id"].iloc[5]
    with pytest.raises(ConfigError) as caught:
        apply_site_changes(sites[sites["site_id"] != gone], changes, file="tram.csv")
    assert gone in str(caught.value) and "tram.csv" in str(caught.value)
    assert "không còn trong tệp trạm" in caught.value.text("vi")


def fresh_run(files, params, sites, folder):
    """The batch's loader and engine on the edited site list written as a planner's
    site list of its own (longitude/latitude, the file's Vietnamese headers)."""
    from pyproj import Transformer

    from coverage_planner.coverage.engine import run
    from coverage_planner.io.inputs import LayerSource, load_inputs

    lon, lat = Transformer.from_crs(sites.crs, 4326, always_xy=True).transform(
        sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()
    )
    table = pd.DataFrame(
        {
            "Mã trạm": sites["site_id"],
            "Tên trạm": sites["site_name"],
            "Kinh độ": [repr(float(v)) for v in lon],
            "Vĩ độ": [repr(float(v)) for v in lat],
            "Công nghệ": sites["technologies"],
            "Nhà mạng": sites["operator"],
            "Độ cao anten (m)": sites["antenna_height_m"],
            "Góc phương vị": sites["azimuths"],
            "Độ rộng búp sóng": sites["beamwidth_deg"],
            "Công suất phát (dBm)": sites["tx_power_dbm"],
            "Góc nghiêng": sites["downtilt_deg"],
        }
    )
    path = folder / "tram_da_sua.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    inputs = load_inputs(replace(files, sites=LayerSource(path), dem=None))
    return run(inputs, params=params)


def assert_same_figures(a, b):
    assert a.sites["site_id"].tolist() == b.sites["site_id"].tolist()
    # a moved or added site counts in the commune it stands in
    assert a.sites["commune_id"].tolist() == b.sites["commune_id"].tolist()
    for tech in b.technologies:
        col = f"covered_{tech.lower()}"
        np.testing.assert_array_equal(
            a.villages[col].to_numpy(bool), b.villages[col].to_numpy(bool)
        )
    cols = [c for c in b.communes.columns if c.endswith("_pct")]
    np.testing.assert_allclose(
        a.communes[cols].to_numpy(float), b.communes[cols].to_numpy(float), equal_nan=True
    )


def differs(a, b) -> bool:
    """Some share of a commune differs: the edit changed the figures."""
    cols = [c for c in b.communes.columns if c.endswith("_pct")]
    x, y = a.communes[cols].to_numpy(float), b.communes[cols].to_numpy(float)
    return bool((np.abs(np.nan_to_num(x) - np.nan_to_num(y)) > 1e-9).any())


def edit(qtbot, window, site_id, action, change=None):
    """Select ``site_id`` in the Edit-site panel, change its fields, click ``action``."""
    before = window.study.result
    window.study.select(Selection("sites", site_id))
    editor = window.site_editor
    if change is not None:
        change(editor)
    getattr(editor, action).click()
    qtbot.waitUntil(
        lambda: window.study.result is not before and not window.study.worker.busy,
        timeout=60_000,
    )
    return window.study.result


def edit_three(qtbot, window):
    sites = window.study.sites
    ids = sites.loc[sites["serves_4g"].to_numpy(bool), "site_id"].tolist()
    edit(qtbot, window, ids[4], "apply", lambda e: e.lon.setValue(e.lon.value() + 0.06))
    edit(qtbot, window, ids[9], "add", lambda e: e.lat.setValue(e.lat.value() - 0.05))
    return edit(qtbot, window, ids[2], "remove")


def test_site_edits_are_saved_with_the_project_and_reopened(qtbot, window, settings, tmp_path):
    from coverage_planner.gui.app import create_window

    original = window.study.result
    result = edit_three(qtbot, window)
    edited = window.study.sites
    assert len(edited) == len(original.sites) and "NEW-001" in set(edited["site_id"])
    assert window.isWindowModified()
    path = tmp_path / "study.cpproj.json"
    assert window._save(path)
    assert not window.isWindowModified()
    assert "site_edits" in json.loads(path.read_text(encoding="utf-8"))
    again = create_window(settings=settings, demo=False)
    again.show()
    try:
        again.open_project(path)
        wait_idle(qtbot, again)
        assert_geodataframe_equal(again.study.sites[edited.columns], edited, check_dtype=False)
        assert not again.study.modified  # as saved
        fresh = fresh_run(again.study.files, again.study.params, edited, tmp_path)
        assert_same_figures(again.study.result, fresh)
        assert_same_figures(result, fresh)
        # the edits changed the figures (the test can fail)
        assert differs(fresh, original)
    finally:
        again.study.mark_saved()
        again.close()
        again.deleteLater()


def test_site_edits_undo_and_redo_give_the_fresh_figures(qtbot, window, demo_inputs, tmp_path):
    from coverage_planner.coverage.engine import run

    study = window.study
    files, params = study.files, study.params
    original_sites = study.sites
    first = run(demo_inputs, params=params)
    site = original_sites["site_id"].iloc[0]  # a 4G site whose move changes shares
    moved = edit(qtbot, window, site, "apply", lambda e: e.lon.setValue(e.lon.value() + 0.06))
    moved_sites = study.sites
    assert window.isWindowModified()
    assert "site edit" in window.history.act_undo.text()
    fresh_moved = fresh_run(files, params, moved_sites, tmp_path)
    assert_same_figures(moved, fresh_moved)
    assert differs(fresh_moved, first)

    def step(action):
        before = study.result
        action.trigger()
        qtbot.waitUntil(
            lambda: study.result is not before and not study.worker.busy, timeout=60_000
        )

    step(window.history.act_undo)
    assert_same_figures(study.result, first)
    assert study.sites.geometry.iloc[0].equals(original_sites.geometry.iloc[0])
    assert not window.isWindowModified()  # back to the study as opened
    step(window.history.act_redo)
    assert_same_figures(study.result, fresh_moved)
    assert window.isWindowModified()
    # an added site undone, a removed site undone (it comes back at its row)
    added = edit(qtbot, window, site, "add", lambda e: e.lat.setValue(e.lat.value() - 0.05))
    assert len(added.sites) == len(original_sites) + 1
    removed_id = original_sites["site_id"].iloc[2]
    edit(qtbot, window, removed_id, "remove")
    assert removed_id not in set(study.sites["site_id"])
    step(window.history.act_undo)
    assert study.sites["site_id"].tolist()[:-1] == original_sites["site_id"].tolist()
    step(window.history.act_undo)
    assert_same_figures(study.result, fresh_moved)
    step(window.history.act_undo)
    assert_same_figures(study.result, first)
    assert not study.modified


def test_site_edits_are_in_the_autosave_and_restored(qtbot, window, settings):
    from coverage_planner.gui.app import create_window

    edit_three(qtbot, window)
    edited = window.study.sites
    window._autosave_now()
    assert window.autosave.pending().site_edits is not None
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Yes)
    again = create_window(settings=settings, recover=True)
    again.show()
    try:
        wait_idle(qtbot, again)
        assert_geodataframe_equal(again.study.sites[edited.columns], edited, check_dtype=False)
        assert again.isWindowModified()  # restored, still to be saved
    finally:
        again.study.mark_saved()
        again.close()
        again.deleteLater()


def test_closing_after_a_site_edit_asks_to_save(qtbot, window):
    edit(qtbot, window, window.study.sites["site_id"].iloc[1], "remove")
    seen: list[str] = []
    answer_next_dialog(qtbot, QMessageBox.StandardButton.Cancel, seen=seen)
    window.close()
    assert window.isVisible() and seen == ["The study has unsaved changes."]
