"""The state of the open study, as a plain object that widgets bind to.

``StudyModel`` holds the input files, parameters, loaded layers, the latest result,
the chosen technology and the selection, and says when each changes. Computation
runs in the :class:`~coverage_planner.gui.worker.Worker`; the model only swaps in
results that arrive.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PyQt6.QtCore import QObject, pyqtSignal

from coverage_planner.coverage.engine import CoverageResult, run, technologies_of
from coverage_planner.coverage.terrain.edits import apply_site_edit, study_grids
from coverage_planner.gui.site_changes import apply_site_changes, site_changes
from coverage_planner.gui.terrain_run import TerrainProgress, model_for, terrain_run
from coverage_planner.gui.worker import Worker
from coverage_planner.io.inputs import InputFiles, Inputs
from coverage_planner.io.layer_cache import load_inputs_cached
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
    # a site list edited (before, after, changed row, removed row): the undo history
    sites_list_edited = pyqtSignal(object, object, object, object)

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
        self._sites = None  # the edited site list, once a site is edited
        self.file_sites = None  # the site list as read from the file
        # The site edits made in the app, as changes to the file's list
        # (gui.site_changes): saved with the project and in the autosave.
        self.site_edits: dict | None = None
        self._edit_job: int | None = None
        # What was last opened from or saved to a file: the study is "modified" when
        # its files, parameters or site edits differ from it (the title mark, the guard).
        self._saved: tuple = (None, self.params, None)
        self._mark_saved_on_load = True
        self._then: Parameters | None = None  # the terrain run to follow the first figures
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
    def sites_edited(self) -> bool:
        """Sites were edited in the app (the list differs from the file's)."""
        return self.site_edits is not None

    @property
    def editing_sites(self) -> bool:
        """A site edit is being computed (the next edit waits for it)."""
        return self.worker.busy and self._edit_job == self.worker._job

    @property
    def modified(self) -> bool:
        return (self.files, self.params, self.site_edits) != self._saved

    def mark_saved(self) -> None:
        """The current files, parameters and site edits are those of the project file."""
        self._saved = (self.files, self.params, self.site_edits)
        self.modified_changed.emit(False)

    def revert_params(self) -> None:
        """After a Cancel or a failed run, the parameters go back to those of the
        results on screen, so what the panel shows is what the figures are for."""
        if (
            self._sites is not None
            and self.inputs is not None
            and self._sites is not self.inputs.sites
        ):
            # a site edit not computed: the site list is that of the figures again
            self._sites = self.inputs.sites
            self.site_edits = site_changes(self.file_sites, self._sites)
            self.result_changed.emit()
            self.modified_changed.emit(self.modified)
        if self.result is not None and self.params != self.result.params:
            self.params = self.result.params
            self.params_changed.emit()
            self.modified_changed.emit(self.modified)

    def _on_failed(self, message: str, user: bool) -> None:
        self.revert_params()
        self.error.emit(message, user)

    def open(
        self,
        files: InputFiles,
        params: Parameters | None = None,
        *,
        saved: bool = True,
        site_edits: dict | None = None,
    ) -> None:
        """Load the files and compute, in the worker.

        ``saved``: the files and parameters are those of a file on disk (a project, the
        demo), so the study counts as unmodified once loaded. ``site_edits``: the sites
        edited in the app, saved with the project (``gui.site_changes``), applied to the
        site file's list.
        """
        first = params if params is not None else self.params
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
        # The terrain model chosen by default (not by the user): the disk model's figures
        # are drawn first (a second), then the terrain run follows in the worker with its
        # own progress, so the window is usable at once rather than after the terrain run
        # (minutes on a cold cache). The study's model stays the terrain model throughout.
        has_dem = files.dem is not None
        self._then = None
        if terrain_run(wanted, has_dem=has_dem) and not terrain_run(first, has_dem=has_dem):
            self._then, wanted = wanted, first

        def job(reporter):
            if terrain_run(wanted, has_dem=files.dem is not None):
                reporter = TerrainProgress(reporter)
            # the vector layers as last loaded, while neither they nor the loader changed
            inputs = load_inputs_cached(files, reporter=reporter)
            file_sites = inputs.sites
            if site_edits:
                edited = apply_site_changes(file_sites, site_edits, file=files.sites.path.name)
                inputs = replace(inputs, sites=edited)
            cache: dict = {}
            result = self._run(inputs, wanted, reporter, cache)
            edits = site_changes(file_sites, inputs.sites) if site_edits else None
            return files, inputs, cache, self._with_map(result), (file_sites, edits)

        self.worker.start(job)

    def set_params(self, params: Parameters) -> None:
        """New parameters: recompute (only what they change) in the worker."""
        self._then = None  # the user's choice replaces a terrain run still to follow
        self.params = params
        self.params_changed.emit()
        self.modified_changed.emit(self.modified)
        if self.inputs is None:
            return
        inputs, cache, files = self.inputs, self._cache, self.files

        def job(reporter):
            if terrain_run(params, has_dem=inputs.dem is not None):
                reporter = TerrainProgress(reporter)
            result = self._run(inputs, params, reporter, cache)
            return files, inputs, cache, self._with_map(result)

        self.worker.start(job)

    def _run(self, inputs: Inputs, params: Parameters, reporter, cache: dict) -> CoverageResult:
        """A whole computation; with the terrain model its grids are kept for edits."""
        if not terrain_run(params, has_dem=inputs.dem is not None):
            return run(inputs, params=params, reporter=reporter, cache=cache)
        state = study_grids(inputs, params, reporter=reporter, cache=self.terrain_cache)
        with state.lock:
            result = run(inputs, params=params, reporter=reporter, terrain_state=state)
        result.edit_state = state
        return result

    @property
    def sites(self):
        """The site list the next edit starts from (edits not yet on screen included)."""
        return self._sites if self._sites is not None else self.inputs.sites

    def edit_sites(
        self,
        sites,
        *,
        changed: int | None = None,
        removed: int | None = None,
        record: bool = True,
    ) -> None:
        """One site changed, added (the last row of ``sites``) or removed (its row in the
        previous list): recomputed for that site only, in the worker. Neither given (a
        removal undone): the whole list is computed again.

        With the terrain model only the edited site's windows are computed and only the
        cells they touch folded again (``coverage.terrain.edits``); the disk model
        recomputes the figures (a fraction of a second). ``record``: the edit is a step
        of the undo history (``sites_list_edited``); undo and redo pass False.
        """
        if self.inputs is None:
            return
        before = self.sites
        self._sites = sites
        inputs = replace(self.inputs, sites=sites)
        files, params = self.files, self.params
        state = getattr(self.result, "edit_state", None)
        self.site_edits = site_changes(self.file_sites, sites)
        self.modified_changed.emit(self.modified)
        if record:
            self.sites_list_edited.emit(before, sites, changed, removed)
        one_site = changed is not None or removed is not None

        def job(reporter):
            cache: dict = {}
            same = one_site and state is not None and state.params == params
            if same and technologies_of(sites) == state.techs and not state.stale:
                with state.lock:
                    try:
                        apply_site_edit(
                            state, sites, changed=changed, removed=removed, cache=self.terrain_cache
                        )
                        result = run(inputs, params=params, reporter=reporter, terrain_state=state)
                    except BaseException:
                        # cancelled half-way: the grids are of a site list the study goes
                        # back from, so the next edit computes the whole list
                        state.stale = True
                        raise
                result.edit_state = state
            else:
                result = self._run(inputs, params, reporter, cache)
            return files, inputs, cache, self._with_map(result)

        self._edit_job = self.worker._job + 1  # the job's number, known to busy_changed
        self.worker.start(job)

    def _with_map(self, result: CoverageResult) -> CoverageResult:
        """The coverage polygons the map draws, built here in the worker (the shown
        technology first) rather than when the map first draws them; technologies
        whose parameters did not change come from the cache."""
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
        files, inputs, cache, result, *opened = value  # type: ignore[misc]

        new_files = files is not self.files
        if new_files:
            self._sites = None
            self.file_sites, self.site_edits = opened[0] if opened else (inputs.sites, None)
            if self.site_edits is not None:
                self._sites = inputs.sites
        self.files, self.inputs, self._cache, self.result = files, inputs, cache, result
        if self.technology not in result.technologies:
            self.technology = result.technologies[-1]
            self.technology_changed.emit(self.technology)
        if new_files:
            self.selection = None
            if self._mark_saved_on_load:
                self._saved = (files, self._then or result.params, self.site_edits)
            self.files_changed.emit()
            self.modified_changed.emit(self.modified)
        self.result_changed.emit()
        if self._then is not None and new_files:
            self.set_params(self._then)  # the terrain run after the first, disk, figures
