"""The main window's menus, toolbar and keyboard actions, and the recent-projects list.

A mixin of :class:`~coverage_planner.gui.main_window.MainWindow`: its methods run on the
window and use its panels; its texts share the window's translation context.
"""

from __future__ import annotations

from pathlib import Path

from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtGui import QAction, QActionGroup, QKeySequence
from PyQt6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolBar

from coverage_planner import __version__
from coverage_planner.gui.i18n import LANGUAGES
from coverage_planner.gui.search import SearchBox

MAX_RECENT = 8


def tr(text: str) -> str:
    """Translate ``text`` in the main window's context."""
    return QCoreApplication.translate("MainWindow", text)


class WindowActions:
    """Menus (File, View, Language, Help), the toolbar, shortcuts, recent projects."""

    def retranslate_actions(self) -> None:
        """The menus' and actions' texts in the current language."""
        self.file_menu.setTitle(tr("&File"))
        self.recent_menu.setTitle(tr("Recent projects"))
        self.export_menu.setTitle(tr("Export"))
        self.view_menu.setTitle(tr("&View"))
        self.edit_menu.setTitle(tr("&Edit"))
        self.history.retranslate()
        self.language_menu.setTitle(tr("&Language"))
        self.help_menu.setTitle(tr("&Help"))
        self.act_open.setText(tr("Open data…"))
        self.act_open_project.setText(tr("Open project…"))
        self.act_save_project.setText(tr("Save project"))
        self.act_study.setText(tr("Study…"))
        self.act_save_as.setText(tr("Save project as…"))
        self.act_quit.setText(tr("Quit"))
        self.act_full.setText(tr("Full extent"))
        self.act_zoom_layer.setText(tr("Zoom to communes"))
        self.act_zoom_selection.setText(tr("Zoom to selection"))
        self.act_about.setText(tr("About Coverage Planner"))
        self.act_print_preview.setText(tr("Print preview of the map…"))
        self.operator_label.setText(tr("Operator: "))
        self.operator_box.setToolTip(tr("Show the sites of one operator only"))
        self.operator_box.setItemText(0, tr("All operators"))
        self.act_zoom_in.setText(tr("Zoom in"))
        self.act_zoom_out.setText(tr("Zoom out"))
        self.act_measure.setText(tr("Measure distance and area"))
        self.act_find.setText(tr("Find a village, site or commune"))
        for tech, act in self.tech_actions.items():
            act.setText(tr("Technology {0}").format(tech))
        self.search.retranslate()
        self.act_export_map.setText(tr("Map (PDF, PNG, SVG)…"))
        self.act_export_atlas.setText(tr("Atlas of communes (PDF)…"))
        self.act_export_xlsx.setText(tr("Excel workbook…"))
        self.act_export_gpkg.setText(tr("GeoPackage for QGIS…"))
        self.act_export_kmz.setText(tr("KMZ for Google Earth…"))

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
        self.act_print_preview = QAction(
            self, shortcut=QKeySequence.StandardKey.Print, triggered=lambda: self.print_preview()
        )
        self.file_menu.addAction(self.act_print_preview)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addActions([self.history.act_undo, self.history.act_redo])
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
        self.operator_label = QLabel(self)
        self.operator_box = QComboBox(self)
        self.operator_box.setObjectName("operator_filter")
        # as wide as its texts in the language ("Mọi nhà mạng" was cut at its first width)
        self.operator_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.operator_box.addItem("", None)
        self.operator_box.currentIndexChanged.connect(
            lambda _: self.filter_operator(self.operator_box.currentData())
        )
        bar.addWidget(self.operator_label)
        bar.addWidget(self.operator_box)
        bar.addSeparator()
        bar.addActions([self.act_open, self.act_full, self.act_zoom_layer, self.act_zoom_selection])
        bar.addSeparator()
        self.search = SearchBox(self)
        self.search.found.connect(self.go_to)
        bar.addWidget(self.search)
        self.addToolBar(bar)
        self._refresh_recent()

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
        # in the menu too: a shortcut no menu shows is one a planner never learns
        self.view_menu.addSeparator()
        self.view_menu.addActions([*self.tech_actions.values(), self.act_find])
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

    def about(self) -> None:
        QMessageBox.about(
            self,
            tr("About Coverage Planner"),
            tr(
                "Coverage Planner: mobile coverage planning for a Vietnamese province.\n"
                "Demo data are synthetic."
            )
            + "\n\n"
            + tr("Version {0}").format(__version__)
            + "\n"
            + tr("Error reports are written to {0}").format(self.crash_guard.log_dir),
        )
