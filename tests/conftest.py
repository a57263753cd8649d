"""Test configuration: Qt offscreen, matplotlib Agg, shared fixtures."""

from __future__ import annotations

import os

# Set before anything imports Qt or matplotlib: tests never use a real display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["MPLBACKEND"] = "Agg"
# The terrain model's window cache goes to the user's cache folder: tests keep their own.
_CACHE_HOME = __import__("tempfile").mkdtemp(prefix="coverage-planner-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GIS_DATA = ROOT / "gis_data"
SHARED_VN = ROOT.parent / "shared" / "data" / "vn"
COMMUNES_2009 = SHARED_VN / "vn_communes_2009.gpkg"
WORLDPOP = SHARED_VN / "vnm_worldpop_2020_1km.tif"

needs_real_data = pytest.mark.skipif(
    not COMMUNES_2009.exists(),
    reason=f"real Vietnamese data not found at {SHARED_VN} (it lives in ../shared/data/vn beside the checkout)",
)


@pytest.fixture(scope="session")
def demo_inputs():
    """The demo province without its DEM: the disk model (the terrain tests add it)."""
    from dataclasses import replace

    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import load_inputs

    return load_inputs(replace(demo_files(GIS_DATA), dem=None))


@pytest.fixture(scope="session")
def demo_result(demo_inputs):
    from coverage_planner.coverage.engine import run
    from coverage_planner.params import Parameters

    return run(demo_inputs, params=Parameters())
