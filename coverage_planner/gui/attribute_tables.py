"""Full attribute tables of the villages and the sites, as a planner uses them in QGIS.

Every village (or site) with every attribute under its label in the interface
language (the fields of :mod:`~coverage_planner.gui.attributes`, then the file's own
columns): sort by any column, filter (diacritics optional), the sites by operator,
copy the selected rows (Ctrl+C, tab-separated for Excel) and export the rows in view,
in their order, to CSV or Excel. Selecting a row selects the feature on the map and a
feature selected on the map is selected here.

A table is filled when it is first shown (a province has tens of thousands of
villages; formatting them costs time only when the planner looks).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from PyQt6.QtCore import QCoreApplication, QSettings, Qt
from PyQt6.QtGui import QAction, QGuiApplication, QKeySequence
from PyQt6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui import file_dialogs
from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.attributes import fields_of, format_value, own_columns, reason_label
from coverage_planner.gui.tables import TablePanel

# The attribute kinds as the table model draws them, and the unit put in the header.
_KINDS = {
    "text": ("text", ""),
    "int": ("int", ""),
    "number": ("km", ""),
    "km": ("km", " (km)"),
    "km2": ("km", " (km²)"),
    "m": ("int", " (m)"),
    "deg": ("int", " (°)"),
    "db": ("km", ""),
    "share": ("share", ""),
    "pct": ("pct", ""),
    "bool": ("bool", ""),
    "reason": ("text", ""),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("AttributeTables", text)


def attribute_columns(frame: pd.DataFrame, layer: str, techs: list[str]) -> list:
    """(column, header, kind) for every attribute of ``layer`` in ``frame``."""
    columns = []
    for f in fields_of(layer, techs):
        if f.column not in frame.columns:
            continue
        kind, unit = _KINDS.get(f.kind, ("text", ""))
        columns.append((f.column, lambda f=f, unit=unit: f.label() + unit, kind))
    for col in own_columns(frame, layer, techs):
        columns.append((col, lambda col=col: col, "text"))
    return columns


def attribute_frame(frame: pd.DataFrame, layer: str, techs: list[str]) -> pd.DataFrame:
    """``frame`` without its geometry, reasons in words and lists as text."""
    out = pd.DataFrame(frame.drop(columns="geometry", errors="ignore")).reset_index(drop=True)
    for f in fields_of(layer, techs):
        if f.column in out.columns and f.kind == "reason":
            out[f.column] = [None if fmt.is_missing(v) else reason_label(v) for v in out[f.column]]
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [
                ", ".join(str(x) for x in v) if isinstance(v, list | tuple) else v for v in out[col]
            ]
    return out


class AttributeTable(TablePanel):
    """A layer's full attribute table: count, copy, export of the view, lazy filling."""

    def __init__(
        self, layer: str, id_column: str, settings: QSettings | None = None, parent=None
    ) -> None:
        self.layer = layer
        self.settings = settings or QSettings()
        self._source: Callable[[], tuple[pd.DataFrame, list]] | None = None
        self._pending: str | None = None
        super().__init__(id_column, parent)
        self.setObjectName(f"{layer}_table")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.count = QLabel(self)
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy_selection)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export_view_dialog)
        self.act_copy = QAction(self, shortcut=QKeySequence.StandardKey.Copy)
        self.act_copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_copy.triggered.connect(self.copy_selection)
        self.view.addAction(self.act_copy)
        # The filter, the count and the buttons on one line: the table keeps its rows.
        self.layout().removeWidget(self.filter)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 3)
        bar.addWidget(self.count, 1)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.export_button)
        self.layout().insertLayout(0, bar)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "count"):
            return  # called by the base class before the extra widgets exist
        self.copy_button.setText(tr("Copy rows"))
        self.copy_button.setToolTip(tr("Copy the selected rows (Ctrl+C), to paste in Excel"))
        self.export_button.setText(tr("Export view…"))
        self.export_button.setToolTip(
            tr("Write the rows in view, in their order, to a CSV or Excel file")
        )
        self.filter.setPlaceholderText(tr("Filter (any column, accents optional)"))
        self._update_count()

    # ---- filling

    def set_source(self, source: Callable[[], tuple[pd.DataFrame, list]] | None) -> None:
        """The table's rows and columns, computed when the table is shown."""
        self._source = source
        if self.isVisible():
            self.fill()
        else:
            self.model.set_frame(pd.DataFrame(), [])

    def fill(self) -> None:
        if self._source is None:
            return
        frame, columns = self._source()
        self._source = None
        self.set_frame(frame, columns)
        if self._pending is not None:
            super().select_id(self._pending)
        self._update_count()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fill()

    def select_id(self, feature_id: str | None) -> None:
        self._pending = feature_id
        if self._source is None:
            super().select_id(feature_id)

    def _update_count(self, *_) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        self.count.setText(
            tr("{0} rows").format(fmt.number(total))
            if shown == total
            else tr("{0} of {1} rows").format(fmt.number(shown), fmt.number(total))
        )

    # ---- copy and export

    def view_rows(self) -> list[int]:
        """The model rows in view, in the order shown (sorted, filtered)."""
        return [
            self.proxy.mapToSource(self.proxy.index(r, 0)).row()
            for r in range(self.proxy.rowCount())
        ]

    def view_frame(self) -> pd.DataFrame:
        """The rows in view, in their order, under the headers shown."""
        frame = self.model.frame()
        columns = self.model._columns
        out = frame.iloc[self.view_rows()][[c[0] for c in columns]].copy()
        for key, _, kind in columns:
            if kind == "bool":  # yes/no in the interface language, as the table shows
                out[key] = [format_value(v, "bool") for v in out[key]]
        out.columns = [c[1]() for c in columns]
        return out.reset_index(drop=True)

    def copy_selection(self) -> str:
        """Copy the selected rows, as shown, with the headers; returns the text."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows:
            return ""
        cols = range(self.model.columnCount())
        lines = ["\t".join(str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in cols)]
        for r in rows:
            lines.append("\t".join(str(self.proxy.index(r, c).data() or "") for c in cols))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        return text

    def export_view(self, path: Path) -> Path:
        """Write the rows in view to ``path`` (.xlsx: Excel, else CSV in UTF-8)."""
        from coverage_planner.io.writers import atomic_path, write_csv

        frame = self.view_frame()
        if path.suffix.lower() == ".xlsx":
            with atomic_path(path) as tmp:
                frame.to_excel(tmp, index=False, sheet_name=self.layer[:31])
            return path
        return write_csv(frame, path)

    def export_view_dialog(self) -> None:
        name = f"{self.layer}.csv"
        path = file_dialogs.save_file(
            self,
            self.settings,
            "export",
            title=tr("Export view"),
            name=name,
            filters=tr("CSV (*.csv);;Excel (*.xlsx)"),
        )
        if path:
            self.export_view(Path(path))


def village_source(result: CoverageResult) -> Callable[[], tuple[pd.DataFrame, list]]:
    techs = list(result.technologies)

    def build():
        frame = attribute_frame(result.villages, "villages", techs)
        return frame, attribute_columns(result.villages, "villages", techs)

    return build


def site_source(sites: pd.DataFrame, techs: list[str]) -> Callable[[], tuple[pd.DataFrame, list]]:
    def build():
        return attribute_frame(sites, "sites", techs), attribute_columns(sites, "sites", techs)

    return build
