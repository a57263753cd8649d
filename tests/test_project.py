from coverage_planner.demo import demo_files
from coverage_planner.params import Parameters
from coverage_planner.project import load_project, save_project
from tests.conftest import GIS_DATA


def test_project_round_trip_with_relative_paths(tmp_path):
    params = Parameters(village_area_share=0.7).with_radius("3G", 4.25)
    path = save_project(tmp_path / "p.cpproj.json", demo_files(GIS_DATA), params)
    import json
    from pathlib import Path

    stored = json.loads(path.read_text(encoding="utf-8"))["layers"]
    assert not any(Path(layer["path"]).is_absolute() for layer in stored.values())
    files, back = load_project(path)
    assert back == params
    assert files.communes.path == (GIS_DATA / "communes.gpkg").resolve()
    assert files.population.path.name == "population.tif"
