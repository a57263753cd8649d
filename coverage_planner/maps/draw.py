"""``draw_*`` functions: each takes an Axes and data, adds artists, and returns them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from coverage_planner.maps import style


def polygon_path(geoms: np.ndarray) -> Path:
    """One compound path for many polygons (with holes): drawn as a single artist."""
    parts = shapely.get_parts(np.asarray(geoms, dtype=object))
    parts = parts[shapely.get_type_id(parts) == int(shapely.GeometryType.POLYGON)]
    if len(parts) == 0:
        return Path(np.empty((0, 2)))
    rings = np.concatenate(
        [
            shapely.get_exterior_ring(parts),
            *[
                shapely.get_interior_ring(parts[shapely.get_num_interior_rings(parts) > k], k)
                for k in range(int(shapely.get_num_interior_rings(parts).max()))
            ],
        ]
    )
    coords, index = shapely.get_coordinates(rings, return_index=True)
    counts = np.bincount(index, minlength=len(rings))
    codes = np.full(len(coords), Path.LINETO, dtype=np.uint8)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    codes[starts] = Path.MOVETO
    codes[starts + counts - 1] = Path.CLOSEPOLY
    return Path(coords, codes)


def polygon_paths(geoms: np.ndarray) -> list[Path]:
    """A path per feature (for per-feature colours)."""
    return [polygon_path(np.array([g], dtype=object)) for g in geoms]


def draw_polygons(
    ax: Axes,
    geoms: np.ndarray,
    *,
    facecolor="none",
    edgecolor="k",
    linewidth=0.5,
    alpha=1.0,
    zorder=1,
    label=None,
) -> PathPatch:
    patch = PathPatch(
        polygon_path(geoms),
        facecolor=facecolor,
        edgecolor=edgecolor,
        linewidth=linewidth,
        alpha=alpha,
        zorder=zorder,
        label=label,
    )
    # add_artist, not add_patch: the view is set by the caller, and add_patch's data-limit
    # update walks every vertex of the path.
    ax.add_artist(patch)
    return patch


def village_status_classes(villages: pd.DataFrame, tech: str) -> np.ndarray:
    """``covered``, ``partial`` (reached, below the share) or ``uncovered``, per village."""
    t = tech.lower()
    share = villages[f"share_{t}"].to_numpy()
    covered = villages[f"covered_{t}"].to_numpy(dtype=bool)
    return np.where(covered, "covered", np.where(share > 0, "partial", "uncovered"))


def draw_villages(
    ax: Axes, villages: gpd.GeoDataFrame, tech: str, *, alpha: float = 0.8, zorder: int = 2
) -> list:
    """Villages filled by status for ``tech``; one artist per status (legend-ready)."""
    classes = village_status_classes(villages, tech)
    geoms = villages.geometry.to_numpy()
    artists = []
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    for status, colour in style.STATUS_COLOURS.items():
        sel = (classes == status) & ~is_point
        if sel.any():
            artists.append(
                draw_polygons(
                    ax,
                    geoms[sel],
                    facecolor=colour,
                    edgecolor="white",
                    linewidth=0.2,
                    alpha=alpha,
                    zorder=zorder,
                    label=status,
                )
            )
        pts = (classes == status) & is_point
        if pts.any():
            xy = shapely.get_coordinates(geoms[pts])
            artists.append(
                ax.scatter(
                    xy[:, 0],
                    xy[:, 1],
                    s=14,
                    c=colour,
                    edgecolors="white",
                    linewidths=0.4,
                    zorder=zorder,
                    label=status,
                )
            )
    return artists


def draw_communes(
    ax: Axes,
    communes: gpd.GeoDataFrame,
    *,
    labels: bool = True,
    fontsize: float = 6.0,
    zorder: int = 4,
    label_box: bool = True,
) -> list:
    """Commune outlines and, with ``labels``, their names (on a light box for print;
    ``label_box=False`` draws faster, for the screen)."""
    geoms = communes.geometry.to_numpy()
    artists: list = [
        draw_polygons(ax, geoms, edgecolor=style.COMMUNE_EDGE, linewidth=0.6, zorder=zorder)
    ]
    if labels:
        pts = shapely.get_coordinates(shapely.point_on_surface(geoms))
        # A commune without a name (a national layer has some) gets no label, not a crash.
        names = [n if isinstance(n, str) else "" for n in communes["commune_name"].tolist()]
        for (x, y), name in zip(pts, names, strict=True):
            if not name:
                continue
            short = name.replace("Thị trấn ", "TT. ").replace("Phường ", "P. ").replace("Xã ", "")
            artists.append(
                ax.text(
                    x,
                    y,
                    short,
                    fontsize=fontsize,
                    ha="center",
                    va="center",
                    zorder=zorder + 1,
                    color="#222222",
                    clip_on=True,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6}
                    if label_box
                    else None,
                )
            )
    return artists


def draw_sites(
    ax: Axes,
    sites: gpd.GeoDataFrame,
    tech: str | None = None,
    *,
    size: float = 6.0,
    zorder: int = 6,
) -> PathCollection:
    """Sites; those serving ``tech`` in its colour, the others grey and smaller."""
    xy = shapely.get_coordinates(sites.geometry.to_numpy())
    serves = (
        sites[f"serves_{tech.lower()}"].to_numpy(dtype=bool)
        if tech
        else np.ones(len(sites), dtype=bool)
    )
    on, off = to_rgba(style.TECH_COLOURS.get(tech or "", "#444444")), to_rgba("#9E9E9E")
    colours = np.where(serves[:, None], on, off)  # RGBA rows: no colour parsing per site
    sizes = np.where(serves, size, size * 0.5)
    return ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=sizes,
        c=colours,
        marker="^",
        edgecolors="black",
        linewidths=0.2,
        zorder=zorder,
        label=f"{tech} sites" if tech else "sites",
    )


def draw_coverage(
    ax: Axes, parts: np.ndarray, tech: str, *, alpha: float = style.COVERAGE_ALPHA, zorder: int = 3
) -> PathPatch:
    return draw_polygons(
        ax,
        parts,
        facecolor=style.TECH_COLOURS.get(tech, "#888888"),
        edgecolor="none",
        alpha=alpha,
        zorder=zorder,
        label=f"{tech} coverage",
    )


def draw_backbone(ax: Axes, backbone: gpd.GeoDataFrame | None, *, zorder: int = 5) -> list:
    if backbone is None or backbone.empty:
        return []
    artists = []
    kind = backbone["kind"].to_numpy()
    lines = backbone.geometry.to_numpy()[kind == "route"]
    if len(lines):
        segs = [shapely.get_coordinates(g) for g in shapely.get_parts(lines)]
        artists.append(
            ax.add_collection(
                LineCollection(
                    segs, colors=style.BACKBONE, linewidths=1.2, zorder=zorder, label="fibre"
                )
            )
        )
    pts = backbone.geometry.to_numpy()[kind == "access_point"]
    if len(pts):
        xy = shapely.get_coordinates(pts)
        artists.append(
            ax.scatter(
                xy[:, 0],
                xy[:, 1],
                s=18,
                marker="s",
                c=style.BACKBONE,
                edgecolors="white",
                linewidths=0.4,
                zorder=zorder,
                label="fibre access point",
            )
        )
    return artists


def draw_highlight(ax: Axes, geoms: np.ndarray, *, zorder: int = 9) -> list:
    geoms = np.asarray(geoms, dtype=object)
    is_point = shapely.get_type_id(geoms) == int(shapely.GeometryType.POINT)
    artists = []
    if (~is_point).any():
        artists.append(
            draw_polygons(
                ax, geoms[~is_point], edgecolor=style.HIGHLIGHT, linewidth=2.2, zorder=zorder
            )
        )
    if is_point.any():
        xy = shapely.get_coordinates(geoms[is_point])
        artists.append(
            ax.scatter(
                xy[:, 0],
                xy[:, 1],
                s=80,
                facecolors="none",
                edgecolors=style.HIGHLIGHT,
                linewidths=2,
                zorder=zorder,
            )
        )
    return artists


def raster_window(grid, bounds) -> tuple[slice, slice, tuple[float, float, float, float]]:
    """The rows and columns of ``grid`` that a view ``(minx, miny, maxx, maxy)`` shows
    (a cell of margin), and their extent: an atlas page draws its commune's cells, not
    the whole province's grid resampled on every page."""
    t = grid.transform
    x0, y0, x1, y1 = bounds
    c0 = max(0, int(np.floor((x0 - t.c) / t.a)) - 1)
    c1 = min(grid.width, int(np.ceil((x1 - t.c) / t.a)) + 1)
    r0 = max(0, int(np.floor((t.f - y1) / -t.e)) - 1)
    r1 = min(grid.height, int(np.ceil((t.f - y0) / -t.e)) + 1)
    c1, r1 = max(c1, c0), max(r1, r0)
    extent = (t.c + t.a * c0, t.c + t.a * c1, t.f + t.e * r1, t.f + t.e * r0)
    return slice(r0, r1), slice(c0, c1), extent


def draw_coverage_raster(
    ax: Axes,
    grid,
    covered: np.ndarray,
    tech: str,
    *,
    alpha: float = style.COVERAGE_ALPHA,
    zorder: int = 3,
    extent: tuple[float, float, float, float] | None = None,
):
    """The terrain model's covered cells, in the technology's colour; ``covered`` is
    the whole grid, or the window of :func:`raster_window` with its ``extent``."""
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap([(0, 0, 0, 0), style.TECH_COLOURS.get(tech, "#888888")])
    if extent is None:
        t = grid.transform
        extent = (t.c, t.c + t.a * grid.width, t.f + t.e * grid.height, t.f)
    return ax.imshow(
        covered.astype(np.uint8, copy=False),
        cmap=cmap,
        vmin=0,
        vmax=1,
        extent=extent,
        origin="upper",
        interpolation="nearest",
        alpha=alpha,
        zorder=zorder,
        label=f"{tech} coverage",
    )
