"""Villages a plan must cover: ids, and every commune's centre village."""

from __future__ import annotations

import json
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from coverage_planner.cli import main
from coverage_planner.coverage.engine import run
from coverage_planner.errors import UserError
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.params import Parameters
from coverage_planner.planning.candidates import sites_with_plan
from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.must_cover import (
    commune_centre_villages,
    must_cover_mask,
    parse_must_cover,
)
from coverage_planner.planning.plan import PlanRequest, prepare, solve

from .study import CRS, SIDE, X0, Y0, write_study


def two_communes():
    communes = gpd.GeoDataFrame(
        {"commune_id": ["A", "B"]},
        geometry=[shapely.box(0, 0, 1000, 1000), shapely.box(1000, 0, 3000, 1000)],
        crs=CRS,
    )
    # Hand-placed: the centre of A is (500, 500), of B (2000, 500).
    villages = gpd.GeoDataFrame(
        {
            "village_id": ["a1", "a2", "a3", "b1", "b2"],
            "commune_id": ["A", "A", "A", "B", "B"],
        },
        geometry=[
            shapely.Point(100, 100),
            shapely.Point(560, 430),  # 92 m from A's centre
            shapely.Point(450, 600),  # 112 m
            shapely.Point(1100, 500),
            shapely.Point(2300, 900),  # 500 m from B's centre, b1 900 m
        ],
        crs=CRS,
    )
    return communes, villages


def test_the_centre_village_is_the_one_nearest_the_commune_centre():
    communes, villages = two_communes()
    mask, how = commune_centre_villages(villages, communes)
    assert list(villages["village_id"][mask]) == ["a2", "b2"]
    assert how == "nearest to the commune centre"


def test_a_centre_column_of_the_village_layer_wins():
    communes, villages = two_communes()
    villages["Trung tâm xã"] = ["x", "", None, "Có", "0"]
    mask, how = commune_centre_villages(villages, communes)
    assert list(villages["village_id"][mask]) == ["a1", "b1"]
    assert how == "column Trung tâm xã"


def test_ids_and_the_word_mix_and_unknown_ids_are_refused():
    communes, villages = two_communes()
    assert parse_must_cover("a1; commune_centres, ") == ("a1", "commune_centres")
    mask, how = must_cover_mask(("a1", "commune_centres"), villages, communes)
    assert list(villages["village_id"][mask]) == ["a1", "a2", "b2"]
    mask, how = must_cover_mask(("b1",), villages, communes)
    assert list(villages["village_id"][mask]) == ["b1"] and how is None
    with pytest.raises(UserError, match="zz") as err:
        must_cover_mask(("zz",), villages, communes)
    assert "zz" in err.value.text("vi")


def test_the_config_file_names_them(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[planning]\nmust_cover = "commune_centres, B007"\n', encoding="utf-8")
    assert PlanningParams.from_toml(path).must_cover == ("commune_centres", "B007")


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return write_study(tmp_path_factory.mktemp("must_cover"))


def hand_centres(study) -> set[str]:
    """The village of each commune nearest its box's centre (the study's communes
    are the four quarters of the square)."""
    villages = gpd.read_file(study["villages"])
    half = SIDE / 2
    ref = shapely.point_on_surface(villages.geometry.to_numpy())
    x, y = shapely.get_x(ref), shapely.get_y(ref)
    quarter = ((x - X0) // half).astype(int) * 2 + ((y - Y0) // half).astype(int)
    cx = X0 + half * (quarter // 2) + half / 2
    cy = Y0 + half * (quarter % 2) + half / 2
    d = np.hypot(x - cx, y - cy)
    frame = pd.DataFrame({"q": quarter, "d": d, "id": villages["ma_ban"]})
    return set(frame.loc[frame.groupby("q")["d"].idxmin(), "id"])


@pytest.mark.parametrize("solver", ["greedy", "exact"])
def test_every_commune_centre_is_covered_after_by_an_audit(study, solver):
    files = InputFiles.of(**{k: v for k, v in study.items() if k != "dem"})
    inputs = load_inputs(files)
    params = Parameters(model="disk")
    today = run(inputs, params=params)
    context = prepare(inputs, today, params=params, planning=PlanningParams(), technology="4G")
    centres = hand_centres(study)
    vid = today.villages["village_id"].astype(str)
    base = today.villages["covered_4g"].to_numpy(bool)
    assert (~base[vid.isin(centres).to_numpy()]).any(), "the case needs an uncovered centre"
    free = solve(context, PlanRequest(budget_sites=1, solver=solver))
    plan = solve(
        context, PlanRequest(budget_sites=4, solver=solver, must_cover=("commune_centres",))
    )
    built = sites_with_plan(inputs.sites, context.candidates, plan.chosen, "4G")
    audit = run(replace(inputs, sites=built), params=params)
    covered = audit.villages["covered_4g"].to_numpy(bool)
    assert covered[vid.isin(centres).to_numpy()].all()
    np.testing.assert_array_equal(plan.after_covered, covered)
    m = plan.summary["must_cover"]
    assert m["villages"] == len(centres) and m["covered_after"] == len(centres)
    # Without the constraint one site does not reach every centre: the constraint bites.
    assert not free.after_covered[vid.isin(centres).to_numpy()].all()


def test_plan_command_takes_the_word(study, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "plan",
            "--communes",
            str(study["communes"]),
            "--villages",
            str(study["villages"]),
            "--sites",
            str(study["sites"]),
            "--technology",
            "4G",
            "--budget-sites",
            "5",
            "--must-cover",
            "commune_centres",
            "--no-maps",
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    summary = json.loads((out / "plan_summary.json").read_text(encoding="utf-8"))
    assert summary["must_cover"]["rule"] == "nearest to the commune centre"
    assert summary["must_cover"]["covered_after"] == summary["must_cover"]["villages"] == 4
