"""The Excel workbook sent to the province: Summary, Communes, Villages, Uncovered,
Sites, Findings; bold frozen headers, autofilter, percentage formats, column widths,
headers and words in the interface language.

It is the primary table for people: codes are text cells (``03201`` keeps its zero),
numbers are numbers (so a Vietnamese-locale spreadsheet shows ``4,236`` for 4.236, and
never reads it as 4236), counts are integers. The Summary sheet carries the study
description and the run's source line. Every sheet prints on A4, fitted to the page
width, its header row repeated on every page, landscape where it is wide.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.reports.labels import header, label
from coverage_planner.reports.provenance import (
    Provenance,
    coverage_criterion,
    provenance_of,
    source_line,
)
from coverage_planner.reports.tables import (
    commune_table,
    findings_table,
    is_code_column,
    site_table,
    uncovered_table,
    village_table_in,
)
from coverage_planner.study import StudyDescription

SHEETS = {
    "en": ("Summary", "Communes", "Villages", "Uncovered", "Sites", "Findings"),
    "vi": ("Tổng hợp", "Xã", "Thôn bản", "Chưa có sóng", "Trạm BTS", "Kiểm tra dữ liệu"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_LINES = 3
"""Headers wrap on up to three lines: columns are as wide as their values, not their
headers, so a wide sheet still reads when printed fitted to the page width."""


def column_width(values: pd.Series, title: str, numeric: bool) -> float:
    """Characters of a column: its values' (numbers: 10), at least a third of its
    header (which wraps), at most 40."""
    texts = [len(str(v)) for v in values.head(500) if v is not None and v is not pd.NA]
    data = 10 if numeric else max(texts or [4])
    words = max((len(w) for w in str(title).split()), default=4)
    return float(min(40, max(8, data + 1, words + 1, -(-len(str(title)) // HEADER_LINES) + 2)))


ROW_HEIGHT = 15.0
"""Points per line of text in a row."""


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a column of ``width``
    characters (the width counts the digit 0; a text's letters average a little
    narrower, about 1.15 of them to a 0 in DejaVu Sans, measured on LibreOffice's print)."""
    room = max(1, int(width * 1.15))
    lines, used = 1, 0
    for word in text.split():
        need = len(word) if used == 0 else used + 1 + len(word)
        if need <= room or used == 0:
            used = need
        else:
            lines, used = lines + 1, len(word)
    return lines


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
    # After a terrain run: the level and margin "covered" meant, as the grids used them.
    rows += [
        (label("criterion_row", language).format(tech=t), " ".join(lines), "@")
        for t in result.technologies
        if (lines := coverage_criterion(result, t, language))
    ]
    return rows


def write_frame(ws, frame: pd.DataFrame, language: str) -> None:
    """Write ``frame`` on worksheet ``ws``: headers in ``language``, codes kept as text
    (leading zeros), percentages and shares with their number formats, empty cells
    for missing values."""
    pct_cols = {c for c in frame.columns if c.endswith("_pct")}
    share_cols = {c for c in frame.columns if c.startswith("share")}
    ws.append([header(c, language) for c in frame.columns])
    codes = {c for c in frame.columns if is_code_column(c)}
    for row in frame.itertuples(index=False):
        values = []
        for col, v in zip(frame.columns, row, strict=True):
            if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
                values.append(None)
            elif col in codes:
                values.append(str(v))
            elif col in pct_cols:
                values.append(float(v) / 100.0)
            elif isinstance(v, (np.bool_, bool)):
                # A word, not TRUE/FALSE (which a Vietnamese spreadsheet shows as 1/0).
                values.append(label("yes" if v else "no", language))
            elif isinstance(v, np.integer):
                values.append(int(v))
            elif isinstance(v, np.floating):
                values.append(float(v))
            else:
                values.append(v)
        ws.append(values)
    tall: set[int] = set()
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        numeric = pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(
            frame[col]
        )
        fmt = (
            "0.0%"
            if col in pct_cols or col in share_cols
            else "@"
            if col in codes
            else "0.00"
            if numeric and pd.api.types.is_float_dtype(frame[col])
            else None
        )
        if fmt:
            for cell in ws[letter][1:]:
                cell.number_format = fmt
        width = column_width(frame[col], header(col, language), numeric)
        ws.column_dimensions[letter].width = width
        if not numeric and col not in codes:
            # A text longer than its column wraps inside it, on a row made tall enough
            # for its lines (LibreOffice does not grow an imported row by itself): cut
            # at the next column's edge, a printed sentence loses its end.
            wrap = Alignment(wrap_text=True, vertical="top")
            for cell in ws[letter][1:]:
                if isinstance(cell.value, str) and len(cell.value) > width:
                    cell.alignment = wrap
                    lines = wrapped_lines(cell.value, width)
                    row = ws.row_dimensions[cell.row]
                    row.height = max(row.height or 0, ROW_HEIGHT * lines)
                    tall.add(cell.row)
    top = Alignment(vertical="top")
    for r in tall:  # a tall row reads from its top line
        for cell in ws[r]:
            if not cell.alignment.wrap_text:
                cell.alignment = top
    ws.row_dimensions[1].height = 15 * HEADER_LINES
    style_header(ws)
    _print_setup(ws, wide=len(frame.columns) > 6)


def _print_setup(ws, *, wide: bool, title_rows: str = "1:1") -> None:
    """A4, fitted to the page width (as many pages down as needed), the header row on
    every page, landscape where the sheet is wide, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = title_rows
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&P / &N"
    ws.oddFooter.left.text = "&A"


def style_header(ws) -> None:
    """Bold, filled, wrapped first row; the first row frozen and an auto-filter over
    the sheet's data."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = ws.dimensions


def study_rows(study: StudyDescription, language: str) -> list[tuple[str, object]]:
    """The study description, as the Summary sheet's first rows."""
    return [
        (label("province", language), study.province or label("no_province", language)),
        (label("study_title", language), study.title or None),
        (label("organisation", language), study.organisation or None),
        (label("year", language), study.year),
    ]


def export_workbook(
    result: CoverageResult,
    path: str | Path,
    *,
    language: str = "en",
    study: StudyDescription | None = None,
    sources: Provenance | None = None,
) -> Path:
    """Write the workbook (atomically).

    Parameters
    ----------
    study
        The study description (default: the result's, its province from the communes).
    sources
        The run's provenance for the source line (default: what the result alone says).
    """
    path = Path(path)
    study = study or result.params.study.with_province_from(result.communes)
    sources = sources or provenance_of(result)
    names = SHEETS.get(language, SHEETS["en"])
    wb = Workbook()
    wb.properties.title = study.title or label("atlas_title", language)
    wb.properties.subject = study.province
    wb.properties.creator = study.organisation or "Coverage Planner"
    ws = wb.active
    ws.title = names[0]
    ws.append([label("indicator", language), label("value", language)])
    for text, value in study_rows(study, language):
        ws.append([text, value])
        ws.cell(ws.max_row, 2).alignment = Alignment(horizontal="left")
    for text, value, fmt in summary_rows(result, language):
        ws.append([text, value])
        ws.cell(ws.max_row, 2).number_format = fmt
    ws.append([])
    ws.append([source_line(sources, language)])
    ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
    ws.row_dimensions[ws.max_row].height = 15 * (1 + len(ws.cell(ws.max_row, 1).value) // 70)
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 40
    style_header(ws)
    ws.auto_filter.ref = None
    _print_setup(ws, wide=False)
    frames = [
        commune_table(result),
        village_table_in(result, language),
        uncovered_table(result, language),
        site_table(result),
        findings_table(result, language),
    ]
    for name, frame in zip(names[1:], frames, strict=True):
        write_frame(wb.create_sheet(name), frame, language)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
