"""The main window's exports: map, atlas, workbook, GeoPackage and KMZ.

A mixin of :class:`~coverage_planner.gui.main_window.MainWindow`. Exports run in their own
worker (``window.exporter``), so a recompute does not cancel them; the status bar shows
their progress and a Cancel button.
"""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from pathlib import Path

from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QProgressBar

from coverage_planner.gui import file_dialogs
from coverage_planner.gui.export_dialog import MapExportDialog, MapExportRequest
from coverage_planner.maps.layout import MapSpec


def tr(text: str) -> str:
    """Translate ``text`` in the main window's context."""
    return QCoreApplication.translate("MainWindow", text)


class ExportProgress(QProgressBar):
    """The export's progress in the status bar: the share done and the time left.

    Moving (no figure) until the export reports its first step; then "42 % — about
    12 s left", the time left extrapolated from the time taken so far.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("export_progress")
        self.setMinimumWidth(200)
        self.setTextVisible(True)
        self._started = time.monotonic()

    def begin(self) -> None:
        self._started = time.monotonic()
        self.setRange(0, 0)
        self.setValue(0)

    def show_step(self, done: int, total: int) -> None:
        self.setRange(0, max(total, 1))
        self.setValue(min(done, max(total, 1)))
        self.setFormat(self.text_for(done, total, time.monotonic() - self._started))

    @staticmethod
    def text_for(done: int, total: int, elapsed: float) -> str:
        """ "42 %" and, once a step is done, the time left at the pace so far."""
        share = done / total if total > 0 else 0.0
        text = f"{round(100 * share)} %"
        if 0 < share < 1 and elapsed >= 1.0:
            left = round(elapsed * (1 - share) / share)
            text += " — " + (
                tr("about {0} s left").format(left)
                if left < 120
                else tr("about {0} min left").format(round(left / 60))
            )
        return text


class WindowExports:
    """Export the current result; progress and cancel in the status bar."""

    def _spec(self) -> MapSpec:
        """The print spec of the current result: its study description and the source
        line of the files and model that made it."""
        from coverage_planner.reports.exports import study_of
        from coverage_planner.reports.provenance import provenance_of

        result = self.study.result
        if result is None:
            return MapSpec(technology=self.study.technology, language=self.languages.current)
        study = study_of(result)
        return MapSpec(
            technology=self.study.technology,
            language=self.languages.current,
            province=study.province,
            study=study,
            sources=provenance_of(result, self.study.files),
        )

    def export_map_dialog(self) -> None:
        if self.study.result is None:
            return
        request = MapExportRequest(
            Path(
                file_dialogs.start_path(
                    self.settings, "export", f"coverage_{self.study.technology.lower()}.pdf"
                )
            ),
            self._spec(),
        )
        dialog = MapExportDialog(request, self, has_selection=self.study.selection is not None)
        dialog.preview_requested.connect(lambda r: self.print_preview(r, parent=dialog))
        if dialog.exec():
            value = dialog.value()
            file_dialogs.remember_folder(self.settings, "export", value.path)
            self.export_map(value)

    def spec_of(self, request: MapExportRequest) -> MapSpec:
        """The print spec of an export request, its extent made bounds."""
        spec = request.spec
        if request.extent == "view":
            (x0, x1), (y0, y1) = self.canvas.ax.get_xlim(), self.canvas.ax.get_ylim()
            spec = replace(spec, bounds=(x0, y0, x1, y1))
        elif request.extent == "selection":
            geom = self.canvas.geometry_of(self.study.selection)
            if geom is not None:
                spec = replace(spec, bounds=tuple(geom.bounds))
        return spec

    def print_preview(self, request: MapExportRequest | None = None, *, parent=None):
        """Show the page the map export would write (and print it from there)."""
        from coverage_planner.gui.print_preview import MapPrintPreview

        if self.study.result is None:
            return None
        if request is None:
            request = MapExportRequest(Path("map.pdf"), self._spec())
        before = self.status_text.text()
        self._on_status(tr("Preparing the print preview…"))
        preview = MapPrintPreview(self.study.result, self.spec_of(request), parent or self)
        self.preview_dialog = preview
        preview.open()
        shown = tr("Print preview: the page as the map export writes it.")
        self._on_status(shown)
        # Closed, the preview's line gives way to what the status said before (unless
        # something else has been said meanwhile).
        preview.finished.connect(
            lambda _=0: self.status_text.text() == shown and self._on_status(before)
        )
        return preview

    def export_map(self, request: MapExportRequest) -> None:
        result = self.study.result
        spec = self.spec_of(request)
        self._run_export(
            lambda reporter: _export(
                "map", result, request.path, spec, spec.technology, "", reporter
            ),
            request.path,
        )

    def export_to_map(self, path: Path, *, extent: str = "province") -> None:
        """Export the map of the current result to ``path`` with today's print spec."""
        if self.study.result is not None:
            self.export_map(MapExportRequest(Path(path), self._spec(), extent=extent))

    def _export_file(self, kind: str) -> None:
        result = self.study.result
        if result is None:
            return
        names = {
            "atlas": ("atlas.pdf", "PDF (*.pdf)"),
            "xlsx": ("coverage.xlsx", "Excel (*.xlsx)"),
            "gpkg": ("coverage.gpkg", "GeoPackage (*.gpkg)"),
            "kmz": ("coverage.kmz", "KMZ (*.kmz)"),
        }
        name, filt = names[kind]
        path = file_dialogs.save_file(
            self, self.settings, "export", title=tr("Export"), name=name, filters=filt
        )
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> None:
        """Write one export of the current result to ``path`` (in the export worker)."""
        result, spec, tech, lang = (
            self.study.result,
            self._spec(),
            self.study.technology,
            self.languages.current,
        )
        self._run_export(
            lambda reporter: _export(kind, result, path, spec, tech, lang, reporter), path
        )

    def _run_export(self, job, path: Path) -> None:
        self._on_status(tr("Exporting {0}…").format(path.name))
        self.exporter.start(job)

    def _on_exported(self, path) -> None:
        self._on_status(tr("Exported: {0}").format(path))

    def _on_export_progress(self, done: int, total: int) -> None:
        self.export_progress.show_step(done, total)

    def _on_export_busy(self, busy: bool) -> None:
        self.export_progress.setVisible(busy)
        self.export_cancel.setVisible(busy)
        # While an export runs, the objects already there (the study, its results, Qt's)
        # are left out of Python's full garbage collections: the export's thousands of
        # artists trigger them, and scanning the whole heap held the window for 0.3 s
        # at a time (the GIL); given back to the collector when the export ends.
        if busy:
            gc.freeze()
            self.export_progress.begin()  # moving until the first step is reported
        else:
            gc.unfreeze()


def _export(kind: str, result, path: Path, spec: MapSpec, tech: str, lang: str, reporter):
    """One export, in the export worker. The export modules load here on first use:
    not needed to start the app, and their 0.3 s of imports do not pause the window."""
    if kind == "map":
        from coverage_planner.maps.export import export_map

        return export_map(result, path, spec, reporter=reporter)
    if kind == "atlas":
        from coverage_planner.reports.atlas import export_atlas

        return export_atlas(result, path, spec, reporter=reporter)
    if kind == "xlsx":
        from coverage_planner.reports.workbook import export_workbook

        return export_workbook(result, path, language=lang, study=spec.study, sources=spec.sources)
    if kind == "gpkg":
        from coverage_planner.reports.exports import export_qgis_package

        # The audit's QGIS files: after a terrain run its grids, styled, in the project.
        return export_qgis_package(result, path, technology=tech, language=lang, reporter=reporter)
    from coverage_planner.reports.kmz import export_kmz

    return export_kmz(result, path, technology=tech, language=lang)
