"""The vectorised merge of repeated site codes against a plain per-code loop (the rule
written out: rows of a code within 50 m of its first row are one site, technologies and
azimuths combined; identical rows dropped; rows elsewhere renamed code#2, code#3)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from coverage_planner.io.sites import DUPLICATE_SITE_M, _merge_duplicates
from coverage_planner.io.technologies import technology_label

TECHS = ["serves_2g", "serves_3g", "serves_4g", "serves_5g"]


def brute_force(gdf: gpd.GeoDataFrame):
    out_rows = []
    xy = np.column_stack([gdf.geometry.x, gdf.geometry.y])
    done = set()
    for i in range(len(gdf)):
        code = gdf["site_id"].iloc[i]
        if code in done:
            continue
        done.add(code)
        pos = [k for k in range(len(gdf)) if gdf["site_id"].iloc[k] == code]
        near = [k for k in pos if np.hypot(*(xy[k] - xy[pos[0]])) <= DUPLICATE_SITE_M]
        far = [k for k in pos if k not in near]
        row = gdf.iloc[near[0]].copy()
        if len(near) > 1:
            for t in TECHS:
                row[t] = bool(gdf.iloc[near][t].any())
            tokens = []
            for a in gdf.iloc[near]["azimuths"]:
                tokens += [x for x in a.split("/") if x and x not in tokens]
            row["azimuths"] = "/".join(tokens)
        out_rows.append((near[0], row))
        for n, k in enumerate(far, start=2):
            r = gdf.iloc[k].copy()
            r["site_id"] = f"{code}#{n}"
            out_rows.append((k, r))
    out_rows.sort(key=lambda t: t[0])
    frame = pd.DataFrame([r for _, r in out_rows])
    return frame


@pytest.mark.parametrize("seed", range(8))
def test_vectorised_merge_equals_the_per_code_rule(seed):
    rng = np.random.default_rng(seed)
    n = 60
    codes = rng.choice([f"C{i}" for i in range(15)], n)
    base = {c: rng.uniform(0, 20_000, 2) for c in set(codes)}
    offset = np.where(rng.random(n) < 0.2, 5_000.0, rng.uniform(0, 20, n))
    x = np.array([base[c][0] for c in codes]) + offset
    y = np.array([base[c][1] for c in codes])
    gdf = gpd.GeoDataFrame(
        {
            "site_id": codes,
            "name": [f"Trạm {c}" for c in codes],
            **{t: rng.random(n) < 0.5 for t in TECHS},
            "azimuths": rng.choice(["", "0", "120", "240", "0/120"], n),
        },
        geometry=gpd.points_from_xy(x, y),
        crs=32648,
    )
    gdf["technologies"] = technology_label(gdf[TECHS]).to_numpy()
    got = _merge_duplicates(gdf.copy(), findings=[]).reset_index(drop=True)
    want = brute_force(gdf).reset_index(drop=True)
    # identical rows: the rule drops all but one, and the merge leaves them unchanged
    assert got["site_id"].tolist() == want["site_id"].tolist()
    for col in [*TECHS, "azimuths"]:
        assert got[col].tolist() == want[col].tolist(), col
    np.testing.assert_allclose(got.geometry.x, gpd.GeoSeries(want["geometry"]).x)


@pytest.mark.parametrize("seed", range(6))
def test_joined_tokens_equal_a_join_per_key_in_order_of_first_appearance(seed):
    from coverage_planner.io.site_values import joined_tokens

    rng = np.random.default_rng(seed)
    n = 300
    key = np.sort(rng.integers(0, 60, n))
    texts = rng.choice(
        np.array(["", "0", "120", "240", "240/0", "0/120/240", "10//20", None], dtype=object), n
    )
    expected = {}
    for k, t in zip(key, texts, strict=True):
        if t is None:
            continue
        tokens = expected.setdefault(int(k), [])
        tokens += [x for x in t.split("/") if x and x not in tokens]
    expected = {k: "/".join(v) for k, v in expected.items() if v}
    keys, joined = joined_tokens(key, texts)
    assert dict(zip(keys.tolist(), joined.tolist(), strict=True)) == expected
