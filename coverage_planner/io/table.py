"""Read site lists as operators send them: CSV (any separator) and Excel."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from coverage_planner.errors import EncodingError, InputFileError
from coverage_planner.io.encoding import LEGACY_HINT, normalise_text_columns, repair_legacy_text
from coverage_planner.io.findings import Finding
from coverage_planner.io.legacy import decode, encoding_key, guess_bytes_encoding


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
        raise InputFileError(
            f"{path} is a folder, not a file. Choose the site list itself (CSV or Excel).",
            vi=f"{path} là một thư mục, không phải tệp. Hãy chọn chính danh sách trạm (CSV "
            "hoặc Excel).",
        )
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist.", vi=f"Không tìm thấy tệp {path}.")
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
            raise InputFileError(f"{path}: the file is empty.", vi=f"{path}: tệp trống.")
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
                f"{path}: {encoding!r} is not a text encoding I know; use e.g. utf-8, cp1258, "
                "tcvn3 or vni.",
                vi=f"{path}: {encoding!r} không phải bảng mã đã biết; hãy dùng utf-8, cp1258, "
                "tcvn3 hoặc vni.",
            ) from None
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{path}: cannot be read as {encoding}: {exc}.") from None
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
        raise EncodingError(
            f"{path}: the file is not UTF-8 (first bad byte on line {bad_line}), so its "
            f"names cannot be read without garbling the diacritics. In Excel, save it "
            f"as 'CSV UTF-8 (Comma delimited)'. {LEGACY_HINT}",
            vi=f"{path}: tệp không ở mã UTF-8 (byte lỗi đầu tiên ở dòng {bad_line}) nên không "
            "đọc được tên có dấu. Trong Excel, hãy lưu dạng 'CSV UTF-8 (Comma delimited)', "
            "hoặc chọn bảng mã của tệp (ví dụ cp1258, tcvn3, vni).",
        )
    findings.append(
        Finding(
            "warning",
            layer_name,
            f"{path.name} is not UTF-8; its text reads as Vietnamese in {guessed}",
            repair=f"converted from {guessed} to Unicode (give the encoding if it is another)",
        )
    )
    return decode(raw, guessed)


def _read_workbook(
    path: Path, *, sheet: str | int | None, layer_name: str, findings: list[Finding]
) -> pd.DataFrame:
    try:
        book = pd.read_excel(path, sheet_name=None, dtype=object)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFileError(
            f"{path}: cannot be read as an Excel workbook ({exc}).",
            vi=f"{path}: không đọc được như một sổ tính Excel ({exc}).",
        ) from None
    if not book:
        raise InputFileError(f"{path}: the workbook has no sheet.")
    if sheet is not None:
        sheet_name = sheet if isinstance(sheet, str) else list(book)[sheet]
        if sheet_name not in book:
            raise InputFileError(
                f"{path}: there is no sheet {sheet!r}; the sheets are {', '.join(book)}."
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
                f"{path.name}: the sheets {', '.join(repr(n) for n in other)} have other "
                f"columns than {names[0]!r}",
                repair="not read; open them as a layer of their own, or give them the same columns",
            )
        )
    if len(same) == 1:
        if len(book) > 1:
            findings.append(
                Finding("info", layer_name, f"{path.name} has {len(book)} sheets; read {same[0]!r}")
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
            f"{path.name}: {len(same)} sheets with the same columns "
            f"({', '.join(repr(n) for n in same)})",
            repair=f"all read, {sum(len(f) for f in frames)} rows together",
        )
    )
    return pd.concat(frames, ignore_index=True)


def _column_set(frame: pd.DataFrame) -> frozenset[str]:
    from coverage_planner.io.aliases import column_key

    return frozenset(column_key(str(c)) for c in frame.columns if not str(c).startswith("Unnamed"))
