"""Site values: per-column checks (radius, height, beamwidth, power, tilts, azimuths)
and repeated site codes, each reported as a finding with its rows."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from coverage_planner.io.crs import utm_crs_for
from coverage_planner.io.findings import Finding
from coverage_planner.io.layers import parse_numbers
from coverage_planner.io.messages import Phrase, count, listing
from coverage_planner.io.technologies import technology_label
from coverage_planner.params import TECHNOLOGIES

DUPLICATE_SITE_M = 50.0
"""Rows of one site code closer than this are one site (a row per sector or band)."""


_TYPO = Phrase("a typo", "lỗi gõ")
PLAUSIBLE: dict[str, tuple[float, float, str, Phrase]] = {
    # column: (lowest, highest, unit, what a wrong value usually is)
    "radius_km": (
        0.0,
        100.0,
        "km",
        Phrase("a radius in metres, or a typo", "bán kính ghi bằng mét, hoặc lỗi gõ"),
    ),
    "antenna_height_m": (
        0.0,
        300.0,
        "m",
        Phrase("a height above sea level, or a typo", "độ cao so với mực nước biển, hoặc lỗi gõ"),
    ),
    "beamwidth_deg": (0.0, 360.0, "°", _TYPO),
    "tx_power_dbm": (
        -30.0,
        80.0,
        "dBm",
        Phrase(
            "a power in watts written as dBm, or a typo",
            "công suất tính bằng W ghi là dBm, hoặc lỗi gõ",
        ),
    ),
    "antenna_gain_dbi": (-10.0, 40.0, "dBi", _TYPO),
    "feeder_loss_db": (0.0, 30.0, "dB", _TYPO),
    "downtilt_deg": (-20.0, 45.0, "°", _TYPO),
    "electrical_tilt_deg": (-20.0, 45.0, "°", _TYPO),
    "mechanical_tilt_deg": (-20.0, 45.0, "°", _TYPO),
}
"""Ranges a site's own value must lie in to be used (lowest excluded for radius, height
and beamwidth, which cannot be zero)."""

_OPEN_LOW = {"radius_km", "antenna_height_m", "beamwidth_deg"}


def checked_values(
    values: pd.Series, *, column: str, what: str, rows: pd.Series, findings: list[Finding]
) -> pd.Series:
    """A site column as numbers, with words and implausible values left empty (so the
    technology's default is used) and reported with their rows and values."""
    numbers, words = parse_numbers(values)
    low, high, unit, usual = PLAUSIBLE[what]
    too_low = (numbers <= low) if what in _OPEN_LOW else (numbers < low)
    wrong = numbers.notna() & (too_low | (numbers > high) | ~np.isfinite(numbers))
    for mask, key, repair in (
        (words, "sites.value_words", "repair.default_for_words"),
        (wrong, "sites.value_range", "repair.default_for_range"),
    ):
        if mask.any():
            idx = np.flatnonzero(mask.to_numpy())
            shown = [f"{rows.iloc[i]}: {values.iloc[i]!r}" for i in idx[:5]]
            more = len(idx) - len(shown)
            cases = Phrase(
                ", ".join(f"row {s}" for s in shown) + (f" and {more} more" if more else ""),
                ", ".join(f"dòng {s}" for s in shown) + (f" và {more} mục khác" if more else ""),
            )
            findings.append(
                Finding(
                    "warning",
                    "sites",
                    key=key,
                    params={
                        "n": count(len(idx)),
                        "column": repr(column),
                        "low": f"{low:g}",
                        "high": f"{high:g}",
                        "unit": unit,
                        "usual": usual,
                        "examples": cases,
                    },
                    repair_key=repair,
                )
            )
    return numbers.where(~wrong)


def azimuth_values(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Azimuth cells ("120", "0/120/240", "0;120;240") as canonical text, and bad cells."""

    def one(cell: object) -> tuple[str, bool]:
        if cell is None or (isinstance(cell, float) and np.isnan(cell)) or str(cell).strip() == "":
            return "", False
        parts = [p for p in re.split(r"[/;|\s]+|,(?=\s)|,(?!\d{1,2}\b)", str(cell).strip()) if p]
        try:
            angles = [float(p.replace(",", ".")) for p in parts]
        except ValueError:
            return "", True
        if any(a < 0 or a > 360 for a in angles):
            return "", True
        return "/".join(f"{a % 360:g}" for a in angles), False

    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [one(v) for v in uniques] + [("", False)]  # -1: an empty cell
    text = np.array([p[0] for p in parsed], dtype=object)
    bad = np.array([p[1] for p in parsed], dtype=bool)
    return pd.Series(text[codes], index=values.index), pd.Series(bad[codes], index=values.index)


def joined_tokens(key: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For rows grouped by ``key`` (non-decreasing), each key's distinct "/"-separated
    tokens of ``texts`` in the order they first appear, joined by "/" ("0", "120",
    "0/240" → "0/120/240"). Returns the keys that have tokens and their texts.

    Done on codes: the texts and the token sequences of a cell list are few (a split
    and a join per row took most of the merge for a million rows).
    """
    codes, uniq = pd.factorize(pd.Series(texts, dtype=object))
    parts = pd.Series(np.asarray(uniq, dtype=object), dtype=object).str.split("/").explode()
    owner = parts.index.to_numpy()
    tok, tok_text = pd.factorize(parts.to_numpy(dtype=object))
    tok = np.where(np.isin(tok, np.flatnonzero(pd.Series(tok_text) == "")), -1, tok)
    per = np.bincount(owner, minlength=len(uniq))
    first = np.cumsum(per) - per
    valid = codes >= 0
    n = per[codes[valid]]
    row_key = np.repeat(key[valid], n)
    row_tok = tok[np.repeat(first[codes[valid]] - np.cumsum(n) + n, n) + np.arange(n.sum())]
    row_key, row_tok = row_key[row_tok >= 0], row_tok[row_tok >= 0]
    if len(row_key) == 0:
        return np.empty(0, dtype=int), np.empty(0, dtype=object)
    # first appearance of each (key, token), in row order
    keep = np.sort(np.unique(row_key * len(tok_text) + row_tok, return_index=True)[1])
    row_key, row_tok = row_key[keep], row_tok[keep]
    keys, start = np.unique(row_key, return_index=True)
    group = np.repeat(np.arange(len(keys)), np.diff(np.r_[start, len(row_key)]))
    rank = np.arange(len(row_key)) - start[group]
    table = np.full((len(keys), rank.max() + 1), -1)
    table[group, rank] = row_tok
    sequences, which = np.unique(table, axis=0, return_inverse=True)
    texts_of = np.array(
        ["/".join(str(tok_text[t]) for t in seq if t >= 0) for seq in sequences], dtype=object
    )
    return keys, texts_of[np.asarray(which).ravel()]


def merge_duplicates(gdf: gpd.GeoDataFrame, *, findings: list[Finding]) -> gpd.GeoDataFrame:
    """Handle repeated site codes.

    Rows of one code at one place (within 50 m) are one site listed per sector or per
    band: merged, technologies and azimuths combined. Rows of one code at different
    places are different sites with a wrong code: kept, renamed ``code#2``.
    """
    dup = gdf["site_id"].duplicated(keep=False)
    if not dup.any():
        return gdf
    points = gdf.geometry.to_numpy()
    xy = np.column_stack([shapely.get_x(points), shapely.get_y(points)])
    if gdf.crs is not None and gdf.crs.is_geographic:
        # coordinates only (no point objects): a million rows in a fraction of a second
        utm = utm_crs_for(float(xy[:, 0].mean()), float(xy[:, 1].mean()))
        to_utm = Transformer.from_crs(gdf.crs, utm, always_xy=True)
        xy = np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1]))
    tech_cols = [f"serves_{t.lower()}" for t in TECHNOLOGIES]
    # Vectorised over every repeated code at once (a national cell list repeats
    # each of 100,000 codes on about ten rows).
    pos = np.flatnonzero(dup.to_numpy())
    codes = gdf["site_id"].to_numpy(dtype=object)[pos]
    group, names = pd.factorize(codes)
    order = np.lexsort((pos, group))  # rows of a code together, in file order
    pos, group = pos[order], group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    first = np.repeat(pos[starts], np.diff(np.r_[starts, len(pos)]))
    near = np.hypot(*(xy[pos] - xy[first]).T) <= DUPLICATE_SITE_M
    keep = np.ones(len(gdf), dtype=bool)
    ids = gdf["site_id"].to_numpy(dtype=object).copy()
    # rows at the code's first place: one site (identical rows, or a row per sector/band)
    same = pos[near]
    same_group = group[near]
    counts = np.bincount(same_group, minlength=len(names))
    multi = counts > 1
    in_multi = multi[same_group]
    attrs = gdf.drop(columns=[c for c in ("_row", "geometry") if c in gdf.columns])
    hashes = pd.util.hash_pandas_object(attrs.iloc[same[in_multi]], index=False)
    distinct = (
        pd.Series(hashes.to_numpy())
        .groupby(same_group[in_multi])
        .nunique()
        .reindex(range(len(names)), fill_value=1)
    ).to_numpy()
    exact = multi & (distinct == 1)
    merged = multi & (distinct > 1)
    if merged.any():
        rows = in_multi & merged[same_group]
        sub = gdf.iloc[same[rows]]
        key = same_group[rows]
        leader = pos[starts][key]  # the code's first row takes the combined values
        for col in tech_cols:
            combined = pd.Series(sub[col].to_numpy(dtype=bool)).groupby(key).any()
            gdf.iloc[pos[starts][combined.index.to_numpy()], gdf.columns.get_loc(col)] = (
                combined.to_numpy()
            )
        joined_keys, joined = joined_tokens(key, sub["azimuths"].to_numpy(dtype=object))
        az = gdf["azimuths"].to_numpy(dtype=object).copy()
        az[np.unique(leader)] = ""
        az[pos[starts][joined_keys]] = joined
        gdf["azimuths"] = az
    drop = same[in_multi & (same != pos[starts][same_group])]
    keep[drop] = False
    # rows elsewhere: other sites sharing the code, renamed code#2, code#3 …
    far = ~near
    if far.any():
        rank = pd.Series(group[far]).groupby(group[far]).cumcount().to_numpy() + 2
        ids[pos[far]] = [f"{c}#{n}" for c, n in zip(names[group[far]], rank, strict=True)]
    merged_codes = sorted(str(c) for c in names[merged])
    exact_codes = sorted(str(c) for c in names[exact])
    renamed_codes = [str(c) for c in names[np.unique(group[far])]] if far.any() else []
    gdf["site_id"] = ids
    if merged_codes:
        findings.append(
            Finding(
                "info",
                "sites",
                key="sites.merged_rows",
                params={"n": count(len(merged_codes)), "ids": listing(merged_codes)},
                repair_key="repair.merged_site",
            )
        )
    if exact_codes:
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.listed_twice",
                params={"n": count(len(exact_codes)), "ids": listing(exact_codes)},
                repair_key="repair.duplicates_dropped",
            )
        )
    if renamed_codes:
        findings.append(
            Finding(
                "warning",
                "sites",
                key="sites.code_reused",
                params={
                    "n": count(len(set(renamed_codes))),
                    "metres": f"{DUPLICATE_SITE_M:g}",
                    "ids": listing(sorted(set(renamed_codes))),
                },
                repair_key="repair.codes_renamed",
            )
        )
    gdf = gdf.loc[keep]
    gdf["technologies"] = technology_label(gdf[tech_cols]).to_numpy()
    return gdf
