"""Villages a plan must cover: by id, or every commune centre.

A planner names them as village ids, or with the word ``commune_centres`` (alone or
among ids) for the centre village of every commune (thôn/bản trung tâm xã): where the
commune's People's Committee sits, which the province's programmes want covered
first. The centre village of a commune is, in order:

1. the village(s) the village layer marks in a column ``commune_centre`` (or
   ``trung_tam_xa``, ``is_commune_centre``, ``ttx``) with ``1``/``x``/``yes``/``có``/
   ``true``;
2. otherwise, the village of the commune nearest to the commune's centre point (the
   same point the ``commune_centres`` candidates are generated at), a stand-in that
   the README tells the planner to replace with the column when the true centres are
   known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from coverage_planner.coverage.villages import reference_points
from coverage_planner.errors import UserError
from coverage_planner.io.aliases import column_key
from coverage_planner.io.messages import listing

COMMUNE_CENTRES = "commune_centres"
#: Words accepted for "every commune centre" (English and Vietnamese, without marks too).
CENTRE_WORDS = {COMMUNE_CENTRES, "commune_centers", "trung_tam_xa", "trung tâm xã"}
CENTRE_COLUMNS = ("commune_centre", "commune_center", "is_commune_centre", "trung_tam_xa", "ttx")
TRUE_WORDS = {"1", "1.0", "x", "yes", "y", "true", "có", "co", "đúng", "dung"}


def parse_must_cover(text: str | None) -> tuple[str, ...]:
    """Ids (and the word ``commune_centres``) from a comma- or semicolon-separated text."""
    if not text:
        return ()
    parts = (p.strip() for p in str(text).replace(";", ",").split(","))
    return tuple(p for p in parts if p)


def is_centre_word(item: str) -> bool:
    return str(item).strip().lower() in CENTRE_WORDS


def centre_column(villages: pd.DataFrame) -> str | None:
    """The village layer's column that marks commune centres, if it has one."""
    keys = {column_key(c): c for c in villages.columns if c != "geometry"}
    for name in CENTRE_COLUMNS:
        if name in keys:
            return keys[name]
    return None


def commune_centre_villages(villages, communes) -> tuple[np.ndarray, str]:
    """Mask of the villages that are a commune's centre, and how they were found
    (``"column <name>"`` or ``"nearest to the commune centre"``)."""
    col = centre_column(villages)
    if col is not None:
        text = villages[col].astype("string").str.strip().str.lower()
        mask = text.isin(TRUE_WORDS).fillna(False).to_numpy(dtype=bool)
        if mask.any():
            return mask, f"column {col}"
    n = len(villages)
    mask = np.zeros(n, dtype=bool)
    if n == 0 or len(communes) == 0:
        return mask, "nearest to the commune centre"
    centre_of = pd.Series(
        list(reference_points(communes.geometry.to_numpy())),
        index=communes["commune_id"].astype(str).to_numpy(),
    )
    centre_of = centre_of[~centre_of.index.duplicated()]
    cid = villages["commune_id"].astype("string").to_numpy(dtype=object)
    has = pd.Series(cid).isin(centre_of.index).to_numpy()
    if not has.any():
        return mask, "nearest to the commune centre"
    centres = np.array(centre_of.reindex(cid[has]).to_list(), dtype=object)
    dist = np.full(n, np.inf)
    dist[has] = shapely.distance(reference_points(villages.geometry.to_numpy()[has]), centres)
    frame = pd.DataFrame({"commune": cid, "dist": dist})[has]
    mask[frame.groupby("commune", sort=False)["dist"].idxmin().to_numpy()] = True
    return mask, "nearest to the commune centre"


def must_cover_mask(items: tuple[str, ...], villages, communes) -> tuple[np.ndarray, str | None]:
    """Mask of the villages ``items`` name (ids, and ``commune_centres``); how the
    centres were found, when asked for. Unknown ids are a :class:`UserError`."""
    vid = villages["village_id"].astype(str).to_numpy()
    ids = [str(i).strip() for i in items if not is_centre_word(i)]
    mask = np.isin(vid, ids)
    unknown = sorted(set(ids) - set(vid))
    if unknown:
        raise UserError(key="plan.must_cover_unknown", ids=listing(unknown))
    how = None
    if any(is_centre_word(i) for i in items):
        centres, how = commune_centre_villages(villages, communes)
        mask |= centres
    return mask, how
