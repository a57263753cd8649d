"""The Calibrate dialog: measured levels (drive tests) against the terrain model's
prediction, the model's coefficients fitted on them, and the fit applied to the study.

The fit is the ``calibrate`` command's (``coverage.terrain.measurements.calibrate``):
K1 and K2 (and K4 where the points support it) per technology on 70 % of the points,
the error before and after on the seeded 30 % it never fits on. The dialog shows, per
technology, the held-out points' predicted level against the measured one before and
after, and **Apply** gives the study the fitted parameters (recomputed as any
parameter change).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from coverage_planner.coverage.terrain.measurements import (
    calibrate,
    held_out_split,
    predicted_dbm,
    prediction_terms,
    read_measurements,
)
from coverage_planner.errors import UserError
from coverage_planner.gui.formatting import number
from coverage_planner.params import Parameters


def tr(text: str) -> str:
    return QCoreApplication.translate("CalibrateDialog", text)


@dataclass
class Fit:
    """A calibration of the study's result on a measurement file."""

    report: dict
    params: Parameters
    held_out: dict  # technology -> (measured, before, after) levels of the held-out points


def fit_measurements(path, result, params: Parameters) -> Fit:
    """Predict every measured point with the study's terrain result and fit the model."""
    if result is None or result.rasters is None:
        raise UserError(
            "Calibration compares measurements with the terrain model: load a DEM and "
            "choose the terrain model first."
        )
    terms = prediction_terms(read_measurements(path), result, params)
    report, fitted = calibrate(terms, params)
    if not report["technologies"]:
        raise UserError(
            f"{path}: no technology has 10 measurements within the model's reach of a site; "
            "nothing to fit."
        )
    held: dict = {}
    usable = terms.dropna(subset=["ld", "lh", "eirp_gain"])
    for tech, group in usable.groupby("technology"):
        if str(tech) not in report["technologies"]:
            continue
        _, test = held_out_split(len(group))
        part = group.iloc[test]
        held[str(tech)] = (
            part["measured_dbm"].to_numpy(),
            predicted_dbm(part, str(tech), params),
            predicted_dbm(part, str(tech), fitted),
        )
    return Fit(report, fitted, held)


class CalibrateDialog(QDialog):
    """Measurements file → fit → scatter before/after and held-out error → apply."""

    def __init__(self, study, parent=None) -> None:
        super().__init__(parent)
        self.study = study
        self.fit: Fit | None = None
        self.setWindowTitle(tr("Calibrate the terrain model"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(tr("Measurements (CSV or Excel: lon, lat, RSRP/RSCP/RxLev)"))
        browse = QPushButton(tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.run = QPushButton(tr("Fit"), self)
        self.run.clicked.connect(self.fit_now)
        row.addWidget(self.path)
        row.addWidget(browse)
        row.addWidget(self.run)
        layout.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.figure = Figure(figsize=(7, 3.2))
        self.canvas = FigureCanvasQTAgg(self.figure)
        layout.addWidget(self.canvas)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close, self
        )
        self.apply = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply.setText(tr("Apply to the parameters"))
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self.apply_fit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Measurements"), "", tr("Tables (*.csv *.xlsx *.xls)")
        )
        if path:
            self.path.setText(path)

    def fit_now(self) -> None:
        try:
            self.fit = fit_measurements(self.path.text(), self.study.result, self.study.params)
        except UserError as exc:
            self.fit = None
            self.summary.setText(str(exc))
            self.apply.setEnabled(False)
            return
        lines = []
        for tech, r in self.fit.report["technologies"].items():
            b, a = r["before"], r["after"]
            lines.append(
                tr(
                    "{0}: {1} points, {2} held out — mean error {3} → {4} dB, "
                    "RMSE {5} → {6} dB (K1 {7}, K2 {8})"
                ).format(
                    tech,
                    number(r["points"]),
                    number(r["held_out_points"]),
                    number(b["mean_error_db"], 1),
                    number(a["mean_error_db"], 1),
                    number(b["rmse_db"], 1),
                    number(a["rmse_db"], 1),
                    number(r["k1"], 1),
                    number(r["k2"], 1),
                )
            )
        self.summary.setText("\n".join(lines))
        self._draw()
        self.apply.setEnabled(True)

    def _draw(self) -> None:
        self.figure.clear()
        assert self.fit is not None
        axes = self.figure.subplots(1, 2, sharex=True, sharey=True)
        for ax, which, title in (
            (axes[0], 1, tr("Before calibration")),
            (axes[1], 2, tr("After calibration")),
        ):
            low, high = np.inf, -np.inf
            for tech, levels in self.fit.held_out.items():
                measured, predicted = levels[0], levels[which]
                ax.scatter(measured, predicted, s=6, alpha=0.6, label=tech)
                low = min(low, np.nanmin(measured), np.nanmin(predicted))
                high = max(high, np.nanmax(measured), np.nanmax(predicted))
            ax.plot([low, high], [low, high], color="black", lw=0.8)
            ax.set_title(title, fontsize=9)
            ax.set_xlabel(tr("measured (dBm)"), fontsize=8)
            ax.tick_params(labelsize=7)
        axes[0].set_ylabel(tr("predicted (dBm)"), fontsize=8)
        axes[1].legend(fontsize=7)
        self.figure.tight_layout()
        self.canvas.draw_idle()

    def apply_fit(self) -> None:
        if self.fit is not None:
            self.study.set_params(self.fit.params)
            self.accept()
