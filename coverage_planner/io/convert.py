"""``coverage-planner convert-encoding IN OUT``: a copy of a legacy-encoded file with its
Vietnamese text in Unicode. The input is never modified."""

from __future__ import annotations

from pathlib import Path

from coverage_planner.errors import EncodingError, InputFileError
from coverage_planner.io.findings import Finding
from coverage_planner.io.legacy import (
    convert_text,
    decode,
    encoding_key,
    guess_bytes_encoding,
    guess_text_encoding,
)
from coverage_planner.io.messages import suffix_word
from coverage_planner.io.vector import VECTOR_SUFFIXES
from coverage_planner.io.writers import atomic_path

TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


def convert_file(
    source: str | Path, target: str | Path, *, encoding: str | None = None
) -> list[str]:
    """Write ``target``, a Unicode copy of ``source``; returns what was done, in lines.

    Parameters
    ----------
    encoding
        The source's encoding (``tcvn3``, ``vni``, ``cp1258`` …); detected when None.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise InputFileError(
            key="error.not_a_file" if source.exists() else "error.no_such_file", file=source
        )
    if target.exists() and target.resolve() == source.resolve():
        raise InputFileError(key="error.convert_onto_input", file=target)
    if target.is_dir():
        raise InputFileError(key="error.convert_to_folder", file=target)
    chosen = encoding_key(encoding) if encoding else None
    suffix = source.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _convert_text_file(source, target, chosen)
    if suffix in WORKBOOK_SUFFIXES:
        return _convert_workbook(source, target, chosen)
    if suffix in VECTOR_SUFFIXES:
        return _convert_vector(source, target, encoding)
    raise InputFileError(key="error.convert_format", file=source, suffix=suffix_word(suffix))


def _convert_text_file(source: Path, target: Path, encoding: str | None) -> list[str]:
    raw = source.read_bytes()
    if encoding is None:
        try:
            text = raw.decode("utf-8-sig")
            lines = text.splitlines()
            found = guess_text_encoding([line for line in lines if not line.isascii()][:2000])
            if found is None:
                raise EncodingError(key="error.already_unicode", file=source)
            text, encoding = convert_text(text, found), found
        except UnicodeDecodeError:
            samples = [line for line in raw.splitlines() if max(line, default=0) >= 0x80][:2000]
            encoding = guess_bytes_encoding(samples)
            if encoding is None:
                raise EncodingError(key="error.encoding_not_found", file=source) from None
            text = decode(raw, encoding)
    else:
        try:
            text = decode(raw, encoding)
        except UnicodeDecodeError as exc:
            raise EncodingError(
                key="error.not_in_encoding", file=source, encoding=encoding, detail=str(exc)
            ) from None
    with atomic_path(target) as tmp:
        # a BOM so that Excel opens the CSV in UTF-8
        tmp.write_bytes(text.encode("utf-8-sig" if target.suffix.lower() == ".csv" else "utf-8"))
    return [f"{source.name}: read as {encoding}; written in UTF-8 to {target}"]


def _convert_workbook(source: Path, target: Path, encoding: str | None) -> list[str]:
    import pandas as pd

    from coverage_planner.io.encoding import repair_legacy_text

    try:
        book = pd.read_excel(source, sheet_name=None, dtype=object)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputFileError(key="error.not_a_workbook", file=source, detail=str(exc)) from None
    lines = []
    for name, frame in book.items():
        findings: list[Finding] = []
        if encoding is None:
            repair_legacy_text(frame, layer_name=str(name), source=source, findings=findings)
        else:
            for col in frame.columns:
                frame[col] = frame[col].map(
                    lambda v: convert_text(v, encoding) if isinstance(v, str) else v
                )
            frame.columns = [convert_text(str(c), encoding) for c in frame.columns]
        lines += [f"sheet {name!r}: {f.message} — {f.repair}" for f in findings]
    with atomic_path(target) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, frame in book.items():
            frame.to_excel(writer, sheet_name=str(name), index=False)
    return lines + [f"written to {target}"]


def _convert_vector(source: Path, target: Path, encoding: str | None) -> list[str]:
    import pyogrio

    from coverage_planner.io.vector import read_vector

    findings: list[Finding] = []
    gdf = read_vector(
        source,
        encoding=encoding,
        crs=None,
        layer_name=source.stem,
        findings=findings,
        require_crs=False,
    )
    with atomic_path(target) as tmp:
        pyogrio.write_dataframe(gdf, tmp, layer=target.stem, encoding="utf-8")
        if tmp.suffix.lower() == ".shp":
            for side in tmp.parent.glob(tmp.stem + ".*"):
                if side != tmp:
                    side.replace(target.with_suffix(side.suffix))
    return [f"{f.message} — {f.repair}" for f in findings if f.repair] + [
        f"written in UTF-8 to {target}"
    ]
