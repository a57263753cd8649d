"""The ranked list of uncovered villages, with a reason and an action a planner can take."""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage_planner import vocabulary


def uncovered_villages(villages: pd.DataFrame, *, techs: list[str]) -> pd.DataFrame:
    """One row per uncovered village and technology, ranked for investment.

    Ranked by population (largest first), then by distance to the nearest site of the
    technology (nearest first), then by village id, per technology.
    """
    frames = []
    for tech in techs:
        t = tech.lower()
        rows = villages.loc[~villages[f"covered_{t}"].astype(bool)]
        if rows.empty:
            continue
        site = (
            rows[f"upgrade_site_{t}"]
            if f"upgrade_site_{t}" in rows
            else pd.Series(None, index=rows.index)
        )
        if f"blocking_site_{t}" in rows:
            site = site.fillna(rows[f"blocking_site_{t}"])
        frame = pd.DataFrame(
            {
                "technology": tech,
                "village_id": rows["village_id"].astype(str),
                "village_name": rows["village_name"],
                "commune_id": rows["commune_id"].astype(str),
                "commune_name": rows.get("commune_name"),
                "population": rows["population"],
                "share": rows[f"share_{t}"].round(4),
                "reason": rows[f"reason_{t}"],
                "site": site,
                "nearest_site": rows[f"nearest_site_{t}"],
                "nearest_km": rows[f"nearest_km_{t}"].round(3),
            }
        )
        frame = frame.sort_values(
            ["population", "nearest_km", "village_id"],
            ascending=[False, True, True],
            na_position="last",
            kind="stable",
        )
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
        frames.append(frame)
    if not frames:
        cols = [
            "rank",
            "technology",
            "village_id",
            "village_name",
            "commune_id",
            "commune_name",
            "population",
            "share",
            "reason",
            "site",
            "nearest_site",
            "nearest_km",
            "reason_text",
            "action",
        ]
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    # The machine table's English sentences: the same vocabulary as the exports' words.
    near = [vocabulary.nearest(r.nearest_site, r.nearest_km) for r in out.itertuples()]
    out["reason_text"] = [
        vocabulary.reason_sentence(r.reason, tech=r.technology, share=r.share, site=r.site)
        for r in out.itertuples()
    ]
    out["action"] = [
        vocabulary.action(r.reason, tech=r.technology, site=r.site, near=n)
        for r, n in zip(out.itertuples(), near, strict=True)
    ]
    return out
