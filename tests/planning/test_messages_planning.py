"""Every user error and step of the investment plan in Vietnamese: each error path
raised for real and read in both languages, no raise left without a catalogue key,
every planning step translated."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import scipy.sparse as sp

from coverage_planner.cli import main
from coverage_planner.coverage.engine import run
from coverage_planner.errors import UserError
from coverage_planner.io.inputs import InputFiles, load_inputs
from coverage_planner.io.message_planning import PLANNING, status_text, translate_status
from coverage_planner.params import Parameters
from coverage_planner.planning import solvers
from coverage_planner.planning.candidates import load_candidates
from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.map_edits import move_candidate
from coverage_planner.planning.must_cover import must_cover_mask
from coverage_planner.planning.plan import PlanRequest, check_technology, prepare, solve
from tests.io.test_messages import _has_vietnamese, _same_facts

from .study import CRS, X0, Y0, write_study

PACKAGE = Path(__file__).resolve().parents[2] / "coverage_planner"


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan_messages")
    paths = write_study(folder)
    inputs = load_inputs(InputFiles.of(**{k: v for k, v in paths.items() if k != "dem"}))
    params = Parameters(model="disk")
    return paths, inputs, params, run(inputs, params=params)


def read_both(exc: UserError) -> None:
    """The error names a planning key and reads as its own Vietnamese sentence."""
    assert exc.key is not None and exc.key.split(".")[0] in ("plan", "profile"), exc.key
    _same_facts(exc.text("en"), exc.text("vi"))


def raised(fn) -> UserError:
    with pytest.raises(UserError) as info:
        fn()
    read_both(info.value)
    return info.value


def test_the_request_and_the_technology(study):
    for kwargs in (
        {"objective": "roads"},
        {"solver": "fast"},
        {"target_pct": 0},
        {"target_pct": 120},
        {"budget_vnd": -5.0},
    ):
        raised(lambda k=kwargs: PlanRequest(budget_sites=3, **k))
    assert raised(lambda: check_technology("6G")).key == "plan.technology_unknown"
    raised(lambda: solvers.Budget(sites=2, vnd=1e9))


@pytest.mark.parametrize(
    "text",
    [
        "[planning]\nnew_site = 1\n",
        '[planning]\ngenerate = ["towers"]\n',
        '[planning]\nfibre_vnd_per_km = "a lot"\n',
        "[planning]\nfresnel_clearance = 1.5\n",
        "[planning]\nfibre_route_factor = 0.5\n",
        "[planning]\nupgrade_vnd = -5\n",
    ],
)
def test_the_planning_settings(tmp_path, text):
    path = tmp_path / "kế hoạch.toml"
    path.write_text(text, encoding="utf-8")
    raised(lambda: PlanningParams.from_toml(path))


def test_the_candidate_file(tmp_path):
    def load(path):
        return load_candidates(path, crs=CRS, planning=PlanningParams())

    empty = tmp_path / "ung_vien.csv"
    empty.write_text("Mã trạm,Kinh độ,Vĩ độ\n", encoding="utf-8")
    assert raised(lambda: load(empty)).key == "plan.candidates_no_row"
    text = tmp_path / "ung_vien.docx"
    text.write_text("C1 103.4 22.3\n", encoding="utf-8")
    assert raised(lambda: load(text)).key == "plan.candidates_format"
    kind = tmp_path / "loai.csv"
    kind.write_text("Mã trạm,Kinh độ,Vĩ độ,kind\nC1,103.4,22.3,tower\n", encoding="utf-8")
    assert raised(lambda: load(kind)).key == "plan.candidates_kind"


def test_preparing_and_solving(study):
    _, inputs, params, today = study

    def prep(tech, planning=None):
        return prepare(
            inputs,
            today,
            params=params,
            planning=planning or PlanningParams(),
            technology=tech,
            workers=1,
        )

    assert raised(lambda: prep("5G")).key == "plan.technology_unserved"
    no_generation = replace(PlanningParams(), generate=())
    assert raised(lambda: prep("2G", no_generation)).key == "plan.no_candidates"
    context = prep("4G")
    assert raised(lambda: solve(context, PlanRequest(target_pct=1.0))).key == "plan.target_reached"
    unknown = PlanRequest(budget_sites=2, must_cover=("B999",))
    assert raised(lambda: solve(context, unknown)).key == "plan.must_cover_unknown"
    upgrade = int(np.flatnonzero(context.candidates["site_row"].to_numpy() >= 0)[0])
    assert raised(lambda: move_candidate(context, upgrade, X0, Y0)).key == "plan.upgrade_fixed"
    villages, communes = today.villages, today.communes
    assert raised(lambda: must_cover_mask(("B998",), villages, communes)).key == (
        "plan.must_cover_unknown"
    )
    # Candidates that bring nothing (none reaches an uncovered village, alone or in pairs).
    far = replace(context, coverage=replace(context.coverage), joint=None)
    far.coverage.gains = sp.csr_matrix(context.coverage.gains.shape)
    far.coverage.touches = sp.csr_matrix(context.coverage.touches.shape)
    vid = str(villages["village_id"].iloc[int(np.flatnonzero(~context.coverage.base)[0])])
    must = PlanRequest(budget_sites=2, must_cover=(vid,))
    assert raised(lambda: solve(far, must)).key == "plan.must_cover_orphan"
    assert raised(lambda: solve(far, PlanRequest(budget_sites=2))).key == "plan.nothing_to_plan"


def problem(reach, cost, must=None, weight=None):
    reach = sp.csr_matrix(np.asarray(reach, dtype=bool))
    groups = reach.shape[1]
    return solvers.Problem(
        reach=reach,
        weight=np.ones(groups) if weight is None else np.asarray(weight, float),
        cost=np.asarray(cost, float),
        must=np.zeros(groups, bool) if must is None else np.asarray(must, bool),
    )


def test_the_solvers():
    two = problem([[1, 0], [0, 1]], [2e9, 3e9])
    cases = {
        "plan.no_candidate": (problem(np.zeros((0, 2)), []), solvers.Budget(sites=1)),
        "plan.below_cheapest": (two, solvers.Budget(vnd=1.5e9)),
        "plan.budget_sites": (two, solvers.Budget(sites=0)),
        "plan.must_cover_unreached": (
            problem([[1, 0, 0], [0, 1, 0]], [1, 1], must=[0, 0, 1]),
            solvers.Budget(sites=1),
        ),
        "plan.target_unreachable": (two, solvers.Budget(target=2.5)),
        "plan.must_cover_budget": (
            problem([[1, 0], [0, 1]], [1, 1], must=[1, 1]),
            solvers.Budget(sites=1),
        ),
    }
    for key, (prob, budget) in cases.items():
        assert raised(lambda p=prob, b=budget: solvers.greedy(p, b)).key == key, key


def _points(tmp_path):
    pts = gpd.GeoSeries.from_xy([X0 + 1000, X0 + 9000], [Y0 + 1000, Y0 + 8000], crs=CRS)
    lonlat = pts.to_crs("EPSG:4326")
    return [f"{x},{y}" for x, y in zip(lonlat.x, lonlat.y, strict=True)]


@pytest.mark.parametrize(
    ("change", "key_word"),
    [
        ({"--from": "x"}, "KINH_ĐỘ"),
        ({"--from": "200,100"}, "kinh độ"),
        ({"--clearance": "1.5"}, "Fresnel"),
        ({"--to": "same"}, "cùng một điểm"),
        ({"--out": "hinh.jpg"}, ".jpg"),
    ],
)
def test_the_profile_command_in_vietnamese(study, tmp_path, capsys, change, key_word):
    paths = study[0]
    a, b = _points(tmp_path)
    args = {"--dem": str(paths["dem"]), "--from": a, "--to": b, "--out": "hinh.png"}
    args.update(change)
    if args["--to"] == "same":
        args["--to"] = args["--from"]
    args["--out"] = str(tmp_path / args["--out"])
    argv = ["profile", *[x for kv in args.items() for x in kv], "--language", "vi"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert key_word in err and _has_vietnamese(err), err


def test_the_plan_command_in_vietnamese(study, tmp_path, capsys):
    paths = study[0]
    argv = [
        "plan",
        "--communes",
        str(paths["communes"]),
        "--villages",
        str(paths["villages"]),
        "--sites",
        str(paths["sites"]),
        "--technology",
        "4G",
        "--out",
        str(tmp_path / "de-xuat"),
        "--language",
        "vi",
    ]
    assert main([*argv, "--budget-sites", "0"]) == 2
    assert "phải từ 1 trở lên" in capsys.readouterr().err
    assert main([*argv, "--budget-sites", "2", "--model", "disk"]) == 0
    err = capsys.readouterr().err
    # The steps and the closing line in Vietnamese, no planning step left in English.
    assert "Lập kế hoạch: truyền dẫn của" in err and "tỷ đồng" in err, err
    assert "Planning:" not in err, err


def test_no_planning_raise_without_a_key():
    """Every user error raised by planning and the plan/profile commands names a key
    of the catalogue (so it has its Vietnamese sentence), and every step they report
    is a catalogue text."""
    files = [*sorted((PACKAGE / "planning").glob("*.py")), PACKAGE / "plan_batch.py"]
    raise_text = re.compile(r"raise (\w*Error)\(\s*(f?[\"'])")
    step = re.compile(r"(?:checkpoint\([^)]*?,|\.status\()\s*(f?[\"'])")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not raise_text.search(text), f"{path.name}: {raise_text.search(text).group(0)}"
        assert not step.search(text), f"{path.name}: {step.search(text).group(0)}"


def test_every_planning_step_translates_with_its_values():
    for key, (en, vi) in PLANNING.items():
        if not key.startswith("plan_status."):
            continue
        values = {"n": 1607, "tech": "4G"}
        names = re.findall(r"\{(\w+)\}", en)
        text = status_text(key, **{k: values[k] for k in names})
        shown = translate_status(text, "vi")
        assert shown == vi.format(**{k: values[k] for k in names}), key
        assert _has_vietnamese(shown) and translate_status(text, "en") == text
    assert translate_status("Terrain: village status", "vi") == "Terrain: village status"
