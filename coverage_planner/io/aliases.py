"""Column aliases in English and Vietnamese, with and without diacritics.

A column is matched by its *key*: lower case, diacritics removed (đ → d), anything
that is not a letter or digit turned into ``_``. So ``Mã trạm``, ``MA_TRAM`` and
``ma tram`` all have the key ``ma_tram``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from coverage_planner.errors import InputFileError, MissingColumnError

# Each role lists the keys that name it, the most likely first.
ALIASES: dict[str, tuple[str, ...]] = {
    "site_id": (
        "site_id",
        "ma_tram",
        "id",
        "code",
        "ma",
        "site_code",
        "cell_id",
        "ma_so",
        "matram",
    ),
    "village_id": ("village_id", "ma_ban", "ma_thon", "id", "code", "ma", "ma_so", "maban"),
    "name": (
        "name",
        "ten",
        "ten_tram",
        "site_name",
        "ten_ban",
        "ten_thon",
        "village",
        "village_name",
    ),
    "lon": ("lon", "lng", "long", "longitude", "kinh_do", "x_wgs84", "kinhdo"),
    "lat": ("lat", "latitude", "vi_do", "y_wgs84", "vido"),
    "x": ("x", "easting", "toa_do_x", "x_vn2000"),
    "y": ("y", "northing", "toa_do_y", "y_vn2000"),
    "tech": ("tech", "technology", "technologies", "cong_nghe", "congnghe", "he_thong", "rat"),
    "operator": ("operator", "nha_mang", "nhamang", "doanh_nghiep", "carrier", "network"),
    "height": (
        "height",
        "antenna_height",
        "antenna_height_m",
        "do_cao_anten",
        "do_cao_anten_m",
        "chieu_cao_anten",
        "do_cao_cot",
        "height_m",
    ),
    "azimuth": ("azimuth", "goc_phuong_vi", "azimuths", "huong_anten", "phuong_vi"),
    "beamwidth": ("beamwidth", "beam_width", "do_rong_bup_song", "bup_song", "hbw"),
    "radius_km": ("radius_km", "radius", "ban_kinh", "ban_kinh_km", "ban_kinh_phu_song"),
    "address": ("address", "dia_chi", "diachi"),
    "tx_power": ("tx_power_dbm", "tx_power", "cong_suat_phat", "cong_suat_phat_dbm", "cong_suat"),
    "antenna_gain": ("antenna_gain_dbi", "antenna_gain", "tang_ich_anten", "do_loi_anten", "gain"),
    "feeder_loss": ("feeder_loss_db", "feeder_loss", "suy_hao_feeder", "suy_hao_cap", "cable_loss"),
    # Antenna downtilt (terrain model): total, or electrical and mechanical apart.
    "downtilt": ("downtilt_deg", "downtilt", "tilt", "goc_ngang", "goc_nghieng", "total_tilt"),
    "electrical_tilt": ("electrical_tilt_deg", "electrical_tilt", "etilt", "e_tilt"),
    "mechanical_tilt": ("mechanical_tilt_deg", "mechanical_tilt", "mtilt", "m_tilt"),
    "population": ("population", "pop", "dan_so", "danso", "so_dan", "nhan_khau", "pop_2019"),
    "commune_id": ("commune_id", "ma_xa", "maxa", "commune_code", "xa_id", "id", "code", "ma"),
    "commune_name": ("commune_name", "ten_xa", "commune_vn", "commune", "xa", "name", "ten"),
    "district": ("district", "district_vn", "huyen", "ten_huyen", "district_name"),
    "province": ("province", "province_vn", "tinh", "ten_tinh"),
    # Candidate sites of an investment plan (coverage_planner.planning).
    "candidate_kind": ("kind", "loai", "loai_tram", "hinh_thuc", "hinh_thuc_dau_tu", "type"),
    "cost_vnd": (
        "cost_vnd",
        "cost",
        "chi_phi",
        "chi_phi_vnd",
        "kinh_phi",
        "du_toan",
        "tong_muc_dau_tu",
    ),
}


def column_key(name: object) -> str:
    """The matching key of a column name: ``"Độ cao anten (m)"`` → ``"do_cao_anten_m"``."""
    text = unicodedata.normalize("NFKD", str(name).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def match_columns(
    columns: Iterable[object],
    roles: Iterable[str],
    *,
    overrides: Mapping[str, str] | None = None,
    source: str = "the file",
) -> dict[str, str]:
    """Find the column that plays each role.

    Parameters
    ----------
    columns
        The file's column names.
    roles
        Roles wanted (keys of :data:`ALIASES`).
    overrides
        ``{role: column}`` chosen by the user; they win over the aliases.
    source
        The file's name, for error messages.

    Returns
    -------
    dict
        ``{role: column}`` for each role found; roles not found are absent.
    """
    columns = [c for c in columns if str(c) != "geometry"]
    by_key: dict[str, str] = {}
    for col in columns:
        by_key.setdefault(column_key(col), str(col))
    found: dict[str, str] = {}
    used: set[str] = set()
    for role, col in (overrides or {}).items():
        if not col:
            continue
        if col not in map(str, columns):
            raise InputFileError(
                key="error.mapped_column_missing",
                file=source,
                column=repr(col),
                role=repr(role),
                columns=", ".join(map(str, columns)),
            )
        found[role] = col
        used.add(col)
    for role in roles:
        if role in found:
            continue
        for alias in ALIASES.get(role, (role,)):
            col = by_key.get(alias)
            if col is not None and col not in used:
                found[role] = col
                used.add(col)
                break
    return found


def require_columns(
    found: Mapping[str, str], required: Iterable[str], *, columns: Iterable[object], source: str
) -> None:
    """Raise a clear error naming the missing roles and the columns the file has."""
    missing = [r for r in required if r not in found]
    if missing:
        from coverage_planner.io.messages import Phrase

        examples = [(r, ", ".join(ALIASES.get(r, (r,))[:4])) for r in missing]
        names = Phrase(
            ", ".join(f"{r} (e.g. {e})" for r, e in examples),
            ", ".join(f"{r} (ví dụ {e})" for r, e in examples),
        )
        cols = ", ".join(str(c) for c in columns if str(c) != "geometry")
        raise MissingColumnError(
            key="error.missing_column",
            file=source,
            roles=names,
            columns=Phrase(cols or "none", cols or "không có"),
        )
