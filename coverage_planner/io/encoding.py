"""Text encodings: shapefile DBFs without a .cpg, CSVs from Excel, Unicode normalisation."""

from __future__ import annotations

import re
import struct
import unicodedata

import numpy as np
import pandas as pd

from coverage_planner.errors import EncodingError
from coverage_planner.io.findings import Finding
from coverage_planner.io.messages import listing

LEGACY_HINT = (
    "Vietnamese names in older files are often stored in TCVN3 (ABC), VNI or "
    "Windows-1258 instead of UTF-8. Convert the file to Unicode (for example with "
    "Unikey's converter, or in QGIS: Save Features As… with encoding UTF-8), or give "
    "its encoding: put a .cpg file containing e.g. 1258 next to the .shp, or choose "
    "the encoding in the Open data dialog (--encoding cp1258 on the command line)."
)


def legacy_hint():
    """What to do about a legacy-encoded file, in both languages (a message parameter)."""
    from coverage_planner.io.messages import phrase_of

    return phrase_of("hint.legacy")


def dbf_text_is_utf8(dbf: bytes) -> bool:
    """Whether every character field of a DBF file decodes as UTF-8.

    Reads the dBASE header and field descriptors directly, so nothing is recoded on
    the way (GDAL would silently read such a file as Latin-1 and pass on mojibake).
    """
    if len(dbf) < 32:
        return True
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[int, int]] = []
    offset = 1  # the deletion flag
    pos = 32
    while pos + 32 <= header_len and dbf[pos] != 0x0D:
        ftype = chr(dbf[pos + 11])
        flen = dbf[pos + 16]
        if ftype == "C":
            flen += dbf[pos + 17] * 256  # long character fields use the decimal byte
            fields.append((offset, flen))
        offset += flen
        pos += 32
    body = dbf[header_len : header_len + n_records * record_len]
    if not fields or max(body, default=0) < 0x80:
        return True
    for start in range(0, len(body), record_len):
        record = body[start : start + record_len]
        for off, flen in fields:
            chunk = record[off : off + flen]
            if max(chunk, default=0) < 0x80:
                continue
            text = chunk.rstrip(b" \x00")
            try:
                text.decode("utf-8")
            except UnicodeDecodeError:
                # A multi-byte character cut by the field width still counts as UTF-8.
                if not _cut_utf8(text):
                    return False
    return True


def dbf_text_samples(dbf: bytes, *, limit: int = 2000) -> list[bytes]:
    """The non-ASCII character cells (and field names) of a DBF, for telling encodings apart."""
    if len(dbf) < 32:
        return []
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[int, int]] = []
    samples: list[bytes] = []
    offset, pos = 1, 32
    while pos + 32 <= header_len and dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\x00")[0]
        if max(name, default=0) >= 0x80:
            samples.append(name)
        flen = dbf[pos + 16]
        if chr(dbf[pos + 11]) == "C":
            flen += dbf[pos + 17] * 256
            fields.append((offset, flen))
        offset += flen
        pos += 32
    body = dbf[header_len : header_len + n_records * record_len]
    seen: set[bytes] = set()
    for start in range(0, len(body), record_len):
        record = body[start : start + record_len]
        for off, flen in fields:
            chunk = record[off : off + flen].rstrip(b" \x00")
            if chunk and max(chunk) >= 0x80 and chunk not in seen:
                seen.add(chunk)
                samples.append(chunk)
                if len(samples) >= limit:
                    return samples
    return samples


def _cut_utf8(chunk: bytes) -> bool:
    """True when the bytes are UTF-8 except for one sequence cut at the end."""
    for cut in (1, 2, 3):
        try:
            chunk[:-cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_dbf_encoding(dbf: bytes, *, source: str) -> None:
    """Raise :class:`EncodingError` for a DBF that is not UTF-8 and says nothing else."""
    if not dbf_text_is_utf8(dbf):
        raise EncodingError(key="error.dbf_not_utf8", file=source, hint=legacy_hint())


_ESCAPED = re.compile(r"\\u[0-9a-fA-F]{4}")


def normalise_text_columns(frame: pd.DataFrame) -> list[str]:
    """NFC-normalise every text column in place; decode literal ``\\u00e0`` escapes.

    Each distinct value is looked at once (a million-row list has few distinct names).
    Returns the names of the columns whose escapes were decoded, so the caller can
    report the repair.
    """
    repaired: list[str] = []
    for col in frame.columns:
        if col == "geometry":
            continue
        series = frame[col]
        if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
        values = list(uniques)
        changed = False
        escaped = False
        for k, v in enumerate(values):
            if not isinstance(v, str) or (v.isascii() and "\\u" not in v):
                continue
            new = v
            if _ESCAPED.search(new):
                new = _ESCAPED.sub(lambda m: chr(int(m.group()[2:], 16)), new)
                escaped = True
            new = unicodedata.normalize("NFC", new)
            if new != v:
                values[k] = new
                changed = True
        if escaped:
            repaired.append(str(col))
        if changed:
            table = np.empty(len(values) + 1, dtype=object)
            table[:-1] = values
            table[-1] = series.iloc[np.flatnonzero(codes < 0)[0]] if (codes < 0).any() else None
            frame[col] = pd.Series(table[codes], index=series.index)
    return repaired


def repair_legacy_text(
    frame: pd.DataFrame, *, layer_name: str, source: object, findings: list[Finding]
) -> list[str]:
    """Convert text typed with TCVN3 or VNI fonts (stored as Latin-1 letters, as Excel
    and converted shapefiles keep it) to Unicode, in place, with one finding per layer.

    Returns the columns converted (a column name converted counts as its column).
    """
    from coverage_planner.io.legacy import convert_text, guess_text_encoding

    converted: list[str] = []
    names: dict[object, object] = {}
    used: set[str] = set()
    for col in list(frame.columns):
        if col == "geometry":
            continue
        series = frame[col]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            values = [v for v in pd.unique(series.astype(object)) if isinstance(v, str)]
            odd = [v for v in values if not v.isascii()]
            encoding = guess_text_encoding(odd) if odd else None
            if encoding is not None:
                table = {v: convert_text(v, encoding) for v in odd}
                frame[col] = series.astype(object).map(lambda v, t=table: t.get(v, v))
                converted.append(str(col))
                used.add(encoding)
        if isinstance(col, str) and not col.isascii():
            encoding = guess_text_encoding([col])
            if encoding is not None:
                names[col] = convert_text(col, encoding)
                used.add(encoding)
    if names:
        frame.rename(columns=names, inplace=True)
        converted += [str(n) for n in names.values() if str(n) not in converted]
    if converted:
        name = getattr(source, "name", source)
        findings.append(
            Finding(
                "warning",
                layer_name,
                key="encoding.legacy_font",
                params={
                    "file": name,
                    "columns": listing(converted, limit=8),
                    "fonts": " / ".join(sorted(used)),
                },
                repair_key="repair.unicode",
            )
        )
    return converted
