"""``coverage-planner plan`` and ``profile``: outputs, languages, bad input."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from coverage_planner.cli import main

from .study import write_study


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    return write_study(tmp_path_factory.mktemp("plan_cli"))


def args_of(study, out, *extra, dem=False):
    args = [
        "plan",
        "--communes",
        str(study["communes"]),
        "--villages",
        str(study["villages"]),
        "--sites",
        str(study["sites"]),
        "--backbone",
        str(study["backbone"]),
        "--technology",
        "4G",
        "--out",
        str(out),
        "--quiet",
    ]
    if dem:
        args += ["--dem", str(study["dem"])]
    return [*args, *extra]


def test_plan_writes_every_output_in_vietnamese(study, tmp_path):
    out = tmp_path / "de-xuat"
    assert main(args_of(study, out, "--budget-vnd", "15e9", "--model", "disk")) == 0
    for name in (
        "plan.csv",
        "plan_villages.csv",
        "plan_summary.json",
        "plan.gpkg",
        "proposal_map.pdf",
        "proposal_map.png",
        "cost_curve.png",
        "plan.xlsx",
        "plan_run.json",
        "plan.log",
    ):
        assert (out / name).stat().st_size > 0, name
    plan = pd.read_csv(out / "plan.csv", encoding="utf-8-sig")
    for col in (
        "order",
        "candidate_id",
        "kind",
        "lon",
        "lat",
        "commune_id",
        "villages_gained",
        "population_gained",
        "cost_vnd",
        "backhaul",
        "cumulative_population_covered_pct",
    ):
        assert col in plan.columns
    assert (plan["order"] == np.arange(1, len(plan) + 1)).all()
    summary = json.loads((out / "plan_summary.json").read_text(encoding="utf-8"))
    assert summary["cost_vnd"] <= 15e9
    assert summary["cost_vnd"] == pytest.approx(plan["cost_vnd"].sum())
    assert summary["sites_chosen"] == len(plan)
    for key in ("technology", "solver", "optimal", "gap_pct", "before", "after"):
        assert key in summary
    gained = pd.read_csv(out / "plan_villages.csv", encoding="utf-8-sig")
    assert set(gained["candidate_id"]) <= set(plan["candidate_id"])
    assert len(gained) == plan["villages_gained"].sum()
    assert summary["after"]["uncovered_villages"] == summary["before"]["uncovered_villages"] - len(
        gained
    )
    layers = set(gpd.list_layers(out / "plan.gpkg")["name"])
    assert {"candidates", "chosen_sites", "villages_gained", "backhaul_links"} <= layers
    from openpyxl import load_workbook

    wb = load_workbook(out / "plan.xlsx")
    assert "Phương án" in wb.sheetnames
    assert wb["Phương án"]["B1"].value == "Mã vị trí"
    # The curve's points, every one found by the integer programme and proven optimal,
    # the sheet in Vietnamese: its budgets grow and so does the covered share.
    curve = list(wb["Chi phí - vùng phủ"].iter_rows(min_row=2, values_only=True))
    assert len(curve) >= 3
    assert {r[4] for r in curve} == {"quy hoạch nguyên"} and {r[5] for r in curve} == {"có"}
    assert all(
        b[0] > a[0] and b[2] >= a[2] - 1e-12 for a, b in zip(curve[:-1], curve[1:], strict=True)
    )


def test_plan_target_and_english(study, tmp_path):
    out = tmp_path / "target"
    assert (
        main(
            args_of(
                study,
                out,
                "--target-pct",
                "70",
                "--language",
                "en",
                "--solver",
                "greedy",
                "--no-maps",
                "--model",
                "disk",
            )
        )
        == 0
    )
    summary = json.loads((out / "plan_summary.json").read_text(encoding="utf-8"))
    assert summary["after"]["villages_covered_pct"] >= 70
    from openpyxl import load_workbook

    assert "Plan" in load_workbook(out / "plan.xlsx").sheetnames


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--budget-vnd", "1e6"], "cheapest"),
        (["--budget-sites", "3", "--technology", "6G"], "technology"),
        (["--budget-sites", "3", "--technology", "5G"], "No site of the study serves 5G"),
        (["--budget-sites", "0"], "at least 1"),
        (["--target-pct", "120"], "percentage"),
    ],
)
def test_bad_requests_exit_2_and_write_nothing(study, tmp_path, capsys, extra, message):
    out = tmp_path / "nothing"
    assert main(args_of(study, out, *extra, "--model", "disk")) == 2
    assert message in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_an_empty_candidate_file_is_a_clear_error(study, tmp_path, capsys):
    empty = tmp_path / "ung_vien.csv"
    empty.write_text("Mã trạm,Kinh độ,Vĩ độ\n", encoding="utf-8")
    out = tmp_path / "nothing"
    assert main(args_of(study, out, "--budget-sites", "2", "--candidates", str(empty))) == 2
    assert "no row" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())


def test_profile_writes_a_picture_and_says_what_it_found(study, tmp_path, capsys):
    from .study import CRS, X0, Y0

    pts = gpd.GeoSeries.from_xy([X0 + 1000, X0 + 12000], [Y0 + 1000, Y0 + 11000], crs=CRS).to_crs(
        "EPSG:4326"
    )
    out = tmp_path / "mat_cat.png"
    code = main(
        [
            "profile",
            "--dem",
            str(study["dem"]),
            "--from",
            f"{pts.x[0]},{pts.y[0]},40",
            "--to",
            f"{pts.x[1]},{pts.y[1]}",
            "--out",
            str(out),
        ]
    )
    assert code == 0 and out.stat().st_size > 10_000
    err = capsys.readouterr().err
    assert "nhìn thẳng" in err and "dBm" in err  # the picture's language, Vietnamese by default
    assert (
        main(
            ["profile", "--dem", str(study["dem"]), "--from", "x", "--to", "1,2", "--out", str(out)]
        )
        == 2
    )
