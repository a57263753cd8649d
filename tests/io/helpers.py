"""Small hand-built layers near Lai Châu (WGS 84 / UTM 48N) for loader tests."""

from __future__ import annotations

import itertools
import struct
import unicodedata

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Transformer

X0, Y0 = 320_000.0, 2_460_000.0
NAMES = ["Xã Mường Tè", "Xã Sìn Hồ", "Thị trấn Phong Thổ"]


def communes_utm() -> gpd.GeoDataFrame:
    boxes = [shapely.box(X0 + i * 10_000, Y0, X0 + (i + 1) * 10_000, Y0 + 10_000) for i in range(3)]
    return gpd.GeoDataFrame(
        {"ma_xa": ["001", "002", "003"], "ten_xa": NAMES, "dan_so": [1200, 800, 5000]},
        geometry=boxes,
        crs=32648,
    )


def villages_utm() -> gpd.GeoDataFrame:
    polys = [
        shapely.box(X0 + 1000, Y0 + 1000, X0 + 3000, Y0 + 3000),  # inside 001
        shapely.box(X0 + 9000, Y0 + 1000, X0 + 12000, Y0 + 3000),  # across 001 (1/3) and 002 (2/3)
        shapely.box(X0 + 40_000, Y0, X0 + 41_000, Y0 + 1000),  # outside every commune, nearest 003
    ]
    return gpd.GeoDataFrame(
        {
            "ma_ban": ["B1", "B2", "B3"],
            "ten_ban": ["Bản Nậm Nhùn", "Bản Pá Vây Sử", "Bản Hua Bum"],
            "dan_so": [300, 200, 100],
        },
        geometry=polys,
        crs=32648,
    )


def lonlat(x: float, y: float) -> tuple[float, float]:
    return Transformer.from_crs(32648, 4326, always_xy=True).transform(x, y)


def site_rows() -> pd.DataFrame:
    pts = [(X0 + 2000, Y0 + 2000), (X0 + 15_000, Y0 + 5000), (X0 + 25_000, Y0 + 5000)]
    lons, lats = zip(*(lonlat(x, y) for x, y in pts), strict=True)
    return pd.DataFrame(
        {
            "Mã trạm": ["LCU001", "LCU002", "LCU003"],
            "Tên trạm": ["Trạm Mường Tè", "Trạm Sìn Hồ", "Trạm Phong Thổ"],
            "Kinh độ": [round(v, 6) for v in lons],
            "Vĩ độ": [round(v, 6) for v in lats],
            "Công nghệ": ["2G/3G/4G", "GSM, UMTS", "LTE"],
            "Nhà mạng": ["Viettel", "VinaPhone", "MobiFone"],
            "Độ cao anten (m)": [30, 36, 42],
        }
    )


def encode_cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: precomposed where the code page has the letter
    (â, ơ, đ …), with combining tone marks otherwise, as Vietnamese Windows writes it."""
    out = bytearray()
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        for k in range(len(marks), -1, -1):
            for kept in itertools.combinations(range(len(marks)), k):
                rest = "".join(m for i, m in enumerate(marks) if i not in kept)
                head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in kept))
                try:
                    out += head.encode("cp1258") + rest.encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:
                continue
            break
        else:
            raise UnicodeEncodeError("cp1258", ch, 0, 1, "no encoding")
    return bytes(out)


def recode_dbf(dbf: bytes, encode) -> bytes:
    """A DBF with its UTF-8 character fields re-encoded (padded to the same width)."""
    n, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields, offset, pos = [], 1, 32
    while dbf[pos] != 0x0D:
        flen = dbf[pos + 16]
        if chr(dbf[pos + 11]) == "C":
            fields.append((offset, flen))
        offset += flen
        pos += 32
    data = bytearray(dbf)
    for r in range(n):
        start = header_len + r * record_len
        for off, flen in fields:
            raw = bytes(data[start + off : start + off + flen]).rstrip(b" ")
            new = encode(raw.decode("utf-8"))
            data[start + off : start + off + flen] = new.ljust(flen, b" ")
    return bytes(data)
