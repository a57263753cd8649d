"""The main window: assembles the map, docks and actions; each panel is its own module."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PyQt6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer
from PyQt6.QtGui import QAction, QActionGroup, QKeySequence
from PyQt6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QWidget,
)

from coverage_planner import __version__
from coverage_planner.errors import UserError
from coverage_planner.gui import file_dialogs
from coverage_planner.gui.autosave import Autosave
from coverage_planner.gui.autosave import default_folder as default_autosave_folder
from coverage_planner.gui.crash import CrashGuard
from coverage_planner.gui.export_dialog import MapExportDialog, MapExportRequest
from coverage_planner.gui.i18n import LANGUAGES, Languages
from coverage_planner.gui.identify import IdentifyPanel
from coverage_planner.gui.map_canvas import MapCanvas
from coverage_planner.gui.measure import CursorReadout
from coverage_planner.gui.open_dialog import OpenDataDialog
from coverage_planner.gui.panels import (
    FindingsPanel,
    LayersPanel,
    ParametersPanel,
    SummaryPanel,
)
from coverage_planner.gui.plan_panel import PlanPanel, ProfilePanel
from coverage_planner.gui.search import SearchBox
from coverage_planner.gui.status_texts import translate_status
from coverage_planner.gui.study import Selection, StudyModel
from coverage_planner.gui.tables import (
    TablePanel,
    commune_columns,
    commune_frame,
    uncovered_columns,
    uncovered_frame,
)
from coverage_planner.gui.worker import Worker, user_message
from coverage_planner.io.inputs import InputFiles
from coverage_planner.maps.layout import MapSpec
from coverage_planner.project import SUFFIX, load_project, save_project

MAX_RECENT = 8
AUTOSAVE_MS = 3000
LAYOUT_VERSION = 2  # bump when docks change, so an old saved layout is not restored


class MainWindow(QMainWindow):
    def __init__(
        self, languages: Languages | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.languages = languages or Languages()
        self.settings = settings or QSettings()
        self.study = StudyModel(self)
        self.exporter = Worker(self)
        self.project_path: Path | None = None
        self.crash_guard = CrashGuard(self, log_dir=self._folder("log_folder", None))
        self.autosave = Autosave(self._folder("autosave_folder", default_autosave_folder))
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave_now)
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self.summary = SummaryPanel(self)
        self.parameters = ParametersPanel(self.study.params, self)
        self.layers = LayersPanel(self.canvas, self)
        self.identify = IdentifyPanel(self)
        self.findings = FindingsPanel(self)
        self.communes_table = TablePanel("commune_id", self)
        self.uncovered_table = TablePanel("village_id", self)
        self.tables = QTabWidget(self)
        self.tables.addTab(self.communes_table, "")
        self.tables.addTab(self.uncovered_table, "")
        self.tables.addTab(self.findings, "")
        self.docks: dict[str, QDockWidget] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self._dock("summary", self.summary, right, scroll=True)
        self._dock("parameters", self.parameters, right, scroll=True)
        self._dock("identify", self.identify, right)
        # Identify shares its place with the parameters (it comes to the front when a
        # feature is selected): three stacked panels do not fit 768 pixels.
        self.tabifyDockWidget(self.docks["parameters"], self.docks["identify"])
        self.docks["parameters"].raise_()
        self._dock("layers", self.layers, Qt.DockWidgetArea.LeftDockWidgetArea, scroll=True)
        self._dock("tables", self.tables, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tables.setMinimumHeight(120)
        self.profile = ProfilePanel(self)
        self.plan = PlanPanel(self.study, self.canvas, self, profile=self.profile)
        self._dock("plan", self.plan, Qt.DockWidgetArea.LeftDockWidgetArea, scroll=True)
        self._dock("profile", self.profile, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["tables"], self.docks["profile"])
        self.tabifyDockWidget(self.docks["layers"], self.docks["plan"])
        self.docks["tables"].raise_()
        self.tech = QComboBox(self)
        self.tech.setObjectName("technology")
        for t in ("2G", "3G", "4G"):
            self.tech.addItem(t, t)
        self.tech.setCurrentIndex(self.tech.findData(self.study.technology))
        self.tech.currentIndexChanged.connect(
            lambda _: self.study.set_technology(self.tech.currentData())
        )
        self.status_text = QLabel(self)
        self.statusBar().addWidget(self.status_text, 1)
        self.export_progress = QProgressBar(self)
        self.export_progress.setMaximumWidth(160)
        self.export_progress.hide()
        self.export_cancel = QPushButton(self)
        self.export_cancel.hide()
        self.export_cancel.clicked.connect(self.exporter.cancel)
        self.cursor_position = CursorReadout(self)
        self.statusBar().addPermanentWidget(self.cursor_position)
        self.statusBar().addPermanentWidget(self.export_progress)
        self.statusBar().addPermanentWidget(self.export_cancel)
        self._build_actions()
        self._connect()
        self.retranslate()
        # The first size fits the screen (a 1366 × 768 laptop with a taskbar included).
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 900
        if screen is not None and screen.width() > 0:
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)
        # The map gets the room: side panels start narrow, the tables a few rows high.
        self.resizeDocks(
            [self.docks["layers"], self.docks["summary"]], [210, 330], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.docks["tables"]], [200], Qt.Orientation.Vertical)
        self._restore_layout()

    # ---- assembly

    def _dock(
        self, key: str, widget: QWidget, area: Qt.DockWidgetArea, *, scroll: bool = False
    ) -> QDockWidget:
        """Add a dock; ``scroll``: the panel scrolls instead of claiming its full height,
        so the window fits a 1366 × 768 screen with a taskbar."""
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{key}")
        if scroll:
            area_widget = QScrollArea(dock)
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setWidget(widget)
            dock.setWidget(area_widget)
        else:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _build_actions(self) -> None:
        self.act_open = QAction(
            self, shortcut=QKeySequence.StandardKey.Open, triggered=self.open_data
        )
        self.act_open_project = QAction(self, triggered=self.open_project_dialog)
        self.act_save_project = QAction(
            self, shortcut=QKeySequence.StandardKey.Save, triggered=self.save_project
        )
        self.act_save_as = QAction(
            self, shortcut=QKeySequence.StandardKey.SaveAs, triggered=self.save_project_as
        )
        # StandardKey.Quit is empty on Windows; Ctrl+Q is what planners expect everywhere.
        self.act_quit = QAction(self, shortcut=QKeySequence("Ctrl+Q"), triggered=self.close)
        self.act_full = QAction(self, triggered=self.canvas.full_extent)
        self.act_zoom_layer = QAction(self, triggered=self.zoom_to_layer)
        self.act_zoom_selection = QAction(
            self, triggered=lambda: self.canvas.highlight(self.study.selection, zoom=True)
        )
        self.act_about = QAction(self, triggered=self.about)
        self.act_study = QAction(self, triggered=self.edit_study)
        self.file_menu = self.menuBar().addMenu("")
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addActions([self.act_open, self.act_open_project])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.act_save_project, self.act_save_as])
        self.file_menu.addAction(self.act_study)
        self.export_menu = self.file_menu.addMenu("")
        self.act_export_map = QAction(self, triggered=self.export_map_dialog)
        self.act_export_atlas = QAction(self, triggered=lambda: self._export_file("atlas"))
        self.act_export_xlsx = QAction(self, triggered=lambda: self._export_file("xlsx"))
        self.act_export_gpkg = QAction(self, triggered=lambda: self._export_file("gpkg"))
        self.act_export_kmz = QAction(self, triggered=lambda: self._export_file("kmz"))
        self.export_menu.addActions(
            [
                self.act_export_map,
                self.act_export_atlas,
                self.act_export_xlsx,
                self.act_export_gpkg,
                self.act_export_kmz,
            ]
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.view_menu = self.menuBar().addMenu("")
        self.view_menu.addActions([self.act_full, self.act_zoom_layer, self.act_zoom_selection])
        self._build_keyboard_actions()
        self.view_menu.addSeparator()
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            act = QAction(name, self, checkable=True)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.act_about)
        bar = QToolBar(self)
        bar.setObjectName("main_toolbar")
        self.tech_label = QLabel(self)
        bar.addWidget(self.tech_label)
        bar.addWidget(self.tech)
        bar.addSeparator()
        bar.addActions([self.act_open, self.act_full, self.act_zoom_layer, self.act_zoom_selection])
        bar.addSeparator()
        self.search = SearchBox(self)
        self.search.found.connect(self.go_to)
        bar.addWidget(self.search)
        self.addToolBar(bar)
        self._refresh_recent()

    def _connect(self) -> None:
        s = self.study
        s.result_changed.connect(self._on_result)
        s.files_changed.connect(self._on_files)
        s.technology_changed.connect(self._on_technology)
        s.selection_changed.connect(self._on_selection)
        s.error.connect(self._on_error)
        s.params_changed.connect(lambda: self.parameters.set_params(s.params))
        s.modified_changed.connect(self._on_modified)
        s.worker.progress.connect(self.parameters.on_progress)
        s.worker.status.connect(self._on_core_status)
        s.worker.busy_changed.connect(self.parameters.set_busy)
        s.worker.busy_changed.connect(self._on_busy)
        s.worker.cancelled.connect(
            lambda: self._on_status(
                self.tr("Cancelled: the figures and parameters shown are the previous ones.")
            )
        )
        self.parameters.params_edited.connect(s.set_params)
        self.parameters.cancel_requested.connect(s.worker.cancel)
        self.canvas.feature_clicked.connect(self._select_from_map)
        self.canvas.cursor_moved.connect(self.cursor_position.show_position)
        self.communes_table.row_selected.connect(lambda fid: s.select(Selection("communes", fid)))
        self.uncovered_table.row_selected.connect(lambda fid: s.select(Selection("villages", fid)))
        self.findings.finding_clicked.connect(s.select)
        self.exporter.finished.connect(self._on_exported)
        self.exporter.failed.connect(self._on_error)
        self.exporter.status.connect(self._on_core_status)
        self.exporter.progress.connect(self._on_export_progress)
        self.exporter.busy_changed.connect(self._on_export_busy)
        self.exporter.cancelled.connect(lambda: self._on_status(self.tr("Export cancelled.")))

    # ---- translation

    def retranslate(self) -> None:
        # "[*]" is where Qt shows the modified mark (setWindowModified).
        self.setWindowTitle(
            (f"{self.project_path.name}[*] — " if self.project_path else "[*]")
            + self.tr("Coverage Planner")
        )
        self.setWindowModified(self.study.modified)
        self.study.worker.language = self.exporter.language = self.languages.current
        titles = {
            "summary": self.tr("Province indicators"),
            "parameters": self.tr("Parameters"),
            "identify": self.tr("Identify"),
            "layers": self.tr("Layers"),
            "tables": self.tr("Tables"),
            "plan": self.tr("Investment plan"),
            "profile": self.tr("Link profile"),
        }
        for key, dock in self.docks.items():
            dock.setWindowTitle(titles[key])
        self.tables.setTabText(0, self.tr("Communes"))
        self.tables.setTabText(1, self.tr("Uncovered villages"))
        self.tables.setTabText(2, self.tr("Findings"))
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Recent projects"))
        self.export_menu.setTitle(self.tr("Export"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_open.setText(self.tr("Open data…"))
        self.act_open_project.setText(self.tr("Open project…"))
        self.act_save_project.setText(self.tr("Save project"))
        self.act_study.setText(self.tr("Study…"))
        self.act_save_as.setText(self.tr("Save project as…"))
        self.act_quit.setText(self.tr("Quit"))
        self.act_full.setText(self.tr("Full extent"))
        self.act_zoom_layer.setText(self.tr("Zoom to communes"))
        self.act_zoom_selection.setText(self.tr("Zoom to selection"))
        self.act_about.setText(self.tr("About Coverage Planner"))
        self.act_zoom_in.setText(self.tr("Zoom in"))
        self.act_zoom_out.setText(self.tr("Zoom out"))
        self.act_measure.setText(self.tr("Measure distance and area"))
        self.search.retranslate()
        self.act_export_map.setText(self.tr("Map (PDF, PNG, SVG)…"))
        self.act_export_atlas.setText(self.tr("Atlas of communes (PDF)…"))
        self.act_export_xlsx.setText(self.tr("Excel workbook…"))
        self.act_export_gpkg.setText(self.tr("GeoPackage for QGIS…"))
        self.act_export_kmz.setText(self.tr("KMZ for Google Earth…"))
        self.tech_label.setText(self.tr("Technology: "))
        self.export_cancel.setText(self.tr("Cancel export"))
        self.language_actions[self.languages.current].setChecked(True)
        for panel in (
            self.summary,
            self.parameters,
            self.layers,
            self.identify,
            self.findings,
            self.communes_table,
            self.uncovered_table,
            self.canvas.toolbar,
            self.plan,
        ):
            panel.retranslate()
        self._on_result()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        self.languages.set(code)
        self.plan.language = code
        self.settings.setValue("language", code)
        self.retranslate()

    # ---- study events

    def _build_keyboard_actions(self) -> None:
        """Zoom, pan and technology from the keyboard: Ctrl++ / Ctrl+- zoom, the arrow
        keys pan the map when it has the focus, Ctrl+2 / Ctrl+3 / Ctrl+4 choose the
        technology, Ctrl+F goes to the search box."""
        self.act_zoom_in = QAction(self, shortcut=QKeySequence.StandardKey.ZoomIn)
        self.act_zoom_in.triggered.connect(lambda: self.canvas.zoom_by(0.5))
        self.act_zoom_out = QAction(self, shortcut=QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_out.triggered.connect(lambda: self.canvas.zoom_by(2.0))
        self.view_menu.addActions([self.act_zoom_in, self.act_zoom_out])
        self.act_measure = QAction(self, checkable=True, shortcut=QKeySequence("Ctrl+M"))
        self.act_measure.toggled.connect(self.canvas.measure.set_active)
        self.canvas.measure.measured.connect(self._on_status)
        self.view_menu.addAction(self.act_measure)
        self.canvas.toolbar.addSeparator()
        self.canvas.toolbar.addAction(self.act_measure)
        self.tech_actions: dict[str, QAction] = {}
        for tech in ("2G", "3G", "4G"):
            act = QAction(tech, self, shortcut=QKeySequence(f"Ctrl+{tech[0]}"))
            act.triggered.connect(lambda _=False, t=tech: self.study.set_technology(t))
            self.addAction(act)
            self.tech_actions[tech] = act
        self.act_find = QAction(self, shortcut=QKeySequence.StandardKey.Find)
        self.act_find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(self.act_find)
        for key, (dx, dy) in {
            Qt.Key.Key_Left: (-0.25, 0),
            Qt.Key.Key_Right: (0.25, 0),
            Qt.Key.Key_Up: (0, 0.25),
            Qt.Key.Key_Down: (0, -0.25),
        }.items():
            act = QAction(self.canvas, shortcut=QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False, dx=dx, dy=dy: self.canvas.pan_by(dx, dy))
            self.canvas.addAction(act)

    def go_to(self, selection: Selection) -> None:
        """A feature found by the search box: select it and zoom the map to it."""
        self.study.select(selection)
        self.canvas.highlight(selection, zoom=True)

    def _on_files(self) -> None:
        result = self.study.result
        self.parameters.set_terrain_available(
            self.study.inputs is not None and self.study.inputs.dem is not None
        )
        self.canvas.show_result(result, self.study.technology, keep_view=False)
        self.search.set_result(result)
        self.cursor_position.set_crs(result.communes.crs if result is not None else None)
        self.findings.show_findings(result.findings if result else [])
        self.identify.show_feature(None, None)

    def _on_result(self) -> None:
        result, tech = self.study.result, self.study.technology
        self.summary.show_result(result, tech)
        if result is None:
            return
        self.canvas.show_result(result, tech)
        self.plan.draw_on_map()
        self.canvas.highlight(self.study.selection)
        # The map is what the planner watches: it is painted now, the tables just after.
        self.canvas.canvas.draw()
        self.canvas.canvas.repaint()
        QTimer.singleShot(0, self._refresh_tables)

    def _refresh_tables(self) -> None:
        result, tech = self.study.result, self.study.technology
        if result is None:
            return
        self.communes_table.set_frame(commune_frame(result), commune_columns(tech))
        self.uncovered_table.set_frame(uncovered_frame(result, tech), uncovered_columns())
        self._on_selection(self.study.selection, zoom=False)
        if not self.study.worker.busy:
            done = self.tr("Figures up to date: {0} communes, {1} villages, {2} sites.").format(
                result.summary["communes"], result.summary["villages"], result.summary["sites"]
            )
            self._on_status(done)

    def _on_technology(self, tech: str) -> None:
        index = self.tech.findData(tech)
        if index != self.tech.currentIndex():
            self.tech.setCurrentIndex(index)
        self._on_result()

    def _select_from_map(self, selection: Selection | None) -> None:
        # A feature clicked on the map is in view already: select it, do not zoom.
        self._map_click = True
        try:
            self.study.select(selection)
        finally:
            self._map_click = False

    def _on_selection(self, selection: Selection | None, zoom: bool = True) -> None:
        zoom = zoom and selection is not None and not getattr(self, "_map_click", False)
        self.canvas.highlight(selection, zoom=zoom)
        if selection is not None:
            self.docks["identify"].raise_()
        self.identify.show_feature(self.study.result, selection)
        self.communes_table.select_id(
            selection.feature_id if selection and selection.layer == "communes" else None
        )
        self.uncovered_table.select_id(
            selection.feature_id if selection and selection.layer == "villages" else None
        )

    def _on_status(self, text: str) -> None:
        self.status_text.setText(text)
        self.parameters.status.setText(text)

    def _on_core_status(self, text: str) -> None:
        """A step of the core's work, in the interface language."""
        shown = translate_status(text)
        if shown is not None:
            self._on_status(shown)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._on_status(
                self.tr("Computing… the figures shown are for the previous parameters.")
            )

    def _on_error(self, message: str, user: bool) -> None:
        """A job's error: a user error as its message, anything else as a report."""
        if user:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Coverage Planner"))
            box.setText(message)
            box.setObjectName("error_dialog")
            box.open()
            self.error_box = box
        else:
            self.error_box = self.crash_guard.show_report(message)
        if self.study.result is not None:
            self._on_status(self.tr("The figures shown are those of the last completed run."))

    def show_user_error(self, exc: UserError) -> None:
        """An error the user can fix, raised outside a job (the crash guard sends them here)."""
        self._on_error(user_message(exc, self.languages.current), True)

    def _on_modified(self, modified: bool) -> None:
        self.setWindowModified(modified)
        if modified:
            self._autosave_timer.start()
        else:
            self._autosave_timer.stop()
            self.autosave.clear()

    def _autosave_now(self) -> None:
        if self.study.files is None or not self.study.modified:
            return
        try:
            self.autosave.save(self.study.files, self.study.params, project=self.project_path)
        except OSError as exc:  # a full or read-only disk must not stop the planner's work
            self._on_status(self.tr("Autosave failed: {0}").format(exc))

    # ---- actions

    def open_files(self, files: InputFiles, params=None, *, saved: bool = True) -> None:
        self._on_status(self.tr("Loading…"))
        self.study.open(files, params, saved=saved)

    def open_data(self) -> None:
        if not self.maybe_keep_changes():
            return
        dialog = OpenDataDialog(self.study.files, self)
        if dialog.exec():
            self.project_path = None
            self.retranslate()
            # New data belong to no project file yet: the study counts as modified.
            self.open_files(dialog.value(), saved=False)

    def open_project(self, path: str | Path, *, ask: bool = True) -> None:
        """Open a project file; ``ask``: first offer to save unsaved changes."""
        if ask and not self.maybe_keep_changes():
            return
        try:
            files, params = load_project(path)
        except UserError as exc:
            self.show_user_error(exc)
            return
        self.project_path = Path(path)
        self.plan.load_scenarios(self.project_path)
        self._remember(self.project_path)
        self.retranslate()
        self.open_files(files, params)

    def open_project_dialog(self) -> None:
        if not self.maybe_keep_changes():
            return
        path = file_dialogs.open_file(
            self,
            self.settings,
            "project",
            title=self.tr("Open project"),
            filters=self.tr("Coverage Planner project (*{0})").format(SUFFIX),
        )
        if path:
            self.open_project(path, ask=False)

    def edit_study(self) -> None:
        """File → Study…: the description every export carries."""
        from coverage_planner.gui.study_dialog import StudyDialog
        from coverage_planner.study import province_of_communes

        result = self.study.result
        dialog = StudyDialog(
            self.study.params.study,
            self,
            communes_province=province_of_communes(result.communes) if result else "",
        )
        if dialog.exec():
            self.set_study(dialog.value())

    def set_study(self, study) -> None:
        """Use ``study`` from now on: saved with the project, printed on every export.
        Not a computation input: nothing is recomputed."""
        self.study.params = replace(self.study.params, study=study)
        if self.study.result is not None:
            self.study.result.params = replace(self.study.result.params, study=study)
        self.study.modified_changed.emit(self.study.modified)

    def save_project(self) -> bool:
        """Save to the project file (asking for one the first time); True when saved."""
        if self.project_path is None:
            return self.save_project_as()
        return self._save(self.project_path)

    def save_project_as(self) -> bool:
        name = self.project_path.name if self.project_path else f"study{SUFFIX}"
        path = file_dialogs.save_file(
            self,
            self.settings,
            "project",
            title=self.tr("Save project"),
            name=name,
            filters=self.tr("Coverage Planner project (*{0})").format(SUFFIX),
        )
        if not path:
            return False
        if not path.endswith(SUFFIX):
            path += SUFFIX
        return self._save(Path(path))

    def _save(self, path: Path) -> bool:
        if self.study.files is None:
            self._on_error(self.tr("Open data before saving a project."), True)
            return False
        try:
            save_project(path, self.study.files, self.study.params)
        except OSError as exc:
            self._on_error(
                self.tr("The project could not be written to {0}: {1}").format(
                    path, exc.strerror or exc
                ),
                True,
            )
            return False
        self.plan.save_scenarios(path)
        self.project_path = path
        self.study.mark_saved()
        self._remember(path)
        self.retranslate()
        self._on_status(self.tr("Project saved: {0}").format(path))
        return True

    def maybe_keep_changes(self) -> bool:
        """Before the study is closed or replaced: with unsaved changes, ask to save
        them. True when the caller may go on (saved, discarded or nothing to save)."""
        if not self.study.modified:
            return True
        box = QMessageBox(self)
        box.setObjectName("unsaved_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Coverage Planner"))
        box.setText(self.tr("The study has unsaved changes."))
        box.setInformativeText(self.tr("Save them in a project file before going on?"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save_project()
        return answer == QMessageBox.StandardButton.Discard

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.recent_projects() if Path(p) != path.resolve()]
        self.settings.setValue("recent_projects", [str(path.resolve()), *recent][:MAX_RECENT])
        self._refresh_recent()

    def recent_projects(self) -> list[str]:
        value = self.settings.value("recent_projects", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _refresh_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_projects():
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_project(p))
            act.setStatusTip(path)
        self.recent_menu.setEnabled(bool(self.recent_projects()))

    # ---- exports (in their own worker, so a recompute does not cancel them)

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
        if dialog.exec():
            value = dialog.value()
            file_dialogs.remember_folder(self.settings, "export", value.path)
            self.export_map(value)

    def export_map(self, request: MapExportRequest) -> None:
        result = self.study.result
        spec = request.spec
        if request.extent == "view":
            (x0, x1), (y0, y1) = self.canvas.ax.get_xlim(), self.canvas.ax.get_ylim()
            spec = replace(spec, bounds=(x0, y0, x1, y1))
        elif request.extent == "selection":
            geom = self.canvas.geometry_of(self.study.selection)
            if geom is not None:
                spec = replace(spec, bounds=tuple(geom.bounds))
        from coverage_planner.maps.export import export_map

        self._run_export(lambda reporter: export_map(result, request.path, spec), request.path)

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
            self, self.settings, "export", title=self.tr("Export"), name=name, filters=filt
        )
        if path:
            self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> None:
        """Write one export of the current result to ``path`` (in the export worker)."""
        # Export modules load on first use: they are not needed to start the app.
        from coverage_planner.reports.atlas import export_atlas
        from coverage_planner.reports.geopackage import export_geopackage
        from coverage_planner.reports.kmz import export_kmz
        from coverage_planner.reports.workbook import export_workbook

        result, spec, tech, lang = (
            self.study.result,
            self._spec(),
            self.study.technology,
            self.languages.current,
        )
        jobs = {
            "atlas": lambda reporter: export_atlas(result, path, spec, reporter=reporter),
            "xlsx": lambda reporter: export_workbook(
                result, path, language=lang, study=spec.study, sources=spec.sources
            ),
            "gpkg": lambda reporter: export_geopackage(
                result, path, technology=tech, language=lang
            ),
            "kmz": lambda reporter: export_kmz(result, path, technology=tech, language=lang),
        }
        self._run_export(jobs[kind], path)

    def _run_export(self, job, path: Path) -> None:
        self._on_status(self.tr("Exporting {0}…").format(path.name))
        self.exporter.start(job)

    def _on_exported(self, path) -> None:
        self._on_status(self.tr("Exported: {0}").format(path))

    def _on_export_progress(self, done: int, total: int) -> None:
        self.export_progress.setRange(0, max(total, 1))
        self.export_progress.setValue(done)

    def _on_export_busy(self, busy: bool) -> None:
        self.export_progress.setVisible(busy)
        self.export_cancel.setVisible(busy)
        if busy:
            self.export_progress.setRange(0, 0)  # moving until the first step is reported

    def zoom_to_layer(self) -> None:
        if self.study.result is not None:
            self.canvas.zoom_to(self.study.result.communes.total_bounds)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Coverage Planner"),
            self.tr(
                "Coverage Planner: mobile coverage planning for a Vietnamese province.\n"
                "Demo data are synthetic."
            )
            + "\n\n"
            + self.tr("Version {0}").format(__version__)
            + "\n"
            + self.tr("Error reports are written to {0}").format(self.crash_guard.log_dir),
        )

    # ---- window layout, autosave, closing

    def offer_recovery(self) -> bool:
        """If the last session ended without a clean exit, offer its autosaved study.
        True when it was restored (it opens as modified, to be saved)."""
        recovery = self.autosave.pending()
        if recovery is None:
            return False
        box = QMessageBox(self)
        box.setObjectName("recovery_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Coverage Planner"))
        box.setText(self.tr("Coverage Planner did not close normally last time."))
        box.setInformativeText(
            self.tr("Restore the study as it was at {0}?").format(
                recovery.saved_at.replace("T", " ")
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            self.autosave.clear()
            return False
        self.restore(recovery)
        return True

    def restore(self, recovery) -> None:
        """Open an autosaved study, under the project it came from, unsaved."""
        self.project_path = recovery.project
        self.retranslate()
        self.open_files(recovery.files, recovery.params, saved=False)

    def _folder(self, key: str, default) -> Path | None:
        """A folder from the settings (tests point them at a temporary folder)."""
        value = self.settings.value(key, "")
        if value:
            return Path(str(value))
        return default() if callable(default) else default

    def _restore_layout(self) -> None:
        if int(self.settings.value("window/layout_version", 0) or 0) != LAYOUT_VERSION:
            return
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.setValue("window/layout_version", LAYOUT_VERSION)

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.maybe_keep_changes():
            event.ignore()
            return
        self.save_layout()
        self.study.worker.cancel()
        self.study.worker.wait(5000)
        self.exporter.wait(60_000)  # an export in progress finishes: its file is written whole
        self._autosave_timer.stop()
        self.autosave.clear()  # a clean exit: nothing to recover at the next start
        self.crash_guard.uninstall()
        super().closeEvent(event)
