"""Communes and uncovered-villages tables: Qt models over the result's DataFrames,
sortable and filterable through proxy models, percentages drawn as in-cell bars."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PyQt6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    pyqtSignal,
)
from PyQt6.QtGui import QColor, QPainter
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coverage_planner import vocabulary
from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.i18n import interface_language
from coverage_planner.gui.text_search import fold

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PCT_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_RUNS = 64  # changed rows told in at most this many ranges (else one range over them)


def tr(text: str) -> str:
    return QCoreApplication.translate("Tables", text)


class FrameModel(QAbstractTableModel):
    """A read-only table over a DataFrame; ``columns`` are (key, header, kind) with
    kind one of ``text``, ``int``, ``pct``, ``km``, ``share``, ``bool``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame()
        self._rows = 0
        self._columns: list[tuple[str, Callable[[], str], str]] = []
        # Per column: display texts, sort keys and bar values, computed once per frame
        # (sorting asks for every row's key many times).
        self._display: list[list[str]] = []
        self._sort: list[list] = []
        self._pct: list[list] = []
        self._folded: list[str] = []

    def set_frame(
        self, frame: pd.DataFrame, columns: list[tuple[str, Callable[[], str], str]]
    ) -> None:
        """Show ``frame``. The same rows (same count, same texts: ids and names) with
        the same columns, as after a site edit: only the rows whose cells changed are
        told to the views (``dataChanged``), so sorting, selection and scrolling stay;
        anything else resets the model."""
        frame = frame.reset_index(drop=True)
        columns = [c for c in columns if c[0] in frame.columns]
        display, sort, pct = _cells(frame, columns)
        changed = self._changed_rows(columns, display, sort, pct)
        if changed is None:
            self.beginResetModel()
        self._frame, self._rows, self._columns = frame, len(frame), columns
        self._display, self._sort, self._pct = display, sort, pct
        # Each row's texts without diacritics, for the filter (built once per frame).
        self._folded = [fold(" ".join(col[r] for col in display)) for r in range(self._rows)]
        if changed is None:
            self.endResetModel()
            return
        last = len(columns) - 1
        runs = np.split(changed, np.flatnonzero(np.diff(changed) > 1) + 1) if len(changed) else []
        if len(runs) > MAX_RUNS:
            runs = [changed[[0, -1]]]
        for run in runs:
            self.dataChanged.emit(self.index(int(run[0]), 0), self.index(int(run[-1]), last))

    def _changed_rows(self, columns, display, sort, pct) -> np.ndarray | None:
        """The rows whose cells differ from those shown, or None when the rows or
        columns are not the same."""
        same_columns = [(k, h(), kind) for k, h, kind in columns] == [
            (k, h(), kind) for k, h, kind in self._columns
        ]
        if not same_columns or not columns or len(display[0]) != self._rows:
            return None
        differs = np.zeros(self._rows, dtype=bool)
        for i, (_, _, kind) in enumerate(columns):
            new_sort = np.asarray(sort[i], dtype=object)
            old_sort = np.asarray(self._sort[i], dtype=object)
            if kind == "text" and not np.array_equal(new_sort, old_sort):
                return None  # other rows (other ids or names)
            differs |= new_sort != old_sort
            differs |= np.asarray(display[i], dtype=object) != np.asarray(
                self._display[i], dtype=object
            )
            differs |= np.asarray(pct[i], dtype=object) != np.asarray(self._pct[i], dtype=object)
        return np.flatnonzero(differs)

    def folded_row(self, row: int) -> str:
        return self._folded[row] if row < len(self._folded) else ""

    def frame(self) -> pd.DataFrame:
        return self._frame

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][1]()
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col, row = index.column(), index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[col][row]
        if role == SORT_ROLE:
            return self._sort[col][row]
        if role == PCT_ROLE:
            return self._pct[col][row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[col][2] != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _cells(frame: pd.DataFrame, columns) -> tuple[list, list, list]:
    """Per column: display texts, sort keys and bar values of every row."""
    display, sort, pct = [], [], []
    for key, _, kind in columns:
        values = frame[key].to_numpy(dtype=object)
        missing = pd.isna(values)
        display.append(
            ["" if m else _display(v, kind) for v, m in zip(values, missing, strict=True)]
        )
        if kind == "text":
            sort.append(["" if m else str(v) for v, m in zip(values, missing, strict=True)])
        else:
            sort.append([-1.0 if m else float(v) for v, m in zip(values, missing, strict=True)])
        scale = 100.0 if kind == "share" else 1.0
        pct.append(
            [
                None if m or kind not in ("pct", "share") else scale * float(v)
                for v, m in zip(values, missing, strict=True)
            ]
        )
    return display, sort, pct


def _display(value, kind: str) -> str:
    # Numbers as the interface language writes them (Vietnamese: 1.234 and 75,0 %).
    if kind == "pct":
        return fmt.percent(value, 1)
    if kind == "share":
        return fmt.share(value)
    if kind == "km":
        return fmt.number(value, 1)
    if kind == "int":
        return fmt.number(value)
    if kind == "bool":
        return tr("yes") if bool(value) else tr("no")
    return str(value)


class BarDelegate(QStyledItemDelegate):
    """Percentages with a bar behind the number."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        pct = index.data(PCT_ROLE)
        if pct is not None:
            rect = option.rect.adjusted(2, 3, -2, -3)
            painter.save()
            painter.fillRect(
                rect.adjusted(0, 0, -int(rect.width() * (1 - min(max(pct, 0), 100) / 100)), 0),
                QColor(0, 114, 178, 70),
            )
            painter.restore()
        super().paint(painter, option, index)


class FilterProxy(QSortFilterProxyModel):
    """Sorts by the sort keys; filters on every column, diacritics optional ("xa bon"
    finds "Xà Bon"), each word of the filter anywhere in the row."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        self._words = fold(text).split()
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self._words:
            return True
        folded = self.sourceModel().folded_row(row)
        return all(word in folded for word in self._words)


class TablePanel(QWidget):
    """A filter box over a sortable table; ``row_selected`` gives the row's feature id."""

    row_selected = pyqtSignal(str)

    def __init__(self, id_column: str, parent=None) -> None:
        super().__init__(parent)
        self.id_column = id_column
        self.model = FrameModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegate(BarDelegate(self.view))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.verticalHeader().setVisible(False)
        # Column widths from the first rows only: measuring every row is slow.
        self.view.horizontalHeader().setResizeContentsPrecision(40)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self._muted = False
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(tr("Filter (name, id, reason…)"))
        if self.model.columnCount():
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )

    def set_frame(self, frame: pd.DataFrame, columns) -> None:
        self._muted = True
        first = self.model.columnCount() == 0
        self.model.set_frame(frame, columns)
        if first:
            self.view.resizeColumnsToContents()
        self._muted = False

    def select_id(self, feature_id: str | None) -> None:
        """Select (and scroll to) the row of a feature, without emitting ``row_selected``."""
        self._muted = True
        try:
            self.view.clearSelection()
            if feature_id is None:
                return
            frame = self.model.frame()
            if self.id_column not in frame.columns:
                return
            rows = np.flatnonzero(frame[self.id_column].astype(str).to_numpy() == feature_id)
            if len(rows):
                index = self.proxy.mapFromSource(self.model.index(int(rows[0]), 0))
                if index.isValid():
                    self.view.selectRow(index.row())
                    self.view.scrollTo(index)
        finally:
            self._muted = False

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return str(self.model.frame()[self.id_column].iloc[source.row()])

    def _on_selection(self, *_) -> None:
        if not self._muted:
            fid = self.selected_id()
            if fid is not None:
                self.row_selected.emit(fid)


def commune_columns(tech: str) -> list:
    t = tech.lower()
    return [
        ("commune_id", lambda: tr("Code"), "text"),
        ("commune_name", lambda: tr("Commune"), "text"),
        ("district", lambda: tr("District"), "text"),
        ("villages", lambda: tr("Villages"), "int"),
        (f"villages_covered_{t}", lambda: tr("Villages with {0}").format(tech), "int"),
        (f"villages_covered_{t}_pct", lambda: tr("% villages {0}").format(tech), "pct"),
        (f"population_covered_{t}_pct", lambda: tr("% population {0}").format(tech), "pct"),
        (f"area_covered_{t}_pct", lambda: tr("% area {0}").format(tech), "pct"),
        ("has_mobile", lambda: tr("Mobile"), "bool"),
        ("has_broadband", lambda: tr("Broadband"), "bool"),
        ("fibre_km", lambda: tr("Fibre (km)"), "km"),
    ]


def uncovered_columns() -> list:
    return [
        ("rank", lambda: tr("Rank"), "int"),
        ("village_name", lambda: tr("Village"), "text"),
        ("commune_name", lambda: tr("Commune"), "text"),
        ("population", lambda: tr("Population"), "int"),
        ("share", lambda: tr("Covered"), "share"),
        ("reason", lambda: tr("Reason"), "text"),
        ("action", lambda: tr("Suggested action"), "text"),
        ("nearest_km", lambda: tr("Nearest site (km)"), "km"),
        ("village_id", lambda: tr("Village code"), "text"),
    ]


def commune_frame(result: CoverageResult) -> pd.DataFrame:
    return pd.DataFrame(result.communes.drop(columns="geometry"))


def uncovered_frame(result: CoverageResult, tech: str) -> pd.DataFrame:
    """The uncovered villages of ``tech`` with their reason and action in the words of
    the one vocabulary, in the interface language (the workbook's words)."""
    language = interface_language()
    u = result.uncovered
    frame = u[u["technology"] == tech].copy()
    near = [
        vocabulary.nearest(s, k, language)
        for s, k in zip(frame["nearest_site"], frame["nearest_km"], strict=True)
    ]
    frame["action"] = [
        vocabulary.action(r, tech=tech, site=site, near=n, language=language)
        for r, site, n in zip(frame["reason"], frame["site"], near, strict=True)
    ]
    frame["reason"] = [vocabulary.reason(r, language) for r in frame["reason"]]
    return frame
