"""Read site lists as operators send them: CSV (any separator) and Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from coverage_planner.errors import EncodingError, InputFileError
from coverage_planner.io.encoding import LEGACY_HINT, normalise_text_columns
from coverage_planner.io.findings import Finding


def _sniff_separator(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    layer_name: str = "sites",
    findings: list[Finding] | None = None,
) -> pd.DataFrame:
    """Read a CSV or Excel file into a DataFrame of text and numbers, as typed.

    CSV files must be UTF-8 (with or without BOM, as Excel's "CSV UTF-8" writes them)
    unless ``encoding`` is given; the separator (comma, semicolon, tab) is detected.
    """
    path = Path(path)
    findings = findings if findings is not None else []
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            book = pd.read_excel(path, sheet_name=None, dtype=object)
        except Exception as exc:  # openpyxl raises many types for damaged files
            raise InputFileError(f"{path}: cannot be read as an Excel workbook ({exc}).") from None
        if not book:
            raise InputFileError(f"{path}: the workbook has no sheet.")
        if sheet is None:
            names = list(book)
            sheet_name = next((n for n in names if len(book[n].dropna(how="all"))), names[0])
            if len(names) > 1:
                findings.append(
                    Finding(
                        "info",
                        layer_name,
                        f"{path.name} has {len(names)} sheets; read {sheet_name!r}",
                    )
                )
        else:
            sheet_name = sheet if isinstance(sheet, str) else list(book)[sheet]
            if sheet_name not in book:
                raise InputFileError(
                    f"{path}: there is no sheet {sheet!r}; the sheets are {', '.join(book)}."
                )
        frame = book[sheet_name]
    elif suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        if encoding is None:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise EncodingError(
                    f"{path}: the file is not UTF-8 (first bad byte on line {line}), so its "
                    f"names cannot be read without garbling the diacritics. In Excel, save it "
                    f"as 'CSV UTF-8 (Comma delimited)'. {LEGACY_HINT}"
                ) from None
        else:
            try:
                text = raw.decode(encoding)
            except (LookupError, UnicodeDecodeError) as exc:
                raise EncodingError(f"{path}: cannot be read as {encoding}: {exc}.") from None
        if not text.strip():
            raise InputFileError(f"{path}: the file is empty.")
        sep = _sniff_separator(text[:20000])
        from io import StringIO

        try:
            frame = pd.read_csv(
                StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
            )
        except pd.errors.ParserError as exc:
            raise InputFileError(f"{path}: cannot be read as a table ({exc}).") from None
    else:
        raise InputFileError(
            f"{path}: {suffix} is not a table format I read; use CSV or Excel (.xlsx)."
        )
    frame = frame.dropna(how="all")
    frame.columns = [str(c).strip() for c in frame.columns]
    normalise_text_columns(frame)
    return frame.reset_index(drop=True)
