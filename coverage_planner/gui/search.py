"""Find any village, site or commune by name or code, diacritics optional, and jump to it.

The box in the toolbar lists matches as the planner types ("ban sang" finds
"Bản Sáng Đao"); choosing one selects the feature and zooms the map to it.
"""

from __future__ import annotations

from PyQt6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    pyqtSignal,
)
from PyQt6.QtWidgets import QCompleter, QLineEdit

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.gui.study import Selection
from coverage_planner.gui.text_search import fold

MAX_SHOWN = 30


def tr(text: str) -> str:
    return QCoreApplication.translate("Search", text)


def search_entries(result: CoverageResult) -> list[tuple[str, Selection]]:
    """(text shown, feature) for every commune, village and site of the result."""
    entries: list[tuple[str, Selection]] = []
    c = result.communes
    for cid, name in zip(c["commune_id"].astype(str), c["commune_name"].astype(str), strict=True):
        entries.append((f"{name} — {tr('commune')} {cid}", Selection("communes", cid)))
    v = result.villages
    for vid, name, commune in zip(
        v["village_id"].astype(str),
        v["village_name"].astype(str),
        v["commune_name"].astype(str),
        strict=True,
    ):
        entries.append((f"{name}, {commune} — {tr('village')} {vid}", Selection("villages", vid)))
    s = result.sites
    names = s["site_name"].astype(str) if "site_name" in s else s["site_id"].astype(str)
    operators = s["operator"].astype(str) if "operator" in s else [""] * len(s)
    for sid, name, op in zip(s["site_id"].astype(str), names, operators, strict=True):
        entries.append((f"{sid} {name} ({op}) — {tr('site')}", Selection("sites", sid)))
    return entries


class _FoldedFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.folded: list[str] = []
        self.words: list[str] = []

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if not self.words:
            return False
        text = self.folded[row]
        return all(w in text for w in self.words)


class SearchBox(QLineEdit):
    """Type a name or a code; ``found`` gives the chosen feature."""

    found = pyqtSignal(object)  # Selection

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(160)
        self._entries: list[tuple[str, Selection]] = []
        self._model = QStringListModel(self)
        self._filter = _FoldedFilter(self)
        self._filter.setSourceModel(self._model)
        self.completer_ = QCompleter(self._filter, self)
        # The filter above does the matching (diacritics optional, any word order);
        # the completer only shows what it lets through.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._chosen)
        self.textEdited.connect(self._refilter)
        self.returnPressed.connect(self.choose_first)
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(tr("Find a village, site or commune…"))
        self.setToolTip(
            tr("Name or code; accents optional (\u201cxa bon\u201d finds \u201cXà Bon\u201d)")
        )

    def set_result(self, result: CoverageResult | None) -> None:
        self._entries = search_entries(result) if result is not None else []
        self._model.setStringList([text for text, _ in self._entries])
        self._filter.folded = [fold(text) for text, _ in self._entries]
        self._refilter(self.text())

    def matches(self, text: str) -> list[tuple[str, Selection]]:
        words = fold(text).split()
        return [
            entry
            for entry, folded in zip(self._entries, self._filter.folded, strict=True)
            if words and all(w in folded for w in words)
        ][:MAX_SHOWN]

    def _refilter(self, text: str) -> None:
        self._filter.words = fold(text).split()
        self._filter.invalidateFilter()
        if self._filter.words and self._filter.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _chosen(self, index: QModelIndex) -> None:
        row = self._filter.mapToSource(index).row()
        if 0 <= row < len(self._entries):
            self.found.emit(self._entries[row][1])

    def choose_first(self) -> None:
        first = self.matches(self.text())
        if first:
            self.completer_.popup().hide()
            self.found.emit(first[0][1])
