"""Calibration of the land-cover loss table from measurements.

Each point stands in a land-cover class (from the ``--clutter`` raster at its cell).
After the technologies' coefficients are fitted, the training points' residuals
(measured − predicted) are averaged per class: a class whose points come out weaker
than predicted gets that much more loss. The most measured class keeps its table
value — K1 of every technology already carries the general level — and the others
move by their mean residual relative to it. Classes with fewer than
``MIN_CLASS_POINTS`` training points keep their table value. Only points whose model
cell holds one class are used and moved (beyond ``near_range_km`` a coarse cell's loss
is the mean of several classes; those keep the table's mean).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coverage_planner.coverage.terrain.clutter import loss_table
from coverage_planner.params import Parameters

MIN_CLASS_POINTS = 30


def fit_clutter_losses(
    terms: pd.DataFrame, fitted: Parameters, params: Parameters, *, seed: int
) -> tuple[dict[int, float], dict, pd.DataFrame]:
    """The loss table with the fitted classes, a report per fitted class, and ``terms``
    with those classes' losses at the points (for refitting the coefficients).

    ``fitted``: the parameters with the technologies' fitted coefficients; ``params``:
    the ones the points were predicted with (their table)."""
    from coverage_planner.coverage.terrain.measurements import predicted_dbm, training_index

    table = loss_table(dict(params.terrain.clutter_loss_db) or None)
    cls = terms["clutter_class"].to_numpy(dtype=int)
    known = np.array([c in table for c in cls])
    pure = known & np.isclose(
        terms["clutter_db"].to_numpy(dtype=float),
        np.array([table.get(c, np.nan) for c in cls]),
        atol=0.01,
    )
    residual = pd.Series(np.nan, index=terms.index)
    for tech, group in terms.groupby("technology"):
        if str(tech) in fitted.technologies:
            residual[group.index] = group["measured_dbm"].to_numpy() - predicted_dbm(
                group, str(tech), fitted
            )
    train = terms.index.isin(training_index(terms, seed=seed))
    use = train & pure & np.isfinite(residual.to_numpy())
    frame = pd.DataFrame({"cls": cls[use], "r": residual.to_numpy()[use]})
    stats = frame.groupby("cls")["r"].agg(["count", "mean"])
    stats = stats[stats["count"] >= MIN_CLASS_POINTS]
    if len(stats) < 2:  # one class alone is K1's business
        return table, {}, terms
    reference = int(stats["count"].idxmax())
    new = dict(table)
    report = {}
    for c, row in stats.iterrows():
        # weaker measured than predicted (r < 0): more loss
        new[int(c)] = round(table[int(c)] - (row["mean"] - stats.loc[reference, "mean"]), 2)
        report[str(int(c))] = {
            "training_points": int(row["count"]),
            "table_db": table[int(c)],
            "loss_db": new[int(c)],
            "reference": int(c) == reference,
        }
    moved = terms.copy()
    at = pure & np.isin(cls, stats.index.to_numpy())
    moved.loc[at, "clutter_db"] = [new[c] for c in cls[at]]
    return new, report, moved
