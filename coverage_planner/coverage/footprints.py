"""Coverage footprints of sites: disks, or sector wedges plus a small disk at the mast.

A footprint is a set of *pieces* (a disk, or a wedge per sector and the mast disk),
each tagged with the row of its site, so that per-site questions ("which site
reaches this village?") and the union per technology both come from one table.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.sectors import sector_rings
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


@dataclass
class Pieces:
    """Footprints as coordinate arrays: one closed counter-clockwise ring per site.

    ``x``, ``y`` hold every ring's vertices, ``ring`` the offsets (ring k is
    ``ring[k]:ring[k + 1]``); ``centre`` and ``inner`` give each footprint's site and
    the radius of a circle inside it (the inscribed circle of a disk polygon, 0 for
    sector footprints).
    """

    site: np.ndarray
    site_id: np.ndarray
    radius_m: np.ndarray
    kind: np.ndarray
    x: np.ndarray
    y: np.ndarray
    ring: np.ndarray
    centre: np.ndarray
    inner: np.ndarray

    def __len__(self) -> int:
        return len(self.site)

    def polygons(self) -> np.ndarray:
        counts = np.diff(self.ring)
        if len(counts) == 0:
            return np.empty(0, dtype=object)
        rings = shapely.linearrings(
            np.column_stack([self.x, self.y]), indices=np.repeat(np.arange(len(counts)), counts)
        )
        return shapely.polygons(rings)

    def frame(self, crs) -> gpd.GeoDataFrame:
        """One row per footprint, in the sites' order."""
        o = np.argsort(self.site, kind="stable")
        return gpd.GeoDataFrame(
            {
                "site": self.site[o],
                "site_id": self.site_id[o],
                "radius_km": self.radius_m[o] / 1000.0,
                "kind": self.kind[o],
            },
            geometry=gpd.GeoSeries(self.polygons()[o], crs=crs),
        )


def disk_rings(
    x: np.ndarray, y: np.ndarray, radius: np.ndarray, quad_segs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of disk polygons as ``shapely.buffer`` places them (4 · quad_segs
    segments, a vertex due east), counter-clockwise and closed: (n, 4·quad_segs + 1)."""
    n_seg = 4 * quad_segs
    ang = 2.0 * np.pi * np.arange(n_seg + 1) / n_seg
    cos, sin = np.cos(ang), np.sin(ang)
    cos[-1], sin[-1] = cos[0], sin[0]
    return x[:, None] + radius[:, None] * cos, y[:, None] + radius[:, None] * sin


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
    return footprint_pieces(sites, tech, params, radius_m=radius_m, mask=mask).frame(sites.crs)


def footprint_pieces(
    sites: gpd.GeoDataFrame,
    tech: str,
    params: Parameters,
    *,
    radius_m: np.ndarray | None = None,
    mask: np.ndarray | None = None,
) -> Pieces:
    """The footprints of :func:`footprints` as coordinate arrays (no GEOS geometry)."""
    rows = np.flatnonzero(serving(sites, tech) if mask is None else mask)
    radius = (site_radius_m(sites, tech, params) if radius_m is None else radius_m)[rows]
    pts = sites.geometry.to_numpy()[rows]
    px, py = shapely.get_x(pts), shapely.get_y(pts)
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
        # Few distinct azimuth texts: each is read once.
        codes, uniq = pd.factorize(
            pd.Series(az_text[sec], dtype=object) + "|" + pd.Series(beam[sec]).astype(str)
        )
        first_of = np.unique(codes, return_index=True)[1]
        u_owner, u_az = _sectors(az_text[sec][first_of])
        u_full = _full_circle(u_owner, u_az, beam[sec][first_of], len(uniq))
        sector[sec[u_full[codes]]] = False
        sec, codes = sec[~u_full[codes]], codes[~u_full[codes]]
        u_start = np.searchsorted(u_owner, np.arange(len(uniq) + 1))
        n_az = np.diff(u_start)[codes]
        sec_owner = np.repeat(np.arange(len(sec)), n_az)
        entry = np.repeat(u_start[codes], n_az) + (
            np.arange(n_az.sum()) - np.repeat(np.cumsum(n_az) - n_az, n_az)
        )
        azimuth = u_az[entry]
    n_seg = 4 * params.quad_segs
    dx, dy = disk_rings(px[~sector], py[~sector], radius[~sector], params.quad_segs)
    ring_x = [dx.ravel()]
    ring_y = [dy.ravel()]
    if sector.any():
        mast = np.minimum(params.mast_disk_km * 1000.0, radius[sec])
        # A sector repeated on a site adds nothing (and would hide its own edges).
        first = ~pd.DataFrame({"o": sec_owner, "a": azimuth}).duplicated().to_numpy()
        coords, vrow = sector_rings(
            px[sec],
            py[sec],
            radius[sec],
            mast,
            sec_owner[first],
            azimuth[first],
            beam[sec][sec_owner[first]],
            quad_segs=params.quad_segs,
        )
        # Clockwise, open rings: reversed and closed (counter-clockwise).
        starts = np.searchsorted(vrow, np.arange(len(sec)))
        rev = np.lexsort((-np.arange(len(vrow)), vrow))
        cx, cy = coords[rev, 0], coords[rev, 1]
        last = np.r_[starts[1:], len(vrow)] - 1
        close_at = last + 1
        ring_x.append(np.insert(cx, close_at, cx[starts]))
        ring_y.append(np.insert(cy, close_at, cy[starts]))
    # Disks first, then sector sites: each block keeps the sites' order.
    order = np.r_[np.flatnonzero(~sector), sec if sector.any() else np.empty(0, dtype=int)]
    counts = np.where(sector, 0, n_seg + 1)
    if sector.any():
        counts[sec] = np.bincount(vrow, minlength=len(sec)) + 1
    inner = np.where(sector, 0.0, radius * np.cos(np.pi / n_seg))
    return Pieces(
        site=rows[order],
        site_id=sites["site_id"].to_numpy(dtype=object)[rows[order]],
        radius_m=radius[order],
        kind=np.where(sector, "sectors", "disk")[order],
        x=np.concatenate(ring_x),
        y=np.concatenate(ring_y),
        ring=np.r_[0, np.cumsum(counts[order])],
        centre=np.column_stack([px, py])[order],
        inner=inner[order],
    )
