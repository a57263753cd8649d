"""The main window: assembles the map, docks and panels, and routes the study's events.

Each job lives in its own module: the menus, toolbar and shortcuts in
:mod:`~coverage_planner.gui.window_actions`; opening, saving, autosave and the guard
against lost work in :mod:`~coverage_planner.gui.project_files`; the exports in
:mod:`~coverage_planner.gui.window_exports`; each panel in its own module.
"""

from __future__ import annotations

from pathlib import Path

from PyQt6.QtCore import QByteArray, QEvent, QLocale, QSettings, Qt, QTimer
from PyQt6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QWidget,
)

from coverage_planner.errors import UserError
from coverage_planner.gui.attribute_tables import AttributeTable, site_source, village_source
from coverage_planner.gui.autosave import Autosave
from coverage_planner.gui.autosave import default_folder as default_autosave_folder
from coverage_planner.gui.crash import CrashGuard
from coverage_planner.gui.formatting import number
from coverage_planner.gui.i18n import Languages
from coverage_planner.gui.identify import IdentifyPanel
from coverage_planner.gui.map_canvas import MapCanvas
from coverage_planner.gui.measure import CursorReadout
from coverage_planner.gui.panels import (
    FindingsPanel,
    LayersPanel,
    ParametersPanel,
    SummaryPanel,
)
from coverage_planner.gui.plan_panel import PlanPanel
from coverage_planner.gui.plan_profile import ProfilePanel
from coverage_planner.gui.project_files import ProjectFiles
from coverage_planner.gui.site_editor import SiteEditor
from coverage_planner.gui.status_texts import translate_status
from coverage_planner.gui.study import Selection, StudyModel
from coverage_planner.gui.tables import (
    TablePanel,
    commune_columns,
    commune_frame,
    uncovered_columns,
    uncovered_frame,
)
from coverage_planner.gui.undo import EditHistory
from coverage_planner.gui.window_actions import MAX_RECENT, WindowActions
from coverage_planner.gui.window_exports import ExportProgress, WindowExports
from coverage_planner.gui.worker import Worker, user_message

__all__ = ["AUTOSAVE_MS", "LAYOUT_VERSION", "MAX_RECENT", "MainWindow"]

AUTOSAVE_MS = 3000
LAYOUT_VERSION = 2  # bump when docks change, so an old saved layout is not restored


class MainWindow(WindowActions, ProjectFiles, WindowExports, QMainWindow):
    """The planner's window: the map in the middle, panels in docks around it."""

    def __init__(
        self, languages: Languages | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__()
        self.languages = languages or Languages()
        self.settings = settings or QSettings()
        self.study = StudyModel(self)
        self.study.terrain_by_default = self.settings.value("terrain_by_default", True, type=bool)
        self._new_view = False  # the next map starts at the study's full extent
        self._settle_pending = self._tables_pending = False  # see ``settling``
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
        self.villages_table = AttributeTable("villages", "village_id", self.settings, self)
        self.sites_table = AttributeTable("sites", "site_id", self.settings, self)
        self.tables.addTab(self.villages_table, "")
        self.tables.addTab(self.sites_table, "")
        self.docks: dict[str, QDockWidget] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self._dock("summary", self.summary, right, scroll=True)
        self._dock("parameters", self.parameters, right, scroll=True)
        self._dock("identify", self.identify, right)
        # Identify shares its place with the parameters (it comes to the front when a
        # feature is selected): three stacked panels do not fit 768 pixels.
        self.tabifyDockWidget(self.docks["parameters"], self.docks["identify"])
        self.site_editor = SiteEditor(self.study, self)
        self._dock("site", self.site_editor, right, scroll=True)
        self.tabifyDockWidget(self.docks["identify"], self.docks["site"])
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
        self.docks["layers"].raise_()  # the layers in front; the plan is a tab away
        self.docks["plan"].visibilityChanged.connect(
            lambda shown: shown and QTimer.singleShot(0, self._fit_left_column)
        )
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
        self.export_progress = ExportProgress(self)
        self.export_progress.hide()
        self.export_cancel = QPushButton(self)
        self.export_cancel.hide()
        self.export_cancel.clicked.connect(self.exporter.cancel)
        self.cursor_position = CursorReadout(self)
        self.statusBar().addPermanentWidget(self.cursor_position)
        self.statusBar().addPermanentWidget(self.export_progress)
        self.statusBar().addPermanentWidget(self.export_cancel)
        self.history = EditHistory(self.study, self.plan, self)
        self._build_actions()
        self.calibrate_action = self.edit_menu.addAction("")
        self.calibrate_action.triggered.connect(self.calibrate_dialog)
        self._connect()
        self.retranslate()
        # The first size fits the screen (a 1366 × 768 laptop with a taskbar included).
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 900
        if screen is not None and screen.width() > 0:
            width, height = min(width, screen.width()), min(height, screen.height() - 40)
        self.resize(width, height)
        # The map gets the room: side panels start narrow, the tables a few rows high.
        self.resizeDocks([self.docks["layers"]], [220], Qt.Orientation.Horizontal)
        self._fit_right_column()
        self.resizeDocks([self.docks["tables"]], [200], Qt.Orientation.Vertical)
        self._restore_layout()

    def _fit_right_column(self) -> None:
        """The right-hand column as wide as its panels need in the language (no
        sideways scrolling: 337 px in Vietnamese), at least 330 px; never narrower than
        it is (the planner may have widened it)."""
        panels = (self.parameters, self.site_editor)
        needed = max(p.minimumSizeHint().width() for p in panels) + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent
        )
        width = max(330, needed + 8)
        if self.docks["summary"].width() < width:
            self.resizeDocks([self.docks["summary"]], [width], Qt.Orientation.Horizontal)

    def _fit_left_column(self) -> None:
        """With the Investment plan in front, the left column as wide as the plan needs
        (355 px in English, 374 in Vietnamese, in a 220-px column: it scrolled
        sideways, its choices and buttons cut), as far as the map keeps 450 px."""
        dock = self.docks["plan"]
        if not dock.isVisible() or dock.isFloating():
            return
        needed = self.plan.minimumSizeHint().width() + self.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent
        )
        room = dock.width() + self.canvas.width() - 450
        width = min(needed + 4, room)
        if dock.width() < width:
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

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
        self.parameters.params_edited.connect(self.history.params_edited)
        self.parameters.cancel_requested.connect(s.worker.cancel)
        self.canvas.feature_clicked.connect(self._select_from_map)
        self.canvas.cursor_moved.connect(self.cursor_position.show_position)
        self.communes_table.row_selected.connect(lambda fid: s.select(Selection("communes", fid)))
        self.uncovered_table.row_selected.connect(lambda fid: s.select(Selection("villages", fid)))
        self.villages_table.row_selected.connect(lambda fid: s.select(Selection("villages", fid)))
        self.sites_table.row_selected.connect(lambda fid: s.select(Selection("sites", fid)))
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
            "site": self.tr("Edit site"),
        }
        for key, dock in self.docks.items():
            dock.setWindowTitle(titles[key])
        self.tables.setTabText(0, self.tr("Communes"))
        self.tables.setTabText(1, self.tr("Uncovered villages"))
        self.tables.setTabText(2, self.tr("Findings"))
        self.tables.setTabText(3, self.tr("Villages"))
        self.tables.setTabText(4, self.tr("Sites"))
        self.retranslate_actions()
        self.calibrate_action.setText(self.tr("Calibrate the terrain model…"))
        self.tech_label.setText(self.tr("Technology: "))
        self.export_cancel.setText(self.tr("Cancel export"))
        self.language_actions[self.languages.current].setChecked(True)
        for panel in (
            self.site_editor,
            self.summary,
            self.parameters,
            self.layers,
            self.identify,
            self.findings,
            self.communes_table,
            self.uncovered_table,
            self.villages_table,
            self.sites_table,
            self.canvas.toolbar,
            self.plan,
        ):
            panel.retranslate()
        self._on_result()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def calibrate_dialog(self) -> None:
        """Measurements → fit → before/after → apply (gui.calibrate_dialog)."""
        from coverage_planner.gui.calibrate_dialog import CalibrateDialog

        CalibrateDialog(self.study, self).exec()

    def set_language(self, code: str) -> None:
        self.languages.set(code)
        self.plan.language = code
        self.settings.setValue("language", code)
        # Spin boxes keep the locale they were made with: 7.00 km beside 93,8 %.
        for box in self.findChildren(QAbstractSpinBox):
            box.setLocale(QLocale())
        self.retranslate()
        self._fit_right_column()  # Vietnamese labels are longer
        self._fit_left_column()

    # ---- study events

    def go_to(self, selection: Selection) -> None:
        """A feature found by the search box: select it and zoom the map to it."""
        self.study.select(selection)
        self.canvas.highlight(selection, zoom=True)

    def _on_files(self) -> None:
        # A new study: the map it is drawn on next (``_on_result``, which always follows)
        # starts at its full extent. What the first map does not need (the hillshade, the
        # search index, the cursor's coordinates, the findings) waits until it is painted.
        result = self.study.result
        self.parameters.set_terrain_available(
            self.study.inputs is not None and self.study.inputs.dem is not None
        )
        self.set_operators(result)
        self.canvas.extras.set_dem(None, None, None)  # not the last study's relief meanwhile
        self._new_view = True
        self._settle_pending = True
        self.identify.show_feature(None, None)
        if result is None:
            self.canvas.show_result(None, self.study.technology, keep_view=False)
            self._settle_study()

    @property
    def settling(self) -> bool:
        """True from a new study's first map until its hillshade, tables, findings and
        search are in place (a moment after the map is painted)."""
        return self._settle_pending or self._tables_pending

    def _settle_study(self) -> None:
        """The rest of a new study, once its first map is on screen."""
        if not self._settle_pending:
            return
        self._settle_pending = False
        result, inputs = self.study.result, self.study.inputs
        if result is not None:
            self.canvas.extras.set_dem(
                inputs.dem if inputs is not None else None,
                result.communes.crs,
                result.communes.total_bounds,
            )
        self.layers.set_hillshade_available(self.canvas.extras.has_hillshade)
        self.search.set_result(result)
        self.cursor_position.set_crs(result.communes.crs if result is not None else None)
        self.findings.show_findings(result.findings if result else [])
        if result is not None and self.canvas.extras.has_hillshade:
            self.canvas.extras.redraw(result, self.study.technology, self.canvas.shown_sites())
            self.canvas.apply_layer_states()

    def _on_result(self) -> None:
        result, tech = self.study.result, self.study.technology
        self.summary.show_result(result, tech)
        if result is None:
            return
        new_view, self._new_view = self._new_view, False
        self.canvas.show_result(result, tech, keep_view=not new_view)
        self.plan.draw_on_map()
        self.canvas.highlight(self.study.selection)
        # The map is what the planner watches: it is drawn and painted now (one draw:
        # ``repaint`` draws what ``draw_idle`` asked for), the tables and the rest of
        # a new study just after.
        self.canvas.canvas.draw_idle()
        self.canvas.canvas.repaint()
        self._tables_pending = True
        QTimer.singleShot(0, self._refresh_tables)
        if self._settle_pending:
            QTimer.singleShot(0, self._settle_study)

    def _refresh_tables(self) -> None:
        self._tables_pending = False
        result, tech = self.study.result, self.study.technology
        if result is None:
            return
        self.communes_table.set_frame(commune_frame(result), commune_columns(tech))
        self.uncovered_table.set_frame(uncovered_frame(result, tech), uncovered_columns())
        self.villages_table.set_source(village_source(result))
        self.sites_table.set_source(
            site_source(self.canvas.shown_sites(), list(result.technologies))
        )
        self._on_selection(self.study.selection, zoom=False)
        if not self.study.worker.busy:
            counts = (result.summary[k] for k in ("communes", "villages", "sites"))
            done = self.tr("Figures up to date: {0} communes, {1} villages, {2} sites.").format(
                *(number(n) for n in counts)
            )
            self._on_status(done)

    def set_operators(self, result) -> None:
        """The operator filter's choices: every operator of the study's sites."""
        box = self.operator_box
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All operators"), None)
        sites = result.sites if result is not None else None
        if sites is not None and "operator" in sites.columns:
            for name in sorted({str(o) for o in sites["operator"].dropna() if str(o)}):
                box.addItem(name, name)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        self.canvas.operator = box.currentData()

    def filter_operator(self, operator: str | None) -> None:
        """Show only ``operator``'s sites on the map and in the sites table (None: all)."""
        index = self.operator_box.findData(operator) if operator is not None else 0
        if index >= 0 and index != self.operator_box.currentIndex():
            self.operator_box.setCurrentIndex(index)
            return  # the box's signal comes back here
        self.canvas.set_operator(operator)
        self.plan.draw_on_map()
        self.canvas.highlight(self.study.selection)
        result = self.study.result
        if result is not None:
            self.sites_table.set_source(
                site_source(self.canvas.shown_sites(), list(result.technologies))
            )

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
        self.canvas.extras.select(selection)
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
        self.villages_table.select_id(
            selection.feature_id if selection and selection.layer == "villages" else None
        )
        self.sites_table.select_id(
            selection.feature_id if selection and selection.layer == "sites" else None
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

    def zoom_to_layer(self) -> None:
        if self.study.result is not None:
            self.canvas.zoom_to(self.study.result.communes.total_bounds)

    # ---- window layout, autosave, closing

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
