"""Year over year across a merge and a split, with the answer worked out by hand.

2024: four communes P1..P4 (10 × 10 km side by side). 2025: P1 and P2 merged into
M12, P3 split into S3a (west) and S3b (east), P4 unchanged. Seven 2 × 2 km villages
keep their ids. 4G sites of 2 km radius sit on village centres, so each covers its
village whole and no other: 2024 at V1, V4, V5; 2025 at V1 (same code), V5 (new
code, same place), V3, V6, V7 (new), and V4's site is gone.
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from coverage_planner import cli

KM = 1000.0
X0, Y0 = 300_000.0, 2_450_000.0
CENTRES = {
    "V1": (2, 2),
    "V2": (6, 6),
    "V3": (13, 2),
    "V4": (22, 2),
    "V5": (27, 2),
    "V6": (28, 6),
    "V7": (32, 2),
}
DISK = 0.5 * 64 * (2 * KM) ** 2 * math.sin(2 * math.pi / 64)  # a 2 km disk polygon of 64 segments


def box(x0, y0, x1, y1):
    return shapely.box(X0 + x0 * KM, Y0 + y0 * KM, X0 + x1 * KM, Y0 + y1 * KM)


def write_year(folder, communes, sites):
    folder.mkdir()
    gpd.GeoDataFrame(
        {"ma_xa": list(communes), "ten_xa": [f"Xã {c}" for c in communes]},
        geometry=list(communes.values()),
        crs=32648,
    ).to_file(folder / "xa.gpkg")
    gpd.GeoDataFrame(
        {"ma_ban": list(CENTRES), "ten_ban": [f"Bản {v}" for v in CENTRES], "dan_so": 100},
        geometry=[box(x - 1, y - 1, x + 1, y + 1) for x, y in CENTRES.values()],
        crs=32648,
    ).to_file(folder / "ban.gpkg")
    to_ll = Transformer.from_crs(32648, 4326, always_xy=True)
    rows = []
    for code, village in sites.items():
        x, y = CENTRES[village]
        lon, lat = to_ll.transform(X0 + x * KM, Y0 + y * KM)
        rows.append(
            {
                "Mã trạm": code,
                "Kinh độ": lon,
                "Vĩ độ": lat,
                "Công nghệ": "4G",
                "Bán kính (km)": 2.0,
                "Nhà mạng": "Viettel",
            }
        )
    pd.DataFrame(rows).to_csv(folder / "bts.csv", index=False)


def audit(folder, out, *extra):
    args = [
        "audit",
        "--communes",
        str(folder / "xa.gpkg"),
        "--villages",
        str(folder / "ban.gpkg"),
        "--sites",
        str(folder / "bts.csv"),
        "--out",
        str(out),
        "--quiet",
        "--no-maps",
        "--no-atlas",
        "--no-workbook",
        "--no-kmz",
        *extra,
    ]
    assert cli.main(args) == 0


@pytest.fixture(scope="module")
def yoy(tmp_path_factory):
    root = tmp_path_factory.mktemp("yoy")
    write_year(
        root / "in2024",
        {
            "P1": box(0, 0, 10, 10),
            "P2": box(10, 0, 20, 10),
            "P3": box(20, 0, 30, 10),
            "P4": box(30, 0, 40, 10),
        },
        {"A1": "V1", "A4": "V4", "A5": "V5"},
    )
    write_year(
        root / "in2025",
        {
            "M12": box(0, 0, 20, 10),
            "S3a": box(20, 0, 25, 10),
            "S3b": box(25, 0, 30, 10),
            "P4": box(30, 0, 40, 10),
        },
        {"A1": "V1", "B5": "V5", "B3": "V3", "B6": "V6", "B7": "V7"},
    )
    audit(root / "in2024", root / "audit2024")
    audit(root / "in2025", root / "audit2025", "--previous", str(root / "audit2024"))
    return root / "audit2025"


def read(folder, name):
    return pd.read_csv(folder / name, encoding="utf-8-sig", keep_default_na=False, na_values=[""])


def test_commune_figures_carried_through_the_villages(yoy):
    c = read(yoy, "yoy_communes.csv").set_index("commune_id")
    expected = {  # this year, last year (%, villages with 4G)
        "M12": (200 / 3, 100 / 3),
        "S3a": (0.0, 100.0),
        "S3b": (100.0, 50.0),
        "P4": (100.0, 0.0),
    }
    for cid, (now, before) in expected.items():
        assert c.loc[cid, "villages_covered_4g_pct"] == pytest.approx(now)
        assert c.loc[cid, "villages_covered_4g_pct_last_year"] == pytest.approx(before)
        assert c.loc[cid, "villages_covered_4g_pct_change"] == pytest.approx(now - before)
    assert c.loc["M12", "villages_last_year"] == 3 and c.loc["S3b", "villages_last_year"] == 2


def test_area_carried_through_the_crosswalk(yoy):
    c = read(yoy, "yoy_communes.csv").set_index("commune_id")
    # P3 had two disks covered; half of P3 goes to each of S3a, S3b (5 × 10 km each).
    assert c.loc["S3a", "area_covered_4g_pct_last_year"] == pytest.approx(
        100 * DISK / 50e6, rel=1e-6
    )
    assert c.loc["S3b", "area_covered_4g_pct_last_year"] == pytest.approx(
        100 * DISK / 50e6, rel=1e-6
    )
    assert c.loc["M12", "area_covered_4g_pct_last_year"] == pytest.approx(
        100 * DISK / 200e6, rel=1e-6
    )
    x = read(yoy, "yoy_crosswalk.csv")
    p3 = x[x["previous_commune_id"] == "P3"].set_index("commune_id")
    assert p3["share_of_previous"].to_dict() == pytest.approx({"S3a": 0.5, "S3b": 0.5})
    assert p3.loc["S3a", "overlap_km2"] == pytest.approx(50.0)


def test_merges_and_splits_are_reported(yoy):
    b = read(yoy, "yoy_boundary_changes.csv")
    merged = b[b["change"] == "merged"]
    split = b[b["change"] == "split"]
    assert merged["commune_id"].tolist() == ["M12"] and merged["previous_commune_ids"].tolist() == [
        "P1; P2"
    ]
    assert split["previous_commune_ids"].tolist() == ["P3"] and split["commune_id"].tolist() == [
        "S3a; S3b"
    ]


def test_sites_added_removed_and_recoded(yoy):
    s = read(yoy, "yoy_sites.csv")
    status = {
        (r.status, r.site_id if isinstance(r.site_id, str) else r.previous_site_id)
        for r in s.itertuples()
    }
    assert status == {
        ("kept", "A1"),
        ("recoded", "B5"),
        ("added", "B3"),
        ("added", "B6"),
        ("added", "B7"),
        ("removed", "A4"),
    }
    assert s.set_index("site_id").loc["B5", "previous_site_id"] == "A5"


def test_villages_newly_covered_and_uncovered(yoy):
    v = read(yoy, "yoy_villages.csv")
    v4g = v[v["technology"] == "4G"]
    assert sorted(v4g[v4g["change"] == "newly covered"]["village_id"]) == ["V3", "V6", "V7"]
    assert v4g[v4g["change"] == "newly uncovered"]["village_id"].tolist() == ["V4"]


def test_province_summary_compared(yoy):
    s = json.loads((yoy / "yoy_summary.json").read_text(encoding="utf-8"))
    v = s["villages_covered_pct"]["4G"]
    assert v["this_year"] == pytest.approx(500 / 7) and v["last_year"] == pytest.approx(300 / 7)
    assert v["change"] == pytest.approx(200 / 7)
    assert s["communes"] == {"this_year": 4, "last_year": 4, "change": 0}


def test_run_json_records_inputs_with_checksums(yoy):
    import hashlib

    run = json.loads((yoy / "run.json").read_text(encoding="utf-8"))
    inputs = {r["layer"]: r for r in run["inputs"]}
    for layer, name in (("communes", "xa.gpkg"), ("villages", "ban.gpkg"), ("sites", "bts.csv")):
        path = yoy.parent / "in2025" / name
        assert inputs[layer]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert inputs[layer]["bytes"] == path.stat().st_size
    assert run["started"] <= run["finished"]
    assert run["versions"]["coverage_planner"] and run["versions"]["gdal"]
    assert run["parameters"]["village_area_share"] == 0.5
    assert run["previous_audit"].endswith("audit2024")
    log = (yoy / "audit.log").read_text(encoding="utf-8")
    assert "1 merged commune(s), 1 split commune(s)" in log
