"""The small panels of the main window: summary, parameters, layers, identify, findings."""

from __future__ import annotations

from dataclasses import replace

from PyQt6.QtCore import QCoreApplication, QLocale, Qt, QTimer, pyqtSignal
from PyQt6.QtGui import QColor, QIcon, QPixmap
from PyQt6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSlider,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from coverage_planner import vocabulary
from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.app_wording import for_the_app
from coverage_planner.gui.i18n import interface_language
from coverage_planner.gui.identify import IdentifyPanel  # noqa: F401 - its former home
from coverage_planner.gui.map_canvas import LAYERS, MapCanvas
from coverage_planner.gui.study import Selection
from coverage_planner.io.findings import Finding
from coverage_planner.maps import style
from coverage_planner.params import Parameters


def tr(text: str) -> str:
    return QCoreApplication.translate("Panels", text)


def _fmt_pct(value) -> str:
    return fmt.percent(value, 1)


class SummaryPanel(QWidget):
    """The province indicators, for the chosen technology and overall."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(
            (
                "model",
                "sites",
                "mobile",
                "villages",
                "population",
                "area",
                "broadband",
                "uncovered",
            )
        ):
            name, value = QLabel(self), QLabel(self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            # A long value (sites per technology) wraps inside the panel's width
            # instead of running off its edge on a 1366-pixel screen.
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"summary_{key}")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
            self.labels[key] = (name, value)
        self.grid.setRowStretch(len(self.labels), 1)
        self.grid.setColumnStretch(1, 1)
        self._result: CoverageResult | None = None
        self._tech = "4G"
        self.retranslate()

    def retranslate(self) -> None:
        self._templates = {
            "model": tr("Coverage model"),
            "sites": tr("BTS sites"),
            "mobile": tr("Communes with mobile"),
            "villages": tr("Villages with {0}"),
            "population": tr("Population with {0}"),
            "area": tr("Area with {0}"),
            "broadband": tr("Communes with broadband"),
            "uncovered": tr("Villages without {0}"),
        }
        self._tips = {
            "model": tr(
                "The model these figures are for (while a terrain run follows, the disk "
                "model's figures are shown)"
            ),
            "sites": tr("BTS sites in the site lists, and how many serve each technology"),
            "mobile": tr(
                "Share of communes where at least one village has mobile coverage (any technology)"
            ),
            "villages": tr(
                "Share of villages covered by {0}: a village counts when the set share of "
                "its area is covered (Parameters)"
            ),
            "population": tr("Share of the villages' population living in villages with {0}"),
            "area": tr("Share of the province's area inside {0} coverage"),
            "broadband": tr(
                "Share of communes with a fibre access point or route within the broadband reach"
            ),
            "uncovered": tr("Villages without {0}, listed in the Uncovered villages table"),
        }
        self.show_result(self._result, self._tech)

    def show_result(self, result: CoverageResult | None, tech: str) -> None:
        self._result, self._tech = result, tech
        values = dict.fromkeys(self.labels, "—")
        if result is not None:
            s = result.summary
            per_tech = " / ".join(
                f"{t} {fmt.number(n)}" for t, n in s["sites_by_technology"].items()
            )
            values = {
                "model": tr("Terrain (DEM)") if result.model == "terrain" else tr("Disk / sector"),
                "sites": f"{fmt.number(s['sites'])} ({per_tech})",
                "mobile": _fmt_pct(s["communes_with_mobile_pct"]),
                "villages": _fmt_pct(s["villages_covered_pct"].get(tech)),
                "population": _fmt_pct(s["population_covered_pct"].get(tech)),
                "area": _fmt_pct(s["area_covered_pct"].get(tech)),
                "broadband": _fmt_pct(s["communes_with_broadband_pct"]),
                "uncovered": fmt.number(s["uncovered_villages"].get(tech)),
            }
        for key, (label, value) in self.labels.items():
            label.setText(self._templates[key].format(tech))
            value.setText(values[key])
            label.setToolTip(self._tips[key].format(tech))
            value.setToolTip(self._tips[key].format(tech))


class ParametersPanel(QWidget):
    """Radius per technology, village area share, broadband reach, model; changes are
    gathered for a moment, then sent as one new Parameters object."""

    params_edited = pyqtSignal(object)
    cancel_requested = pyqtSignal()

    def __init__(self, params: Parameters, parent=None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self.radius: dict[str, QDoubleSpinBox] = {}
        self._labels: dict[str, QLabel] = {}
        for tech in ("2G", "3G", "4G"):
            box = fmt.DecimalSpinBox(self)
            box.setRange(0.1, 50.0)
            box.setDecimals(2)
            box.setSingleStep(0.25)
            box.setSuffix(" km")
            box.setObjectName(f"radius_{tech}")
            # The value counts when the planner presses Enter or leaves the box, not at
            # each key: "3" then ".5" is 3.5, never a recompute (and reformat) at 3.
            box.setKeyboardTracking(False)
            self.radius[tech] = box
            self._add(f"radius_{tech}", box)
        self.share = fmt.DecimalSpinBox(self)
        self.share.setRange(1, 100)
        self.share.setDecimals(0)
        self.share.setSuffix(" %")
        self.share.setKeyboardTracking(False)
        self._add("share", self.share)
        self.reach = fmt.DecimalSpinBox(self)
        self.reach.setRange(0, 50)
        self.reach.setDecimals(1)
        self.reach.setSuffix(" km")
        self.reach.setKeyboardTracking(False)
        self._add("reach", self.reach)
        self.model = QComboBox(self)
        self.model.addItem("", "disk")
        self.model.addItem("", "terrain")
        self.model.model().item(1).setEnabled(False)  # until a DEM is loaded
        self.model.currentIndexChanged.connect(self._timer.start)
        self._add("model", self.model)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.cancel = QPushButton(self)
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.cancel_requested)
        self.form.addRow(self.progress)
        self.form.addRow(self.status)
        self.form.addRow(self.cancel)
        self._timer.timeout.connect(self._emit)
        self._params = params
        self._dem_loaded = False
        self.set_params(params)
        for box in (*self.radius.values(), self.share, self.reach):
            box.valueChanged.connect(self._timer.start)
        self.retranslate()

    def _add(self, key: str, widget: QWidget) -> None:
        label = QLabel(self)
        self._labels[key] = label
        self.form.addRow(label, widget)

    def retranslate(self) -> None:
        for tech in self.radius:
            self._labels[f"radius_{tech}"].setText(tr("{0} radius").format(tech))
        self._labels["share"].setText(tr("Village covered from"))
        self._labels["reach"].setText(tr("Broadband reach"))
        self._labels["model"].setText(tr("Model"))
        self.model.setItemText(0, tr("Disk / sector"))
        self.model.setItemText(1, tr("Terrain (needs a DEM)"))
        self.cancel.setText(tr("Cancel"))
        self.share.setToolTip(tr("Share of a village's area that must be covered"))

    def set_params(self, params: Parameters) -> None:
        self._params = params
        values = [(box, params.radius_km(tech)) for tech, box in self.radius.items()]
        values += [
            (self.share, 100 * params.village_area_share),
            (self.reach, params.broadband_reach_km),
        ]
        for box, value in values:
            # A box that already holds the value is left alone: setting it again would
            # reformat the text the planner may be typing in it.
            if abs(box.value() - box.valueFromText(box.textFromValue(value))) > 1e-9:
                box.blockSignals(True)
                box.setValue(value)
                box.blockSignals(False)
        self._show_model()

    def _show_model(self) -> None:
        """The model the figures are computed with: "auto" (a project or a batch
        configuration's default) is the terrain model where a DEM is loaded — it read
        "Disk / sector" beside terrain figures."""
        self.model.blockSignals(True)
        self.model.setCurrentIndex(1 if self._terrain(self._params.model) else 0)
        self.model.blockSignals(False)

    def _terrain(self, model: str) -> bool:
        return model == "terrain" or (model == "auto" and self._dem_loaded)

    def set_terrain_available(self, available: bool) -> None:
        """The terrain model can be chosen once a DEM is loaded."""
        self._dem_loaded = available
        self.model.model().item(1).setEnabled(available)
        self._show_model()
        if not available and self.model.currentIndex() == 1:
            self.model.setCurrentIndex(0)

    def current(self) -> Parameters:
        p = self._params
        for tech, box in self.radius.items():
            p = p.with_radius(tech, box.value())
        return replace(
            p,
            village_area_share=self.share.value() / 100,
            broadband_reach_km=self.reach.value(),
            model=self._chosen_model(),
        )

    def _chosen_model(self) -> str:
        """The combo's model; "auto" stays "auto" while the combo shows what it computes
        (a radius edit must not switch the model too)."""
        chosen = self.model.currentData()
        if self._params.model == "auto" and (chosen == "terrain") == self._terrain("auto"):
            return "auto"
        return chosen

    def _emit(self) -> None:
        params = self.current()
        if params != self._params:
            self._params = params
            self.params_edited.emit(params)

    def set_busy(self, busy: bool) -> None:
        self.cancel.setEnabled(busy)
        # A new run starts at 0 % (not at the 100 % of the run before it) until its
        # first progress arrives; an ended one reads 100 %.
        self.progress.setRange(0, 1)
        self.progress.setValue(0 if busy else 1)

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)


class LayersPanel(QWidget):
    """Visibility and opacity per layer, with a legend for the village colours."""

    def __init__(self, canvas: MapCanvas, parent=None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        grid = QGridLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        self.sliders: dict[str, QSlider] = {}
        for row, name in enumerate(LAYERS[::-1]):
            check = QCheckBox(self)
            check.setChecked(canvas.layers[name].visible)
            check.toggled.connect(lambda on, n=name: self._set(n, visible=on))
            slider = QSlider(Qt.Orientation.Horizontal, self)
            slider.setRange(0, 100)
            slider.setMinimumWidth(40)  # a slider squeezed to a dot reads as a check box
            slider.setValue(int(100 * canvas.layers[name].opacity))
            slider.valueChanged.connect(lambda v, n=name: self._set(n, opacity=v / 100))
            grid.addWidget(check, row, 0)
            grid.addWidget(slider, row, 1)
            self.checks[name], self.sliders[name] = check, slider
        self.legend = QListWidget(self)
        self.legend.setMaximumHeight(80)
        grid.addWidget(self.legend, len(LAYERS), 0, 1, 2)
        grid.setRowStretch(len(LAYERS) + 1, 1)
        self.retranslate()

    def set_hillshade_available(self, available: bool) -> None:
        """The hillshade can be switched on only when the study has a DEM."""
        self.checks["hillshade"].setEnabled(available)
        self.sliders["hillshade"].setEnabled(available)
        self.checks["hillshade"].setToolTip(
            tr("The relief of the DEM under the map")
            if available
            else tr("Open data with a DEM (terrain model) to see its relief")
        )

    def _set(self, name: str, *, visible: bool | None = None, opacity: float | None = None) -> None:
        state = self.canvas.layers[name]
        if visible is not None:
            state.visible = visible
        if opacity is not None:
            state.opacity = opacity
        self.canvas.apply_layer_states()

    def retranslate(self) -> None:
        names = {
            "coverage": tr("Coverage"),
            "villages": tr("Villages (status)"),
            "communes": tr("Communes"),
            "backbone": tr("Fibre backbone"),
            "sites": tr("BTS sites"),
            "hillshade": tr("Hillshade"),
            "actions": tr("Suggested actions"),
        }
        for name, check in self.checks.items():
            check.setText(names[name])
            self.sliders[name].setToolTip(tr("Opacity"))
        if self.checks["hillshade"].isEnabled():
            self.checks["hillshade"].setToolTip(tr("The relief of the DEM under the map"))
        self.checks["actions"].setToolTip(
            tr("Dashed lines from each uncovered village to the site its suggested action names")
        )
        self.legend.clear()
        # The statuses in the words of the one vocabulary (the exports' and tables').
        for key in ("covered", "partial", "uncovered"):
            text = vocabulary.status(key, interface_language())
            pix = QPixmap(14, 14)
            pix.fill(QColor(style.STATUS_COLOURS[key]))
            self.legend.addItem(QListWidgetItem(QIcon(pix), text))


class FindingsPanel(QTreeWidget):
    """What validation found, grouped by severity and layer with counts under a
    one-line summary; clicking a finding about a feature selects it."""

    finding_clicked = pyqtSignal(object)  # Selection

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("findings")
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.itemClicked.connect(self._clicked)
        self._findings: list[Finding] = []

    def retranslate(self) -> None:
        self.show_findings(self._findings)

    def show_findings(self, findings: list[Finding]) -> None:
        self._findings = list(findings)
        self.clear()
        colours = {"error": "#B00020", "warning": "#8A5A00", "info": "#333333"}
        counts = {sev: sum(f.severity == sev for f in findings) for sev in colours}
        summary = QTreeWidgetItem(
            [
                tr("{0} findings: {1} errors, {2} warnings, {3} notes").format(
                    len(findings), counts["error"], counts["warning"], counts["info"]
                )
                if findings
                else tr("No findings: the data passed every check.")
            ]
        )
        font = summary.font(0)
        font.setBold(True)
        summary.setFont(0, font)
        self.addTopLevelItem(summary)
        groups: dict[tuple[str, str], list[Finding]] = {}
        for f in findings:
            groups.setdefault((f.severity, f.layer), []).append(f)
        order = {"error": 0, "warning": 1, "info": 2}
        for (severity, layer), items in sorted(groups.items(), key=lambda g: order[g[0][0]]):
            group = QTreeWidgetItem(
                [f"{severity_label(severity)} — {layer_label(layer)} ({len(items)})"]
            )
            group.setForeground(0, QColor(colours[severity]))
            self.addTopLevelItem(group)
            for f in items:
                child = QTreeWidgetItem([finding_text(f)])
                child.setToolTip(0, finding_text(f))
                child.setForeground(0, QColor(colours[severity]))
                child.setData(0, Qt.ItemDataRole.UserRole, (f.layer, f.feature))
                group.addChild(child)
            # A few findings are read at a glance; a flood stays folded under its count.
            group.setExpanded(len(items) <= 5)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        layer, feature = data
        if feature is not None and layer in ("communes", "villages", "sites"):
            self.finding_clicked.emit(Selection(layer, str(feature)))


def severity_label(severity: str) -> str:
    return {"error": tr("Errors"), "warning": tr("Warnings"), "info": tr("Notes")}.get(
        severity, severity
    )


def layer_label(layer: str) -> str:
    return {
        "communes": tr("communes"),
        "villages": tr("villages"),
        "sites": tr("BTS sites"),
        "backbone": tr("fibre backbone"),
        "population": tr("population raster"),
        "dem": tr("terrain model"),
    }.get(layer, layer)


def finding_text(f: Finding) -> str:
    """A finding in the interface language where its loader gave a translation."""
    language = "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"
    text = getattr(f, "text", None)
    message = text(language) if callable(text) else f.message
    message = for_the_app(message, language)
    where = f"[{f.feature}] " if f.feature is not None else ""
    repair = getattr(f, "repair_text", None)
    fix = repair(language) if callable(repair) else f.repair
    fix = for_the_app(fix, language) if fix else fix
    return f"{where}{message}" + (f" — {fix}" if fix else "")
