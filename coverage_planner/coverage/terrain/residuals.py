"""The residual map of a measurement comparison: a GeoPackage of the measured points,
each with its measured and predicted levels in separate columns and the error
(predicted − measured), styled for QGIS in five classes of error."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

# (upper bound of error_db, class, label, colour): blue where the model is too weak,
# red where it is too strong
CLASSES = (
    (-10.0, "under_10", "predicted ≥ 10 dB under measured", "#2166ac"),
    (-3.0, "under_3", "3–10 dB under", "#92c5de"),
    (3.0, "within_3", "within ±3 dB", "#f7f7f7"),
    (10.0, "over_3", "3–10 dB over", "#f4a582"),
    (np.inf, "over_10", "predicted ≥ 10 dB over measured", "#b2182b"),
)
LAYER = "measurements_vs_prediction"


def error_class(error_db: np.ndarray) -> np.ndarray:
    """The class of each error (``CLASSES``; empty where there is no prediction)."""
    error = np.asarray(error_db, dtype=float)
    bounds = np.array([c[0] for c in CLASSES])
    names = np.array([c[1] for c in CLASSES], dtype=object)
    out = names[np.minimum(np.searchsorted(bounds, error, side="left"), len(CLASSES) - 1)]
    return np.where(np.isfinite(error), out, "")


def residual_layer(table: pd.DataFrame, points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The comparison table (one row per point, in the points' order) on the points."""
    layer = gpd.GeoDataFrame(
        table.reset_index(drop=True),
        geometry=points.geometry.to_crs(4326).reset_index(drop=True),
        crs=4326,
    )
    layer["error_class"] = error_class(layer["error_db"].to_numpy())
    return layer


def write_residual_map(layer: gpd.GeoDataFrame, target: Path) -> None:
    """Write the layer and its QGIS style (classes of ``error_db``) to ``target``."""
    from coverage_planner.reports.geopackage import (
        categorized_renderer,
        marker_symbol,
        qml_document,
        write_layer_styles,
    )

    layer.to_file(target, layer=LAYER, driver="GPKG")
    categories = [(name, label, colour) for _, name, label, colour in CLASSES]
    symbols = [
        marker_symbol(str(i), colour, "circle", 2.0) for i, (_, _, colour) in enumerate(categories)
    ]
    qml = qml_document(categorized_renderer("error_class", categories, symbols))
    write_layer_styles(target, {LAYER: qml}, {LAYER: layer})
