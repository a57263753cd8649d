"""The tables after an edit (gui.tables.FrameModel): the rows whose figures changed
are told to the views, the others untouched, and every cell equals a model filled
afresh with the new frame."""

from __future__ import annotations

import pandas as pd
from PyQt6.QtCore import Qt

from coverage_planner.gui.tables import PCT_ROLE, SORT_ROLE, FilterProxy, FrameModel

COLUMNS = [
    ("commune_id", lambda: "id", "text"),
    ("commune_name", lambda: "name", "text"),
    ("villages", lambda: "villages", "int"),
    ("covered_pct", lambda: "covered", "pct"),
]


def frame(pcts) -> pd.DataFrame:
    n = len(pcts)
    return pd.DataFrame(
        {
            "commune_id": [f"C{i:03d}" for i in range(n)],
            "commune_name": [f"Xã Số {i}" for i in range(n)],
            "villages": [10 + i for i in range(n)],
            "covered_pct": pcts,
        }
    )


def cells(model: FrameModel) -> list:
    roles = (Qt.ItemDataRole.DisplayRole, SORT_ROLE, PCT_ROLE)
    return [
        [model.data(model.index(r, c), role) for role in roles]
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def watch(model: FrameModel):
    seen = {"reset": 0, "rows": []}
    model.modelReset.connect(lambda: seen.__setitem__("reset", seen["reset"] + 1))
    model.dataChanged.connect(lambda a, b, *_: seen["rows"].extend(range(a.row(), b.row() + 1)))
    return seen


def test_an_edit_tells_the_changed_rows_only_and_the_cells_equal_a_fresh_model(qtbot):
    before = [50.0, 60.0, 70.0, None, 90.0, 20.0]
    after = [50.0, 65.0, 75.0, None, 90.0, 10.0]  # rows 1, 2 and 5 changed
    model = FrameModel()
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    model.set_frame(frame(before), COLUMNS)
    seen = watch(model)
    model.set_frame(frame(after), COLUMNS)
    assert seen == {"reset": 0, "rows": [1, 2, 5]}
    fresh = FrameModel()
    fresh.set_frame(frame(after), COLUMNS)
    assert cells(model) == cells(fresh)
    # the sorted view follows the changed figures
    shown = [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]
    assert shown == ["C004", "C002", "C001", "C000", "C005", "C003"]
    assert model.folded_row(1) == fresh.folded_row(1)


def test_other_rows_or_columns_reset_the_model(qtbot):
    model = FrameModel()
    model.set_frame(frame([1.0, 2.0, 3.0]), COLUMNS)
    seen = watch(model)
    model.set_frame(frame([1.0, 2.0, 3.0, 4.0]), COLUMNS)  # a row more
    renamed = frame([1.0, 2.0, 3.0, 4.0])
    renamed.loc[2, "commune_name"] = "Xã Khác"  # another row at that place
    model.set_frame(renamed, COLUMNS)
    model.set_frame(renamed, COLUMNS[:3])  # a column less
    assert seen == {"reset": 3, "rows": []}
    model.set_frame(renamed, COLUMNS[:3])  # the same: nothing to tell
    assert seen == {"reset": 3, "rows": []}
