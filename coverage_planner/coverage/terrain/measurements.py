"""Measured levels (drive tests, crowd-sourced apps) against the terrain model's
prediction, and the calibration of the model's coefficients on them.

A measurement is a point with a technology and a level in dBm (LTE RSRP, 3G RSCP, 2G
RxLev), and optionally the site that served it; without one it is compared with the
best server's predicted level there. Measured and predicted levels are kept in
separate columns and never mixed.

Calibration fits K1 and K2 (and K4, the diffraction weight, where the points support
it) per technology by least squares on a training part and reports the error before
and after on a held-out part (30 %, seeded) that the fit never sees.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain import radio
from coverage_planner.errors import InputFileError
from coverage_planner.params import Parameters

LEVEL_NAMES = (
    "measured_dbm", "level_dbm", "level", "rsrp", "rscp", "rxlev", "muc thu", "muc_thu",
    "signal_dbm", "dbm",
)  # fmt: skip
LON_NAMES = ("lon", "longitude", "long", "lng", "kinh do", "kinh_do", "x")
LAT_NAMES = ("lat", "latitude", "vi do", "vi_do", "y")
TECH_NAMES = ("technology", "tech", "cong nghe", "cong_nghe", "rat", "network")
SITE_NAMES = ("site_id", "ma tram", "ma_tram", "serving_site", "site")
TECH_WORDS = {
    "2G": "2G", "GSM": "2G", "3G": "3G", "UMTS": "3G", "WCDMA": "3G", "4G": "4G",
    "LTE": "4G", "5G": "5G", "NR": "5G",
}  # fmt: skip
LEVEL_TECH = {"rsrp": "4G", "rscp": "3G", "rxlev": "2G"}
HELD_OUT_SHARE = 0.3
SEED = 2025


def _plain(name: str) -> str:
    """A header without diacritics or case ("Mức thu" -> "muc thu")."""
    text = unicodedata.normalize("NFD", str(name).strip().lower()).replace("đ", "d")
    return "".join(c for c in text if not unicodedata.combining(c)).replace("(dbm)", "").strip()


def _column(frame: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    plain = {_plain(c): c for c in frame.columns}
    return next((plain[n] for n in names if n in plain), None)


def read_measurements(path: str | Path) -> gpd.GeoDataFrame:
    """Measurement points from a CSV or XLSX file (longitude/latitude in WGS 84).

    Returns a GeoDataFrame with ``technology``, ``measured_dbm`` and ``site_id`` (None
    where the file gives no serving site), in EPSG:4326.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(key="measurements.missing", file=path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        frame = pd.read_excel(path)
    else:
        frame = pd.read_csv(path, sep=None, engine="python", encoding="utf-8-sig")
    lon, lat = _column(frame, LON_NAMES), _column(frame, LAT_NAMES)
    level = _column(frame, LEVEL_NAMES)
    if lon is None or lat is None or level is None:
        raise InputFileError(key="measurements.columns", file=path)
    tech_col = _column(frame, TECH_NAMES)
    if tech_col is not None:
        tech = frame[tech_col].astype(str).str.upper().str.strip().map(TECH_WORDS)
    elif _plain(level) in LEVEL_TECH:
        tech = pd.Series(LEVEL_TECH[_plain(level)], index=frame.index)
    else:
        raise InputFileError(key="measurements.no_technology", file=path)
    values = pd.to_numeric(frame[level].astype(str).str.replace(",", "."), errors="coerce")
    x = pd.to_numeric(frame[lon], errors="coerce")
    y = pd.to_numeric(frame[lat], errors="coerce")
    ok = values.notna() & x.notna() & y.notna() & tech.notna()
    if not ok.any():
        raise InputFileError(key="measurements.no_rows", file=path)
    site_col = _column(frame, SITE_NAMES)
    site = frame[site_col].astype(object) if site_col else None
    out = gpd.GeoDataFrame(
        {
            "technology": tech[ok].to_numpy(),
            "measured_dbm": values[ok].to_numpy(dtype=float),
            "site_id": (
                np.array([None if pd.isna(v) else str(v) for v in site[ok]], dtype=object)
                if site is not None
                else np.full(int(ok.sum()), None, dtype=object)
            ),
        },
        geometry=gpd.points_from_xy(x[ok], y[ok]),
        crs="EPSG:4326",
    )
    return out


def prediction_terms(points: gpd.GeoDataFrame, result, params: Parameters) -> pd.DataFrame:
    """Per measurement: its serving site (given, else the best server) and the model's
    terms there (log d, log H_eff, diffraction, free space, EIRP + pattern gain), from
    the same computation as the grids (``model.tier_terms``)."""
    from coverage_planner.coverage.terrain.model import site_jobs, tier_sizes, tier_terms

    terrain = result.terrain
    grid = terrain.grid
    pts = points.to_crs(result.sites.crs)
    rows, cols = grid.cell_of(pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
    inside = (rows >= 0) & (rows < grid.height) & (cols >= 0) & (cols < grid.width)
    techs = list(result.technologies)
    site_ids = result.sites["site_id"].astype(str).to_numpy()
    by_id = {s: i for i, s in enumerate(site_ids)}
    n = len(pts)
    out = pd.DataFrame(
        {
            "technology": pts["technology"].to_numpy(),
            "measured_dbm": pts["measured_dbm"].to_numpy(),
            "site": np.full(n, -1),
            **{
                c: np.full(n, np.nan)
                for c in ("ld", "lh", "slope", "d_km", "g", "clutter_db", "eirp_gain")
            },
        },
        index=pts.index,
    )
    for i in range(n):
        tech = out["technology"].iat[i]
        if tech not in techs or not inside[i]:
            continue
        given = pts["site_id"].iat[i]
        if given is not None and given in by_id:
            out.iat[i, 2] = by_id[given]
        elif result.rasters is not None and tech in result.rasters:
            out.iat[i, 2] = int(result.rasters[tech].server[rows[i], cols[i]])
    jobs = {j.index: j for j in site_jobs(result.sites, grid, params, techs)}
    sizes = tier_sizes(params)
    for site, group in out[out["site"] >= 0].groupby("site"):
        job = jobs.get(int(site))
        if job is None:
            continue
        where = out.index.get_indexer(group.index)
        for tier, row0, col0, terms, gain, _ in tier_terms(job, params, terrain):
            a = rows[where] // sizes[tier] - row0
            b = cols[where] // sizes[tier] - col0
            ok = (a >= 0) & (a < terms.shape[0]) & (b >= 0) & (b < terms.shape[1])
            a, b, idx = a[ok], b[ok], where[ok]
            t = terms[a, b].astype(float)
            reached = np.isfinite(t[:, 0])
            a, b, idx, t = a[reached], b[reached], idx[reached], t[reached]
            for k, name in enumerate(("ld", "lh", "slope", "d_km", "g", "clutter_db")):
                out.iloc[idx, out.columns.get_loc(name)] = t[:, k]
            tp = {tech: params.technologies[tech] for tech in job.radius_m}
            from coverage_planner.coverage.terrain.model import eirp_dbm, tilt_of

            names = out["technology"].iloc[idx]
            eirp = np.array([eirp_dbm(job, tp[t]) if t in tp else np.nan for t in names])
            tilt = np.array([tilt_of(job, tp[t]) if t in tp else np.nan for t in names])
            out.iloc[idx, out.columns.get_loc("eirp_gain")] = eirp + _pattern(
                gain[a, b], t[:, 2], tilt, params
            )
    out["site_id"] = [site_ids[s] if s >= 0 else None for s in out["site"]]
    if getattr(terrain, "clutter_classes", None) is not None:
        classes = terrain.clutter_classes
        out["clutter_class"] = np.where(
            inside, classes[np.clip(rows, 0, grid.height - 1), np.clip(cols, 0, grid.width - 1)], -1
        ).astype(int)
    return out


def _pattern(gain_h, slope, tilt, params: Parameters) -> np.ndarray:
    """The antenna pattern toward each point, as the kernel computes it."""
    ter = params.terrain
    theta = np.degrees(np.arctan(slope)) - tilt
    vertical = np.minimum(12.0 * (theta / ter.vertical_beamwidth_deg) ** 2, ter.vertical_sla_db)
    return -np.minimum(vertical - gain_h, ter.front_to_back_db)


def diffraction_db(g: np.ndarray, d_km: np.ndarray, f_mhz: float) -> np.ndarray:
    """The Bullington loss (dB, before K4) of the model's geometric factor ``g``."""
    nu = np.where(g > -1e38, g / math.sqrt(299.792458 / f_mhz), -10.0)
    return np.where(g > -1e38, radio.bullington_loss(nu, d_km), 0.0)


def predicted_dbm(terms: pd.DataFrame, tech: str, params: Parameters) -> np.ndarray:
    """The median level the model predicts for each row of ``terms`` (of one technology)."""
    tp = params.technologies[tech]
    k1, k2, k3, k4, k5, k6 = tp.spm_k(params.terrain.environment)
    ld, lh = terms["ld"].to_numpy(), terms["lh"].to_numpy()
    spm = k1 + k2 * ld + k3 * lh + k5 * ld * lh + k6 * params.terrain.receiver_height_m
    free = (
        32.45 + 20 * math.log10(tp.frequency_mhz) + 20 * ld + 10 * np.log10(1 + terms["slope"] ** 2)
    )
    diff = diffraction_db(terms["g"].to_numpy(), terms["d_km"].to_numpy(), tp.frequency_mhz)
    clutter = terms["clutter_db"].to_numpy() if "clutter_db" in terms else 0.0
    return terms["eirp_gain"].to_numpy() - np.maximum(spm, free) - k4 * diff - clutter


def comparison_table(terms: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """measurements_vs_prediction: one row per point."""
    predicted = np.full(len(terms), np.nan)
    diff = np.full(len(terms), np.nan)
    for tech, group in terms.groupby("technology"):
        where = terms.index.get_indexer(group.index)
        predicted[where] = predicted_dbm(group, str(tech), params)
        diff[where] = group["g"].to_numpy()
    return pd.DataFrame(
        {
            "technology": terms["technology"].to_numpy(),
            "site_id": terms["site_id"].to_numpy(),
            "measured_dbm": terms["measured_dbm"].to_numpy(),
            "predicted_dbm": np.round(predicted, 2),
            "error_db": np.round(predicted - terms["measured_dbm"].to_numpy(), 2),
            "distance_km": np.round(terms["d_km"].to_numpy(), 3),
            "los": np.where(np.isfinite(diff), diff <= -1e38, np.nan),
        }
    )


def error_summary(table: pd.DataFrame) -> dict:
    """Per technology: points, mean error, RMSE and standard deviation (dB)."""
    out = {}
    for tech, group in table.dropna(subset=["error_db"]).groupby("technology"):
        e = group["error_db"].to_numpy(dtype=float)
        out[str(tech)] = {
            "points": len(e),
            "mean_error_db": round(float(e.mean()), 2),
            "rmse_db": round(float(np.sqrt((e**2).mean())), 2),
            "std_db": round(float(e.std()), 2),
        }
    return out


def held_out_split(n: int, *, seed: int = SEED, share: float = HELD_OUT_SHARE):
    """Row positions of the training and the held-out parts (seeded)."""
    order = np.random.default_rng(seed).permutation(n)
    n_test = int(round(share * n))
    return np.sort(order[n_test:]), np.sort(order[:n_test])


MIN_DIFFRACTED = 30  # training points behind an obstacle before K4 is fitted
MIN_HEIGHT_SPREAD = 0.15  # std of log10 H_eff (a factor ~1.4) before K3, K5 are fitted


def calibrate(terms: pd.DataFrame, params: Parameters, *, seed: int = SEED):
    """Fit the model's coefficients per technology (:func:`fit_coefficients`) and, where
    the points carry land-cover classes (``--clutter``), the loss of each class with
    enough points (:func:`~.clutter_fit.fit_clutter_losses`), then the coefficients
    again with those losses. Before/after are on the held-out part, never fitted on.

    Returns
    -------
    (report, calibrated parameters)
    """
    report, fitted = fit_coefficients(terms, params, seed=seed)
    if "clutter_class" not in terms or not (terms["clutter_class"] >= 0).any():
        return report, fitted
    from coverage_planner.coverage.terrain.clutter_fit import fit_clutter_losses

    table, per_class, refitted_terms = fit_clutter_losses(terms, fitted, params, seed=seed)
    if not per_class:
        return report, fitted
    with_table = replace(
        params, terrain=replace(params.terrain, clutter_loss_db=tuple(sorted(table.items())))
    )
    again, fitted = fit_coefficients(refitted_terms, with_table, seed=seed)
    for tech, entry in again["technologies"].items():
        entry["before"] = report["technologies"][tech]["before"]  # the uncalibrated model
    again["clutter"] = per_class
    return again, fitted


def training_index(terms: pd.DataFrame, *, seed: int = SEED) -> pd.Index:
    """Index labels of the rows the fit may use (the training part of every
    technology, as :func:`fit_coefficients` splits them)."""
    usable = terms.dropna(subset=["ld", "lh", "eirp_gain"])
    parts = []
    for _, group in usable.groupby("technology"):
        if len(group) < 10:
            continue
        train, _ = held_out_split(len(group), seed=seed)
        parts.append(group.index[train])
    return parts[0].append(parts[1:]) if parts else pd.Index([])


def fit_coefficients(terms: pd.DataFrame, params: Parameters, *, seed: int = SEED):
    """Fit the model's coefficients per technology by least squares on the training part;
    report before/after on the held-out part (never used in the fit).

    Always K1 and K2 (intercept and distance slope). K4 (the weight of the diffraction
    loss) where at least ``MIN_DIFFRACTED`` training points lie behind an obstacle;
    K3 and K5 (the effective height's own term and its change of the distance slope)
    where the training points' effective heights spread enough to tell them apart
    (``MIN_HEIGHT_SPREAD`` in log10 H_eff) — the standard propagation model's usual
    regression. A coefficient the data cannot support keeps its default.

    Returns
    -------
    (report, calibrated parameters)
    """
    report: dict = {"held_out_share": HELD_OUT_SHARE, "seed": seed, "technologies": {}}
    techs = dict(params.technologies)
    usable = terms.dropna(subset=["ld", "lh", "eirp_gain"])
    for tech, group in usable.groupby("technology"):
        tech = str(tech)
        if len(group) < 10:
            continue
        tp = params.technologies[tech]
        train, test = held_out_split(len(group), seed=seed)
        k = list(tp.spm_k(params.terrain.environment))
        fit = group.iloc[train]
        ld, lh = fit["ld"].to_numpy(), fit["lh"].to_numpy()
        diff = diffraction_db(fit["g"].to_numpy(), fit["d_km"].to_numpy(), tp.frequency_mhz)
        fitted = ["k1", "k2"]
        if len(fit) >= 100 and float(np.std(lh)) >= MIN_HEIGHT_SPREAD:
            fitted += ["k3", "k5"]
        if (diff > 0).sum() >= MIN_DIFFRACTED:
            fitted.append("k4")
        fitted.sort()
        # level = eirp_gain - (K1 + K2 ld + K3 lh + K4 D + K5 ld lh + K6 hm): the fitted
        # K's by least squares, the others as they are (the free-space floor only bites
        # by the mast).
        column = {"k1": np.ones(len(fit)), "k2": ld, "k3": lh, "k4": diff, "k5": ld * lh}
        y = fit["eirp_gain"].to_numpy() - fit["measured_dbm"].to_numpy()
        # the land cover's loss is the table's, predicted apart: not folded into K1
        clutter = fit["clutter_db"].fillna(0.0).to_numpy() if "clutter_db" in fit else 0.0
        y = y - k[5] * params.terrain.receiver_height_m - clutter
        for name, values in column.items():
            if name not in fitted:
                y = y - k[int(name[1]) - 1] * values
        coef, *_ = np.linalg.lstsq(np.column_stack([column[n] for n in fitted]), y, rcond=None)
        new = replace(tp, **{n: float(c) for n, c in zip(fitted, coef, strict=True)})
        techs[tech] = new
        held = group.iloc[test]
        before = held["measured_dbm"].to_numpy()
        after_params = replace(params, technologies={**params.technologies, tech: new})
        e_before = predicted_dbm(held, tech, params) - before
        e_after = predicted_dbm(held, tech, after_params) - before
        nk = new.spm_k(params.terrain.environment)
        report["technologies"][tech] = {
            "points": len(group),
            "training_points": len(train),
            "held_out_points": len(test),
            "before": _errors(e_before),
            "after": _errors(e_after),
            **{f"k{i + 1}": round(float(v), 3) for i, v in enumerate(nk)},
            "fitted": fitted,
        }
    return report, replace(params, technologies=techs)


def _errors(e: np.ndarray) -> dict:
    e = e[np.isfinite(e)]
    return {
        "mean_error_db": round(float(e.mean()), 2),
        "rmse_db": round(float(np.sqrt((e**2).mean())), 2),
    }


def calibrated_toml(report: dict, base: dict | None = None) -> str:
    """A configuration file with the fitted coefficients, merged into ``base`` (the
    user's own configuration, as read from TOML), that ``audit --config`` accepts."""
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in (base or {}).items()}
    techs = {k: dict(v) for k, v in (data.get("technologies") or {}).items()}
    for tech, fitted in report["technologies"].items():
        entry = techs.setdefault(tech, {})
        for k in fitted["fitted"]:
            entry[k] = fitted[k]
    data["technologies"] = techs
    if report.get("clutter"):  # fitted land-cover losses join the user's table
        terrain = dict(data.get("terrain") or {})
        table = {str(k): v for k, v in dict(terrain.get("clutter") or {}).items()}
        table.update({c: entry["loss_db"] for c, entry in report["clutter"].items()})
        terrain["clutter"] = table
        data["terrain"] = terrain
    lines = ["# Written by coverage-planner calibrate: the fitted coefficients (k1, k2, ...)"]
    lines.append("# of the terrain model, merged with the configuration it was given.")
    top = {k: v for k, v in data.items() if not isinstance(v, dict)}
    lines += [f"{k} = {_toml_value(v)}" for k, v in top.items()]
    for section, values in data.items():
        if not isinstance(values, dict):
            continue
        plain = {k: v for k, v in values.items() if not isinstance(v, dict)}
        if plain or not values:
            lines.append(f"\n[{section}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in plain.items()]
        for sub, inner in values.items():
            if isinstance(inner, dict):
                lines.append(f"\n[{section}.{sub}]")
                lines += [f"{k} = {_toml_value(v)}" for k, v in inner.items()]
    return "\n".join(lines) + "\n"


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    text = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'
