"""A synthetic measurement campaign on the demo province, and the model calibrated on it.

The truth is not the model: levels follow the 3GPP TR 36.942 §4.5.2 macro-cell law,
L = 40(1 − 4e-3 Δh) log10 R − 18 log10 Δh + 21 log10 f + 80 dB, with Δh the antenna's
effective height over the terrain (capped at 100 m, the law's range), plus 0.6 × the
Bullington diffraction loss over the path and lognormal shadowing (σ = 7 dB). Points:
2,000 per technology at random cells the model gives a best server, each with that
site as its serving cell. The model (Hata/COST-231 defaults) is calibrated on 70 % and
scored on the seeded held-out 30 %.

Run on demand:  uv run python benchmarks/bench_calibration.py
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coverage_planner.coverage.engine import run  # noqa: E402
from coverage_planner.coverage.terrain.measurements import (  # noqa: E402
    calibrate,
    diffraction_db,
    prediction_terms,
)
from coverage_planner.demo import demo_files  # noqa: E402
from coverage_planner.io.inputs import load_inputs  # noqa: E402
from coverage_planner.params import Parameters  # noqa: E402

POINTS = 2000
SIGMA_DB = 7.0


def truth_loss(d_km, f_mhz, dh):
    dh = np.clip(dh, 1.0, 100.0)
    return 40 * (1 - 4e-3 * dh) * np.log10(d_km) - 18 * np.log10(dh) + 21 * math.log10(f_mhz) + 80


def main() -> None:
    print(f"machine: {os.cpu_count()} cores")
    inputs = load_inputs(demo_files())
    if os.environ.get("BENCH_SITES"):  # a quick check of the script on fewer sites
        inputs.sites = inputs.sites.iloc[: int(os.environ["BENCH_SITES"])]
    params = Parameters(model="terrain")
    t0 = time.perf_counter()
    result = run(inputs, params=params)
    print(f"terrain model on the demo: {time.perf_counter() - t0:.1f} s")
    rng = np.random.default_rng(42)
    grid = result.terrain.grid
    frames = []
    for tech in result.technologies:
        if tech not in result.rasters:
            continue
        server = result.rasters[tech].server
        rows, cols = np.nonzero(server >= 0)
        pick = rng.choice(len(rows), min(POINTS, len(rows)), replace=False)
        r, c = rows[pick], cols[pick]
        x = grid.transform.c + (c + 0.5) * grid.res
        y = grid.transform.f - (r + 0.5) * grid.res
        frames.append(
            gpd.GeoDataFrame(
                {
                    "technology": tech,
                    "measured_dbm": np.nan,
                    "site_id": result.sites["site_id"].astype(str).to_numpy()[server[r, c]],
                },
                geometry=gpd.points_from_xy(x, y),
                crs=result.sites.crs,
            )
        )
    points = gpd.pd.concat(frames, ignore_index=True)
    terms = prediction_terms(points, result, params)
    terms = terms.dropna(subset=["ld"]).copy()
    for tech, group in terms.groupby("technology"):
        f = params.technologies[tech].frequency_mhz
        diff = diffraction_db(group["g"].to_numpy(), group["d_km"].to_numpy(), f)
        loss = truth_loss(group["d_km"].to_numpy(), f, 10 ** group["lh"].to_numpy()) + 0.6 * diff
        noise = rng.normal(0, SIGMA_DB, len(group))
        terms.loc[group.index, "measured_dbm"] = group["eirp_gain"].to_numpy() - loss + noise
        terms.loc[group.index, "noise_db"] = noise
    report, calibrated = calibrate(terms, params)
    print(
        f"truth: 3GPP TR 36.942 macro law on H_eff + 0.6 x Bullington + {SIGMA_DB:g} dB "
        "lognormal shadowing; held-out 30 %"
    )
    for tech, r in report["technologies"].items():
        print(
            f"{tech}: {r['points']} points ({r['held_out_points']} held out); uncalibrated mean "
            f"{r['before']['mean_error_db']:+.2f} dB RMSE {r['before']['rmse_db']:.2f} dB; "
            f"calibrated mean {r['after']['mean_error_db']:+.2f} dB RMSE "
            f"{r['after']['rmse_db']:.2f} dB; fitted {', '.join(r['fitted'])}: "
            + ", ".join(f"K{i} {r[f'k{i}']:.2f}" for i in range(1, 6))
        )
    floor_and_figure(terms, params, calibrated)


def floor_and_figure(terms, params, calibrated) -> None:
    """The truth's own irreducible spread on the same held-out points (the RMSE of its
    shadowing alone, what a perfect model of the mean would score), and a figure of
    the calibrated held-out errors against that spread."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coverage_planner.coverage.terrain.measurements import held_out_split, predicted_dbm

    usable = terms.dropna(subset=["ld", "lh", "eirp_gain"])
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
    for ax, (tech, group) in zip(axes, usable.groupby("technology"), strict=False):
        _, test = held_out_split(len(group))
        held = group.iloc[test]
        noise = held["noise_db"].to_numpy()
        error = predicted_dbm(held, str(tech), calibrated) - held["measured_dbm"].to_numpy()
        floor = float(np.sqrt((noise**2).mean()))
        structural = error + noise  # the calibrated model's error of the truth's mean
        print(
            f"{tech}: irreducible spread of the truth on these held-out points (its "
            f"shadowing alone) {floor:.2f} dB RMSE; calibrated model {np.sqrt((error**2).mean()):.2f}"
            f" dB; the model's own error of the truth's mean {np.sqrt((structural**2).mean()):.2f}"
            " dB RMSE"
        )
        bins = np.linspace(-30, 30, 61)
        ax.hist(-noise, bins, alpha=0.5, label=f"truth's shadowing alone ({floor:.1f} dB)")
        ax.hist(
            error, bins, alpha=0.5, label=f"calibrated model ({np.sqrt((error**2).mean()):.1f} dB)"
        )
        ax.set_title(f"{tech}: held-out error, dB")
        ax.legend(fontsize=7)
    axes[0].set_ylabel("points")
    out = Path(__file__).resolve().parent / "figures" / "calibration_held_out.png"
    out.parent.mkdir(exist_ok=True)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"figure: {out.relative_to(out.parents[2])}")


if __name__ == "__main__":
    main()
