"""The command line: sub-commands, the audit's outputs, exit codes, no partial output."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from coverage_planner import cli
from tests.io.helpers import communes_utm, site_rows, villages_utm


def test_help_lists_the_subcommands():
    out = subprocess.run(
        [sys.executable, "-m", "coverage_planner.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for command in ("gui", "audit", "demo-data", "check"):
        assert command in out


@pytest.fixture
def study(tmp_path):
    communes_utm().to_file(tmp_path / "communes.gpkg")
    villages_utm().to_file(tmp_path / "villages.gpkg")
    site_rows().to_csv(tmp_path / "sites.csv", index=False, encoding="utf-8-sig")
    return tmp_path


def audit_args(study, out):
    return [
        "audit",
        "--communes",
        str(study / "communes.gpkg"),
        "--villages",
        str(study / "villages.gpkg"),
        "--sites",
        str(study / "sites.csv"),
        "--out",
        str(out),
        "--quiet",
    ]


def test_audit_writes_every_output_with_bom_and_diacritics(study, tmp_path):
    out = tmp_path / "out"
    assert cli.main(audit_args(study, out)) == 0
    names = {p.name for p in out.iterdir()}
    assert {
        "summary.json",
        "communes.csv",
        "villages.csv",
        "uncovered_villages.csv",
        "coverage.gpkg",
    } <= names
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in (
        "communes",
        "villages",
        "sites",
        "sites_by_technology",
        "communes_with_mobile_pct",
        "villages_covered_pct",
        "population_covered_pct",
        "area_covered_pct",
        "communes_with_broadband_pct",
        "uncovered_villages",
    ):
        assert key in summary
    assert summary["communes_with_broadband_pct"] is None
    raw = (out / "villages.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    villages = pd.read_csv(out / "villages.csv", encoding="utf-8-sig", dtype={"commune_id": str})
    assert villages["village_id"].tolist() == ["B1", "B2", "B3"]
    assert "Bản Pá Vây Sử" in villages["village_name"].tolist()
    assert {"covered_4g", "share_4g", "covered_3g", "share_2g"} <= set(villages.columns)
    assert not [p for p in out.iterdir() if p.name.startswith(".partial")]


def test_user_error_exits_2_with_a_message(study, tmp_path, capsys):
    (study / "sites.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert cli.main(audit_args(study, tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert "sites.csv" in err and "no column for" in err and "Traceback" not in err


def test_failed_run_leaves_no_file_in_the_output_folder(study, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("old", encoding="utf-8")

    def boom(result, p):
        raise KeyboardInterrupt

    import coverage_planner.reports.audit as audit
    import coverage_planner.reports.geopackage as geopackage

    # The audit writes its GeoPackage (and QGIS project) in its language through
    # reports/exports.py; a failure there must leave the folder as it was too.
    for module in (audit, geopackage):
        monkeypatch.setattr(module, "export_geopackage", lambda result, p, **kw: boom(result, p))
    assert cli.main(audit_args(study, out)) == 1
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]
    assert (out / "summary.json").read_text(encoding="utf-8") == "old"


def test_config_file_changes_the_radius(study, tmp_path):
    (tmp_path / "c.toml").write_text(
        "[technologies.4G]\nradius_km = 0.5\n[coverage]\nvillage_area_share = 0.9\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert cli.main(audit_args(study, out) + ["--config", str(tmp_path / "c.toml")]) == 0
    villages = pd.read_csv(out / "villages.csv", encoding="utf-8-sig")
    # B1 is a 2 km square centred on the 4G site: a 0.5 km disk covers π·0.25/4 ≈ 20% of it.
    assert villages.loc[0, "share_4g"] == pytest.approx(3.14159 * 0.25 / 4, rel=0.01)
    assert not villages.loc[0, "covered_4g"]


def test_bad_config_is_a_user_error(study, tmp_path, capsys):
    (tmp_path / "c.toml").write_text("[coverage]\nvillage_area_share = 2\n", encoding="utf-8")
    assert (
        cli.main(audit_args(study, tmp_path / "out") + ["--config", str(tmp_path / "c.toml")]) == 2
    )
    assert "village_area_share" in capsys.readouterr().err
