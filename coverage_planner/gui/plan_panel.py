"""The Plan panel: investment planning in the app, and the link-profile plot.

Technology, objective, budget and costs; Run in a worker (progress, cancel); the
cost–coverage curve (a click takes that budget); the ranked table (a row zooms the
map to its site); the chosen sites drawn on the map with lines to their villages.
Add, move or remove a site by clicking on the map: the figures follow at once (the
disk model re-measures only the changed candidate's villages). Scenarios are kept,
compared side by side and saved in the project file (:mod:`.plan_scenarios`); the
link profile is :mod:`.plan_profile`; the proposal is exported from here. The
computing is :mod:`coverage_planner.planning`; this module only binds it.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import shapely
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PyQt6.QtCore import pyqtSignal
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coverage_planner.errors import UserError
from coverage_planner.gui.formatting import DecimalSpinBox
from coverage_planner.gui.plan_profile import ProfileClicks
from coverage_planner.gui.plan_scenarios import PlanScenarios
from coverage_planner.gui.status_texts import translate_status as translate_core_status
from coverage_planner.gui.undo import snapshot_sites
from coverage_planner.gui.worker import Worker, user_message
from coverage_planner.io.message_planning import translate_status
from coverage_planner.planning.config import PlanningParams
from coverage_planner.planning.must_cover import parse_must_cover

BUDGETS = ("sites", "vnd", "target")
EDIT_MODES = ("none", "add", "move", "remove", "profile")


class PlanPanel(PlanScenarios, ProfileClicks, QWidget):
    """The investment plan of the open study."""

    plan_changed = pyqtSignal(object)
    sites_edited = pyqtSignal(object, object)  # the sites before and after, for undo

    def __init__(self, study, canvas, parent: QWidget | None = None, *, profile=None) -> None:
        super().__init__(parent)
        self.study = study
        self.map = canvas
        self.profile_panel = profile
        self.worker = Worker(self)
        self.context = None
        self._context_key = None
        self.plan = None
        self.chosen: list[int] = []
        self.scenarios: list[dict] = []
        self._artists: list = []
        self._moving: int | None = None
        self._profile_from = None
        self.language = "vi"
        self._build()
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.progress.connect(self._on_progress)
        self.worker.status.connect(self._on_status)
        self.worker.busy_changed.connect(self._on_busy)
        self.study.result_changed.connect(self._on_study_changed)
        self.map.canvas.mpl_connect("button_release_event", self._on_map_click)
        self.retranslate()

    # ---- widgets

    def _build(self) -> None:
        self.tech = QComboBox(self)
        for t in ("2G", "3G", "4G", "5G"):  # 2G: the villages without any mobile signal
            self.tech.addItem(t, t)
        self.tech.setCurrentIndex(self.tech.findData("4G"))
        self.objective = QComboBox(self)
        self.budget_kind = QComboBox(self)
        self.budget = QDoubleSpinBox(self)
        self.budget.setDecimals(1)
        self.budget.setRange(0.1, 1e6)
        self.budget.setValue(20)
        self.solver = QComboBox(self)
        self.must_cover = QLineEdit(self)
        self.must_centres = QCheckBox(self)  # every commune's centre village
        must = QWidget(self)
        must_row = QHBoxLayout(must)
        must_row.setContentsMargins(0, 0, 0, 0)
        must_row.addWidget(self.must_centres)
        must_row.addWidget(self.must_cover, 1)
        self.cost_upgrade = self._money(PlanningParams().upgrade_vnd)
        self.cost_new = self._money(PlanningParams().new_site_vnd)
        self.cost_share = self._money(PlanningParams().share_vnd)
        self.cost_fibre = self._money(PlanningParams().fibre_vnd_per_km)
        self.cost_mw = self._money(PlanningParams().microwave_vnd)
        self.height = DecimalSpinBox(self)
        self.height.setRange(5, 150)
        self.height.setValue(PlanningParams().height_m)
        # The plan itself up front; the province's costs on a tab of their own.
        self.form = QFormLayout()
        self.cost_form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(12)]
        fields = [
            self.tech,
            self.objective,
            self.budget_kind,
            self.budget,
            self.solver,
            must,
            self.cost_upgrade,
            self.cost_new,
            self.cost_share,
            self.cost_fibre,
            self.cost_mw,
            self.height,
        ]
        for k, (label, field) in enumerate(zip(self.labels, fields, strict=True)):
            (self.form if k < 6 else self.cost_form).addRow(label, field)
        self.run_button = QPushButton(self)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.worker.cancel)
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_dialog)
        self.export_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.run_button, self.cancel_button, self.export_button):
            buttons.addWidget(b)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        # Map editing: one mode at a time.
        self.edit_group = QButtonGroup(self)
        self.edit_group.setExclusive(False)
        self.edit_buttons: dict[str, QPushButton] = {}
        edits = QHBoxLayout()
        for mode in EDIT_MODES[1:]:
            b = QPushButton(self)
            b.setCheckable(True)
            b.toggled.connect(lambda on, m=mode: self._set_mode(m if on else "none"))
            self.edit_buttons[mode] = b
            edits.addWidget(b)
        self.mode = "none"
        self.curve_figure = Figure(figsize=(4, 2.4))
        self.curve_canvas = FigureCanvasQTAgg(self.curve_figure)
        self.curve_canvas.setMinimumHeight(170)
        self.curve_canvas.mpl_connect("button_press_event", self._on_curve_click)
        self.table = QTableWidget(0, 6, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_row)
        self.scenario_table = QTableWidget(0, 0, self)
        self.scenario_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scenario_table.horizontalHeader().sectionDoubleClicked.connect(self._open_scenario)
        self.save_scenario_button = QPushButton(self)
        self.save_scenario_button.clicked.connect(self.keep_scenario)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.curve_canvas, "")
        sc = QWidget(self)
        sl = QVBoxLayout(sc)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(self.save_scenario_button)
        sl.addWidget(self.scenario_table)
        self.tabs.addTab(sc, "")
        costs = QWidget(self)
        costs.setLayout(self.cost_form)
        self.tabs.addTab(costs, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.figures)
        layout.addLayout(edits)
        layout.addWidget(self.tabs, 1)

    def _money(self, vnd: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setDecimals(3)
        box.setRange(0, 1e4)
        box.setSuffix(" × 10⁹")
        box.setValue(vnd / 1e9)
        return box

    def retranslate(self) -> None:
        texts = [
            self.tr("Technology"),
            self.tr("Objective"),
            self.tr("Budget"),
            self.tr("Amount"),
            self.tr("Solver"),
            self.tr("Must be covered"),
            self.tr("Upgrade (VND)"),
            self.tr("New site (VND)"),
            self.tr("Shared tower (VND)"),
            self.tr("Fibre per km (VND)"),
            self.tr("Microwave hop (VND)"),
            self.tr("Antenna height (m)"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        for combo, items in (
            (
                self.objective,
                [
                    ("population", self.tr("newly covered population")),
                    ("villages", self.tr("newly covered villages")),
                ],
            ),
            (
                self.budget_kind,
                [
                    ("sites", self.tr("number of sites")),
                    ("vnd", self.tr("billion VND")),
                    ("target", self.tr("least cost to reach % of villages")),
                ],
            ),
            (
                self.solver,
                [
                    ("exact", self.tr("exact (integer programme)")),
                    ("greedy", self.tr("fast (greedy)")),
                ],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for data, text in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.must_cover.setPlaceholderText(self.tr("village ids, comma-separated"))
        self.must_centres.setText(self.tr("commune centres"))
        self.must_centres.setToolTip(
            self.tr(
                "Every commune's centre village must be covered: the villages marked in a "
                "commune_centre column of the village layer, else the village nearest the "
                "commune's centre"
            )
        )
        self.run_button.setText(self.tr("Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.export_button.setText(self.tr("Export proposal…"))
        names = {
            "add": self.tr("Add site"),
            "move": self.tr("Move site"),
            "remove": self.tr("Remove site"),
            "profile": self.tr("Profile"),
        }
        for mode, b in self.edit_buttons.items():
            b.setText(names[mode])
        self.save_scenario_button.setText(self.tr("Keep as scenario"))
        self.tabs.setTabText(0, self.tr("Sites"))
        self.tabs.setTabText(1, self.tr("Cost and coverage"))
        self.tabs.setTabText(2, self.tr("Scenarios"))
        self.tabs.setTabText(3, self.tr("Costs"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Site"),
                self.tr("Kind"),
                self.tr("Villages"),
                self.tr("Population"),
                self.tr("Cost (billion VND)"),
                self.tr("Backhaul"),
            ]
        )
        self._show_scenarios()
        if self.profile_panel is not None:
            self.profile_panel.retranslate()

    # ---- running

    def planning_params(self) -> PlanningParams:
        return replace(
            PlanningParams(),
            upgrade_vnd=self.cost_upgrade.value() * 1e9,
            new_site_vnd=self.cost_new.value() * 1e9,
            share_vnd=self.cost_share.value() * 1e9,
            fibre_vnd_per_km=self.cost_fibre.value() * 1e9,
            microwave_vnd=self.cost_mw.value() * 1e9,
            height_m=self.height.value(),
        )

    def request(self):
        from coverage_planner.planning.plan import PlanRequest

        kind = self.budget_kind.currentData()
        value = self.budget.value()
        return PlanRequest(
            technology=self.tech.currentData(),
            objective=self.objective.currentData(),
            budget_sites=int(round(value)) if kind == "sites" else None,
            budget_vnd=value * 1e9 if kind == "vnd" else None,
            target_pct=value if kind == "target" else None,
            solver=self.solver.currentData(),
            must_cover=parse_must_cover(self.must_cover.text())
            + (("commune_centres",) if self.must_centres.isChecked() else ()),
        )

    def run(self) -> None:
        """Prepare the candidates (once per study, technology and costs) and solve, in
        the worker."""
        from coverage_planner.planning.plan import prepare, solve

        study = self.study
        if study.result is None or study.inputs is None:
            self.status.setText(self.tr("Open a study first."))
            return
        try:
            request = self.request()
        except Exception as exc:  # noqa: BLE001 - a user error in the fields
            self.status.setText(self._error_text(exc))
            return
        planning = self.planning_params()
        key = (id(study.result), request.technology, planning)
        context = self.context if key == self._context_key else None
        inputs, result, params = study.inputs, study.result, study.params

        def job(reporter):
            ctx = context or prepare(
                inputs,
                result,
                params=params,
                planning=planning,
                technology=request.technology,
                reporter=reporter,
            )
            return key, ctx, solve(ctx, request, reporter=reporter)

        self.worker.language = self.language
        self.worker.start(job)

    def _on_finished(self, value) -> None:
        key, ctx, plan = value
        self._context_key, self.context = key, ctx
        self.chosen = [int(j) for j in plan.chosen]
        self.status.setText("")
        self._show(plan)

    def _error_text(self, exc: Exception) -> str:
        return user_message(exc, self.language) if isinstance(exc, UserError) else str(exc)

    def _on_status(self, text: str) -> None:
        """A step of the work in the panel's language: planning's own steps, else the
        audit's (the terrain model's, when the panel's run computes it)."""
        shown = translate_status(text, self.language)
        if shown == text and self.language != "en":
            shown = translate_core_status(text) or ""
        self.status.setText(shown)

    def _on_failed(self, message: str, user: bool) -> None:
        self.status.setText(message if user else message.splitlines()[-1])

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_busy(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        if not busy:
            self.progress.setValue(self.progress.maximum())

    def _on_study_changed(self) -> None:
        # Another study or other parameters: the plan no longer describes it.
        if self.context is not None and self.context.result is not self.study.result:
            self.context, self._context_key, self.plan, self.chosen = None, None, None, []
            self._artists = []
            self.table.setRowCount(0)
            self.figures.setText("")
            self.export_button.setEnabled(False)

    # ---- showing

    def reevaluate(self) -> None:
        """The figures of the current set of sites (after an edit on the map)."""
        from coverage_planner.planning.plan import evaluate

        if self.context is None:
            return
        request = self.plan.request if self.plan is not None else None
        # The curve is the budgets' best plans: an edit on the map does not change it.
        curve = self.plan.curve if self.plan is not None else None
        plan = evaluate(
            self.context, np.array(self.chosen, dtype=np.int64), request=request, curve=curve
        )
        self.chosen = [int(j) for j in plan.chosen]
        self._show(plan)

    def _show(self, plan) -> None:
        self.plan = plan
        s = plan.summary
        b, a = s["before"], s["after"]
        proof = ""
        if s["solver"] != "manual":
            proof = (
                self.tr("proven optimal")
                if s["optimal"]
                else self.tr("gap {0:.2f} %").format(s["gap_pct"])
                if s["gap_pct"] is not None
                else self.tr("not proven optimal")
            )
        self.figures.setText(
            self.tr(
                "{0} sites, {1:,.2f} billion VND {2}\nVillages with {3}: {4:.1f} % → {5:.1f} %\n"
                "Population: {6:.1f} % → {7:.1f} %; uncovered villages {8} → {9}"
            ).format(
                s["sites_chosen"],
                s["cost_vnd"] / 1e9,
                f"({proof})" if proof else "",
                plan.technology,
                b["villages_covered_pct"] or 0,
                a["villages_covered_pct"] or 0,
                b["population_covered_pct"] or 0,
                a["population_covered_pct"] or 0,
                b["uncovered_villages"],
                a["uncovered_villages"],
            )
        )
        t = plan.table
        self.table.setRowCount(len(t))
        for r, row in enumerate(t.itertuples(index=False)):
            values = [
                row.candidate_id,
                row.kind,
                f"{row.villages_gained}",
                f"{row.population_gained:,.0f}",
                f"{row.cost_vnd / 1e9:,.2f}",
                f"{row.backhaul}",
            ]
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(str(v)))
        self.export_button.setEnabled(True)
        self._draw_curve()
        self.draw_on_map()
        self.plan_changed.emit(plan)

    def _draw_curve(self) -> None:
        from coverage_planner.maps.plan_map import curve_figure

        curve_figure(self.plan, language=self.language, fig=self.curve_figure)
        self.curve_canvas.draw_idle()

    def draw_on_map(self) -> None:
        from coverage_planner.maps.plan_map import draw_plan

        for artist in self._artists:
            with contextlib.suppress(ValueError, AttributeError, NotImplementedError):
                artist.remove()
        self._artists = []
        if self.plan is not None:
            self._artists = draw_plan(self.map.ax, self.plan, zorder=20)
        self.map.canvas.draw_idle()

    def _on_row(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if not rows or self.plan is None:
            return
        j = self.plan.chosen[min(rows)]
        pt = self.context.candidates.geometry.iloc[j]
        r = 1000.0 * self.study.params.radius_km(self.plan.technology) * 1.5
        self.map.zoom_to(np.array([pt.x - r, pt.y - r, pt.x + r, pt.y + r]))

    def _on_curve_click(self, event) -> None:
        """A click on the curve takes that budget (VND) and runs again."""
        if event.xdata is None or self.plan is None:
            return
        c = self.plan.curve
        points = c[c["kind"] == "budget"] if "kind" in c else c
        billions = float(event.xdata)
        if len(points):  # the nearest point: the budget whose best plan the curve shows
            near = np.abs(points["cost_vnd"].to_numpy() / 1e9 - billions).argmin()
            billions = float(points["cost_vnd"].iloc[near]) / 1e9
        self.budget_kind.setCurrentIndex(self.budget_kind.findData("vnd"))
        self.budget.setValue(max(0.1, billions))
        self.run()

    # ---- editing on the map

    def _set_mode(self, mode: str) -> None:
        for m, b in self.edit_buttons.items():
            if m != mode and b.isChecked():
                b.blockSignals(True)
                b.setChecked(False)
                b.blockSignals(False)
        self.mode = mode
        # While editing, a map click is the edit's, not a selection (which would zoom).
        self.map.blockSignals(mode != "none")
        self._moving = None
        self._profile_from = None

    def _nearest_chosen(self, x: float, y: float) -> int | None:
        if not self.chosen:
            return None
        xy = shapely.get_coordinates(self.context.candidates.geometry.to_numpy()[self.chosen])
        k = int(np.argmin(np.hypot(xy[:, 0] - x, xy[:, 1] - y)))
        return k

    def _on_map_click(self, event) -> None:
        if self.mode == "none" or event.inaxes is not self.map.ax or self.map.toolbar.mode:
            return
        self.map_click(float(event.xdata), float(event.ydata))

    def map_click(self, x: float, y: float) -> None:
        """Apply the edit mode at a map point (working CRS)."""
        from coverage_planner.planning.plan import add_candidate, move_candidate

        if self.mode == "profile":
            self._profile_click(x, y)
            return
        if self.context is None:
            self.status.setText(self.tr("Run a plan first."))
            return
        before = snapshot_sites(self)
        try:
            if self.mode == "add":
                j = add_candidate(self.context, x, y, height_m=self.height.value())
                self.chosen.append(j)
            elif self.mode == "remove":
                k = self._nearest_chosen(x, y)
                if k is not None:
                    self.chosen.pop(k)
            elif self.mode == "move":
                if self._moving is None:
                    self._moving = self._nearest_chosen(x, y)
                    self.status.setText(self.tr("Click where the site goes."))
                    return
                j = self.chosen[self._moving]
                if int(self.context.candidates["site_row"].iloc[j]) >= 0:
                    # An upgrade cannot move: a new site takes its place at the point.
                    self.chosen[self._moving] = add_candidate(
                        self.context, x, y, height_m=self.height.value()
                    )
                else:
                    move_candidate(self.context, j, x, y)
                self._moving = None
        except Exception as exc:  # noqa: BLE001 - a user error is shown, never a crash
            self.status.setText(self._error_text(exc))
            return
        self.reevaluate()
        self.sites_edited.emit(before, snapshot_sites(self))

    # ---- export

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the proposal"))
        if folder:
            self.export(Path(folder))

    def export(self, folder: Path) -> None:
        """Write the proposal (the files of ``coverage-planner plan``) in the worker."""
        from coverage_planner.reports.exports import province_name
        from coverage_planner.reports.plan import write_plan

        if self.plan is None:
            return
        plan, language = self.plan, self.language
        province = province_name(self.study.result)
        exporter = Worker(self)
        exporter.finished.connect(
            lambda files: self.status.setText(
                self.tr("Proposal written: {0} files in {1}").format(len(files), folder)
            )
        )
        exporter.failed.connect(self._on_failed)
        exporter.language = language  # of a user error's message (an open file, no space)
        self._exporter = exporter
        exporter.start(
            lambda reporter: write_plan(
                plan, folder, language=language, province=province, reporter=reporter
            )
        )
