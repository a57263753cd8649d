"""Coordinates as operators type them: decimal commas, degree-minute-second text."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

# 22°23'45.6"N, 22 23 45.6, 22º23′45″ B, 103d27m10.5sE, N22°23.76',
# 22 độ 23 phút 45,67 giây (Bắc)
_HEMI = r"[NSEWBĐT]|bắc|bac|nam|đông|dong|tây|tay"
_DMS = (
    rf"^\s*(?P<h1>{_HEMI})?\s*"
    r"(?P<deg>-?\d+(?:[.,]\d+)?)\s*(?:°|º|˚|độ|do|deg|d|\s)\s*"
    r"(?:(?P<min>\d+(?:[.,]\d+)?)\s*(?:'|′|’|phút|phut|min|m|\s)?\s*)?"
    r"(?:(?P<sec>\d+(?:[.,]\d+)?)\s*(?:\"|″|''|”|giây|giay|sec|s)?\s*)?"
    rf"(?P<h2>{_HEMI})?\s*$"
)
_SOUTH_WEST = {"S", "W", "T", "NAM", "TÂY", "TAY"}


def parse_coordinates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of coordinates into decimal degrees.

    Returns
    -------
    (values, kind)
        ``values`` as floats (NaN where unreadable) and ``kind`` per row:
        ``"number"``, ``"decimal_comma"``, ``"dms"`` or ``"unreadable"`` (``"empty"``
        for blank cells), so the caller can report what it repaired.
    """
    kind = pd.Series("number", index=values.index, dtype=object)
    if pd.api.types.is_numeric_dtype(values):
        out = values.astype(float)
        kind[out.isna()] = "empty"
        _not_finite(out, kind)
        return out, kind
    # the whole column at C speed first; only the cells that are not plain numbers
    # (decimal commas, degrees-minutes-seconds, words) are looked at one by one
    raw = values.astype(object)
    out = pd.to_numeric(raw, errors="coerce").astype(float)
    look = out.isna().to_numpy() & raw.notna().to_numpy()
    text = pd.Series(None, index=values.index, dtype=object)
    text[look] = raw[look].map(lambda v: unicodedata.normalize("NFC", str(v)).strip())
    empty = raw.isna().to_numpy() | (look & (text == "").to_numpy())
    empty = pd.Series(empty, index=values.index)
    out[look] = pd.to_numeric(text[look], errors="coerce").astype(float)
    todo = out.isna() & ~empty
    if todo.any():
        # One comma and no dot: a decimal comma (22,3951).
        sub = text[todo]
        comma = pd.Series(False, index=values.index)
        comma[sub.index[sub.str.fullmatch(r"-?\d+,\d+").fillna(False).astype(bool).to_numpy()]] = (
            True
        )
        out[comma] = pd.to_numeric(text[comma].str.replace(",", ".", regex=False), errors="coerce")
        kind[comma] = "decimal_comma"
        todo = out.isna() & ~empty
    if todo.any():
        parts = text[todo].str.extract(_DMS, flags=re.IGNORECASE)
        deg = pd.to_numeric(parts["deg"].str.replace(",", "."), errors="coerce").astype(float)
        mins = pd.to_numeric(parts["min"].str.replace(",", "."), errors="coerce").fillna(0.0)
        secs = pd.to_numeric(parts["sec"].str.replace(",", "."), errors="coerce").fillna(0.0)
        ok = (  # minutes or a hemisphere letter: a bare number is not a coordinate here
            deg.notna()
            & (mins < 60)
            & (secs < 60)
            & (parts["min"].notna() | parts["h1"].notna() | parts["h2"].notna())
        )
        hemi = parts["h1"].fillna(parts["h2"]).fillna("").str.upper()
        sign = np.where(hemi.isin(_SOUTH_WEST) | (deg < 0), -1.0, 1.0)
        value = sign * (deg.abs() + mins / 60.0 + secs / 3600.0)
        out[todo] = value.where(ok)
        kind[todo] = np.where(ok, "dms", "unreadable")
    kind[empty] = "empty"
    _not_finite(out, kind)
    return out, kind


def _not_finite(out: pd.Series, kind: pd.Series) -> None:
    """``inf`` or ``1e309`` is no place: unreadable, never a coordinate."""
    inf = np.isinf(out.to_numpy(dtype=float))
    if inf.any():
        out[inf] = np.nan
        kind[inf] = "unreadable"
