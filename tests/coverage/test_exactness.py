"""The engine's numbers against the independent reference, on the demo province and
on generated cases: same covered villages, percentages equal to 0.01 points."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import Inputs
from coverage_planner.params import Parameters
from tests.coverage.reference import reference_area_covered, reference_shares

TECHS = ("2G", "3G", "4G")


@pytest.mark.parametrize("tech", TECHS)
def test_demo_village_status_equals_overlay_reference(demo_inputs, demo_result, tech):
    params = demo_result.params
    ref = reference_shares(demo_inputs.villages, demo_inputs.sites, tech, params.radius_km(tech))
    engine = demo_result.villages.set_index("village_id")[f"share_{tech.lower()}"]
    np.testing.assert_allclose(engine.reindex(ref.index), ref, atol=1e-9)
    ref_covered = set(ref.index[ref >= params.village_area_share])
    eng_covered = set(engine.index[demo_result.villages[f"covered_{tech.lower()}"].to_numpy()])
    assert eng_covered == ref_covered
    ref_pct = 100 * len(ref_covered) / len(ref)
    assert demo_result.summary["villages_covered_pct"][tech] == pytest.approx(ref_pct, abs=0.01)


@pytest.mark.parametrize("tech", TECHS)
def test_demo_area_and_population_percentages_equal_reference(demo_inputs, demo_result, tech):
    params = demo_result.params
    communes = demo_inputs.communes
    covered = reference_area_covered(
        communes, "commune_id", demo_inputs.sites, tech, params.radius_km(tech)
    )
    area_pct = 100 * covered.sum() / communes.geometry.area.sum()
    assert demo_result.summary["area_covered_pct"][tech] == pytest.approx(area_pct, abs=0.01)
    ref = reference_shares(demo_inputs.villages, demo_inputs.sites, tech, params.radius_km(tech))
    pop = demo_inputs.villages.set_index("village_id")["population"]
    pop_pct = 100 * pop[ref >= params.village_area_share].sum() / pop.sum()
    assert demo_result.summary["population_covered_pct"][tech] == pytest.approx(pop_pct, abs=0.01)
    per_commune = 100 * covered / communes.set_index("commune_id").geometry.area
    engine = demo_result.communes.set_index("commune_id")[f"area_covered_{tech.lower()}_pct"]
    np.testing.assert_allclose(engine.reindex(per_commune.index), per_commune, atol=0.01)


def test_results_identical_run_to_run(demo_inputs, demo_result):
    again = run(demo_inputs, params=Parameters())
    assert again.summary == demo_result.summary
    assert again.uncovered.equals(demo_result.uncovered)


# Generated cases: villages as random rectangles and triangles, sites with random
# technologies, radii, heights and sectors, all in a 30 km square.
coord = st.floats(0, 30_000, allow_nan=False)


@st.composite
def cases(draw):
    n_v = draw(st.integers(1, 12))
    villages = []
    for _ in range(n_v):
        x, y = draw(coord), draw(coord)
        w, h = draw(st.floats(200, 4000)), draw(st.floats(200, 4000))
        if draw(st.booleans()):
            villages.append(shapely.box(x, y, x + w, y + h))
        else:
            villages.append(shapely.Polygon([(x, y), (x + w, y), (x + w / 3, y + h)]))
    n_s = draw(st.integers(0, 10))
    sites = []
    for i in range(n_s):
        techs = draw(st.sets(st.sampled_from(TECHS), min_size=1))
        sector = draw(st.booleans())
        sites.append(
            {
                "site_id": f"S{i}",
                "geometry": shapely.Point(draw(coord), draw(coord)),
                **{f"serves_{t.lower()}": t in techs for t in ("2G", "3G", "4G", "5G")},
                "radius_km": draw(st.one_of(st.just(np.nan), st.floats(0.5, 8))),
                "azimuths": "/".join(
                    str(draw(st.integers(0, 359))) for _ in range(draw(st.integers(1, 3)))
                )
                if sector
                else "",
                "beamwidth_deg": draw(st.sampled_from([60.0, 90.0, 120.0])) if sector else np.nan,
            }
        )
    share = draw(st.sampled_from([0.25, 0.5, 0.9]))
    return villages, sites, share


def _inputs(villages, sites):
    v = gpd.GeoDataFrame(
        {
            "village_id": [f"V{i}" for i in range(len(villages))],
            "village_name": "Bản",
            "population": np.arange(1, len(villages) + 1) * 100.0,
            "commune_id": "C1",
        },
        geometry=villages,
        crs=32648,
    )
    c = gpd.GeoDataFrame(
        {
            "commune_id": ["C1"],
            "commune_name": ["Xã Thử"],
            "district": [None],
            "population": [np.nan],
        },
        geometry=[shapely.box(-1, -1, 35_000, 35_000)],
        crs=32648,
    )
    cols = [
        "site_id",
        "serves_2g",
        "serves_3g",
        "serves_4g",
        "serves_5g",
        "radius_km",
        "azimuths",
        "beamwidth_deg",
    ]
    s = gpd.GeoDataFrame(sites, columns=[*cols, "geometry"], geometry="geometry", crs=32648)
    s["site_id"] = s["site_id"].astype(object)
    return Inputs(communes=c, villages=v, sites=s, crs=c.crs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_generated_cases_equal_reference(case):
    villages, sites, share = case
    inputs = _inputs(villages, sites)
    params = Parameters(village_area_share=share)
    result = run(inputs, params=params)
    for tech in TECHS:
        ref = reference_shares(inputs.villages, inputs.sites, tech, params.radius_km(tech))
        engine = result.villages.set_index("village_id")[f"share_{tech.lower()}"]
        np.testing.assert_allclose(engine.reindex(ref.index), ref, atol=1e-7)
        # A share within 1e-9 of the threshold may fall either way; none is drawn so.
        clear = (ref - share).abs() > 1e-9
        covered = result.villages.set_index("village_id")[f"covered_{tech.lower()}"]
        assert (covered[clear] == (ref[clear] >= share)).all()


@pytest.mark.parametrize("dense_share", [0.0, 1.1])
def test_tiled_union_path_equals_reference(demo_inputs, monkeypatch, dense_share):
    """The coverage polygons the maps draw, built by the national-size path (small
    tiles inside disks, or large clipped tiles) on the demo province, hold exactly the
    reference's share of each village."""
    import coverage_planner.coverage.union as union

    monkeypatch.setattr(union, "PLAIN_UNION_MAX", 0)
    monkeypatch.setattr(union, "DENSE_SHARE", dense_share)
    result = run(demo_inputs, params=Parameters())
    geoms = demo_inputs.villages.geometry.to_numpy()
    for tech in TECHS:
        ref = reference_shares(
            demo_inputs.villages, demo_inputs.sites, tech, Parameters().radius_km(tech)
        )
        parts = result.coverage[tech]
        drawn = shapely.area(shapely.intersection(geoms, shapely.union_all(parts)))
        drawn = drawn / shapely.area(geoms)
        drawn = pd.Series(drawn, index=demo_inputs.villages["village_id"])
        np.testing.assert_allclose(drawn.reindex(ref.index), ref, atol=1e-9)


def test_single_technology_recompute_equals_a_full_run(demo_inputs):
    cache: dict = {}
    run(demo_inputs, params=Parameters(), cache=cache)
    changed = Parameters().with_radius("4G", 2.5)
    cached = run(demo_inputs, params=changed, cache=cache)
    fresh = run(demo_inputs, params=changed)
    for key in ("villages_covered_pct", "area_covered_pct", "uncovered_villages"):
        assert cached.summary[key] == pytest.approx(fresh.summary[key], abs=1e-9)
    assert (cached.villages["covered_4g"] == fresh.villages["covered_4g"]).all()
