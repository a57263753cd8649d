"""Read site lists as operators send them: CSV (any separator) and Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from coverage_planner.errors import EncodingError, InputFileError
from coverage_planner.io.encoding import legacy_hint, normalise_text_columns, repair_legacy_text
from coverage_planner.io.findings import Finding
from coverage_planner.io.legacy import decode, encoding_key, guess_bytes_encoding
from coverage_planner.io.messages import count


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
    default_encoding: str | None = None,
    layer_name: str = "sites",
    findings: list[Finding] | None = None,
) -> pd.DataFrame:
    """Read a CSV or Excel file into a DataFrame of text and numbers, as typed.

    CSV files are read as UTF-8 (with or without BOM, as Excel's "CSV UTF-8" writes
    them) unless ``encoding`` is given; a file that is not UTF-8 is read with
    ``default_encoding`` where it decodes, else in the legacy Vietnamese encoding it
    reads best in (Windows-1258, TCVN3, VNI), with a finding. The separator (comma,
    semicolon, tab, bar) is detected. Every sheet of a workbook with the same columns
    as the first is read (columns ``_sheet`` and ``_row`` say where each row came from).
    """
    path = Path(path)
    findings = findings if findings is not None else []
    if path.is_dir():
        raise InputFileError(key="error.table_is_folder", file=path)
    if not path.exists():
        raise InputFileError(key="error.no_such_file", file=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        frame = _read_workbook(path, sheet=sheet, layer_name=layer_name, findings=findings)
    elif suffix in (".csv", ".txt"):
        text = _csv_text(
            path,
            encoding=encoding,
            default_encoding=default_encoding,
            layer_name=layer_name,
            findings=findings,
        )
        if not text.strip():
            raise InputFileError(key="error.file_empty", file=path)
        sep = _sniff_separator(text[:20000])
        from io import BytesIO

        # Parsed from UTF-8 bytes, the text let go first: a StringIO of a million-row
        # list held it again at four bytes a character (hundreds of MB at the peak).
        data = BytesIO(text.encode("utf-8"))
        del text
        try:
            frame = pd.read_csv(
                data, sep=sep, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
            )
        except pd.errors.ParserError as exc:
            raise InputFileError(key="error.not_a_table", file=path, detail=str(exc)) from None
    else:
        raise InputFileError(key="error.table_format", file=path, suffix=suffix)
    frame = frame.dropna(how="all", subset=[c for c in frame.columns if c not in _WHERE])
    frame.columns = [str(c).strip() for c in frame.columns]
    normalise_text_columns(frame)
    repair_legacy_text(frame, layer_name=layer_name, source=path, findings=findings)
    return frame.reset_index(drop=True)


_WHERE = ("_sheet", "_row")


def _csv_text(
    path: Path,
    *,
    encoding: str | None,
    default_encoding: str | None,
    layer_name: str,
    findings: list[Finding],
) -> str:
    raw = path.read_bytes()
    if encoding is not None:
        try:
            return decode(raw, encoding_key(encoding))
        except LookupError:
            raise EncodingError(
                key="error.unknown_encoding", file=path, encoding=repr(encoding)
            ) from None
        except UnicodeDecodeError as exc:
            raise EncodingError(
                key="error.not_in_encoding", file=path, encoding=encoding, detail=str(exc)
            ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
    if default_encoding is not None:
        try:
            return decode(raw, encoding_key(default_encoding))
        except (LookupError, UnicodeDecodeError):
            pass
    lines = [line for line in raw.splitlines() if max(line, default=0) >= 0x80][:2000]
    guessed = guess_bytes_encoding(lines)
    if guessed is None:
        raise EncodingError(key="error.csv_not_utf8", file=path, line=bad_line, hint=legacy_hint())
    findings.append(
        Finding(
            "warning",
            layer_name,
            key="table.legacy_guess",
            params={"file": path.name, "encoding": guessed},
            repair_key="repair.converted_from",
        )
    )
    return decode(raw, guessed)


def _read_workbook(
    path: Path, *, sheet: str | int | None, layer_name: str, findings: list[Finding]
) -> pd.DataFrame:
    try:
        book = pd.read_excel(path, sheet_name=None, dtype=object)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFileError(key="error.not_a_workbook", file=path, detail=str(exc)) from None
    if not book:
        raise InputFileError(key="error.workbook_no_sheet", file=path)
    if sheet is not None:
        sheet_name = sheet if isinstance(sheet, str) else list(book)[sheet]
        if sheet_name not in book:
            raise InputFileError(
                key="error.no_such_sheet", file=path, sheet=repr(sheet), sheets=", ".join(book)
            )
        return book[sheet_name]
    used = {n: f for n, f in book.items() if len(f.dropna(how="all"))}
    if not used:
        return next(iter(book.values()))
    names = list(used)
    first = _column_set(used[names[0]])
    same = [n for n in names if _column_set(used[n]) == first]
    other = [n for n in names if n not in same]
    if other:
        findings.append(
            Finding(
                "warning",
                layer_name,
                key="table.other_sheets",
                params={
                    "file": path.name,
                    "sheets": ", ".join(repr(n) for n in other),
                    "first": repr(names[0]),
                },
                repair_key="repair.sheets_not_read",
            )
        )
    if len(same) == 1:
        if len(book) > 1:
            findings.append(
                Finding(
                    "info",
                    layer_name,
                    key="table.one_sheet",
                    params={"file": path.name, "n": len(book), "sheet": repr(same[0])},
                )
            )
        return used[same[0]]
    from coverage_planner.io.aliases import column_key

    spelling = {column_key(str(c)): c for c in used[same[0]].columns}
    frames = []
    for n in same:
        # same keys in any order and spelling; keep the first sheet's spelling
        f = used[n].rename(columns=lambda c: spelling.get(column_key(str(c)), c))
        f["_sheet"] = n
        f["_row"] = f.index.to_numpy() + 2
        frames.append(f)
    findings.append(
        Finding(
            "info",
            layer_name,
            key="table.same_sheets",
            params={
                "file": path.name,
                "n": len(same),
                "sheets": ", ".join(repr(n) for n in same),
                "rows": count(sum(len(f) for f in frames)),
            },
            repair_key="repair.sheets_read",
        )
    )
    return pd.concat(frames, ignore_index=True)


def _column_set(frame: pd.DataFrame) -> frozenset[str]:
    from coverage_planner.io.aliases import column_key

    return frozenset(column_key(str(c)) for c in frame.columns if not str(c).startswith("Unnamed"))
