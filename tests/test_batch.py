"""The batch audit: config file with command-line overrides, terminal behaviour, Dask."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from coverage_planner import cli
from coverage_planner.batch import load_audit_config
from coverage_planner.console import TerminalReporter
from coverage_planner.errors import ConfigError
from tests.conftest import GIS_DATA


def write_config(folder, **outputs):
    data = GIS_DATA.resolve()
    text = f"""
[inputs]
communes = "{data / "communes.gpkg"}"
villages = "{data / "villages.gpkg"}"
sites = "{data / "bts_sites.csv"}"

[technologies.4G]
radius_km = 2.5

[coverage]
village_area_share = 0.6

[outputs]
folder = "ket_qua"
language = "en"
maps = false
atlas = false
kmz = false
workbook = {str(outputs.get("workbook", False)).lower()}
"""
    path = folder / "audit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_config_file_names_inputs_parameters_and_outputs(tmp_path):
    config = load_audit_config(write_config(tmp_path))
    assert config.files.sites.path.name == "bts_sites.csv"
    assert config.params.radius_km("4G") == 2.5 and config.params.village_area_share == 0.6
    assert config.out_dir == tmp_path / "ket_qua"  # relative to the file
    assert not config.outputs.maps and config.outputs.language == "en"


def test_audit_from_config_with_command_line_override(tmp_path, demo_inputs):
    from coverage_planner.coverage.engine import run
    from coverage_planner.params import Parameters

    config = write_config(tmp_path, workbook=True)
    other = tmp_path / "elsewhere"
    assert cli.main(["audit", "--config", str(config), "--out", str(other), "--quiet"]) == 0
    assert not (tmp_path / "ket_qua").exists()
    names = {p.name for p in other.iterdir()}
    assert {"summary.json", "run.json", "audit.log", "coverage.xlsx"} <= names
    assert "map_4g.png" not in names and "atlas.pdf" not in names
    summary = json.loads((other / "summary.json").read_text(encoding="utf-8"))
    direct = run(demo_inputs, params=Parameters(village_area_share=0.6).with_radius("4G", 2.5))
    assert summary["villages_covered_pct"]["4G"] == pytest.approx(
        direct.summary["villages_covered_pct"]["4G"]
    )
    run_json = json.loads((other / "run.json").read_text(encoding="utf-8"))
    assert run_json["config_file"] == str(config.resolve())
    assert run_json["command"][:2] == ["coverage-planner", "audit"]


def test_terrain_section_selects_the_terrain_model_and_names_the_dem(tmp_path):
    path = write_config(tmp_path)
    text = (
        path.read_text(encoding="utf-8")
        + f"""
[terrain]
dem = "{(GIS_DATA / "dem.tif").resolve()}"
resolution_m = 90
environment = "suburban"
"""
    )
    path.write_text(text, encoding="utf-8")
    config = load_audit_config(path)
    assert config.files.dem.path.name == "dem.tif"
    assert config.params.model == "terrain"
    assert (
        config.params.terrain.resolution_m == 90 and config.params.terrain.environment == "suburban"
    )


def test_bad_config_values_are_user_errors(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[outputs]\nlanguage = "fr"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="language"):
        load_audit_config(path)
    path.write_text("[inputs]\ncommunes = 'x.gpkg'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="villages, sites"):
        load_audit_config(path)
    path.write_text("[nonsense]\n", encoding="utf-8")
    assert cli.main(["audit", "--config", str(path), "--out", str(tmp_path / "o"), "--quiet"]) == 2


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_terminal_progress_bar_plain_lines_and_quiet():
    tty, pipe, quiet = Tty(), io.StringIO(), io.StringIO()
    for stream, q in ((tty, False), (pipe, False), (quiet, True)):
        r = TerminalReporter(quiet=q, stream=stream)
        r.status("Reading communes")
        r.progress(1, 4)
        r.status("Village status")
        r.progress(4, 4)
        r.close()
    assert "\r" in tty.getvalue() and "Village status" in tty.getvalue()
    lines = pipe.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].endswith("Reading communes") and "\r" not in pipe.getvalue()
    assert quiet.getvalue() == ""


@pytest.fixture(scope="module")
def by_district(demo_inputs):
    """The demo with its districts as provinces, so the study splits into 8 parts."""
    from dataclasses import replace

    communes = demo_inputs.communes.copy()
    communes["province"] = communes["district"]
    return replace(demo_inputs, communes=communes)


def test_dask_two_workers_equal_the_serial_run(by_district):
    from dask.distributed import Client, LocalCluster

    from coverage_planner.coverage.engine import run
    from coverage_planner.coverage.partitioned import dask_submitter, run_partitioned
    from coverage_planner.params import Parameters

    params = Parameters()
    serial = run(by_district, params=params)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        parted = run_partitioned(by_district, params=params, submit=dask_submitter(client))
    assert parted.summary == serial.summary
    for tech in ("2g", "3g", "4g"):
        assert (parted.villages[f"covered_{tech}"] == serial.villages[f"covered_{tech}"]).all()
        assert (parted.villages[f"reason_{tech}"] == serial.villages[f"reason_{tech}"]).all()
        np.testing.assert_allclose(
            parted.villages[f"share_{tech}"], serial.villages[f"share_{tech}"], atol=1e-9
        )
        np.testing.assert_allclose(
            parted.communes[f"area_covered_{tech}_pct"],
            serial.communes[f"area_covered_{tech}_pct"],
            atol=1e-9,
        )
    pd.testing.assert_frame_equal(parted.uncovered.astype(str), serial.uncovered.astype(str))
    for tech, fp in serial.footprints.items():
        assert parted.footprints[tech]["site_id"].tolist() == fp["site_id"].tolist()
        np.testing.assert_allclose(parted.footprints[tech].geometry.area, fp.geometry.area)
