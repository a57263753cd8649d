"""Export map dialog: file, paper, orientation, title, extent. Built from a value
object and returning one, so tests fill the fields and call ``accept()``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PyQt6.QtCore import QCoreApplication, pyqtSignal
from PyQt6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coverage_planner.maps.layout import MapSpec


def tr(text: str) -> str:
    return QCoreApplication.translate("MapExportDialog", text)


@dataclass(frozen=True)
class MapExportRequest:
    path: Path
    spec: MapSpec
    extent: str = "province"  # "province", "view" or "selection"


class MapExportDialog(QDialog):
    preview_requested = pyqtSignal(object)  # MapExportRequest: the page as it would print

    def __init__(
        self,
        request: MapExportRequest,
        parent: QWidget | None = None,
        *,
        has_selection: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export map"))
        self._request = request
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.path = QLineEdit(str(request.path), self)
        # Wide enough for a folder and file name, and the automatic title's hint.
        self.path.setMinimumWidth(420)
        browse = QPushButton("…", self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(tr("File (.pdf, .png, .svg)"), row)
        self.paper = QComboBox(self)
        self.paper.addItems(["A4", "A3"])
        self.paper.setCurrentText(request.spec.paper)
        form.addRow(tr("Paper"), self.paper)
        self.orientation = QComboBox(self)
        self.orientation.addItem(tr("Landscape"), "landscape")
        self.orientation.addItem(tr("Portrait"), "portrait")
        self.orientation.setCurrentIndex(self.orientation.findData(request.spec.orientation))
        form.addRow(tr("Orientation"), self.orientation)
        self.title = QLineEdit(request.spec.title or "", self)
        self.title.setPlaceholderText(tr("automatic: villages with coverage and the percentage"))
        form.addRow(tr("Title"), self.title)
        self.subtitle = QLineEdit(request.spec.subtitle or "", self)
        self.subtitle.setPlaceholderText(tr("automatic: province and date"))
        form.addRow(tr("Subtitle"), self.subtitle)
        self.extent = QComboBox(self)
        self.extent.addItem(tr("Whole province"), "province")
        self.extent.addItem(tr("Current view"), "view")
        if has_selection:
            self.extent.addItem(tr("Selected feature"), "selection")
        self.extent.setCurrentIndex(max(0, self.extent.findData(request.extent)))
        form.addRow(tr("Extent"), self.extent)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.preview = buttons.addButton(
            tr("Print preview…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview.setObjectName("preview")
        self.preview.clicked.connect(lambda: self.preview_requested.emit(self.value()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export map"), self.path.text(), "PDF (*.pdf);;PNG (*.png);;SVG (*.svg)"
        )
        if path:
            self.path.setText(path)

    def value(self) -> MapExportRequest:
        path = Path(self.path.text().strip())
        if path.suffix.lower() not in (".pdf", ".png", ".svg"):
            path = path.with_suffix(".pdf")
        spec = replace(
            self._request.spec,
            paper=self.paper.currentText(),
            orientation=self.orientation.currentData(),
            title=self.title.text().strip() or None,
            subtitle=self.subtitle.text().strip() or None,
        )
        return MapExportRequest(path=path, spec=spec, extent=self.extent.currentData())
