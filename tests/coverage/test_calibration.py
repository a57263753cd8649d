"""Measurements against the prediction, and calibration: synthetic drive tests from a
truth that is not the model (the 3GPP TR 36.942 macro-cell law, plus lognormal
shadowing) on flat ground, where the model's best K1, K2 follow from the truth by hand;
the held-out part never moves the fit."""

from __future__ import annotations

import math
from dataclasses import replace
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from coverage_planner.coverage.terrain.measurements import (
    calibrate,
    calibrated_toml,
    comparison_table,
    diffraction_db,
    error_summary,
    held_out_split,
    prediction_terms,
    read_measurements,
)
from coverage_planner.coverage.terrain.model import flat_terrain
from coverage_planner.params import Parameters, TerrainParams

CRS = 32648
X0, Y0 = 400_000.0, 2_450_000.0
MAST = 30.0


def truth_loss(d_km, f_mhz, dh=MAST):
    """3GPP TR 36.942 §4.5.2 macro cell: L = 40(1 − 4e-3 Δh) log10 R − 18 log10 Δh
    + 21 log10 f + 80 dB (R in km, f in MHz, Δh the antenna above the rooftops)."""
    return 40 * (1 - 4e-3 * dh) * np.log10(d_km) - 18 * math.log10(dh) + 21 * math.log10(f_mhz) + 80


@pytest.fixture(scope="module")
def campaign():
    p = Parameters(model="terrain", terrain=TerrainParams(workers=1, near_range_km=4.0))
    techs = dict(p.technologies)
    # reaches 9 km; no downtilt: the truth knows no antenna pattern
    techs["4G"] = replace(techs["4G"], tx_power_dbm=30.0, max_range_km=9.0, downtilt_deg=0.0)
    p = replace(p, technologies=techs)
    side = 24_000.0
    terrain = flat_terrain((X0, Y0, X0 + side, Y0 + side), CRS, 300.0, p, ["4G"])
    rng = np.random.default_rng(5)
    xy = rng.uniform([X0 + 6000, Y0 + 6000], [X0 + 18000, Y0 + 18000], (6, 2))
    sites = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i}" for i in range(6)],
            "serves_2g": False,
            "serves_3g": False,
            "serves_4g": True,
            "serves_5g": False,
            "radius_km": np.nan,
            "antenna_height_m": MAST,
            "azimuths": "",
            "beamwidth_deg": np.nan,
        },
        geometry=shapely.points(xy),
        crs=CRS,
    )
    n = 3000
    site = rng.integers(0, 6, n)
    d = rng.uniform(0.6, 5.5, n) * 1000
    theta = rng.uniform(0, 2 * np.pi, n)
    px, py = xy[site, 0] + d * np.sin(theta), xy[site, 1] + d * np.cos(theta)
    tp = p.technologies["4G"]
    eirp = tp.tx_power_dbm + tp.antenna_gain_dbi - tp.feeder_loss_db
    # the truth uses the point's own distance; lognormal shadowing σ = 6 dB
    dist = np.hypot(px - xy[site, 0], py - xy[site, 1]) / 1000
    level = eirp - truth_loss(dist, tp.frequency_mhz) + rng.normal(0, 6.0, n)
    points = gpd.GeoDataFrame(
        {"technology": "4G", "measured_dbm": level, "site_id": [f"S{i}" for i in site]},
        geometry=shapely.points(px, py),
        crs=CRS,
    ).to_crs(4326)
    result = SimpleNamespace(terrain=terrain, sites=sites, technologies=["4G"], rasters=None)
    return p, result, points


def expected_k(p):
    """The model's K1, K2 that equal the truth on flat ground (H_eff = mast height):
    K1 + K3 log H + K6 h_m = A_truth and K2 + K5 log H = B_truth."""
    tp = p.technologies["4G"]
    _, _, k3, _, k5, k6 = tp.spm_k("rural")
    a = -18 * math.log10(MAST) + 21 * math.log10(tp.frequency_mhz) + 80
    b = 40 * (1 - 4e-3 * MAST)
    lh = math.log10(MAST)
    return a - k3 * lh - k6 * 1.5, b - k5 * lh


def test_calibration_recovers_the_truths_coefficients(campaign):
    p, result, points = campaign
    terms = prediction_terms(points, result, p)
    assert terms["ld"].notna().mean() > 0.99
    report, calibrated = calibrate(terms, p)
    got = report["technologies"]["4G"]
    k1, k2 = expected_k(p)
    assert got["k2"] == pytest.approx(k2, abs=1.0)
    assert got["k1"] == pytest.approx(k1, abs=1.0)
    assert got["fitted"] == ["k1", "k2"]  # flat ground: nothing diffracted, K4 kept
    # before: Hata is not the truth; after: the noise is left, unbiased
    assert abs(got["before"]["mean_error_db"]) > 3
    assert abs(got["after"]["mean_error_db"]) <= 1.0
    assert got["after"]["rmse_db"] == pytest.approx(6.0, abs=0.6)
    assert got["held_out_points"] == 900 and got["training_points"] == 2100
    assert calibrated.technologies["4G"].k1 == pytest.approx(got["k1"], abs=1e-3)


def test_the_held_out_part_never_moves_the_fit(campaign):
    p, result, points = campaign
    terms = prediction_terms(points, result, p)
    report, _ = calibrate(terms, p)
    _, test = held_out_split(len(terms))
    spoiled = terms.copy()
    spoiled.iloc[test, spoiled.columns.get_loc("measured_dbm")] += 40.0
    again, _ = calibrate(spoiled, p)
    for k in ("k1", "k2", "k4"):
        assert again["technologies"]["4G"][k] == report["technologies"]["4G"][k]
    # while the held-out errors do see the change
    assert again["technologies"]["4G"]["after"]["mean_error_db"] == pytest.approx(
        report["technologies"]["4G"]["after"]["mean_error_db"] - 40.0, abs=0.01
    )


def test_comparison_table_and_summary(campaign, tmp_path):
    p, result, points = campaign
    terms = prediction_terms(points.head(200), result, p)
    table = comparison_table(terms, p)
    assert list(table.columns[:7]) == [
        "technology", "site_id", "measured_dbm", "predicted_dbm", "error_db", "distance_km", "los",
    ]  # fmt: skip
    np.testing.assert_allclose(
        table["error_db"], table["predicted_dbm"] - table["measured_dbm"], atol=0.011
    )
    # flat ground, H_eff = mast: the prediction is Hata's formula at the distance
    from coverage_planner.coverage.terrain import radio

    tp = p.technologies["4G"]
    a, b = radio.hata_terms(tp.frequency_mhz, MAST)
    d = table["distance_km"].to_numpy()
    vertical = np.minimum(12 * (np.degrees(np.arctan2(MAST - 1.5, 1000 * d)) / 10) ** 2, 20)
    hata = (
        tp.tx_power_dbm
        + tp.antenna_gain_dbi
        - tp.feeder_loss_db
        - (a + b * np.log10(d))
        - vertical  # the antenna's vertical pattern, no downtilt
    )
    np.testing.assert_allclose(table["predicted_dbm"], hata, atol=0.02)
    s = error_summary(table)["4G"]
    assert s["points"] == 200
    assert s["rmse_db"] == pytest.approx(float(np.sqrt((table["error_db"] ** 2).mean())), abs=0.01)
    # the calibrated configuration reads back as parameters
    report, _ = calibrate(prediction_terms(points, result, p), p)
    path = tmp_path / "calibrated.toml"
    path.write_text(calibrated_toml(report, {"coverage": {"village_area_share": 0.4}}), "utf-8")
    back = Parameters.from_toml(path)
    assert back.technologies["4G"].k1 == pytest.approx(report["technologies"]["4G"]["k1"])
    assert back.village_area_share == 0.4


def test_measurement_files_with_vietnamese_headers(tmp_path):
    frame = pd.DataFrame(
        {
            "Kinh độ": [103.1, 103.2],
            "Vĩ độ": [22.3, 22.4],
            "Công nghệ": ["LTE", "3G"],
            "Mức thu (dBm)": ["-95,5", "-101"],
            "Mã trạm": ["LCU001", None],
        }
    )
    frame.to_csv(tmp_path / "do_kiem.csv", index=False)
    got = read_measurements(tmp_path / "do_kiem.csv")
    assert got["technology"].tolist() == ["4G", "3G"]
    assert got["measured_dbm"].tolist() == [-95.5, -101.0]
    assert got["site_id"].iloc[0] == "LCU001" and pd.isna(got["site_id"].iloc[1])
    frame.rename(columns={"Mức thu (dBm)": "RSRP"}).drop(columns=["Công nghệ"]).to_excel(
        tmp_path / "rsrp.xlsx", index=False
    )
    assert read_measurements(tmp_path / "rsrp.xlsx")["technology"].tolist() == ["4G", "4G"]


def test_audit_measurements_and_the_calibrate_command(tmp_path):
    import json

    import rasterio

    from coverage_planner import cli
    from tests.coverage.test_terrain import audit_small_study_with_dem

    out = audit_small_study_with_dem(tmp_path / "first")
    with rasterio.open(out / "level_4g.tif") as src:
        level = src.read(1)
        transform, crs = src.transform, src.crs
    rng = np.random.default_rng(9)
    rows, cols = np.nonzero(level > -200)
    pick = rng.choice(len(rows), 300, replace=False)
    r, c = rows[pick], cols[pick]
    xs, ys = rasterio.transform.xy(transform, r, c)
    pts = gpd.GeoSeries(gpd.points_from_xy(xs, ys), crs=crs).to_crs(4326)
    measured = level[r, c] + rng.normal(0, 4.0, len(r)) - 6.0  # 6 dB under the model
    pd.DataFrame({"Kinh độ": pts.x, "Vĩ độ": pts.y, "RSRP": measured}).to_csv(
        tmp_path / "do_kiem.csv", index=False
    )
    again = audit_small_study_with_dem(
        tmp_path / "second", "--measurements", str(tmp_path / "do_kiem.csv")
    )
    table = pd.read_csv(again / "measurements_vs_prediction.csv")
    assert len(table) == 300 and set(table["technology"]) == {"4G"}
    # the prediction at each point is the best server's level in the grid
    np.testing.assert_allclose(table["predicted_dbm"], level[r, c], atol=0.02)
    summary = json.loads((again / "summary.json").read_text(encoding="utf-8"))["measurements"]
    assert summary["4G"]["points"] == 300
    assert summary["4G"]["mean_error_db"] == pytest.approx(table["error_db"].mean(), abs=0.01)
    assert 4 < summary["4G"]["mean_error_db"] < 8
    # the residual map: the same points, measured and predicted apart, classed by error
    from coverage_planner.coverage.terrain.residuals import error_class

    residuals = gpd.read_file(again / "measurements_vs_prediction.gpkg")
    assert len(residuals) == 300
    np.testing.assert_allclose(residuals.geometry.x, pts.x, atol=1e-9)
    np.testing.assert_allclose(residuals["measured_dbm"], table["measured_dbm"], atol=1e-9)
    np.testing.assert_allclose(residuals["predicted_dbm"], table["predicted_dbm"], atol=1e-9)
    assert (residuals["error_class"] == error_class(table["error_db"].to_numpy())).all()
    assert error_class(np.array([-12.0, -5.0, 0.0, 3.0, 3.5, 11.0, np.nan])).tolist() == [
        "under_10", "under_3", "within_3", "within_3", "over_3", "over_10", "",
    ]  # fmt: skip
    import sqlite3

    with sqlite3.connect(again / "measurements_vs_prediction.gpkg") as db:
        (qml,) = db.execute("SELECT styleQML FROM layer_styles").fetchone()
    assert 'attr="error_class"' in qml
    cal = tmp_path / "cal"
    study = tmp_path / "first"
    code = cli.main(
        [
            "calibrate",
            "--communes", str(study / "xa.gpkg"),
            "--sites", str(study / "bts.csv"),
            "--dem", str(study / "dem.tif"),
            "--measurements", str(tmp_path / "do_kiem.csv"),
            "--out", str(cal),
        ]
    )  # fmt: skip
    assert code == 0
    report = json.loads((cal / "calibration.json").read_text(encoding="utf-8"))["technologies"]
    assert report["4G"]["points"] == 300 and report["4G"]["held_out_points"] == 90
    assert abs(report["4G"]["after"]["mean_error_db"]) < 1.5
    assert report["4G"]["after"]["rmse_db"] < report["4G"]["before"]["rmse_db"]
    back = Parameters.from_toml(cal / "calibrated.toml")
    assert back.technologies["4G"].k1 == pytest.approx(report["4G"]["k1"])


def test_heights_that_spread_let_k3_k5_and_k4_be_fitted():
    """Terms with effective heights from 15 to 400 m and a third of the points behind an
    obstacle: K1..K5 of a known law come back (noise 6 dB, 3,000 points); with the
    heights all alike K3 and K5 keep their defaults."""
    p = Parameters(model="terrain")
    f = p.technologies["3G"].frequency_mhz
    rng = np.random.default_rng(8)
    n = 3000
    ld = rng.uniform(np.log10(0.3), np.log10(15.0), n)
    lh = rng.uniform(np.log10(15.0), np.log10(400.0), n)
    g = np.where(rng.random(n) < 0.35, rng.uniform(0.5, 60.0, n), -3e38)
    terms = pd.DataFrame(
        {
            "technology": "3G",
            "measured_dbm": 0.0,
            "ld": ld,
            "lh": lh,
            "slope": 0.0,
            "d_km": 10**ld,
            "g": g,
            "clutter_db": 0.0,
            "eirp_gain": 50.0,
        }
    )
    true = {"k1": 150.0, "k2": 41.0, "k3": -9.0, "k4": 0.7, "k5": -4.0}
    diff = diffraction_db(g, 10**ld, f)
    loss = true["k1"] + true["k2"] * ld + true["k3"] * lh + true["k4"] * diff
    loss += true["k5"] * ld * lh + p.technologies["3G"].spm_k("rural")[5] * 1.5
    terms["measured_dbm"] = 50.0 - loss + rng.normal(0, 6.0, n)
    got = calibrate(terms, p)[0]["technologies"]["3G"]
    assert got["fitted"] == ["k1", "k2", "k3", "k4", "k5"]

    # K2/K5 and K1/K3 trade against each other (log d and log d·log H go together): the
    # law they make is what the data fix, within 1.5 dB over the range of the points
    def law(k, ld, lh):
        return k["k1"] + k["k2"] * ld + k["k3"] * lh + k["k5"] * ld * lh

    for x in (-0.5, 0.0, 0.5, 1.1):
        for h in (1.2, 1.8, 2.5):
            assert law(got, x, h) == pytest.approx(law(true, x, h), abs=1.5), (x, h)
    assert got["k4"] == pytest.approx(true["k4"], abs=0.05)
    assert got["after"]["rmse_db"] == pytest.approx(6.0, abs=0.4)
    same = terms.assign(lh=np.log10(30.0))
    kept = calibrate(same, p)[0]["technologies"]["3G"]
    assert "k3" not in kept["fitted"] and "k5" not in kept["fitted"]
    assert kept["k3"] == pytest.approx(p.technologies["3G"].spm_k("rural")[2])


def test_clutter_loss_is_not_counted_twice_after_calibration():
    """Points all standing in 12 dB clutter: the fit must not fold the clutter into K1
    (the prediction subtracts it again), so the calibrated held-out error stays
    unbiased."""
    p = Parameters(model="terrain")
    rng = np.random.default_rng(4)
    n = 1000
    ld = rng.uniform(-0.3, 1.0, n)
    lh = np.full(n, np.log10(30.0))
    k = p.technologies["4G"].spm_k("rural")
    loss = 140.0 + 38.0 * ld + k[2] * lh + k[4] * ld * lh + k[5] * 1.5 + 12.0
    terms = pd.DataFrame(
        {
            "technology": "4G",
            "measured_dbm": 45.0 - loss + rng.normal(0, 5.0, n),
            "ld": ld,
            "lh": lh,
            "slope": 0.0,
            "d_km": 10**ld,
            "g": -3e38,
            "clutter_db": 12.0,
            "eirp_gain": 45.0,
        }
    )
    got = calibrate(terms, p)[0]["technologies"]["4G"]
    assert abs(got["after"]["mean_error_db"]) < 1.0
    assert got["k1"] == pytest.approx(140.0, abs=1.5)


def test_land_cover_losses_are_fitted_per_class():
    """Two classes whose true losses are 4 and 15 dB, both 12 in the table: the fit
    keeps the most measured class (forest, 10) at 12 and moves the other (cropland, 40)
    by the difference the points show (−11 dB, within 1 dB); calibrated.toml carries it
    and reads back; the held-out error falls to the noise."""
    import tomllib

    p = Parameters(model="terrain")
    p = replace(p, terrain=replace(p.terrain, clutter_loss_db=((10, 12.0), (40, 12.0))))
    rng = np.random.default_rng(9)
    n = 2000
    ld = rng.uniform(-0.3, 1.0, n)
    lh = np.full(n, np.log10(30.0))
    cls = np.where(rng.random(n) < 0.6, 10, 40)
    true_clutter = np.where(cls == 10, 15.0, 4.0)
    k = p.technologies["4G"].spm_k("rural")
    loss = 140.0 + 38.0 * ld + k[2] * lh + k[4] * ld * lh + k[5] * 1.5 + true_clutter
    terms = pd.DataFrame(
        {
            "technology": "4G",
            "measured_dbm": 45.0 - loss + rng.normal(0, 5.0, n),
            "ld": ld,
            "lh": lh,
            "slope": 0.0,
            "d_km": 10**ld,
            "g": -3e38,
            "clutter_db": 12.0,
            "eirp_gain": 45.0,
            "clutter_class": cls,
        }
    )
    report, calibrated = calibrate(terms, p)
    fitted = report["clutter"]
    assert fitted["10"]["reference"] and fitted["10"]["loss_db"] == 12.0
    assert fitted["40"]["loss_db"] == pytest.approx(12.0 - 11.0, abs=1.0)
    got = report["technologies"]["4G"]
    assert got["after"]["rmse_db"] == pytest.approx(5.0, abs=0.4)
    assert abs(got["after"]["mean_error_db"]) < 0.6
    assert dict(calibrated.terrain.clutter_loss_db)[40] == fitted["40"]["loss_db"]
    text = calibrated_toml(report)
    back = Parameters.from_mapping(tomllib.loads(text))
    assert dict(back.terrain.clutter_loss_db)[40] == pytest.approx(fitted["40"]["loss_db"])
    # without classes the same points leave a class-sized error
    plain = calibrate(terms.drop(columns="clutter_class"), p)[0]["technologies"]["4G"]
    assert plain["after"]["rmse_db"] > got["after"]["rmse_db"] + 0.5
