"""Issue 11, session 4: the desktop items a planner expects (offscreen, pytest-qt).

Export progress and cancel, findings in the app's language, attribute tables, labels,
hillshade, action lines, operator filter, print preview, undo/redo, small screens.
Each test checks what the user sees against an independent computation.
"""

from __future__ import annotations

import pytest
from PyQt6.QtGui import QKeySequence

from coverage_planner.errors import Cancelled
from coverage_planner.maps.layout import MapSpec

# ---- defect 7: the map export reports a real share and can be cancelled


class Recorder:
    """A reporter that records progress and cancels after ``cancel_after`` reports."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.values: list[tuple[int, int]] = []
        self.cancel_after = cancel_after

    def progress(self, done: int, total: int) -> None:
        self.values.append((done, total))

    def status(self, text: str) -> None:
        pass

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.values) >= self.cancel_after


def test_map_export_reports_progress_while_rendering(demo_result, tmp_path):
    from coverage_planner.maps.export import export_map

    rec = Recorder()
    out = export_map(
        demo_result, tmp_path / "m.png", MapSpec(technology="4G"), dpi=60, reporter=rec
    )
    assert out.exists()
    shares = [d / t for d, t in rec.values]
    assert shares == sorted(shares), "progress never goes back"
    assert shares[0] == 0 and shares[-1] == 1
    # Several steps strictly between composing (10 %) and writing (98 %): the render
    # itself reports, layer by layer, instead of sitting at one value.
    inside = {s for s in shares if 0.1 < s < 0.98}
    assert len(inside) >= 4


def test_map_export_cancel_stops_the_render_and_leaves_no_file(demo_result, tmp_path):
    from coverage_planner.maps.export import export_map

    rec = Recorder(cancel_after=4)  # stops inside the render, after two layers
    with pytest.raises(Cancelled):
        export_map(demo_result, tmp_path / "m.pdf", MapSpec(technology="4G"), reporter=rec)
    assert list(tmp_path.iterdir()) == []  # neither the map nor a partial file
    assert max(d for d, _ in rec.values) < 98


def test_atlas_progress_never_reads_100_before_the_end(demo_result, tmp_path):
    from coverage_planner.reports.atlas import export_atlas

    rec = Recorder()
    ids = list(demo_result.communes["commune_id"].astype(str)[:2])
    export_atlas(
        demo_result, tmp_path / "a.pdf", MapSpec(technology="4G"), reporter=rec, communes=ids
    )
    # cover + 2 communes = 3 steps; each reported when it starts, then the end
    steps = [v for i, v in enumerate(rec.values) if i == 0 or v != rec.values[i - 1]]
    assert steps == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert rec.values.index((3, 3)) == len(rec.values) - 1  # 100 % only once written


def test_atlas_hears_a_cancel_between_every_text_of_a_page(demo_result, tmp_path, monkeypatch):
    """A page's table is hundreds of texts drawn by one figure render: a cancel must be
    heard between any two of them, not only when the page is done."""
    from matplotlib.text import Text

    from coverage_planner.reports.atlas import export_atlas

    drawn = [0]  # figure-level texts drawn since the last look at the cancel flag
    most = [0]
    original = Text.draw

    def counting_draw(self, renderer):
        if self.axes is None and self.get_text():
            drawn[0] += 1
        return original(self, renderer)

    class Listening(Recorder):
        def cancelled(self) -> bool:
            most[0] = max(most[0], drawn[0])
            drawn[0] = 0
            return False

    monkeypatch.setattr(Text, "draw", counting_draw)
    ids = list(demo_result.communes["commune_id"].astype(str)[:1])
    export_atlas(
        demo_result,
        tmp_path / "a.pdf",
        MapSpec(technology="4G"),
        reporter=Listening(),
        communes=ids,
    )
    assert most[0] == 1


def test_cancelled_atlas_is_not_finished_and_leaves_no_file(demo_result, tmp_path, monkeypatch):
    """A cancel does not wait for the PDF to be finished (its fonts subset and embedded,
    about a second): the file is dropped as it is."""
    from matplotlib.backends import backend_pdf

    from coverage_planner.reports.atlas import export_atlas

    finished = []
    monkeypatch.setattr(backend_pdf.PdfFile, "finalize", lambda self: finished.append(1))
    ids = list(demo_result.communes["commune_id"].astype(str)[:3])
    rec = Recorder(cancel_after=3)  # inside the first commune's page
    with pytest.raises(Cancelled):
        export_atlas(
            demo_result, tmp_path / "a.pdf", MapSpec(technology="4G"), reporter=rec, communes=ids
        )
    assert finished == []
    assert list(tmp_path.iterdir()) == []


def test_an_export_leaves_the_study_out_of_full_garbage_collections(qtbot, window, tmp_path):
    """bench_gui_export: a full collection in the export's thread scanned the whole heap
    and held the window for 0.3 s; during an export the objects already there are
    frozen (gc.freeze), and given back when it ends, finished or cancelled."""
    import gc

    assert gc.get_freeze_count() == 0
    window.export_to_map(tmp_path / "m.png")
    assert gc.get_freeze_count() > 0
    qtbot.waitUntil(lambda: not window.exporter.busy, timeout=120_000)
    assert gc.get_freeze_count() == 0
    window.export_to("atlas", tmp_path / "a.pdf")
    assert gc.get_freeze_count() > 0
    window.export_cancel.click()
    assert gc.get_freeze_count() == 0
    window.exporter.wait(60_000)


def test_progress_text_shows_percentage_and_time_left():
    from coverage_planner.gui.window_exports import ExportProgress

    # a quarter done in 10 s: three quarters left at the same pace is 30 s
    assert ExportProgress.text_for(1, 4, 10.0) == "25 % — about 30 s left"
    assert ExportProgress.text_for(1, 10, 60.0) == "10 % — about 9 min left"
    assert ExportProgress.text_for(0, 4, 0.0) == "0 %"


def test_window_export_shows_percent_and_cancel_works(qtbot, window, tmp_path):
    seen: list[str] = []
    window.exporter.progress.connect(lambda d, t: seen.append(window.export_progress.text()))
    path = tmp_path / "map.png"
    window.export_to_map(path)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=60_000)
    assert window.export_cancel.isVisible() and window.export_cancel.isEnabled()
    window.export_cancel.click()
    qtbot.waitUntil(lambda: "cancelled" in window.status_text.text().lower(), timeout=5_000)
    assert any(text.endswith("%") or "% —" in text for text in seen)
    window.exporter.wait(60_000)
    assert not path.exists()
    assert [p for p in tmp_path.iterdir() if "partial" in p.name] == []
    assert not window.export_progress.isVisible()


# ---- undo / redo of parameter and site edits


def test_undo_redo_a_radius_gives_the_engine_figures(qtbot, window, demo_inputs):
    from coverage_planner.coverage.engine import run
    from tests.gui.conftest import wait_idle

    start = window.study.params
    box = window.parameters.radius["4G"]
    box.setValue(2.0)
    window.parameters._emit()
    wait_idle(qtbot, window)
    assert window.study.params.radius_km("4G") == 2.0
    assert window.history.act_undo.isEnabled() and "parameter" in window.history.act_undo.text()
    window.history.act_undo.trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.study.result.params == start, timeout=60_000)
    assert box.value() == pytest.approx(start.radius_km("4G"))
    direct = run(demo_inputs, params=start)
    got = window.study.result.villages["covered_4g"].to_numpy(dtype=bool)
    assert (got == direct.villages["covered_4g"].to_numpy(dtype=bool)).all()
    window.history.act_redo.trigger()
    qtbot.waitUntil(
        lambda: window.study.result.params.radius_km("4G") == 2.0 and not window.study.worker.busy,
        timeout=60_000,
    )
    assert box.value() == pytest.approx(2.0)
    direct = run(demo_inputs, params=start.with_radius("4G", 2.0))
    got = window.study.result.villages["covered_4g"].to_numpy(dtype=bool)
    assert (got == direct.villages["covered_4g"].to_numpy(dtype=bool)).all()
    # the standard shortcuts
    assert window.history.act_undo.shortcut().matches(QKeySequence("Ctrl+Z"))
    assert QKeySequence("Ctrl+Y") in window.history.act_redo.shortcuts()


def test_undo_a_site_added_and_a_site_moved_on_the_map(qtbot, window):
    import shapely

    from tests.gui.test_plan_panel import run_plan

    panel = run_plan(qtbot, window, sites=3)
    chosen0 = list(panel.plan.chosen)
    figures0 = panel.plan.summary["after"]
    villages = window.study.result.villages
    uncovered = villages[~villages["covered_4g"] & ~panel.plan.after_covered]
    target = shapely.point_on_surface(uncovered.geometry.iloc[0])
    panel.edit_buttons["add"].setChecked(True)
    panel.map_click(target.x, target.y)
    added = panel.chosen[-1]
    assert len(panel.chosen) == 4
    # move the new site 2 km east
    panel.edit_buttons["move"].setChecked(True)
    panel.map_click(target.x, target.y)
    panel.map_click(target.x + 2000, target.y)
    moved = panel.context.candidates.geometry.iloc[added]
    assert moved.x == pytest.approx(target.x + 2000)
    undo = window.history.act_undo
    undo.trigger()  # the move
    back = panel.context.candidates.geometry.iloc[added]
    assert (back.x, back.y) == pytest.approx((target.x, target.y))
    undo.trigger()  # the addition
    assert list(panel.plan.chosen) == chosen0
    assert panel.plan.summary["after"] == pytest.approx(figures0)
    window.history.act_redo.trigger()
    assert len(panel.plan.chosen) == 4 and panel.chosen[-1] == added


# ---- print preview of the map export


def test_print_preview_shows_the_page_the_export_writes(qtbot, window, tmp_path):
    import subprocess

    import numpy as np
    from matplotlib.image import imread
    from PyQt6.QtPrintSupport import QPrinter

    from coverage_planner.gui.export_dialog import MapExportRequest
    from coverage_planner.gui.print_preview import paint_page
    from coverage_planner.maps.export import export_map

    preview = window.print_preview()
    assert preview is not None and preview.isVisible()
    image = preview.image
    # A4 landscape at 150 dpi
    assert (image.width(), image.height()) == (round(297 / 25.4 * 150), round(210 / 25.4 * 150))
    # the same pixels as the PNG the map export writes at that resolution
    request = MapExportRequest(tmp_path / "m.png", window._spec())
    export_map(window.study.result, request.path, window.spec_of(request), dpi=150)
    png = (imread(request.path)[..., :3] * 255).round()
    ptr = image.constBits()
    ptr.setsize(image.sizeInBytes())
    shown = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine())
    shown = shown[:, : 4 * image.width()].reshape(image.height(), image.width(), 4)[..., :3]
    assert png.shape == shown.shape
    assert np.abs(png - shown).mean() < 1.0
    # printing it (here to a PDF) gives one page of the paper chosen
    printer = preview.printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    paint_page(printer, image)
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "Pages:           1" in info
    assert "842 x 595 pts (A4)" in info  # landscape A4
    preview.close()


def test_closing_the_print_preview_gives_back_the_status_line(qtbot, window):
    """The walk under Xvfb: "Print preview: the page as …" stayed in the status bar
    after the preview was closed, over the figures' own line."""
    before = window.status_text.text()
    assert before and "preview" not in before.lower()
    preview = window.print_preview()
    assert "preview" in window.status_text.text().lower()
    preview.reject()
    qtbot.waitUntil(lambda: window.status_text.text() == before, timeout=5_000)


def test_atlas_status_names_each_commune_once(demo_result, tmp_path):
    """The commune being drawn, by its name (which says "Xã …" already: the status
    read "Xã Xã Là Mạ") and its place in the atlas."""
    from coverage_planner.reports.atlas import export_atlas

    class Statuses(Recorder):
        def __init__(self) -> None:
            super().__init__()
            self.texts: list[str] = []

        def status(self, text: str) -> None:
            self.texts.append(text)

    rec = Statuses()
    ids = list(demo_result.communes["commune_id"].astype(str)[:2])
    export_atlas(
        demo_result,
        tmp_path / "a.pdf",
        MapSpec(technology="4G", language="vi"),
        reporter=rec,
        communes=ids,
    )
    names = demo_result.communes.set_index(demo_result.communes["commune_id"].astype(str)).loc[
        ids, "commune_name"
    ]
    # each commune's name once, then its place: "(1/2)", "(2/2)" in the atlas's order
    assert sorted(t.rsplit(" (", 1)[0] for t in rec.texts) == sorted(names)
    assert [t.rsplit(" (", 1)[1] for t in rec.texts] == ["1/2)", "2/2)"]
    assert all(not t.startswith("Xã Xã") for t in rec.texts)


def test_export_dialog_offers_the_preview_with_its_choices(qtbot, window, tmp_path):
    from coverage_planner.gui.export_dialog import MapExportDialog, MapExportRequest

    dialog = MapExportDialog(MapExportRequest(tmp_path / "m.pdf", window._spec()), window)
    got = []
    dialog.preview_requested.connect(got.append)
    dialog.paper.setCurrentText("A3")
    dialog.orientation.setCurrentIndex(dialog.orientation.findData("portrait"))
    dialog.preview.click()
    assert got and got[0].spec.paper == "A3" and got[0].spec.orientation == "portrait"
    preview = window.print_preview(got[0], parent=dialog)
    layout = preview.printer.pageLayout()
    assert layout.pageSize().id().name == "A3"
    assert layout.orientation().name == "Portrait"
    assert preview.image.height() > preview.image.width()
    preview.close()
    dialog.close()


# ---- defect 10: findings and errors in the app's language

ENGLISH_GLUE = {
    "the", "and", "with", "from", "not", "is", "are", "row", "rows", "column", "columns",
    "file", "value", "values", "must", "cannot", "should", "was", "were", "has", "have",
    "outside", "inside", "duplicate", "missing", "unknown", "ignored", "read",
}  # fmt: skip


def english_in(text: str) -> set[str]:
    import re

    text = re.sub(r"\S*/\S*", " ", text)  # the user's paths (a test's folder name)
    text = re.sub(r"[\w.-]+\.(gpkg|csv|tif|xlsx)\b", " ", text)  # the user's file names
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH_GLUE}


def bad_sites_file(tmp_path):
    from tests.conftest import ROOT

    lines = (ROOT / "gis_data" / "bts_sites.csv").read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1].split(",")
    rows = [first.copy() for _ in range(3)]
    rows[0][0], rows[0][2], rows[0][3] = "A3", "999", "999"  # out of range
    rows[1][0], rows[1][2] = "A4", "không rõ"  # unreadable coordinate
    rows[2][0] = first[0]  # a duplicate code
    path = tmp_path / "tram.csv"
    path.write_text(
        "\n".join([header, *lines[1:], *(",".join(r) for r in rows)]) + "\n", encoding="utf-8"
    )
    return path


def test_findings_are_shown_in_vietnamese(qtbot, window, tmp_path):
    from dataclasses import replace

    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import LayerSource

    window.set_language("vi")
    files = replace(demo_files(), sites=LayerSource(bad_sites_file(tmp_path)))
    before = window.study.result
    window.open_files(files)
    qtbot.waitUntil(
        lambda: window.study.result is not before and not window.study.worker.busy,
        timeout=60_000,
    )
    findings = window.study.result.findings
    assert len(findings) >= 3
    tree = window.findings
    texts = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        texts.append(group.text(0))
        texts += [group.child(k).text(0) for k in range(group.childCount())]
    children = sum(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))
    assert children == len(findings)
    assert any("999" in t for t in texts)  # the out-of-range row is named
    leaks = {t: english_in(t) for t in texts if english_in(t)}
    assert leaks == {}
    # and back in English, the same findings in English
    window.set_language("en")
    group = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).childCount()
    )
    assert english_in(group.child(0).text(0))


def test_a_bad_file_error_is_vietnamese_and_names_no_cli_flag(qtbot, window, tmp_path):
    from dataclasses import replace

    from coverage_planner.demo import demo_files
    from coverage_planner.io.inputs import LayerSource

    window.set_language("vi")
    bad = tmp_path / "bts.csv"
    bad.write_text("Mã trạm,Tên\nA,B\n", encoding="utf-8")
    window.open_files(replace(demo_files(), sites=LayerSource(bad)))
    qtbot.waitUntil(
        lambda: getattr(window, "error_box", None) is not None and window.error_box.isVisible(),
        timeout=30_000,
    )
    text = window.error_box.text()
    assert "bts.csv" in text
    assert "--" not in text  # no command-line flag in the app
    assert english_in(text) == set()
    window.error_box.close()


def test_no_loader_message_names_a_command_line_option_in_the_app():
    import string

    from coverage_planner.gui.app_wording import OPTION, for_the_app
    from coverage_planner.io.message_errors import RUN_ERRORS
    from coverage_planner.io.messages import messages

    class Filled(dict):
        def __missing__(self, key):
            return "X"

    # The profile command's own argument errors (raised by plan_batch for its --from,
    # --to, --clearance and --out; the app's profile panel has no such options).
    profile_cli = {"profile.clearance", "profile.same_point", "profile.out_suffix"}
    checked = 0
    for key, templates in messages().items():
        if key in RUN_ERRORS or key in profile_cli:  # the command line's own errors
            continue
        for language, template in zip(("en", "vi"), templates, strict=True):
            text = string.Formatter().vformat(template, (), Filled())
            shown = for_the_app(text, language)
            assert not OPTION.search(shown), (key, language, shown)
            assert ". ." not in shown and "()" not in shown
            if "--" in text:
                checked += 1
                assert len(shown) > 0.5 * len(text)
    assert checked >= 10  # the rules met the options they were written for


# ---- the Open dialog's Browse remembers the last folder


def test_open_dialog_browse_starts_in_the_last_folder(qtbot, settings, tmp_path, monkeypatch):
    from PyQt6.QtWidgets import QFileDialog

    from coverage_planner.gui.open_dialog import OpenDataDialog

    data = tmp_path / "Du lieu tinh"
    data.mkdir()
    (data / "xa.gpkg").write_bytes(b"")
    asked = []

    def fake(parent, title, folder, filters):
        asked.append(folder)
        return str(data / "xa.gpkg"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    dialog = OpenDataDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog._browse("communes")
    # a new dialog (next session, same settings) starts where the last file was picked
    again = OpenDataDialog(settings=settings)
    qtbot.addWidget(again)
    again._browse("villages")
    assert asked[1] == str(data)
    assert asked[0] != str(data)


# ---- 1366 × 768 with the Plan dock, and high-DPI screens


def test_window_fits_a_laptop_with_the_plan_dock_in_front(qtbot, window):
    window.docks["plan"].show()
    window.docks["plan"].raise_()
    qtbot.wait(50)
    hint = window.minimumSizeHint()
    # 1366 × 768 less a 40-pixel taskbar and the window's title bar
    assert hint.width() <= 1366 and hint.height() <= 700, hint
    window.resize(1366, 700)
    qtbot.wait(100)
    assert window.height() <= 700
    assert window.docks["plan"].isVisible() and window.canvas.height() >= 300


HIDPI_SCRIPT = """
import sys
from pathlib import Path
from PyQt6.QtCore import QSettings
from PyQt6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from coverage_planner.gui.screenshot import save_first_map
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
settings.setValue("terrain_by_default", False)
sys.exit(save_first_map(Path(sys.argv[1]), settings=settings, demo=True, size=(1000, 700),
                        timeout_s=300.0))
"""


@pytest.mark.parametrize("scale", ["2"])
def test_window_is_drawn_at_the_screens_scale(tmp_path, scale):
    import os
    import subprocess
    import sys

    import numpy as np
    from PIL import Image

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": scale,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    target = tmp_path / "hidpi.png"
    done = subprocess.run(
        [sys.executable, "-c", HIDPI_SCRIPT, str(target), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rgb = np.asarray(Image.open(target).convert("RGB")).astype(int)
    # device pixels: twice the logical 1000-pixel width, so text and lines are sharp
    assert rgb.shape[1] == 1000 * int(scale)
    r, b = rgb[..., 0], rgb[..., 2]
    assert ((b - r > 60) & (b > 150)).mean() > 0.03  # the map is drawn, filling its place
