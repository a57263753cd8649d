"""The Excel workbook sent to the province: Summary, Communes, Villages, Uncovered,
Sites, Findings; bold frozen headers, autofilter, percentage formats, column widths,
headers in the interface language."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.findings import findings_frame
from coverage_planner.io.writers import atomic_path
from coverage_planner.reports.labels import header, label
from coverage_planner.reports.tables import commune_table, site_table, village_table

SHEETS = {
    "en": ("Summary", "Communes", "Villages", "Uncovered", "Sites", "Findings"),
    "vi": ("Tổng hợp", "Xã", "Thôn bản", "Chưa có sóng", "Trạm BTS", "Kiểm tra dữ liệu"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def summary_rows(result: CoverageResult, language: str) -> list[tuple[str, object, str]]:
    """(indicator, value, number format) rows of the Summary sheet; percentages as fractions."""
    s = result.summary
    pct = "0.0%"

    def frac(v):
        return None if v is None else v / 100.0

    rows: list[tuple[str, object, str]] = [
        (label("communes", language), s["communes"], "0"),
        (label("villages", language), s["villages"], "0"),
        (label("sites_total", language), s["sites"], "0"),
    ]
    rows += [
        (label("sites_with", language).format(tech=t), n, "0")
        for t, n in s["sites_by_technology"].items()
    ]
    rows.append((label("communes_with_mobile", language), frac(s["communes_with_mobile_pct"]), pct))
    rows += [
        (label("villages_with", language).format(tech=t), frac(v), pct)
        for t, v in s["villages_covered_pct"].items()
    ]
    rows += [
        (label("population_with", language).format(tech=t), frac(v), pct)
        for t, v in s["population_covered_pct"].items()
    ]
    rows += [
        (label("area_with", language).format(tech=t), frac(v), pct)
        for t, v in s["area_covered_pct"].items()
    ]
    rows.append(
        (label("communes_with_broadband", language), frac(s["communes_with_broadband_pct"]), pct)
    )
    rows += [
        (f"{label('uncovered_villages', language)} ({t})", n, "0")
        for t, n in s["uncovered_villages"].items()
    ]
    return rows


def _write_frame(ws, frame: pd.DataFrame, language: str) -> None:
    pct_cols = {c for c in frame.columns if c.endswith("_pct")}
    share_cols = {c for c in frame.columns if c.startswith("share")}
    ws.append([header(c, language) for c in frame.columns])
    for row in frame.itertuples(index=False):
        values = []
        for col, v in zip(frame.columns, row, strict=True):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                values.append(None)
            elif col in pct_cols:
                values.append(float(v) / 100.0)
            elif isinstance(v, (np.bool_, bool)):
                values.append(bool(v))
            elif isinstance(v, np.integer):
                values.append(int(v))
            elif isinstance(v, np.floating):
                values.append(float(v))
            else:
                values.append(v)
        ws.append(values)
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        fmt = (
            "0.0%"
            if col in pct_cols or col in share_cols
            else ("0.00" if col.endswith("_km") else None)
        )
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
        texts = [str(header(col, language))] + [str(v) for v in frame[col].head(500)]
        ws.column_dimensions[letter].width = min(60, max(8, max(len(t) for t in texts) + 2))
    _style_header(ws)


def _style_header(ws) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = ws.dimensions


def export_workbook(result: CoverageResult, path: str | Path, *, language: str = "en") -> Path:
    """Write the workbook (atomically)."""
    path = Path(path)
    names = SHEETS.get(language, SHEETS["en"])
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    ws.append([label("indicator", language), label("value", language)])
    for text, value, fmt in summary_rows(result, language):
        ws.append([text, value])
        ws.cell(ws.max_row, 2).number_format = fmt
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 14
    _style_header(ws)
    uncovered = result.uncovered.drop(columns=["reason_text"], errors="ignore")
    frames = [
        commune_table(result),
        village_table(result),
        uncovered,
        site_table(result),
        findings_frame(result.findings),
    ]
    for name, frame in zip(names[1:], frames, strict=True):
        _write_frame(wb.create_sheet(name), frame, language)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
