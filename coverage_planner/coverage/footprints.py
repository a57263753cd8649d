"""Coverage footprints of sites: disks, or sector wedges plus a small disk at the mast.

A footprint is a set of *pieces* (a disk, or a wedge per sector and the mast disk),
each tagged with the row of its site, so that per-site questions ("which site
reaches this village?") and the union per technology both come from one table.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.sectors import sector_footprints
from coverage_planner.params import TECHNOLOGIES, Parameters


def site_radius_m(sites: pd.DataFrame, tech: str, params: Parameters) -> np.ndarray:
    """Radius per site for one technology: the site's own, else the default (metres)."""
    radius = np.full(len(sites), params.radius_km(tech))
    for col in ("radius_km", f"radius_{tech.lower()}_km"):  # the specific one wins
        if col in sites.columns:
            own = sites[col].to_numpy(dtype=float)
            radius = np.where(np.isfinite(own) & (own > 0), own, radius)
    return radius * 1000.0


def serving(sites: pd.DataFrame, tech: str) -> np.ndarray:
    """Mask of the sites that serve a technology."""
    col = f"serves_{tech.lower()}"
    return (
        sites[col].to_numpy(dtype=bool)
        if col in sites.columns
        else np.zeros(len(sites), dtype=bool)
    )


def lower_technologies(tech: str) -> tuple[str, ...]:
    return TECHNOLOGIES[: TECHNOLOGIES.index(tech)]


def _sectors(az_text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Azimuth text ("0/120/240") exploded: the owner row of each sector and its angle."""
    exploded = pd.Series(az_text, dtype=object).str.split("/").explode()
    return exploded.index.to_numpy(), exploded.astype(float).to_numpy() % 360


def _full_circle(owner: np.ndarray, azimuth: np.ndarray, beam: np.ndarray, n: int) -> np.ndarray:
    """Whether a site's sectors leave no gap (e.g. three 120° sectors): then it is a disk."""
    order = np.lexsort((azimuth, owner))
    own, az = owner[order], azimuth[order]
    first = np.r_[True, own[1:] != own[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(own)), 0))
    last = np.r_[own[1:] != own[:-1], True]
    nxt = np.where(last, az[start] + 360.0, np.r_[az[1:], 0.0])
    gap_too_wide = (nxt - az) > beam[own] + 1e-9
    return np.bincount(own, weights=gap_too_wide, minlength=n) == 0


def footprints(
    sites: gpd.GeoDataFrame,
    tech: str,
    params: Parameters,
    *,
    radius_m: np.ndarray | None = None,
    mask: np.ndarray | None = None,
) -> gpd.GeoDataFrame:
    """The footprint of each site serving ``tech`` (or of ``mask``'s sites).

    A site without azimuth is a disk, and so is a site whose sectors together leave
    no gap (three sectors of 120°). Any other site with azimuths and a beamwidth is
    the union of its disk cut to each sector's angle and a disk of ``mast_disk_km``
    around the mast (built from coordinates, see :mod:`.sectors`).

    Parameters
    ----------
    sites
        Sites in a metric CRS, as :func:`~coverage_planner.io.layers.load_sites` gives.
    tech
        The technology; its default radius applies where a site has none.
    radius_m
        Radii to use instead (e.g. a hypothetical upgrade); aligned to ``sites``.
    mask
        Which sites to take; by default those serving ``tech``.

    Returns
    -------
    GeoDataFrame
        One row per site: ``site`` (row number in ``sites``), ``site_id``,
        ``radius_km``, ``kind`` (``disk`` or ``sectors``), ``geometry``.
    """
    rows = np.flatnonzero(serving(sites, tech) if mask is None else mask)
    radius = (site_radius_m(sites, tech, params) if radius_m is None else radius_m)[rows]
    pts = sites.geometry.to_numpy()[rows]
    geoms = shapely.buffer(pts, radius, quad_segs=params.quad_segs)
    az_text = (
        sites["azimuths"].to_numpy(dtype=object)[rows]
        if "azimuths" in sites.columns
        else np.full(len(rows), "")
    )
    beam = (
        sites["beamwidth_deg"].to_numpy(dtype=float)[rows]
        if "beamwidth_deg" in sites.columns
        else np.full(len(rows), np.nan)
    )
    sector = (az_text != "") & pd.notna(az_text) & np.isfinite(beam) & (beam < 360)
    if sector.any():
        sec = np.flatnonzero(sector)
        owner, azimuth = _sectors(az_text[sec])
        full = _full_circle(owner, azimuth, beam[sec], len(sec))
        sector[sec[full]] = False
        keep = ~full[owner]
        sec, owner, azimuth = (
            sec[~full],
            np.searchsorted(np.flatnonzero(~full), owner[keep]),
            azimuth[keep],
        )
    if sector.any():
        x, y = shapely.get_x(pts[sec]), shapely.get_y(pts[sec])
        mast = np.minimum(params.mast_disk_km * 1000.0, radius[sec])
        # A sector repeated on a site adds nothing (and would hide its own edges).
        first = ~pd.DataFrame({"o": owner, "a": azimuth}).duplicated().to_numpy()
        geoms[sec] = sector_footprints(
            x,
            y,
            radius[sec],
            mast,
            owner[first],
            azimuth[first],
            beam[sec][owner[first]],
            quad_segs=params.quad_segs,
        )
    return gpd.GeoDataFrame(
        {
            "site": rows,
            "site_id": sites["site_id"].to_numpy(dtype=object)[rows],
            "radius_km": radius / 1000.0,
            "kind": np.where(sector, "sectors", "disk"),
        },
        geometry=gpd.GeoSeries(geoms, crs=sites.crs),
    )
