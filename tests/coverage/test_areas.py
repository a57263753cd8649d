"""The boundary-integral area kernel against analytic values and GEOS overlays,
including the awkward cases: identical and concentric footprints, shared arcs of
co-located sector sites, targets with holes or in several parts, a target that is a
footprint, footprints touching."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_planner.coverage.areas import Footprints, Targets
from coverage_planner.coverage.footprints import footprint_pieces
from coverage_planner.params import Parameters

N_SEG = 64


def _sites(rows, crs=32648):
    """Sites for footprint_pieces: (x, y, radius_km, azimuths, beam) tuples."""
    s = gpd.GeoDataFrame(
        {
            "site_id": [f"S{i}" for i in range(len(rows))],
            "serves_2g": True,
            "serves_3g": False,
            "serves_4g": False,
            "serves_5g": False,
            "radius_km": [r[2] for r in rows],
            "azimuths": [r[3] for r in rows],
            "beamwidth_deg": [r[4] for r in rows],
        },
        geometry=[shapely.Point(r[0], r[1]) for r in rows],
        crs=crs,
    )
    s["site_id"] = s["site_id"].astype(object)
    return s


def _cover(rows) -> tuple[Footprints, np.ndarray]:
    pieces = footprint_pieces(_sites(rows), "2G", Parameters())
    return Footprints(pieces), pieces.polygons()


def _overlay(targets, polys) -> np.ndarray:
    """The plain GEOS answer: each target intersected with the union."""
    union = shapely.union_all(polys)
    return shapely.area(shapely.intersection(np.asarray(targets, dtype=object), union))


def _disk(x, y, r_km):
    return (x, y, r_km, "", np.nan)


def test_disk_inside_a_square_has_the_polygon_area():
    cover, _ = _cover([_disk(5000, 5000, 2.0)])
    square = shapely.box(0, 0, 10_000, 10_000)
    got = cover.areas(Targets(np.array([square])))[0]
    # A regular polygon of N_SEG sides inscribed in a circle of radius R.
    expected = 0.5 * N_SEG * 2000.0**2 * math.sin(2 * math.pi / N_SEG)
    assert got == pytest.approx(expected, rel=1e-12)


def test_square_inside_a_disk_is_covered_whole():
    cover, _ = _cover([_disk(0, 0, 5.0)])
    square = shapely.box(-1000, -1000, 1000, 1000)
    assert cover.areas(Targets(np.array([square])))[0] == pytest.approx(4e6, rel=1e-12)


def test_half_plane_cut_of_a_disk_is_half_its_area():
    """A square whose left edge passes through the disk's centre holds exactly half."""
    cover, polys = _cover([_disk(0, 0, 3.0)])
    square = shapely.box(0, -5000, 5000, 5000)
    got = cover.areas(Targets(np.array([square])))[0]
    assert got == pytest.approx(shapely.area(polys[0]) / 2, rel=1e-12)


def test_identical_and_concentric_footprints_count_once():
    rows = [_disk(0, 0, 3.0), _disk(0, 0, 3.0), _disk(0, 0, 2.0), _disk(4000, 0, 3.0)]
    cover, polys = _cover(rows)
    targets = np.array([shapely.box(-5000, -5000, 9000, 5000), shapely.box(-1000, 0, 2500, 600)])
    np.testing.assert_allclose(cover.areas(Targets(targets)), _overlay(targets, polys), rtol=1e-11)


def test_co_located_sector_sites_sharing_their_mast_arcs():
    rows = [
        (0, 0, 3.0, "0/180", 90.0),
        (0, 0, 3.0, "90", 90.0),  # the same mast disk, other sectors
        (0, 0, 3.0, "0/180", 90.0),  # an exact duplicate
        (2500, 1000, 2.0, "45", 60.0),
    ]
    cover, polys = _cover(rows)
    targets = np.array(
        [
            shapely.box(-4000, -4000, 6000, 4000),
            shapely.box(-300, -300, 300, 300),
            shapely.Polygon([(-3000, -100), (3000, 2500), (100, 2900)]),
        ]
    )
    np.testing.assert_allclose(cover.areas(Targets(targets)), _overlay(targets, polys), rtol=1e-10)


def test_targets_with_holes_and_several_parts():
    rows = [_disk(0, 0, 2.0), _disk(2500, 500, 1.5)]
    cover, polys = _cover(rows)
    ring = shapely.box(-3000, -3000, 3000, 3000).difference(shapely.box(-500, -500, 800, 800))
    parts = shapely.MultiPolygon(
        [shapely.box(-2500, -200, -1500, 300), shapely.box(1800, 0, 3500, 900)]
    )
    targets = np.array([ring, parts])
    np.testing.assert_allclose(cover.areas(Targets(targets)), _overlay(targets, polys), rtol=1e-11)


def test_a_target_that_is_a_footprint_and_touching_footprints():
    """Edges lying on edges: the kernel must fall back (or agree) rather than drift."""
    rows = [_disk(0, 0, 2.0), _disk(4000, 0, 2.0)]  # the two disks touch at one point
    cover, polys = _cover(rows)
    targets = np.array(
        [polys[0], shapely.box(-2000, -2000, 0, 2000), shapely.box(1000, -10, 3000, 10)]
    )
    np.testing.assert_allclose(cover.areas(Targets(targets)), _overlay(targets, polys), rtol=1e-9)


def test_points_inside_with_the_edge_counting_as_inside():
    cover, polys = _cover([_disk(0, 0, 1.0)])
    ring = shapely.get_coordinates(polys[0])
    x = np.array([0.0, 999.0, 1000.0, ring[3, 0], 0.5 * (ring[3, 0] + ring[4, 0]), 1000.5])
    y = np.array([0.0, 0.0, 0.0, ring[3, 1], 0.5 * (ring[3, 1] + ring[4, 1]), 0.0])
    assert cover.points_inside(x, y).tolist() == [True, True, True, True, True, False]


def test_pair_areas_are_the_area_inside_each_single_footprint():
    rows = [_disk(0, 0, 2.0), _disk(1500, 0, 2.0), (500, 500, 2.5, "30", 90.0)]
    cover, polys = _cover(rows)
    village = shapely.box(-500, -1000, 2000, 1500)
    targets = Targets(np.array([village]))
    got = cover.pair_areas(targets, np.zeros(3, dtype=int), np.arange(3))
    expected = shapely.area(shapely.intersection(village, polys))
    np.testing.assert_allclose(got, expected, rtol=1e-11)


def test_detailed_polygons_are_measured_in_pieces_and_summed_back():
    """A merged commune with thousands of boundary vertices (and a hole) is cut by a
    grid for the kernel; its area inside the coverage is still the overlay's."""
    rows = [_disk(x, y, 3.5) for x, y in [(0, 0), (5000, 1000), (9000, -2000), (2000, 6000)]]
    cover, polys = _cover(rows)
    commune = shapely.Polygon(
        [(-4000, -5000), (12_000, -4000), (11_000, 9000), (-3000, 8000)],
        holes=[[(3000, 2000), (4000, 2000), (4000, 3000), (3000, 3000)]],
    )
    commune = shapely.segmentize(commune, 10.0)  # about 6,000 vertices
    targets = Targets(np.array([commune, shapely.box(0, 0, 500, 500)]))
    assert len(targets.geoms) > 10 and len(targets) == 2
    np.testing.assert_allclose(
        cover.areas(targets),
        _overlay(np.array([commune, shapely.box(0, 0, 500, 500)]), polys),
        rtol=1e-10,
    )
    alone = cover.pair_areas(targets, np.array([0, 0, 1]), np.array([0, 3, 0]))
    expected = shapely.area(
        shapely.intersection(
            np.array([commune, commune, shapely.box(0, 0, 500, 500)]), polys[[0, 3, 0]]
        )
    )
    np.testing.assert_allclose(alone, expected, rtol=1e-10)


coord = st.floats(0, 20_000, allow_nan=False)


@st.composite
def scenes(draw):
    n = draw(st.integers(1, 14))
    rows = []
    for _ in range(n):
        x, y = draw(coord), draw(coord)
        if draw(st.booleans()) and rows:  # co-located with an earlier site
            x, y = rows[draw(st.integers(0, len(rows) - 1))][:2]
        r = draw(st.sampled_from([1.0, 2.0, 3.5, 7.0]))
        if draw(st.booleans()):
            az = "/".join(str(draw(st.integers(0, 359))) for _ in range(draw(st.integers(1, 3))))
            rows.append((x, y, r, az, draw(st.sampled_from([60.0, 90.0, 120.0]))))
        else:
            rows.append(_disk(x, y, r))
    targets = []
    for _ in range(draw(st.integers(1, 6))):
        pts = [(draw(coord), draw(coord)) for _ in range(draw(st.integers(3, 9)))]
        poly = shapely.make_valid(shapely.convex_hull(shapely.MultiPoint(pts)).buffer(1))
        if draw(st.booleans()):
            cx, cy = shapely.get_coordinates(shapely.centroid(poly))[0]
            poly = poly.difference(shapely.Point(cx, cy).buffer(draw(st.floats(10, 2000))))
        if not poly.is_empty and poly.area > 1:
            targets.append(poly)
    return rows, targets


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenes())
def test_generated_scenes_equal_the_geos_overlay(scene):
    rows, targets = scene
    if not targets:
        return
    cover, polys = _cover(rows)
    targets = np.array(targets, dtype=object)
    got = cover.areas(Targets(targets), threads=1)
    expected = _overlay(targets, polys)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-3)


def test_small_villages_among_three_sector_sites_equal_the_geos_overlay():
    """Cell-list sites (three 65° sectors each, overlapping): villages wholly inside one
    wedge, across wedge edges, in the gaps between wedges, inside the mast disk, with a
    hole — the kernel's shortcut for a target inside one sector footprint against GEOS."""
    rng = np.random.default_rng(20261202)
    rows = [
        (x, y, r, "0/120/240", 65.0)
        for x, y, r in zip(
            rng.uniform(0, 8000, 12),
            rng.uniform(0, 8000, 12),
            rng.choice([1.5, 2.5, 4.0], 12),
            strict=True,
        )
    ]
    cover, polys = _cover(rows)
    targets = []
    for x, y, size in zip(
        rng.uniform(-2000, 10_000, 400),
        rng.uniform(-2000, 10_000, 400),
        rng.uniform(20, 400, 400),
        strict=True,
    ):
        square = shapely.box(x, y, x + size, y + size * 0.7)
        targets.append(rng.choice([square, shapely.convex_hull(square.buffer(size / 4))]))
    x0, y0 = rows[0][:2]
    targets += [
        shapely.box(x0 - 20, y0 - 20, x0 + 20, y0 + 20),  # inside the mast disk
        shapely.box(x0 + 300, y0 + 600, x0 + 700, y0 + 900).difference(
            shapely.box(x0 + 400, y0 + 700, x0 + 500, y0 + 800)
        ),  # a hole, in the first wedge
    ]
    targets = np.array(targets, dtype=object)
    got = cover.areas(Targets(targets), threads=2)
    expected = _overlay(targets, polys)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-3)
    share = expected / shapely.area(targets)
    assert (share > 1 - 1e-9).sum() > 50 and ((share > 0.01) & (share < 0.99)).sum() > 20


def test_a_dense_cell_list_measured_with_the_sector_shortcuts_equals_the_geos_overlay():
    """Many overlapping three-sector sites (65° and 90°, some co-located, some of one
    shape and radius, so rings are built once per shape and moved), commune-sized
    targets and small ones placed on the sectors' radial edges and on the disk
    polygon's inscribed circle, where the quick "inside a convex part" test must not
    claim a segment that the ring does not hold."""
    rng = np.random.default_rng(17)
    xy = rng.uniform(0, 12_000, (60, 2))
    xy[40:50] = xy[:10]  # co-located pairs of different radius or sectors
    rows = [
        (x, y, r, az, beam)
        for (x, y), r, az, beam in zip(
            xy,
            rng.choice([2.0, 3.5], 60),
            rng.choice(["0/120/240", "30/150/270", "0/120/240"], 60),
            rng.choice([65.0, 90.0], 60),
            strict=True,
        )
    ]
    cover, polys = _cover(rows)
    targets = [
        shapely.box(x, y, x + s, y + s)
        for x, y, s in zip(
            rng.uniform(-1000, 12_000, 40),
            rng.uniform(-1000, 12_000, 40),
            rng.uniform(500, 4000, 40),
            strict=True,
        )
    ]
    x0, y0, r0, _, beam0 = rows[0]
    for az in (-beam0 / 2, beam0 / 2, 120 - beam0 / 2):  # along a radial edge
        a = math.radians(az)
        ux, uy = math.sin(a), math.cos(a)
        targets.append(
            shapely.Polygon(
                [
                    (x0 + 600 * ux, y0 + 600 * uy),
                    (x0 + 1500 * ux, y0 + 1500 * uy),
                    (x0 + 1500 * ux + 200 * uy, y0 + 1500 * uy - 200 * ux),
                ]
            )
        )
    inscribed = r0 * 1000 * math.cos(math.pi / N_SEG)
    targets.append(  # a vertex on the inscribed circle, inside the first sector
        shapely.Polygon([(x0, y0 + inscribed), (x0 + 100, y0 + 500), (x0 - 100, y0 + 500)])
    )
    targets = np.array(targets, dtype=object)
    got = cover.areas(Targets(targets), threads=2)
    expected = _overlay(targets, polys)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-3)
    share = expected / shapely.area(targets)
    assert ((share > 0.01) & (share < 0.99)).sum() > 5


def test_sector_rings_built_once_per_shape_equal_each_ring_built_in_place():
    """Footprints of sites of one shape are that shape's ring moved to each site: the
    coordinates are the ones of building each site's ring at its own centre."""
    from coverage_planner.coverage.sectors import sector_footprints

    rows = [
        (1000.25, 2000.5, 2.0, "0/120/240", 65.0),
        (-3000.125, 777.0, 2.0, "0/120/240", 65.0),
        (5000.0, -4000.75, 3.5, "0/120/240", 65.0),
        (9000.5, 9000.5, 2.0, "10/200", 90.0),
        (1000.25, 2000.5, 2.0, "120/0/240", 65.0),
    ]
    pieces = footprint_pieces(_sites(rows), "2G", Parameters())
    got = pieces.polygons()[np.argsort(pieces.site)]
    for (x, y, r, az, beam), ring in zip(rows, got, strict=True):
        angles = np.array([float(a) for a in az.split("/")])
        alone = sector_footprints(
            np.array([x]),
            np.array([y]),
            np.array([r * 1000.0]),
            np.array([min(500.0, r * 1000.0)]),
            np.zeros(len(angles), dtype=int),
            np.sort(angles),
            np.full(len(angles), beam),
            quad_segs=16,
        )[0]
        assert shapely.equals_exact(shapely.normalize(ring), shapely.normalize(alone), 0.0)


def test_edges_held_by_other_footprints_count_only_for_the_whole_union():
    """The footprint edges found once to lie inside another footprint (skipped by
    ``areas``) are not skipped for a union of some footprints only (``union_areas``,
    ``pair_areas``): there the other footprint may be left out."""
    rng = np.random.default_rng(5)
    rows = [
        (x, y, 3.0, "0/120/240", 65.0)
        for x, y in zip(rng.uniform(0, 9000, 40), rng.uniform(0, 9000, 40), strict=True)
    ]
    cover, polys = _cover(rows)
    targets = np.array(
        [shapely.box(x, y, x + 2500, y + 2500) for x, y in rng.uniform(0, 8000, (12, 2))],
        dtype=object,
    )
    t = Targets(targets)
    np.testing.assert_allclose(cover.areas(t), _overlay(targets, polys), rtol=1e-9, atol=1e-3)
    assert (cover._held() != 0).mean() > 0.5  # most edges of so dense a list are held
    subset = np.arange(0, 40, 3)
    starts = np.arange(len(targets) + 1) * len(subset)
    got = cover.union_areas(t, np.arange(len(targets)), starts, np.tile(subset, len(targets)))
    np.testing.assert_allclose(got, _overlay(targets, polys[subset]), rtol=1e-9, atol=1e-3)
    alone = cover.pair_areas(t, np.arange(len(targets)), np.full(len(targets), 7))
    expected = shapely.area(shapely.intersection(targets, polys[7]))
    np.testing.assert_allclose(alone, expected, rtol=1e-9, atol=1e-3)
