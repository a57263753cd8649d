"""Issue 11, session 4: the map and the attribute tables a planner expects (pytest-qt).

Hillshade under the map (against gdaldem and an analytic plane), village names at large
scales, the lines from uncovered villages to the site their action names, the operator
filter, and the full attribute tables of villages and sites.
"""

from __future__ import annotations

import pytest
from PyQt6.QtCore import Qt

from coverage_planner.gui.study import Selection

# ---- hillshade under the map


def test_hillshade_of_a_plane_is_the_cosine_to_the_sun():
    import numpy as np

    from coverage_planner.gui.map_extras import hillshade

    # Ground rising eastwards by 1 m per 2 m; the sun in the west, 30° up.
    x = np.arange(20) * 2.0
    z = np.tile(0.5 * x, (10, 1))
    shade = hillshade(z, cell_x=2.0, cell_y=2.0, azimuth_deg=270, altitude_deg=30)
    normal = np.array([-0.5, 0.0, 1.0]) / np.sqrt(1.25)
    sun = np.array([-np.cos(np.radians(30)), 0.0, np.sin(np.radians(30))])
    assert np.allclose(shade, normal @ sun)
    flat = hillshade(np.zeros((5, 5)), cell_x=1, cell_y=1, altitude_deg=45)
    assert np.allclose(flat, np.sin(np.radians(45)))


def test_hillshade_matches_gdaldem_on_the_demo_dem(tmp_path):
    import subprocess

    import numpy as np
    import rasterio
    from rasterio.windows import Window

    from coverage_planner.gui.map_extras import hillshade
    from tests.conftest import ROOT

    with rasterio.open(ROOT / "gis_data" / "dem.tif") as src:
        window = Window(600, 400, 120, 100)
        z = src.read(1, window=window).astype("float32")
        profile = src.profile | {
            "width": 120,
            "height": 100,
            "transform": src.window_transform(window),
            "dtype": "float32",
            "nodata": None,
        }
        cell_x, cell_y = src.res
    crop = tmp_path / "crop.tif"
    with rasterio.open(crop, "w", **profile) as dst:
        dst.write(z, 1)
    out = tmp_path / "shade.tif"
    subprocess.run(
        ["gdaldem", "hillshade", "-q", "-alg", "ZevenbergenThorne", str(crop), str(out)],
        check=True,
    )
    with rasterio.open(out) as src:
        gdal = src.read(1).astype(float)[1:-1, 1:-1]
    mine = 1 + 254 * hillshade(z, cell_x=cell_x, cell_y=cell_y)[1:-1, 1:-1]
    assert np.abs(mine - gdal).max() <= 1.5


def test_hillshade_is_drawn_under_the_map_when_a_dem_is_loaded(window):
    from matplotlib.image import AxesImage

    extras = window.canvas.extras
    assert window.study.inputs.dem is not None and extras.has_hillshade
    (image,) = window.canvas._artists["hillshade"]
    assert isinstance(image, AxesImage)
    x0, y0, x1, y1 = window.study.result.communes.total_bounds
    assert image.get_extent() == pytest.approx([x0, x1, y0, y1])
    village_z = min(a.get_zorder() for a in window.canvas._artists["villages"])
    assert image.get_zorder() < village_z
    assert window.layers.checks["hillshade"].isEnabled()
    window.layers.checks["hillshade"].setChecked(False)
    assert not image.get_visible()


# ---- village names at large scales


def test_village_names_show_when_zoomed_in(qtbot, window):
    import numpy as np
    import shapely

    villages = window.study.result.villages
    assert window.canvas.extras.label_texts() == []  # the province: too many to read
    commune = window.study.result.communes.iloc[0]
    window.canvas.zoom_to(np.array(commune.geometry.bounds), margin=0.0)
    (x0, x1), (y0, y1) = window.canvas.ax.get_xlim(), window.canvas.ax.get_ylim()
    points = shapely.point_on_surface(villages.geometry.to_numpy())
    px, py = shapely.get_x(points), shapely.get_y(points)
    inside = (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
    expected = sorted(villages["village_name"][inside].astype(str))
    assert 0 < len(expected) <= 80
    assert sorted(window.canvas.extras.label_texts()) == expected
    window.layers.checks["villages"].setChecked(False)
    assert window.canvas.extras.label_texts() == []


# ---- the line from an uncovered village to the site its action names


def test_action_line_joins_the_village_and_its_named_site(qtbot, window):
    import shapely

    result = window.study.result
    u = result.uncovered[result.uncovered["technology"] == window.study.technology]
    row = u.iloc[0]
    named = row["site"] if isinstance(row["site"], str) and row["site"] else row["nearest_site"]
    assert named in row["action"] or named == row["site"]
    window.study.select(Selection("villages", str(row["village_id"])))
    segment = window.canvas.extras.action_line_of(str(row["village_id"]))
    assert segment is not None
    site = result.sites[result.sites["site_id"].astype(str) == str(named)].geometry.iloc[0]
    assert tuple(segment[1]) == pytest.approx((site.x, site.y))
    village = result.villages[result.villages["village_id"] == row["village_id"]].geometry.iloc[0]
    assert village.contains(shapely.Point(segment[0]))
    lines = window.canvas._artists["actions"][0]
    widths = lines.get_linewidths()
    assert len(lines.get_segments()) == len(u)  # one per uncovered village of the tech
    assert max(widths) > min(widths)  # the selected one is bold


# ---- filter sites by operator


def test_operator_filter_shows_one_operators_sites(qtbot, window):
    import pandas as pd

    from tests.conftest import ROOT

    raw = pd.read_csv(ROOT / "gis_data" / "bts_sites.csv", dtype=str)
    mobifone = int((raw["Nhà mạng"] == "MobiFone").sum())
    box = window.operator_box
    assert {box.itemText(i) for i in range(1, box.count())} == set(raw["Nhà mạng"])
    box.setCurrentIndex(box.findData("MobiFone"))
    (points,) = window.canvas._artists["sites"]
    assert len(points.get_offsets()) == mobifone
    window.tables.setCurrentWidget(window.sites_table)
    qtbot.waitUntil(lambda: window.sites_table.model.rowCount() == mobifone, timeout=5_000)
    box.setCurrentIndex(0)
    (points,) = window.canvas._artists["sites"]
    assert len(points.get_offsets()) == len(raw)


# ---- full attribute tables of villages and sites


def test_village_table_lists_every_village_sorts_filters_and_syncs(qtbot, window, tmp_path):
    import geopandas as gpd
    import pandas as pd

    from coverage_planner.gui.text_search import fold
    from tests.conftest import ROOT

    raw = gpd.read_file(ROOT / "gis_data" / "villages.gpkg")
    table = window.villages_table
    window.tables.setCurrentWidget(table)
    qtbot.waitUntil(lambda: table.model.rowCount() == len(raw), timeout=10_000)
    headers = [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers[:5] == ["Name", "Code", "Commune", "Commune code", "Population"]
    # sort by population, largest first: the first row is the most populous village
    col = headers.index("Population")
    table.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    top = raw.loc[raw["dan_so"].idxmax()]
    assert table.proxy.index(0, 1).data() == str(top["ma_ban"])
    # filter without accents: the same rows as a plain pandas filter on the names
    table.filter.setText("ban na")
    expected = {
        str(code)
        for code, name, commune in zip(raw["ma_ban"], raw["ten_ban"], raw["ma_xa"], strict=True)
        if all(w in fold(f"{name} {code} {commune}") for w in ("ban", "na"))
    }
    shown = {table.proxy.index(r, 1).data() for r in range(table.proxy.rowCount())}
    assert expected <= shown and len(shown) >= len(expected) > 0
    assert f"of {len(raw):,}" in table.count.text()
    # export the view: the rows in view, in their order
    out = tmp_path / "view.csv"
    table.export_view(out)
    back = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
    assert list(back["Code"]) == [table.proxy.index(r, 1).data() for r in range(len(back))]
    # selection: table → map, map → table
    table.view.selectRow(0)
    assert window.study.selection == Selection("villages", table.proxy.index(0, 1).data())
    other = str(raw["ma_ban"].iloc[5])
    table.filter.clear()
    window.study.select(Selection("villages", other))
    assert table.selected_id() == other
    table.view.selectRow(1)
    text = table.copy_selection()
    assert text.splitlines()[0].startswith("Name\tCode") and len(text.splitlines()) == 2
