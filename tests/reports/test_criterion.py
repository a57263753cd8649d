"""After a terrain run, maps, atlas and workbook state what "covered" meant: the level
and the coverage-probability margin the run's grids used."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from scipy.stats import norm

from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import load_inputs
from coverage_planner.maps.export import export_map
from coverage_planner.maps.layout import MapSpec
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.reports.atlas import export_atlas
from coverage_planner.reports.provenance import provenance_of
from coverage_planner.reports.workbook import export_workbook
from tests.reports.studies import pdf_text, small_study

SIGMA, PROBABILITY, INDOOR = 8.0, 0.9, 5.0


@pytest.fixture(scope="module")
def probable_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("criterion")
    files = small_study(folder, dem=True)
    terrain = TerrainParams(
        workers=1,
        location_sigma_db=SIGMA,
        coverage_probability=PROBABILITY,
        indoor_loss_db=INDOOR,
    )
    return files, run(load_inputs(files), params=Parameters(model="terrain", terrain=terrain))


def expected_words() -> list[str]:
    """The margin from the normal quantile (scipy, not the program's own formula)."""
    margin = SIGMA * norm.ppf(PROBABILITY) + INDOOR  # 15.25 dB
    threshold = Parameters().technologies["4G"].threshold_dbm
    return [
        f"Có sóng 4G khi mức thu ≥ {threshold:.0f} dBm + {margin:.1f}".replace(".", ","),
        "xác suất phủ 90 % tại một vị trí, σ 8,0 dB",
        "gồm suy hao trong nhà 5,0 dB",
    ]


def test_map_atlas_and_workbook_state_the_margin_of_the_terrain_run(probable_run, tmp_path):
    files, result = probable_run
    spec = MapSpec(language="vi", sources=provenance_of(result, files))
    map_text = pdf_text(export_map(result, tmp_path / "m.pdf", spec)).replace("\n", " ")
    atlas = pdf_text(export_atlas(result, tmp_path / "a.pdf", spec)).replace("\n", " ")
    ws = load_workbook(export_workbook(result, tmp_path / "b.xlsx", language="vi"))["Tổng hợp"]
    summary = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}
    for words in expected_words():
        assert words in map_text, words
        assert atlas.count(words) >= 1 + len(result.communes), words  # cover and every commune
        assert words in summary["Tiêu chí có sóng 4G"], words


def test_a_disk_run_states_no_margin(demo_result, tmp_path):
    spec = MapSpec(language="vi")
    text = pdf_text(export_map(demo_result, tmp_path / "m.pdf", spec))
    assert "dự phòng" not in text and "xác suất phủ" not in text
