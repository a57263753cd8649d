"""Per-value work done once per distinct value, not once per row: a national site list
has a million rows but a few thousand spellings of a technology or a commune name."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def map_distinct(values: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """``values.map(func)`` with ``func`` called once per distinct value (NaN kept as is)."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    if len(uniques) == 0:
        return values.astype(object)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [func(u) for u in uniques]
    mapped[-1] = np.nan  # codes of -1 (missing values) pick the last slot
    return pd.Series(mapped[codes], index=values.index)


def fast_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column of text; the cells that are not plain numbers, for the caller
    to look at (vectorised: ``pd.to_numeric`` on the whole column first)."""
    if pd.api.types.is_numeric_dtype(values):
        out = values.astype(float)
        return out, pd.Series(False, index=values.index)
    out = pd.to_numeric(values, errors="coerce").astype(float)
    obj = values.astype(object)
    rest = out.isna().to_numpy() & obj.notna().to_numpy()
    return out, pd.Series(rest, index=values.index)
