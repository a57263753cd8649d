"""The [planning] section of a configuration file."""

from __future__ import annotations

import pytest

from coverage_planner.errors import ConfigError
from coverage_planner.params import Parameters
from coverage_planner.planning.config import PlanningParams


def test_costs_and_generation_come_from_the_file(tmp_path):
    path = tmp_path / "thong_so.toml"
    path.write_text(
        "[technologies.4G]\nradius_km = 2.5\n[planning]\nnew_site_vnd = 1_800_000_000\n"
        'generate = ["village_centres"]\nexclusion = "vung_cam.gpkg"\nspacing_km = 2\n',
        encoding="utf-8",
    )
    planning = PlanningParams.from_toml(path)
    assert planning.new_site_vnd == 1.8e9
    assert planning.upgrade_vnd == PlanningParams().upgrade_vnd
    assert planning.generate == ("village_centres",)
    assert planning.exclusion == tmp_path / "vung_cam.gpkg"
    assert planning.spacing_km == 2.0
    # The audit's parameters read the same file without complaint.
    assert Parameters.from_toml(path).radius_km("4G") == 2.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[planning]\nnew_site = 1\n", "does not know new_site"),
        ('[planning]\ngenerate = ["towers"]\n', "unknown kind"),
        ('[planning]\nfibre_vnd_per_km = "a lot"\n', "must be a number"),
        ("[planning]\nfresnel_clearance = 1.5\n", "fresnel_clearance"),
        ("[planning]\nupgrade_vnd = -5\n", "cannot be negative"),
    ],
)
def test_bad_planning_values_are_config_errors(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        PlanningParams.from_toml(path)
