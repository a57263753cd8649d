"""The bundled demo province: rebuilt byte for byte, and shaped like Lai Châu."""

from __future__ import annotations

import hashlib

import numpy as np
import rasterio

from coverage_planner.sample import FILES, generate
from tests.conftest import GIS_DATA


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generator_rebuilds_the_bundled_files_byte_for_byte(tmp_path):
    written = generate(tmp_path)
    assert [p.name for p in written] == list(FILES)
    for name in FILES:
        assert sha256(tmp_path / name) == sha256(GIS_DATA / name), (
            f"{name} differs from gis_data/{name}"
        )


def test_demo_is_small_and_labelled_synthetic():
    total = sum(p.stat().st_size for p in GIS_DATA.iterdir())
    assert total < 15 * 1024 * 1024
    readme = (GIS_DATA / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme.lower() and "demo-data" in readme


def test_demo_province_looks_like_lai_chau(demo_inputs):
    communes, villages, sites = demo_inputs.communes, demo_inputs.villages, demo_inputs.sites
    assert 90 <= len(communes) <= 110
    assert communes["district"].nunique() == 8
    assert 1000 <= len(villages) <= 1200
    assert 1700 <= len(sites) <= 1900
    assert 8500 <= communes.geometry.area.sum() / 1e6 <= 9500
    assert set(sites["operator"]) == {"Viettel", "VinaPhone", "MobiFone", "Vietnamobile"}
    share = {t: sites[f"serves_{t}"].mean() for t in ("2g", "3g", "4g")}
    assert share["2g"] > 0.95 and 0.5 < share["3g"] < share["2g"] and share["4g"] < share["3g"]
    assert villages.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert villages["village_name"].str.contains("[ảạằẩẫậềểễệỉịọồổỗộờởỡợụủứừửữựỳỵỷỹđ]").mean() > 0.5
    assert villages["population"].gt(0).all()
    assert sites["antenna_height_m"].between(10, 60).all()
    assert (sites["azimuths"] != "").all()
    assert not [f for f in demo_inputs.findings if f.severity != "info"]


def test_demo_dem_is_mountainous_with_villages_in_valleys(demo_inputs):
    with rasterio.open(GIS_DATA / "dem.tif") as src:
        dem = src.read(1)
        assert 30 <= src.res[0] <= 90
        pts = demo_inputs.villages.geometry.representative_point().to_crs(src.crs)
        at_villages = np.array(list(src.sample(zip(pts.x, pts.y, strict=True))))[:, 0]
    assert dem.min() < 600 and dem.max() > 2500
    assert np.median(at_villages) < np.median(dem)
