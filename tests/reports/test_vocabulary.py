"""One vocabulary for the app and the exports: the same words on screen and on paper,
and no English word left in a Vietnamese deliverable."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pyogrio
import pytest
from openpyxl import load_workbook

from coverage_planner import vocabulary
from coverage_planner.batch import Outputs
from coverage_planner.coverage.engine import run
from coverage_planner.io.inputs import load_inputs
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.reports.exports import audit_exports
from coverage_planner.reports.provenance import provenance_of
from coverage_planner.reports.tables import uncovered_table
from coverage_planner.study import StudyDescription
from tests.conftest import ROOT
from tests.reports.studies import pdf_text, small_study

# Written by hand from the planners' usage, not read from the vocabulary file.
VIETNAMESE_REASONS = {
    "out_of_range": "ngoài vùng phủ",
    "partial": "phủ một phần",
    "upgrade": "nâng cấp trạm",
    "terrain_shadow": "bị địa hình che khuất",
}
# English words that may stand in a Vietnamese text: names of models, programs,
# standards and formats, and units.
NAMES = {"coverage", "planner", "okumura", "hata", "bullington", "unicode", "make_valid"}
# Plain English that no Vietnamese sentence has: the words between the vocabulary's.
ENGLISH_GLUE = {
    "the", "and", "with", "from", "have", "lies", "into", "kept", "dropped", "which",
    "their", "there", "this", "that", "were", "been", "only", "every", "outside",
    "inside", "across", "feature", "features", "row", "rows", "none", "not", "are",
}  # fmt: skip


def english_words() -> set[str]:
    """Every English word of the vocabulary that its Vietnamese does not also use,
    the reason codes, and plain English glue words."""
    en, vi = set(), set()
    for name in ("labels", "sources", "reasons", "reason_sentences", "actions", "statuses",
                 "severities", "layers", "words", "headers", "per_tech_headers"):  # fmt: skip
        for entry in vocabulary.section(name).values():
            en |= {w.lower() for w in re.findall(r"[A-Za-z_]{3,}", entry["en"])}
            vi |= {w.lower() for w in re.findall(r"[A-Za-z_]{3,}", entry["vi"])}
    return (
        (en - vi - NAMES - {"tech", "site", "near", "share"})
        | set(VIETNAMESE_REASONS)
        | ENGLISH_GLUE
    )


def english_in(text: str, words: set[str]) -> set[str]:
    # File names (thon_ban.gpkg) and codes are the user's, not words of the program.
    text = re.sub(r"[\w.-]+\.(gpkg|csv|tif|xlsx|shp|geojson|kmz)\b", " ", text)
    return {w for w in re.findall(r"[A-Za-z_]+", text) if w.lower() in words}


def deliverable_texts(folder: Path) -> dict[str, str]:
    """What a reader sees in each Vietnamese export: cells, page text, KMZ names and
    balloons, GeoPackage values, QGIS legend labels, aliases and layer names."""
    texts: dict[str, str] = {}
    wb = load_workbook(folder / "coverage.xlsx")
    for ws in wb.worksheets:
        cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
        texts[f"coverage.xlsx:{ws.title}"] = ws.title + "\n" + "\n".join(cells)
    for pdf in sorted(folder.glob("*.pdf")):
        texts[pdf.name] = pdf_text(pdf)
    with zipfile.ZipFile(folder / "coverage.kmz") as zf:
        doc = zf.read("doc.kml").decode("utf-8")
    texts["coverage.kmz"] = re.sub(r"<[^>]+>", " ", re.sub(r"<(href|styleUrl)>.*?</\1>", "", doc))
    gpkg = folder / "coverage.gpkg"
    for layer, _ in pyogrio.list_layers(gpkg):
        if layer == "layer_styles":  # QGIS's own table, read below for what it shows
            continue
        frame = pyogrio.read_dataframe(gpkg, layer=layer, read_geometry=False)
        values = [
            str(v) for c in frame.select_dtypes(["object", "string"]) for v in frame[c].dropna()
        ]
        texts[f"coverage.gpkg:{layer}"] = "\n".join(values)
    with sqlite3.connect(gpkg) as db:
        for name, qml in db.execute("SELECT f_table_name, styleQML FROM layer_styles"):
            root = ET.fromstring(qml)
            shown = [e.get("label", "") for e in root.iter() if e.get("label")]
            shown += [e.get("name", "") for e in root.iter("alias") if e.get("name")]
            texts[f"style:{name}"] = "\n".join(shown)
    with zipfile.ZipFile(folder / "coverage.qgz") as zf:
        qgs = zf.read(next(n for n in zf.namelist() if n.endswith(".qgs"))).decode("utf-8")
    root = ET.fromstring(qgs)
    names = [e.get("name", "") for e in root.iter("layer-tree-layer")]
    texts["coverage.qgz"] = "\n".join([root.findtext("title") or "", *names])
    return texts


def write_exports(result, files, folder: Path, language: str = "vi") -> Path:
    folder.mkdir()
    writers = audit_exports(
        result, Outputs(language=language), sources=provenance_of(result, files)
    )
    for name, write in writers.items():
        write(folder / name)
    return folder


@pytest.fixture(scope="module")
def vi_exports(tmp_path_factory):
    """Every export of a province's own three-commune study, and of the same study
    with its DEM (terrain model), in Vietnamese."""
    out = {}
    for model in ("disk", "terrain"):
        folder = tmp_path_factory.mktemp(model)
        files = small_study(folder, dem=model == "terrain")
        params = Parameters(
            model=model,
            terrain=TerrainParams(workers=1),
            study=StudyDescription(province="Lai Châu", title="Rà soát 2025"),
        )
        result = run(load_inputs(files), params=params)
        out[model] = (result, write_exports(result, files, folder / "exports"))
    return out


@pytest.mark.parametrize("model", ["disk", "terrain"])
def test_no_english_word_in_a_vietnamese_deliverable(vi_exports, model):
    result, folder = vi_exports[model]
    # every finding of the run speaks both languages (a message key, not one English text)
    assert result.findings and all(f.key for f in result.findings)
    texts = deliverable_texts(folder)
    assert {"atlas.pdf", "map_4g.pdf", "coverage.kmz", "style:villages"} <= set(texts)
    words = english_words()
    found = {where: english_in(text, words) for where, text in texts.items()}
    assert {k: v for k, v in found.items() if v} == {}
    # the reasons the run gave are there, in Vietnamese
    unc = "\n".join(v for k, v in texts.items() if "Chưa có sóng" in k)
    for code in set(result.uncovered["reason"]):
        assert VIETNAMESE_REASONS[code] in unc


def test_the_app_uses_the_words_of_the_workbook(qapp, demo_result):
    """The desktop app's Uncovered table, Identify and legend in Vietnamese say what
    the workbook says, word for word (numbers included: 4,2 km)."""
    from PyQt6.QtCore import QLocale

    from coverage_planner.gui.attributes import reason_label
    from coverage_planner.gui.tables import uncovered_frame

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    try:
        app = uncovered_frame(demo_result, "4G")
        labels = {code: reason_label(code) for code in VIETNAMESE_REASONS}
    finally:
        QLocale.setDefault(before)
    book = uncovered_table(demo_result, "vi")
    book = book[book["technology"] == "4G"]
    assert list(app["reason"]) == list(book["reason"])
    assert list(app["action"]) == list(book["action"])
    assert labels == VIETNAMESE_REASONS
    assert any(re.search(r"\d,\d km\)$", a) for a in app["action"])


def test_the_interface_translations_hold_no_second_copy_of_the_vocabulary():
    """Reasons, actions and statuses are not translated a second time in the .ts."""
    root = ET.parse(ROOT / "resources" / "translations" / "coverage_planner_vi.ts").getroot()
    sources = {m.findtext("source") for m in root.iter("message")}
    own = set()
    for name in ("reasons", "actions", "statuses"):
        own |= {entry["en"] for entry in vocabulary.section(name).values()}
    own |= {"not reached", "hidden by terrain", "partly covered (below the share)"}
    assert not sources & own
