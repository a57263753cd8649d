"""Where the bundled demo province lives, and its input files."""

from __future__ import annotations

import os
from pathlib import Path

from coverage_planner.errors import InputFileError
from coverage_planner.io.inputs import InputFiles


def demo_dir() -> Path:
    """The ``gis_data`` folder: beside the package in a checkout, inside it when installed."""
    env = os.environ.get("COVERAGE_PLANNER_DEMO")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "gis_data", here / "gis_data"]
    for path in candidates:
        if (path / "communes.gpkg").exists():
            return path
    raise InputFileError(
        "The bundled demo province (gis_data/) was not found next to the program. "
        "Rebuild it with: coverage-planner demo-data --out gis_data"
    )


def demo_files(folder: Path | None = None) -> InputFiles:
    d = folder or demo_dir()
    return InputFiles.of(
        communes=d / "communes.gpkg",
        villages=d / "villages.gpkg",
        sites=d / "bts_sites.csv",
        backbone=d / "backbone.gpkg",
        dem=d / "dem.tif",
        population=d / "population.tif",
    )
