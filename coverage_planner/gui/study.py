"""The state of the open study, as a plain object that widgets bind to.

``StudyModel`` holds the input files, parameters, loaded layers, the latest result,
the chosen technology and the selection, and says when each changes. Computation
runs in the :class:`~coverage_planner.gui.worker.Worker`; the model only swaps in
results that arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PyQt6.QtCore import QObject, pyqtSignal

from coverage_planner.coverage.engine import CoverageResult, run
from coverage_planner.gui.terrain_run import TerrainProgress, model_for, terrain_run
from coverage_planner.gui.worker import Worker
from coverage_planner.io.inputs import InputFiles, Inputs, load_inputs
from coverage_planner.params import Parameters


@dataclass(frozen=True)
class Selection:
    layer: str  # "communes", "villages" or "sites"
    feature_id: str


class StudyModel(QObject):
    files_changed = pyqtSignal()
    params_changed = pyqtSignal()
    result_changed = pyqtSignal()
    technology_changed = pyqtSignal(str)
    selection_changed = pyqtSignal(object)
    error = pyqtSignal(str, bool)  # message, is_user_error
    modified_changed = pyqtSignal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files: InputFiles | None = None
        # The disk model answers in a fraction of a second; the terrain model (about 15 s
        # on the demo) is chosen in the parameters panel.
        self.params = Parameters(model="disk")
        self.inputs: Inputs | None = None
        self.result: CoverageResult | None = None
        self.technology = "4G"
        self.selection: Selection | None = None
        self._cache: dict = {}
        # What was last opened from or saved to a file: the study is "modified" when
        # its files or parameters differ from it (the window's title mark, the guard).
        self._saved: tuple = (None, self.params)
        self._mark_saved_on_load = True
        # The terrain model's per-site windows, in memory and in the user's cache folder:
        # a parameter change or a reopened study computes only the sites it changes.
        from coverage_planner.coverage.terrain.windows import WindowCache, default_cache_dir

        self.terrain_cache = WindowCache(default_cache_dir())
        # The terrain model whenever a DEM is loaded (the main window sets it from the
        # settings; the disk model stays one click away in the parameters panel).
        self.terrain_by_default = True
        self.worker = Worker(self)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self.revert_params)

    @property
    def modified(self) -> bool:
        return (self.files, self.params) != self._saved

    def mark_saved(self) -> None:
        """The current files and parameters are those of the project file."""
        self._saved = (self.files, self.params)
        self.modified_changed.emit(False)

    def revert_params(self) -> None:
        """After a Cancel or a failed run, the parameters go back to those of the
        results on screen, so what the panel shows is what the figures are for."""
        if self.result is not None and self.params != self.result.params:
            self.params = self.result.params
            self.params_changed.emit()
            self.modified_changed.emit(self.modified)

    def _on_failed(self, message: str, user: bool) -> None:
        self.revert_params()
        self.error.emit(message, user)

    def open(
        self, files: InputFiles, params: Parameters | None = None, *, saved: bool = True
    ) -> None:
        """Load the files and compute, in the worker.

        ``saved``: the files and parameters are those of a file on disk (a project, the
        demo), so the study counts as unmodified once loaded.
        """
        if params is not None:
            self.params = params
        else:
            self.params = model_for(
                self.params,
                has_dem=files.dem is not None,
                terrain_by_default=self.terrain_by_default,
            )
        self.params_changed.emit()
        wanted = self.params
        self._mark_saved_on_load = saved

        def job(reporter):
            if terrain_run(wanted, has_dem=files.dem is not None):
                reporter = TerrainProgress(reporter)
            inputs = load_inputs(files, reporter=reporter)
            cache: dict = {}
            result = run(
                inputs,
                params=wanted,
                reporter=reporter,
                cache=cache,
                terrain_cache=self.terrain_cache,
            )
            return files, inputs, cache, self._with_map(result)

        self.worker.start(job)

    def set_params(self, params: Parameters) -> None:
        """New parameters: recompute (only what they change) in the worker."""
        self.params = params
        self.params_changed.emit()
        self.modified_changed.emit(self.modified)
        if self.inputs is None:
            return
        inputs, cache, files = self.inputs, self._cache, self.files

        def job(reporter):
            if terrain_run(params, has_dem=inputs.dem is not None):
                reporter = TerrainProgress(reporter)
            result = run(
                inputs,
                params=params,
                reporter=reporter,
                cache=cache,
                terrain_cache=self.terrain_cache,
            )
            return files, inputs, cache, self._with_map(result)

        self.worker.start(job)

    def _with_map(self, result: CoverageResult) -> CoverageResult:
        """The coverage polygons the map draws, built here in the worker (the shown
        technology first) rather than when the map first draws them; technologies
        whose parameters did not change come from the cache."""
        if result.model == "terrain":
            # The covered cells the map draws, as the image it shows: made here, not on the
            # GUI thread at the first draw (a 4,000 × 3,000 grid per technology).
            result.coverage_images = {
                t: r.covered.view(np.uint8) for t, r in (result.rasters or {}).items()
            }
        if result.model == "disk":
            shown = [self.technology] if self.technology in result.technologies else []
            for tech in shown + [t for t in result.technologies if t not in shown]:
                result.coverage[tech]
        return result

    def set_technology(self, tech: str) -> None:
        if tech != self.technology:
            self.technology = tech
            self.technology_changed.emit(tech)

    def select(self, selection: Selection | None) -> None:
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    def _on_finished(self, value: object) -> None:
        files, inputs, cache, result = value  # type: ignore[misc]

        new_files = files is not self.files
        self.files, self.inputs, self._cache, self.result = files, inputs, cache, result
        if self.technology not in result.technologies:
            self.technology = result.technologies[-1]
            self.technology_changed.emit(self.technology)
        if new_files:
            self.selection = None
            if self._mark_saved_on_load:
                self._saved = (files, result.params)
            self.files_changed.emit()
            self.modified_changed.emit(self.modified)
        self.result_changed.emit()
