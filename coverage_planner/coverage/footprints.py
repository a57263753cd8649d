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
class Cones:
    """Convex parts of sector footprints (see :class:`Pieces`)."""

    core: np.ndarray
    mast_core: np.ndarray
    cone_start: np.ndarray
    cone: np.ndarray


def _cones(n: int, at: np.ndarray, radius, mast, owner, azimuth, beam, n_seg: int) -> Cones:
    """The :class:`Cones` of ``n`` footprints whose sector sites are at ``at`` (one per
    site): ``owner`` (0-based among them), ``azimuth`` and ``beam`` per sector."""
    half = np.cos(np.pi / n_seg)
    core = np.zeros(n)
    mast_core = np.zeros(n)
    core[at] = radius * half
    mast_core[at] = mast * half
    convex = beam < 180.0  # a wider sector is not convex: only its ring is tested
    piece = at[owner[convex]]
    order = np.argsort(piece, kind="stable")
    piece = piece[order]
    start = np.radians(azimuth[convex] - beam[convex] / 2.0)[order]
    end = np.radians(azimuth[convex] + beam[convex] / 2.0)[order]
    # Azimuths run clockwise from north: the direction of azimuth a is (sin a, cos a).
    cone = np.column_stack([np.sin(start), np.cos(start), np.sin(end), np.cos(end)])
    cone_start = np.searchsorted(piece, np.arange(n + 1)).astype(np.int64)
    return Cones(core, mast_core, cone_start, np.ascontiguousarray(cone))


@dataclass
class Pieces:
    """Footprints as coordinate arrays: one closed counter-clockwise ring per site.

    ``x``, ``y`` hold every ring's vertices, ``ring`` the offsets (ring k is
    ``ring[k]:ring[k + 1]``); ``centre`` and ``inner`` give each footprint's site and
    the radius of a circle inside it (the inscribed circle of a disk polygon, 0 for
    sector footprints).

    ``cones`` describes the convex parts of sector footprints, for the area kernel's
    quick "segment wholly inside" test (None: not known, e.g. footprints put together
    from others; the kernel then tests the rings only): per footprint, ``core`` (the
    inscribed radius of its disk polygon), ``mast_core`` (of its mast polygon) and
    ``cone_start`` (CSR into ``cone``: the unit directions of each sector's two edges,
    start and end clockwise, for sectors narrower than 180°).
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
    cones: Cones | None = None

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


def _sector_ring_coords(x, y, radius, mast, codes, owner, azimuth, beam, quad_segs):
    """Closed counter-clockwise rings of sector sites (x, y and the count per site).

    The ring of a site is its shape (same sectors, radius and mast disk: same
    ``codes``, the azimuth text and beamwidth) moved to its centre, so each shape is
    built once at (0, 0) and translated: a cell list of 100,000 sites has a handful of
    shapes. The coordinates are those of building each ring in place (x + offset).
    """
    shape = (
        pd.DataFrame({"c": codes, "r": radius, "m": mast})
        .groupby(["c", "r", "m"], sort=False)
        .ngroup()
        .to_numpy()
    )
    rep = np.unique(shape, return_index=True)[1]  # first site of each shape, ascending
    of_rep = np.full(len(x), -1)
    of_rep[rep] = np.arange(len(rep))
    take = of_rep[owner] >= 0
    coords, vrow = sector_rings(
        np.zeros(len(rep)),
        np.zeros(len(rep)),
        radius[rep],
        mast[rep],
        of_rep[owner[take]],
        azimuth[take],
        beam[take],
        quad_segs=quad_segs,
    )
    # Clockwise, open rings: reversed and closed (counter-clockwise).
    n = np.bincount(vrow, minlength=len(rep))
    first = np.cumsum(n) - n
    rev = np.lexsort((-np.arange(len(vrow)), vrow))
    closed = np.insert(rev, first + n, rev[first])
    tx, ty = coords[closed, 0], coords[closed, 1]
    t_count = n + 1
    t_start = np.cumsum(t_count) - t_count
    per = t_count[shape]
    idx = np.repeat(t_start[shape] - np.cumsum(per) + per, per) + np.arange(per.sum())
    return np.repeat(x, per) + tx[idx], np.repeat(y, per) + ty[idx], per


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
        sx, sy, sector_counts = _sector_ring_coords(
            px[sec],
            py[sec],
            radius[sec],
            mast,
            codes,
            sec_owner[first],
            azimuth[first],
            beam[sec][sec_owner[first]],
            params.quad_segs,
        )
        ring_x.append(sx)
        ring_y.append(sy)
    # Disks first, then sector sites: each block keeps the sites' order.
    order = np.r_[np.flatnonzero(~sector), sec if sector.any() else np.empty(0, dtype=int)]
    counts = np.where(sector, 0, n_seg + 1)
    if sector.any():
        counts[sec] = sector_counts
    inner = np.where(sector, 0.0, radius * np.cos(np.pi / n_seg))
    n_disk = int((~sector).sum())
    cones = (
        _cones(
            len(rows),
            n_disk + np.arange(len(sec)),
            radius[sec],
            mast,
            sec_owner[first],
            azimuth[first],
            beam[sec][sec_owner[first]],
            n_seg,
        )
        if sector.any()
        else None
    )
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
        cones=cones,
    )
