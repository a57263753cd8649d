"""Operators' declared coverage against the terrain model's prediction, through the
audit command: declared shares against a plain geometric computation, an operator's
predicted coverage against an audit of that operator's sites alone."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from rasterio.transform import from_origin

from tests.coverage.test_terrain import audit_small_study_with_dem
from tests.io.helpers import X0, Y0, site_rows


def declared_files(folder):
    folder.mkdir(parents=True, exist_ok=True)
    layer = gpd.GeoDataFrame(
        {
            "Nhà mạng": ["Viettel", "MobiFone"],
            "Công nghệ": ["4G", "LTE"],
        },
        geometry=[
            shapely.box(X0, Y0, X0 + 10_000, Y0 + 10_000),  # commune 001 whole
            shapely.box(X0 + 20_000, Y0, X0 + 30_000, Y0 + 10_000),  # commune 003 whole
        ],
        crs=32648,
    )
    layer.to_file(folder / "declared.gpkg")
    # VinaPhone 2G declared over the western 15 km (a raster, named for its pair)
    with rasterio.open(
        folder / "VinaPhone_2G.tif",
        "w",
        driver="GTiff",
        width=300,
        height=200,
        count=1,
        dtype="uint8",
        crs="EPSG:32648",
        transform=from_origin(X0 - 5000, Y0 + 15_000, 100, 100),
    ) as dst:
        data = np.zeros((200, 300), np.uint8)
        data[:, : (15_000 + 5000) // 100] = 1
        dst.write(data, 1)
    return [folder / "declared.gpkg", folder / "VinaPhone_2G.tif"]


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("declared")
    files = declared_files(tmp / "in")
    args = []
    for f in files:
        args += ["--declared", str(f)]
    out = audit_small_study_with_dem(tmp / "a", "--no-cache", *args)
    return out


def test_declared_shares_follow_the_polygons(audited):
    table = pd.read_csv(audited / "declared_vs_predicted.csv", dtype={"id": str})
    assert set(zip(table["operator"], table["technology"], strict=True)) == {
        ("Viettel", "4G"),
        ("MobiFone", "4G"),
        ("VinaPhone", "2G"),
    }
    communes = table[table["level"] == "commune"].set_index(["operator", "technology", "id"])
    # plain geometry: commune i is the box [i·10 km, (i+1)·10 km]
    assert communes.loc[("Viettel", "4G", "001"), "declared"] == 1.0
    assert communes.loc[("Viettel", "4G", "002"), "declared"] == 0.0
    assert communes.loc[("MobiFone", "4G", "003"), "declared"] == 1.0
    assert communes.loc[("VinaPhone", "2G", "002"), "declared"] == pytest.approx(0.5, abs=0.01)
    villages = table[table["level"] == "village"].set_index(["operator", "technology", "id"])
    # B1 inside 001; B2 across 001 (a third) and 002; B3 outside every commune
    assert villages.loc[("Viettel", "4G", "B1"), "declared"] == 1.0
    assert villages.loc[("Viettel", "4G", "B2"), "declared"] == pytest.approx(1 / 3, abs=0.02)
    assert villages.loc[("Viettel", "4G", "B3"), "declared"] == 0.0
    for _, row in table.iterrows():
        d, p = row["declared"] >= 0.5, row["predicted"] >= 0.5
        expected = {
            (True, True): "both",
            (True, False): "declared_not_predicted",
            (False, True): "predicted_not_declared",
            (False, False): "neither",
        }[(d, p)]
        assert row["status"] == expected
    summary = json.loads((audited / "summary.json").read_text(encoding="utf-8"))
    got = summary["declared_vs_predicted"]["Viettel"]["4G"]["villages"]
    assert got["declared"] == 1
    assert got["both"] + got["declared_not_predicted"] == got["declared"]


def test_an_operators_prediction_is_an_audit_of_its_sites_alone(audited, tmp_path, monkeypatch):
    """Predicted shares for Viettel 4G equal the 4G shares of an audit whose site list
    holds only Viettel's site (the operator's own prediction, not the best server's)."""
    import tests.io.helpers as helpers

    alone = site_rows()
    alone = alone[alone["Nhà mạng"] == "Viettel"].reset_index(drop=True)
    monkeypatch.setattr(helpers, "site_rows", lambda: alone)
    solo = audit_small_study_with_dem(tmp_path / "solo", "--no-cache")
    villages = pd.read_csv(solo / "villages.csv", dtype={"village_id": str})
    table = pd.read_csv(audited / "declared_vs_predicted.csv", dtype={"id": str})
    mine = table[(table["operator"] == "Viettel") & (table["level"] == "village")]
    share = villages.set_index("village_id")["share_4g"]
    for _, row in mine.iterrows():
        assert row["predicted"] == pytest.approx(share[row["id"]], abs=1e-4)
    assert (mine["predicted"] > 0).any()


def test_a_raster_without_its_pair_is_refused(tmp_path):
    from coverage_planner.coverage.terrain.declared import declared_grids
    from coverage_planner.coverage.terrain.grid import Grid
    from coverage_planner.errors import InputFileError

    files = declared_files(tmp_path)
    nameless = tmp_path / "coverage.tif"
    files[1].rename(nameless)
    grid = Grid.covering((X0, Y0, X0 + 3000, Y0 + 3000), 100.0, "EPSG:32648")
    with pytest.raises(InputFileError, match="Viettel_4G"):
        declared_grids([nameless], grid)
