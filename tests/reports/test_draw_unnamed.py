"""A commune layer with unnamed communes (national layers have some) draws its map."""

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from shapely.geometry import box  # noqa: E402

from coverage_planner.maps.draw import draw_communes  # noqa: E402


def test_unnamed_commune_gets_no_label_and_no_crash():
    communes = gpd.GeoDataFrame(
        {"commune_name": ["Xã Là Mạ", np.nan, None]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        crs="EPSG:3405",
    )
    fig, ax = plt.subplots()
    try:
        artists = draw_communes(ax, communes)
        texts = [a.get_text() for a in artists if hasattr(a, "get_text")]
        assert texts == ["Là Mạ"]
    finally:
        plt.close(fig)
