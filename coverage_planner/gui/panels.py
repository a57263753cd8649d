"""The small panels of the main window: summary, parameters, layers, identify, findings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PyQt6.QtCore import QCoreApplication, Qt, QTimer, pyqtSignal
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
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui.map_canvas import LAYERS, MapCanvas
from coverage_planner.gui.study import Selection
from coverage_planner.io.findings import Finding
from coverage_planner.maps import style
from coverage_planner.params import Parameters


def tr(text: str) -> str:
    return QCoreApplication.translate("Panels", text)


def _fmt_pct(value) -> str:
    return "—" if value is None else f"{value:.1f} %"


class SummaryPanel(QWidget):
    """The province indicators, for the chosen technology and overall."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(
            ("sites", "mobile", "villages", "population", "area", "broadband", "uncovered")
        ):
            name, value = QLabel(self), QLabel(self)
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"summary_{key}")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value, row, 1)
            self.labels[key] = (name, value)
        self.grid.setRowStretch(len(self.labels), 1)
        self._result: CoverageResult | None = None
        self._tech = "4G"
        self.retranslate()

    def retranslate(self) -> None:
        self._templates = {
            "sites": tr("BTS sites"),
            "mobile": tr("Communes with mobile"),
            "villages": tr("Villages with {0}"),
            "population": tr("Population with {0}"),
            "area": tr("Area with {0}"),
            "broadband": tr("Communes with broadband"),
            "uncovered": tr("Villages without {0}"),
        }
        self.show_result(self._result, self._tech)

    def show_result(self, result: CoverageResult | None, tech: str) -> None:
        self._result, self._tech = result, tech
        values = dict.fromkeys(self.labels, "—")
        if result is not None:
            s = result.summary
            per_tech = " / ".join(f"{t} {n}" for t, n in s["sites_by_technology"].items())
            values = {
                "sites": f"{s['sites']} ({per_tech})",
                "mobile": _fmt_pct(s["communes_with_mobile_pct"]),
                "villages": _fmt_pct(s["villages_covered_pct"].get(tech)),
                "population": _fmt_pct(s["population_covered_pct"].get(tech)),
                "area": _fmt_pct(s["area_covered_pct"].get(tech)),
                "broadband": _fmt_pct(s["communes_with_broadband_pct"]),
                "uncovered": str(s["uncovered_villages"].get(tech, "—")),
            }
        for key, (label, value) in self.labels.items():
            label.setText(self._templates[key].format(tech))
            value.setText(values[key])


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
            box = QDoubleSpinBox(self)
            box.setRange(0.1, 50.0)
            box.setDecimals(2)
            box.setSingleStep(0.25)
            box.setSuffix(" km")
            box.setObjectName(f"radius_{tech}")
            self.radius[tech] = box
            self._add(f"radius_{tech}", box)
        self.share = QDoubleSpinBox(self)
        self.share.setRange(1, 100)
        self.share.setDecimals(0)
        self.share.setSuffix(" %")
        self._add("share", self.share)
        self.reach = QDoubleSpinBox(self)
        self.reach.setRange(0, 50)
        self.reach.setDecimals(1)
        self.reach.setSuffix(" km")
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
        for tech, box in self.radius.items():
            box.blockSignals(True)
            box.setValue(params.radius_km(tech))
            box.blockSignals(False)
        for box, value in (
            (self.share, 100 * params.village_area_share),
            (self.reach, params.broadband_reach_km),
        ):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self.model.blockSignals(True)
        self.model.setCurrentIndex(1 if params.model == "terrain" else 0)
        self.model.blockSignals(False)

    def set_terrain_available(self, available: bool) -> None:
        """The terrain model can be chosen once a DEM is loaded."""
        self.model.model().item(1).setEnabled(available)
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
            model=self.model.currentData(),
        )

    def _emit(self) -> None:
        params = self.current()
        if params != self._params:
            self._params = params
            self.params_edited.emit(params)

    def set_busy(self, busy: bool) -> None:
        self.cancel.setEnabled(busy)
        if not busy:
            self.progress.setRange(0, 1)
            self.progress.setValue(1)

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
        }
        for name, check in self.checks.items():
            check.setText(names[name])
            self.sliders[name].setToolTip(tr("Opacity"))
        self.legend.clear()
        for key, text in (
            ("covered", tr("covered")),
            ("partial", tr("partly covered (below the share)")),
            ("uncovered", tr("not reached")),
        ):
            pix = QPixmap(14, 14)
            pix.fill(QColor(style.STATUS_COLOURS[key]))
            self.legend.addItem(QListWidgetItem(QIcon(pix), text))


class IdentifyPanel(QTableWidget):
    """The selected feature's attributes, and its coverage by technology."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr("Field"), tr("Value")])

    def show_feature(self, result: CoverageResult | None, selection: Selection | None) -> None:
        self.setRowCount(0)
        if result is None or selection is None:
            return
        frame, col = {
            "communes": (result.communes, "commune_id"),
            "villages": (result.villages, "village_id"),
            "sites": (result.sites, "site_id"),
        }[selection.layer]
        rows = frame[frame[col].astype(str) == selection.feature_id]
        if rows.empty:
            return
        row = rows.iloc[0].drop(labels=["geometry"])
        items = [
            (
                tr("Layer"),
                {"communes": tr("Commune"), "villages": tr("Village"), "sites": tr("Site")}[
                    selection.layer
                ],
            )
        ]
        if selection.layer == "villages":
            for tech in result.technologies:
                t = tech.lower()
                state = tr("covered") if row[f"covered_{t}"] else tr("not covered")
                items.append((tech, f"{state} ({100 * row[f'share_{t}']:.0f} %)"))
        for key, value in row.items():
            if isinstance(value, float) and np.isnan(value):
                continue
            items.append((str(key), f"{value:.3f}" if isinstance(value, float) else str(value)))
        self.setRowCount(len(items))
        for i, (k, v) in enumerate(items):
            self.setItem(i, 0, QTableWidgetItem(k))
            self.setItem(i, 1, QTableWidgetItem(v))


class FindingsPanel(QListWidget):
    """What validation found; clicking a finding about a feature selects it."""

    finding_clicked = pyqtSignal(object)  # Selection

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.itemClicked.connect(self._clicked)

    def show_findings(self, findings: list[Finding]) -> None:
        self.clear()
        colours = {"error": "#B00020", "warning": "#8A5A00", "info": "#333333"}
        for f in findings:
            item = QListWidgetItem(str(f))
            item.setForeground(QColor(colours[f.severity]))
            item.setData(Qt.ItemDataRole.UserRole, (f.layer, f.feature))
            self.addItem(item)

    def _clicked(self, item: QListWidgetItem) -> None:
        layer, feature = item.data(Qt.ItemDataRole.UserRole)
        if feature is not None and layer in ("communes", "villages", "sites"):
            self.finding_clicked.emit(Selection(layer, str(feature)))
