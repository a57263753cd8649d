"""The ranked list of uncovered villages, with a reason and an action a planner can take."""

from __future__ import annotations

import numpy as np
import pandas as pd

REASON_TEXT = {
    "out_of_range": "out of range of every {tech} site",
    "partial": "reached, but only {share:.0%} of its area is covered",
    "upgrade": "covered by {site} for a lower technology only",
    "terrain_shadow": "inside the range of {site}, but hidden by terrain",
}
ACTION_TEXT = {
    "out_of_range": "new {tech} site (nearest {tech} site: {near})",
    "partial": "add a sector or a site towards the village (nearest {tech} site: {near})",
    "upgrade": "upgrade site {site} to {tech}",
    "terrain_shadow": "new {tech} site with line of sight to the village, or raise the antenna of {site}",
}


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
    out["reason_text"] = [_text(REASON_TEXT, r) for r in out.itertuples()]
    out["action"] = [_text(ACTION_TEXT, r) for r in out.itertuples()]
    return out


def _text(table: dict[str, str], row: object) -> str:
    near = "none" if pd.isna(row.nearest_site) else f"{row.nearest_site}, {row.nearest_km:.1f} km"  # type: ignore[attr-defined]
    return table.get(row.reason, "").format(  # type: ignore[attr-defined]
        tech=row.technology,
        share=row.share,
        site=row.site,
        near=near,  # type: ignore[attr-defined]
    )
