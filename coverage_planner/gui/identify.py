"""Identify: every attribute of the selected feature, labelled and formatted for a
planner, with its position in longitude/latitude and VN-2000; rows can be copied."""

from __future__ import annotations

import shapely
from PyQt6.QtCore import QCoreApplication, Qt
from PyQt6.QtGui import QAction, QGuiApplication, QKeySequence
from PyQt6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.attributes import feature_items
from coverage_planner.gui.coordinates import CoordinateReadout
from coverage_planner.gui.study import Selection

ID_COLUMNS = {"communes": "commune_id", "villages": "village_id", "sites": "site_id"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Identify", text)


def position_items(geom, readout: CoordinateReadout) -> list[tuple[str, str]]:
    """The feature's point (a site) or inner point (an area) in both systems."""
    point = geom if geom.geom_type == "Point" else shapely.point_on_surface(geom)
    x, y = point.x, point.y
    lon, lat = readout.lonlat(x, y)
    vx, vy = readout.vn2000(x, y)
    label = tr("Position") if geom.geom_type == "Point" else tr("Inner point")
    return [
        (f"{label}: {tr('longitude, latitude')}", f"{fmt.number(lon, 6)}; {fmt.number(lat, 6)}"),
        (f"{label}: VN-2000 / UTM 48N (X; Y)", f"{fmt.number(vx, 1)}; {fmt.number(vy, 1)} m"),
    ]


class IdentifyPanel(QTableWidget):
    """The selected feature's attributes (field, value); Ctrl+C copies the selected rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("identify")
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.copy_action = QAction(self, shortcut=QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_rows)
        self.addAction(self.copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._shown: tuple[CoverageResult | None, Selection | None] = (None, None)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([tr("Field"), tr("Value")])
        self.copy_action.setText(tr("Copy"))
        self.show_feature(*self._shown)

    def items_for(self, result: CoverageResult, selection: Selection) -> list[tuple[str, str]]:
        frame = getattr(result, selection.layer)
        rows = frame[frame[ID_COLUMNS[selection.layer]].astype(str) == selection.feature_id]
        if rows.empty:
            return []
        row = rows.iloc[0]
        layer_name = {"communes": tr("Commune"), "villages": tr("Village"), "sites": tr("Site")}
        items = [(tr("Layer"), layer_name[selection.layer])]
        items += feature_items(frame, row, selection.layer, list(result.technologies))
        geom = row.geometry
        if geom is not None and not geom.is_empty and frame.crs is not None:
            items += position_items(geom, CoordinateReadout(frame.crs))
        return items

    def show_feature(self, result: CoverageResult | None, selection: Selection | None) -> None:
        self._shown = (result, selection)
        self.setRowCount(0)
        if result is None or selection is None:
            return
        items = self.items_for(result, selection)
        self.setRowCount(len(items))
        for i, (k, v) in enumerate(items):
            self.setItem(i, 0, QTableWidgetItem(k))
            value = QTableWidgetItem(v)
            value.setToolTip(v)
            self.setItem(i, 1, value)
        self.setColumnWidth(0, max(80, self.viewport().width() // 2))

    def values(self) -> dict[str, str]:
        """{field: value} as shown (for tests and copying)."""
        return {self.item(i, 0).text(): self.item(i, 1).text() for i in range(self.rowCount())}

    def copy_rows(self) -> None:
        rows = sorted({i.row() for i in self.selectedIndexes()}) or range(self.rowCount())
        text = "\n".join(f"{self.item(r, 0).text()}\t{self.item(r, 1).text()}" for r in rows)
        QGuiApplication.clipboard().setText(text)
