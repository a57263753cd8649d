"""Technology cells as operators fill them: "2G/3G/4G", "3G, 4G", "GSM", "LTE", "NR/5G"."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from coverage_planner.params import TECHNOLOGIES

_TOKENS: dict[str, str] = {
    "2G": "2G",
    "GSM": "2G",
    "GPRS": "2G",
    "EDGE": "2G",
    "DCS": "2G",
    "DCS1800": "2G",
    "GSM900": "2G",
    "3G": "3G",
    "UMTS": "3G",
    "WCDMA": "3G",
    "HSPA": "3G",
    "HSDPA": "3G",
    "HSPA+": "3G",
    "UMTS2100": "3G",
    "4G": "4G",
    "LTE": "4G",
    "LTE-A": "4G",
    "LTEA": "4G",
    "LTE1800": "4G",
    "4G+": "4G",
    "5G": "5G",
    "NR": "5G",
    "5GNR": "5G",
    "5G-NR": "5G",
}
_SPLIT = re.compile(r"[/,;+&|\s]+|\bva\b|\bvà\b|\band\b", re.IGNORECASE)


def parse_technology_cell(cell: object) -> tuple[frozenset[str], list[str]]:
    """The technologies named in one cell, and the words that were not understood."""
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return frozenset(), []
    techs: set[str] = set()
    unknown: list[str] = []
    for token in _SPLIT.split(str(cell).strip().upper()):
        if not token:
            continue
        tech = _TOKENS.get(token) or _TOKENS.get(token.replace("-", ""))
        if tech is None:
            unknown.append(token)
        else:
            techs.add(tech)
    return frozenset(techs), unknown


def parse_technologies(cells: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Boolean columns ``serves_2g`` … ``serves_5g`` and the words not understood.

    Parsing goes through the distinct cell values only (a list has a handful of
    spellings), so it stays fast on national lists.
    """
    codes, uniques = pd.factorize(cells.astype(object), use_na_sentinel=True)
    parsed = [parse_technology_cell(v) for v in uniques] + [(frozenset(), [])]  # -1: empty
    table = np.array([[t in p[0] for t in TECHNOLOGIES] for p in parsed], dtype=bool)
    words = np.array([", ".join(p[1]) for p in parsed], dtype=object)
    flags = pd.DataFrame(
        table[codes], index=cells.index, columns=[f"serves_{t.lower()}" for t in TECHNOLOGIES]
    )
    unknown = pd.Series(words[codes], index=cells.index)
    return flags, unknown


def technology_label(flags: pd.DataFrame) -> pd.Series:
    """ "2G/3G/4G" text from the boolean columns, in a fixed order."""
    bits = np.zeros(len(flags), dtype=np.int64)
    for k, t in enumerate(TECHNOLOGIES):
        bits |= flags[f"serves_{t.lower()}"].to_numpy(dtype=bool).astype(np.int64) << k
    labels = np.array(
        [
            "/".join(t for k, t in enumerate(TECHNOLOGIES) if combo >> k & 1)
            for combo in range(1 << len(TECHNOLOGIES))
        ],
        dtype=object,
    )
    return pd.Series(labels[bits], index=flags.index)
