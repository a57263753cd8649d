"""Open data: a file per layer, a preview of its first rows, the detected column
mapping (which the user can correct), the CRS and the encoding.

The dialog is built from an :class:`InputFiles` and gives one back (``value()``), so
tests fill its fields and call ``accept()``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from PyQt6.QtCore import QCoreApplication, QSettings
from PyQt6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coverage_planner.errors import UserError
from coverage_planner.gui import file_dialogs
from coverage_planner.io.aliases import match_columns
from coverage_planner.io.inputs import InputFiles, LayerSource
from coverage_planner.io.table import read_table
from coverage_planner.io.vector import TABLE_SUFFIXES, read_vector

LAYER_ROLES = {
    "communes": ["commune_id", "commune_name", "district", "population"],
    "villages": ["village_id", "name", "population"],
    "sites": [
        "site_id",
        "name",
        "lon",
        "lat",
        "x",
        "y",
        "tech",
        "operator",
        "height",
        "azimuth",
        "beamwidth",
    ],
    "backbone": [],
    "dem": [],
    "population": [],
}
REQUIRED = ("communes", "villages", "sites")
VECTOR_FILTER = "GIS (*.gpkg *.shp *.zip *.geojson *.json *.fgb *.kml *.kmz)"
TABLE_FILTER = "CSV / Excel (*.csv *.txt *.xlsx *.xls)"
RASTER_FILTER = "Raster (*.tif *.tiff *.vrt *.img *.asc)"


def tr(text: str) -> str:
    return QCoreApplication.translate("OpenDataDialog", text)


def language() -> str:
    """The interface language: "vi" when the dialog's texts are translated."""
    return "vi" if tr("No file chosen.") != "No file chosen." else "en"


def role_label(role: str) -> str:
    labels = {
        "commune_id": tr("Commune code"),
        "commune_name": tr("Commune name"),
        "district": tr("District"),
        "population": tr("Population"),
        "village_id": tr("Village code"),
        "name": tr("Name"),
        "site_id": tr("Site code"),
        "lon": tr("Longitude"),
        "lat": tr("Latitude"),
        "x": tr("X (projected)"),
        "y": tr("Y (projected)"),
        "tech": tr("Technologies"),
        "operator": tr("Operator"),
        "height": tr("Antenna height"),
        "azimuth": tr("Azimuths"),
        "beamwidth": tr("Beamwidth"),
    }
    return labels.get(role, role)


def preview_frame(
    path: Path,
    *,
    encoding: str | None = None,
    rows: int = 10,
    findings: list | None = None,
    sheet: str | None = None,
) -> pd.DataFrame:
    """The first rows of a table or vector file, read as the loader will read them (the
    same encoding decisions: the layer's own, a .cpg, a legacy encoding recognised), so
    the columns offered are those the study will have."""
    if path.suffix.lower() in TABLE_SUFFIXES:
        table = read_table(path, sheet=sheet, encoding=encoding, findings=findings)
        return table.head(rows)
    frame = read_vector(
        path, encoding=encoding, require_crs=False, max_features=rows, findings=findings
    )
    return pd.DataFrame(frame.drop(columns=frame.geometry.name))


def table_sheet(path: Path, roles) -> str | None:
    """The sheet of a workbook to read when its first sheet is not the table (a cover
    or notes sheet first is common): the sheet whose columns the roles recognise best,
    if it recognises more than the first; None to read the workbook as the loader
    does (the first sheet and those with its columns)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        return None
    try:
        names = pd.ExcelFile(path).sheet_names
    except Exception:  # noqa: BLE001 - the preview reports an unreadable workbook
        return None
    if len(names) < 2:
        return None
    found = [
        len(match_columns(pd.read_excel(path, sheet_name=n, nrows=0).columns, roles)) for n in names
    ]
    best = max(range(len(names)), key=lambda k: (found[k], -k))
    return names[best] if found[best] > found[0] else None


class OpenDataDialog(QDialog):
    def __init__(
        self,
        files: InputFiles | None = None,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        # Browse starts where the planner last picked a data file (remembered across
        # sessions), else beside the file already in the field.
        self.settings = settings if settings is not None else QSettings()
        self.setMinimumSize(900, 600)
        self.paths: dict[str, QLineEdit] = {}
        self.radios: dict[str, QRadioButton] = {}
        self.sources: dict[str, LayerSource | None] = dict.fromkeys(LAYER_ROLES)
        self._current = "sites"
        files_box = QGroupBox(self)
        grid = QGridLayout(files_box)
        self._layer_labels: dict[str, QRadioButton] = {}
        for row, name in enumerate(LAYER_ROLES):
            radio = QRadioButton(files_box)
            radio.toggled.connect(lambda on, n=name: on and self._show(n))
            edit = QLineEdit(files_box)
            edit.setObjectName(f"path_{name}")
            edit.editingFinished.connect(lambda n=name: self._path_edited(n))
            browse = QPushButton("…", files_box)
            browse.clicked.connect(lambda _=False, n=name: self._browse(n))
            grid.addWidget(radio, row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(browse, row, 2)
            self.paths[name], self.radios[name] = edit, radio
        self.details = QGroupBox(self)
        details = QVBoxLayout(self.details)
        form = QFormLayout()
        self.crs = QLineEdit(self.details)
        self.crs.setPlaceholderText("EPSG:4326, EPSG:3405 …")
        self.crs.editingFinished.connect(self._store)
        self.encoding = QLineEdit(self.details)
        self.encoding.setPlaceholderText("cp1258, tcvn3, vni …")
        self.encoding.editingFinished.connect(self._refresh)
        self._crs_label, self._enc_label = QLabel(self), QLabel(self)
        form.addRow(self._crs_label, self.crs)
        form.addRow(self._enc_label, self.encoding)
        details.addLayout(form)
        # The roles of a site list (eleven rows) do not fit a 768-pixel screen beside
        # the files and the preview: they scroll at their own height, never squashed.
        self.mapping_scroll = QScrollArea(self.details)
        self.mapping_scroll.setWidgetResizable(True)
        self.mapping_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_box = QWidget(self.mapping_scroll)
        self.mapping = QFormLayout(self.mapping_box)
        self.mapping_scroll.setWidget(self.mapping_box)
        self.combos: dict[str, QComboBox] = {}
        details.addWidget(self.mapping_scroll, 1)
        self.message = QLabel(self.details)
        self.message.setWordWrap(True)
        details.addWidget(self.message)
        self.preview = QTableWidget(self.details)
        # a header and three rows of the file at least
        self.preview.setMinimumHeight(4 * self.preview.verticalHeader().defaultSectionSize() + 8)
        details.addWidget(self.preview, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(files_box)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        if files is not None:
            for name in LAYER_ROLES:
                src = getattr(files, name)
                if src is not None:
                    self.sources[name] = src
                    self.paths[name].setText(str(src.path))
        self.retranslate()
        self.radios["sites"].setChecked(True)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Open data"))
        names = {
            "communes": tr("Communes *"),
            "villages": tr("Villages *"),
            "sites": tr("BTS sites *"),
            "backbone": tr("Fibre backbone"),
            "dem": tr("Terrain (DEM)"),
            "population": tr("Population raster"),
        }
        for name, radio in self.radios.items():
            radio.setText(names[name])
        self._crs_label.setText(tr("CRS where the file has none"))
        self._enc_label.setText(tr("Text encoding where the file does not say"))

    # ---- value object in / out

    def value(self) -> InputFiles:
        """The chosen files; raises UserError when a required one is missing."""
        self._store()
        missing = [n for n in REQUIRED if self.sources[n] is None]
        if missing:
            raise UserError(tr("Choose a file for: {0}.").format(", ".join(missing)))
        return InputFiles(**self.sources)  # type: ignore[arg-type]

    def set_path(self, name: str, path: str | Path) -> None:
        self.paths[name].setText(str(path))
        self._path_edited(name)

    def accept(self) -> None:
        try:
            files = self.value()
        except UserError as exc:
            QMessageBox.warning(self, tr("Open data"), str(exc))
            return
        for name in LAYER_ROLES:
            src = getattr(files, name)
            if src is not None and not Path(src.path).exists():
                QMessageBox.warning(
                    self, tr("Open data"), tr("The file {0} does not exist.").format(src.path)
                )
                return
        super().accept()

    # ---- interaction

    def _browse(self, name: str) -> None:
        filters = {
            "dem": RASTER_FILTER,
            "population": RASTER_FILTER,
            "sites": f"{TABLE_FILTER};;{VECTOR_FILTER}",
        }.get(name, VECTOR_FILTER)
        path, _ = QFileDialog.getOpenFileName(
            self, self.radios[name].text(), self.browse_folder(name), filters
        )
        if path:
            file_dialogs.remember_folder(self.settings, "data", path)
            self.set_path(name, path)
            self.radios[name].setChecked(True)

    def browse_folder(self, name: str) -> str:
        """Where Browse starts for layer ``name``: the last data folder used, else the
        folder of the file in the field, else Documents."""
        if self.settings.value("folders/data", ""):
            return file_dialogs.last_folder(self.settings, "data")
        current = Path(self.paths[name].text().strip())
        if str(current) not in ("", ".") and current.parent.is_dir():
            return str(current.parent)
        return file_dialogs.last_folder(self.settings, "data")

    def _path_edited(self, name: str) -> None:
        text = self.paths[name].text().strip()
        old = self.sources[name]
        self.sources[name] = (
            LayerSource(Path(text), None, old.crs if old else None, old.encoding if old else None)
            if text
            else None
        )
        if name == self._current:
            self._show(name)

    def _show(self, name: str) -> None:
        self._store()
        self._current = name
        src = self.sources[name]
        self.crs.setText(src.crs or "" if src else "")
        self.encoding.setText(src.encoding or "" if src else "")
        self._refresh()

    def _store(self) -> None:
        """Keep the CRS, encoding and mapping typed for the current layer."""
        src = self.sources.get(self._current)
        if src is None:
            return
        mapping = {
            role: combo.currentData() for role, combo in self.combos.items() if combo.currentData()
        }
        self.sources[self._current] = replace(
            src,
            crs=self.crs.text().strip() or None,
            encoding=self.encoding.text().strip() or None,
            mapping=mapping,
        )

    def _refresh(self) -> None:
        self._store()
        while self.mapping.rowCount():
            self.mapping.removeRow(0)
        self.combos = {}
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        src = self.sources[self._current]
        if src is None:
            self.message.setText(tr("No file chosen."))
            return
        if self._current in ("dem", "population"):
            self.message.setText(tr("A raster: it is checked when the data is loaded."))
            return
        notes: list = []
        if src.layer is None and self._current == "sites":
            sheet = table_sheet(Path(src.path), LAYER_ROLES[self._current])
            if sheet is not None:  # read by the study too (the layer of a table is its sheet)
                src = self.sources[self._current] = replace(src, layer=sheet)
        try:
            frame = preview_frame(
                Path(src.path), encoding=src.encoding, findings=notes, sheet=src.layer
            )
        except UserError as exc:
            self.message.setText(tr("Cannot preview this file: {0}").format(exc.text(language())))
            return
        except (OSError, ValueError, Exception) as exc:  # noqa: B014 - any reader error is shown
            self.message.setText(tr("Cannot preview this file: {0}").format(exc))
            return
        text = tr("First rows of {0}; check the detected columns.").format(Path(src.path).name)
        if src.layer is not None and Path(src.path).suffix.lower() in TABLE_SUFFIXES:
            text += " " + tr("Sheet read: {0}.").format(src.layer)
        converted = [f for f in notes if "converted" in (f.repair or "")]
        if converted:
            text += " " + tr("Text converted to Unicode from {0}.").format(
                ", ".join(sorted({_encoding_named(f) for f in converted}))
            )
        self.message.setText(text)
        self.preview.setColumnCount(len(frame.columns))
        self.preview.setRowCount(len(frame))
        self.preview.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        for r in range(len(frame)):
            for c in range(len(frame.columns)):
                self.preview.setItem(r, c, QTableWidgetItem(str(frame.iat[r, c])))
        # Columns as wide as their first rows: a name wrapped in a one-line row was cut
        # ("Bản Sáng Đao 1" showed its second line by half).
        self.preview.resizeColumnsToContents()
        roles = LAYER_ROLES[self._current]
        try:
            detected = match_columns(frame.columns, roles, overrides=src.mapping or None)
        except UserError:
            detected = match_columns(frame.columns, roles)
        for role in roles:
            combo = QComboBox(self.mapping_box)
            combo.setObjectName(f"map_{role}")
            combo.addItem(tr("(none)"), "")
            for col in frame.columns:
                combo.addItem(str(col), str(col))
            if role in detected:
                combo.setCurrentIndex(combo.findData(detected[role]))
            combo.currentIndexChanged.connect(self._store)
            self.combos[role] = combo
            self.mapping.addRow(QLabel(role_label(role), self.mapping_box), combo)


def _encoding_named(finding) -> str:
    for name in ("TCVN3", "VNI-Windows", "cp1258"):
        if name in finding.message or name in (finding.repair or ""):
            return name
    return "?"


def ask_open_data(parent: QWidget | None, files: InputFiles | None) -> InputFiles | None:
    dialog = OpenDataDialog(files, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
