"""The catalogue of bad inputs: small seeded files as provinces really send them, each with
the outcome a planner must see (an error that names the file, a finding, or a repaired
result equal to the clean run). ``tests/io/test_catalogue.py`` runs every case through the
``check`` command; the README's table of checks lists them (``CASES``)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import rasterio
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin

from tests.io.helpers import (
    X0,
    Y0,
    communes_utm,
    encode_cp1258,
    recode_dbf,
    site_rows,
    villages_utm,
)

# Hand-typed legacy bytes of known names (from the TCVN3 and VNI-Windows tables, not from
# the converter under test).
TCVN3 = {
    "Mường Tè": b"M\xad\xeang T\xcc",
    "Sìn Hồ": b"S\xd7n H\xe5",
    "Phong Thổ": b"Phong Th\xe6",
    "Nậm Nhùn": b"N\xcbm Nh\xefn",
    "Lai Châu": b"Lai Ch\xa9u",
    "Xã Mường Tè": b"X\xb7 M\xad\xeang T\xcc",
    "Xã Sìn Hồ": b"X\xb7 S\xd7n H\xe5",
    "Thị trấn Phong Thổ": b"Th\xde tr\xcan Phong Th\xe6",
    "Kinh độ": b"Kinh \xae\xe9",
    "Vĩ độ": b"V\xdc \xae\xe9",
}
VNI = {
    "Mường Tè": "Möôøng Teø".encode("latin1"),
    "Sìn Hồ": "Sìn Hoà".encode("latin1"),
    "Phong Thổ": "Phong Thoå".encode("latin1"),
    "Nậm Nhùn": "Naäm Nhuøn".encode("latin1"),
    "Lai Châu": "Lai Chaâu".encode("latin1"),
    "Xã Mường Tè": "Xaõ Möôøng Teø".encode("latin1"),
    "Xã Sìn Hồ": "Xaõ Sìn Hoà".encode("latin1"),
    "Thị trấn Phong Thổ": "Thò traán Phong Thoå".encode("latin1"),
}
SITE_NAMES = ["Mường Tè", "Sìn Hồ", "Nậm Nhùn"]


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and what the planner must see."""

    id: str
    what: str
    build: Callable[[Path], list[str]]  # writes files into a folder, returns extra CLI args
    outcome: str  # "error": exit 2 + message; "finding": exit 0 + finding; "clean": = clean run
    texts: tuple[str, ...] = ()  # in the message / the findings (case-insensitive)
    sites: int | None = None  # number of sites read, where it matters
    names: tuple[str, ...] = field(default=())  # site or commune names that must come out


CASES: list[Case] = []


def case(id: str, what: str, outcome: str, *texts: str, sites=None, names=()):
    def register(build):
        CASES.append(Case(id, what, build, outcome, texts, sites, tuple(names)))
        return build

    return register


# --- the clean study, and ways to spoil it ----------------------------------------------


def write_study(folder: Path, sites: pd.DataFrame | None = None) -> None:
    communes_utm().to_file(folder / "communes.gpkg")
    villages_utm().to_file(folder / "villages.gpkg")
    (sites if sites is not None else site_rows()).to_csv(
        folder / "sites.csv", index=False, encoding="utf-8-sig"
    )


def files(folder: Path, **override: str | Path) -> list[str]:
    paths = {
        "communes": folder / "communes.gpkg",
        "villages": folder / "villages.gpkg",
        "sites": folder / "sites.csv",
    } | {k: Path(v) for k, v in override.items()}
    return [a for k, v in paths.items() for a in (f"--{k}", str(v))]


def with_sites(folder: Path, frame: pd.DataFrame, *extra: str, name="sites.csv") -> list[str]:
    write_study(folder)
    frame.to_csv(folder / name, index=False, encoding="utf-8-sig")
    return [*files(folder, sites=folder / name), *extra]


def spoilt(column: str, values: list, folder: Path, *extra: str) -> list[str]:
    frame = site_rows().astype(object)
    frame[column] = values
    return with_sites(folder, frame, *extra)


def ascii_sites() -> pd.DataFrame:
    frame = site_rows()
    frame.columns = ["code", "name", "lon", "lat", "tech", "operator", "height"]
    frame["name"] = SITE_NAMES
    return frame


def legacy_csv(folder: Path, table: dict[str, bytes]) -> list[str]:
    write_study(folder)
    frame = ascii_sites()
    lines = [b"code,name,lon,lat,tech"]
    for _, r in frame.iterrows():
        lines.append(
            b",".join(
                [r["code"].encode(), table[r["name"]], str(r.lon).encode(), str(r.lat).encode()]
                + [r["tech"].replace(",", " ").encode()]
            )
        )
    (folder / "sites.csv").write_bytes(b"\r\n".join(lines) + b"\r\n")
    return files(folder)


def legacy_font_text(raw: bytes) -> str:
    """What Excel holds for text typed with a .Vn or VNI font: the bytes as Latin-1 letters."""
    return raw.decode("latin1")


def utm_of(lon, lat, epsg=3405):
    return Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)


def shapefile(folder: Path, *, encode=None, cpg: str | None = None, prj=True, name="xa") -> Path:
    pyogrio.write_dataframe(communes_utm(), folder / f"{name}.shp", encoding="utf-8")
    (folder / f"{name}.cpg").unlink(missing_ok=True)
    if encode is not None:
        dbf = folder / f"{name}.dbf"
        dbf.write_bytes(recode_dbf(dbf.read_bytes(), encode))
    if cpg is not None:
        (folder / f"{name}.cpg").write_text(cpg, encoding="ascii")
    if not prj:
        (folder / f"{name}.prj").unlink()
    return folder / f"{name}.shp"


def dem(folder: Path, *, name="dem.tif", shift=0.0, nodata_hole=False, crs="EPSG:32648", **kw):
    rng = np.random.default_rng(7)
    data = rng.uniform(300, 1500, (300, 400)).astype("float32")
    if nodata_hole:
        data[100:200, 100:200] = -9999
    profile = {
        "driver": "GTiff",
        "width": 400,
        "height": 300,
        "count": 1,
        "dtype": "float32",
        "transform": from_origin(X0 - 5000 + shift, Y0 + 15_000, 100, 100),
        "nodata": -9999,
        "tiled": True,
        "blockxsize": 128,
        "blockysize": 128,
        "compress": "deflate",
    } | kw
    if crs:
        profile["crs"] = crs
    with rasterio.open(folder / name, "w", **profile) as dst:
        dst.write(data, 1)
    return folder / name


# --- coordinates ---------------------------------------------------------------------


@case("swapped-all", "latitude and longitude swapped in every row", "clean", "swapped back")
def _(f):
    frame = site_rows()
    frame[["Kinh độ", "Vĩ độ"]] = frame[["Vĩ độ", "Kinh độ"]].to_numpy()
    return with_sites(f, frame)


@case("swapped-one", "latitude and longitude swapped in one row", "clean", "swapped back", "row")
def _(f):
    frame = site_rows()
    lon, lat = frame.loc[1, "Kinh độ"], frame.loc[1, "Vĩ độ"]
    frame.loc[1, "Kinh độ"], frame.loc[1, "Vĩ độ"] = lat, lon
    return with_sites(f, frame)


@case("decimal-comma", "decimal commas (22,3951)", "clean", "decimal commas")
def _(f):
    frame = site_rows().astype(object)
    for c in ("Kinh độ", "Vĩ độ"):
        frame[c] = [str(v).replace(".", ",") for v in site_rows()[c]]
    return with_sites(f, frame)


def _dms(value: float, words=("°", "'", '"'), comma=False, suffix="") -> str:
    deg = int(value)
    minutes = (value - deg) * 60
    m = int(minutes)
    sec = f"{(minutes - m) * 60:.4f}"
    if comma:
        sec = sec.replace(".", ",")
    return f"{deg}{words[0]}{m}{words[1]}{sec}{words[2]}{suffix}"


@case("dms-symbols", "degrees-minutes-seconds with ° ' \"", "clean", "degrees-minutes-seconds")
def _(f):
    frame = site_rows().astype(object)
    frame["Kinh độ"] = [_dms(v, suffix="E") for v in site_rows()["Kinh độ"]]
    frame["Vĩ độ"] = [_dms(v, suffix="N") for v in site_rows()["Vĩ độ"]]
    return with_sites(f, frame)


@case("dms-words", "degrees in Vietnamese words: 22 độ 23 phút 45,67 giây", "clean", "degrees")
def _(f):
    frame = site_rows().astype(object)
    words = (" độ ", " phút ", " giây")
    for c in ("Kinh độ", "Vĩ độ"):
        frame[c] = [_dms(v, words, comma=True) for v in site_rows()[c]]
    return with_sites(f, frame)


@case("dms-words-capitals", "DMS words in capitals and a hemisphere: 22 ĐỘ 23 PHÚT … BẮC", "clean")
def _(f):
    frame = site_rows().astype(object)
    words = (" ĐỘ ", " PHÚT ", " GIÂY")
    frame["Kinh độ"] = [_dms(v, words, suffix=" Đông") for v in site_rows()["Kinh độ"]]
    frame["Vĩ độ"] = [_dms(v, words, suffix=" Bắc") for v in site_rows()["Vĩ độ"]]
    return with_sites(f, frame)


@case(
    "all-unreadable", "every coordinate unreadable", "error", "no row has coordinates", "sites.csv"
)
def _(f):
    return spoilt("Kinh độ", ["x", "y", "z"], f)


@case("inf", "a coordinate 'inf'", "finding", "unreadable", "row 3", sites=2)
def _(f):
    return spoilt("Kinh độ", [site_rows()["Kinh độ"][0], "inf", site_rows()["Kinh độ"][2]], f)


@case("1e309", "a coordinate 1e309 (infinite once read)", "finding", "unreadable", sites=2)
def _(f):
    return spoilt("Vĩ độ", ["1e309", *site_rows()["Vĩ độ"][1:]], f)


@case("lat-95", "latitude 95", "finding", "out of range", sites=2)
def _(f):
    return spoilt("Vĩ độ", [95, *site_rows()["Vĩ độ"][1:]], f)


@case("lon-200", "longitude 200", "finding", "out of range", sites=2)
def _(f):
    return spoilt("Kinh độ", [200, *site_rows()["Kinh độ"][1:]], f)


@case("999-999", "a row A3,999,999,4G (issue 11)", "finding", "out of range", sites=2)
def _(f):
    frame = site_rows().astype(object)
    frame.loc[2, ["Kinh độ", "Vĩ độ"]] = [999, 999]
    return with_sites(f, frame)


@case("empty-coordinate", "an empty coordinate cell", "finding", "missing or unreadable", sites=2)
def _(f):
    return spoilt("Vĩ độ", ["", *site_rows()["Vĩ độ"][1:]], f)


@case("mixed-separators", "decimal points and commas mixed in a column", "clean", "decimal commas")
def _(f):
    frame = site_rows().astype(object)
    frame.loc[0, "Vĩ độ"] = str(site_rows().loc[0, "Vĩ độ"]).replace(".", ",")
    return with_sites(f, frame)


def _projected_sites(f, *, swap=False, epsg=3405, extra=()):
    frame = site_rows()
    x, y = utm_of(frame["Kinh độ"].to_numpy(), frame["Vĩ độ"].to_numpy(), epsg)
    out = frame.drop(columns=["Kinh độ", "Vĩ độ"])
    out["X"], out["Y"] = (
        (np.round(y, 2), np.round(x, 2)) if swap else (np.round(x, 2), np.round(y, 2))
    )
    return with_sites(f, out, *extra)


@case("vn2000-xy", "VN-2000 / UTM 48N x/y table, CRS given for the sites", "clean")
def _(f):
    return _projected_sites(f, extra=("--crs", "sites=EPSG:3405"))


@case(
    "vn2000-northing-x",
    "VN-2000 table with the northing in X (cadastral habit)",
    "clean",
    "x and y are swapped",
)
def _(f):
    return _projected_sites(f, swap=True, extra=("--crs", "sites=EPSG:3405"))


@case("vn2000-northing-x-default", "northing in X, CRS as the global default", "clean", "swapped")
def _(f):
    return _projected_sites(f, swap=True, extra=("--crs", "EPSG:3405"))


@case("xy-without-crs", "x/y metres and no CRS anywhere", "error", "--crs sites=", "not degrees")
def _(f):
    return _projected_sites(f)


@case(
    "default-crs-lonlat",
    "global --crs EPSG:3405 beside a GPS lon/lat list (README example)",
    "clean",
    "does not fit",
)
def _(f):
    write_study(f)
    return [*files(f), "--crs", "EPSG:3405"]


@case(
    "layer-crs-contradicts",
    "--crs sites=EPSG:3405 for a lon/lat list",
    "error",
    "cannot hold its coordinates",
    "epsg:4326",
)
def _(f):
    write_study(f)
    return [*files(f), "--crs", "sites=EPSG:3405"]


@case("layer-crs-right", "--crs sites=EPSG:4326 for a lon/lat list", "clean")
def _(f):
    write_study(f)
    return [*files(f), "--crs", "sites=EPSG:4326"]


@case("crs-twice", "--crs given twice without a layer", "error", "twice")
def _(f):
    write_study(f)
    return [*files(f), "--crs", "EPSG:3405", "--crs", "EPSG:4326"]


@case("crs-unknown-layer-file", "--crs for a layer that has no file", "error", "no backbone file")
def _(f):
    write_study(f)
    return [*files(f), "--crs", "backbone=EPSG:4326"]


@case("crs-not-a-crs", "--crs sites=EPSG:99999", "error", "not a coordinate reference system")
def _(f):
    write_study(f)
    return [*files(f), "--crs", "sites=EPSG:99999"]


@case(
    "sites-elsewhere",
    "a site list of another province (5° away)",
    "error",
    "far outside",
    "sites.csv",
)
def _(f):
    frame = site_rows()
    frame["Kinh độ"] += 5
    return with_sites(f, frame)


@case("sites-mostly-elsewhere", "two sites of three far away", "error", "2 of 3 sites")
def _(f):
    frame = site_rows()
    frame.loc[1:, "Vĩ độ"] -= 10
    return with_sites(f, frame)


@case("site-in-sea", "one site of three outside the province", "finding", "outside every commune")
def _(f):
    frame = site_rows()
    frame.loc[2, "Kinh độ"] += 0.3
    return with_sites(f, frame)


@case("villages-elsewhere", "villages of another province", "error", "far outside", "villages.gpkg")
def _(f):
    write_study(f)
    v = villages_utm()
    v["geometry"] = v.geometry.translate(600_000, 0)
    v.to_file(f / "villages.gpkg")
    return files(f)


@case(
    "villages-wrong-crs",
    "villages in VN-2000 / UTM 48N, communes in WGS 84 / UTM 48N",
    "clean",
    "reprojected",
)
def _(f):
    write_study(f)
    villages_utm().to_crs(3405).to_file(f / "villages.gpkg")
    return files(f)


# --- CSV dialects and table shape --------------------------------------------------------


def _dialect(f, sep):
    write_study(f)
    site_rows().to_csv(f / "sites.csv", index=False, sep=sep, encoding="utf-8")
    return files(f)


@case("semicolon", "semicolon-separated CSV (Excel in a comma-decimal locale)", "clean")
def _(f):
    return _dialect(f, ";")


@case("tab", "tab-separated text", "clean")
def _(f):
    return _dialect(f, "\t")


@case("bar", "bar-separated text", "clean")
def _(f):
    return _dialect(f, "|")


@case("no-bom", "UTF-8 without BOM", "clean")
def _(f):
    return _dialect(f, ",")


@case("crlf-quoted", "Windows line ends and quoted cells", "clean")
def _(f):
    write_study(f)
    site_rows().to_csv(f / "sites.csv", index=False, quoting=1, lineterminator="\r\n")
    return files(f)


@case("empty-csv", "an empty CSV file", "error", "empty")
def _(f):
    write_study(f)
    (f / "sites.csv").write_bytes(b"")
    return files(f)


@case("header-only", "a CSV with only its header", "error", "no row")
def _(f):
    write_study(f)
    (f / "sites.csv").write_text("Mã trạm,Kinh độ,Vĩ độ,Công nghệ\n", encoding="utf-8")
    return files(f)


@case("no-tech-column", "no technology column", "error", "tech", "Mã trạm")
def _(f):
    return with_sites(f, site_rows().drop(columns=["Công nghệ"]))


@case("no-coordinates", "no coordinate columns", "error", "lon", "sites.csv")
def _(f):
    return with_sites(f, site_rows().drop(columns=["Kinh độ", "Vĩ độ"]))


@case("empty-tech", "an empty technology cell", "finding", "no technology")
def _(f):
    return spoilt("Công nghệ", ["2G/3G/4G", "", "LTE"], f)


@case("odd-tech", "a technology word not understood (WiMAX)", "finding", "not understood", "wimax")
def _(f):
    return spoilt("Công nghệ", ["2G/3G/4G", "WiMAX", "LTE"], f)


@case("map-without-equals", "--map without ROLE=COLUMN", "error", "role=column")
def _(f):
    write_study(f)
    return [*files(f), "--map", "KD"]


@case("map-unknown-column", "--map to a column that is not there", "error", "kd")
def _(f):
    write_study(f)
    return [*files(f), "--map", "lon=KD"]


# --- value checks ---------------------------------------------------------------------


@case("radius-negative", "radius -3", "finding", "radius_km", "outside", "row 2")
def _(f):
    return spoilt("radius_km", [-3, 2, 2], f)


@case("radius-zero", "radius 0", "finding", "radius_km", "outside")
def _(f):
    return spoilt("radius_km", [0, 2, 2], f)


@case("radius-word", "radius 'ba km'", "finding", "not numbers", "ba km")
def _(f):
    return spoilt("radius_km", ["ba km", 2, 2], f)


@case("radius-metres", "radius 500 in a km column", "finding", "metres")
def _(f):
    return spoilt("radius_km", [500, 2, 2], f)


@case(
    "radius-4g-word", "per-technology radius with a word", "finding", "ban_kinh_4g", "not numbers"
)
def _(f):
    return spoilt("ban_kinh_4g", ["xa", 2, 2], f)


@case("height-zero", "antenna height 0", "finding", "độ cao anten", "outside")
def _(f):
    return spoilt("Độ cao anten (m)", [0, 30, 30], f)


@case(
    "height-altitude",
    "antenna height 1,850 (altitude above sea level)",
    "finding",
    "above sea level",
)
def _(f):
    return spoilt("Độ cao anten (m)", [1850, 30, 30], f)


@case("azimuth-400", "azimuth 400", "finding", "azimuth", "not angles")
def _(f):
    return spoilt("Góc phương vị", ["0/120/240", "400", ""], f)


@case("azimuth-word", "azimuth 'bắc'", "finding", "azimuth")
def _(f):
    return spoilt("Góc phương vị", ["bắc", "120", ""], f)


@case("power-watts", "transmit power 500 in a dBm column", "finding", "tx_power", "watts")
def _(f):
    return spoilt("tx_power_dbm", [500, 43, 43], f)


@case("gain-word", "antenna gain 'cao'", "finding", "not numbers")
def _(f):
    return spoilt("antenna_gain_dbi", ["cao", 17, 17], f)


@case("beamwidth-zero", "beamwidth 0", "finding", "beamwidth", "outside")
def _(f):
    return spoilt("beamwidth", [0, 65, 65], f)


@case(
    "duplicate-identical", "one site listed twice identically", "finding", "listed twice", sites=3
)
def _(f):
    frame = site_rows()
    return with_sites(f, pd.concat([frame, frame.iloc[[0]]]))


@case("duplicate-code-elsewhere", "one code at two places", "finding", "different places", sites=3)
def _(f):
    frame = site_rows()
    frame.loc[1, "Mã trạm"] = frame.loc[0, "Mã trạm"]
    return with_sites(f, frame)


@case("sector-rows", "a row per sector of one site", "finding", "several rows", sites=3)
def _(f):
    frame = site_rows().astype(object)
    frame["Góc phương vị"] = ["0", "", ""]
    extra = frame.iloc[[0]].copy()
    extra["Góc phương vị"] = "120"
    return with_sites(f, pd.concat([frame, extra]))


# --- workbooks ----------------------------------------------------------------------------


def _book(f, sheets: dict[str, pd.DataFrame]):
    write_study(f)
    with pd.ExcelWriter(f / "sites.xlsx") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return files(f, sites=f / "sites.xlsx")


@case(
    "sheet-per-operator",
    "a workbook with one sheet per operator",
    "finding",
    "3 sheets with the same columns",
    sites=3,
)
def _(f):
    rows = site_rows()
    return _book(f, {op: rows[rows["Nhà mạng"] == op] for op in rows["Nhà mạng"]})


@case(
    "sheets-other-columns",
    "a second sheet with other columns",
    "finding",
    "other columns",
    "ghi chú",
    sites=3,
)
def _(f):
    return _book(f, {"Trạm": site_rows(), "Ghi chú": pd.DataFrame({"ghi chú": ["x"]})})


@case(
    "sheet-reordered",
    "sheets with the same columns in another order",
    "finding",
    "same columns",
    sites=3,
)
def _(f):
    rows = site_rows()
    return _book(f, {"A": rows.iloc[:2], "B": rows.iloc[2:][list(reversed(rows.columns))]})


@case("first-sheet-empty", "an empty first sheet", "clean", sites=3)
def _(f):
    return _book(f, {"Trống": pd.DataFrame(), "Trạm": site_rows()})


@case("xlsx-damaged", "a damaged .xlsx", "error", "cannot be read as an excel workbook")
def _(f):
    write_study(f)
    (f / "sites.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return files(f, sites=f / "sites.xlsx")


@case(
    "xlsx-tcvn3-font",
    "a workbook typed with a .Vn (TCVN3) font",
    "finding",
    "tcvn3",
    "converted",
    names=SITE_NAMES,
)
def _(f):
    frame = ascii_sites()
    frame["name"] = [legacy_font_text(TCVN3[n]) for n in SITE_NAMES]
    write_study(f)
    frame.to_excel(f / "sites.xlsx", index=False)
    return files(f, sites=f / "sites.xlsx")


@case(
    "xlsx-vni-font",
    "a workbook typed with a VNI font",
    "finding",
    "vni",
    "converted",
    names=SITE_NAMES,
)
def _(f):
    frame = ascii_sites()
    frame["name"] = [legacy_font_text(VNI[n]) for n in SITE_NAMES]
    write_study(f)
    frame.to_excel(f / "sites.xlsx", index=False)
    return files(f, sites=f / "sites.xlsx")


# --- files and folders --------------------------------------------------------------------


@case("sites-folder", "a folder given as the site list", "error", "is a folder")
def _(f):
    write_study(f)
    (f / "bts").mkdir()
    return files(f, sites=f / "bts")


@case("communes-folder", "a folder given as the communes", "error", "is a folder")
def _(f):
    write_study(f)
    (f / "xa").mkdir()
    return files(f, communes=f / "xa")


@case("missing-file", "a file that does not exist", "error", "does not exist")
def _(f):
    write_study(f)
    return files(f, sites=f / "tram.csv")


@case("word-file", "a .docx given as the site list", "error", "not a format")
def _(f):
    write_study(f)
    (f / "sites.docx").write_bytes(b"PK")
    return files(f, sites=f / "sites.docx")


@case("gpkg-not-gpkg", "a text file named .gpkg", "error", "communes.gpkg")
def _(f):
    write_study(f)
    (f / "communes.gpkg").write_text("not a database", encoding="utf-8")
    return files(f)


# --- encodings ----------------------------------------------------------------------------


@case("csv-cp1258", "CSV in Windows-1258", "finding", "cp1258", "converted", names=SITE_NAMES)
def _(f):
    return legacy_csv(f, {n: encode_cp1258(n) for n in SITE_NAMES})


@case("csv-tcvn3", "CSV in TCVN3 (ABC)", "finding", "tcvn3", "converted", names=SITE_NAMES)
def _(f):
    return legacy_csv(f, TCVN3)


@case("csv-vni", "CSV in VNI-Windows", "finding", "vni", "converted", names=SITE_NAMES)
def _(f):
    return legacy_csv(f, VNI)


@case("csv-tcvn3-headers", "TCVN3 column headers (Kinh độ, Vĩ độ)", "finding", "tcvn3", sites=3)
def _(f):
    write_study(f)
    frame = ascii_sites()
    head = b"code,name," + TCVN3["Kinh độ"] + b"," + TCVN3["Vĩ độ"] + b",tech"
    body = [
        f"{r.code},{r['name']},{r.lon},{r.lat},{r.tech.replace(',', ' ')}".encode()
        for _, r in frame.assign(name=["a", "b", "c"]).iterrows()
    ]
    (f / "sites.csv").write_bytes(b"\n".join([head, *body]) + b"\n")
    return files(f)


@case(
    "csv-mojibake-tcvn3", "UTF-8 CSV holding TCVN3-font text", "finding", "tcvn3", names=SITE_NAMES
)
def _(f):
    frame = ascii_sites()
    frame["name"] = [legacy_font_text(TCVN3[n]) for n in SITE_NAMES]
    return with_sites(f, frame)


@case("csv-gbk", "CSV in a non-Vietnamese encoding (GBK)", "error", "not utf-8", "encoding")
def _(f):
    write_study(f)
    frame = ascii_sites()
    frame["name"] = ["北京", "上海", "广州"]
    (f / "sites.csv").write_bytes(frame.to_csv(index=False).encode("gbk"))
    return files(f)


@case("encoding-for-layer", "--encoding sites=cp1258", "clean", names=SITE_NAMES)
def _(f):
    return [*legacy_csv(f, {n: encode_cp1258(n) for n in SITE_NAMES}), "--encoding", "sites=cp1258"]


@case(
    "encoding-global-gpkg",
    "a global --encoding beside UTF-8 GeoPackages",
    "clean",
    names=SITE_NAMES,
)
def _(f):
    return [*legacy_csv(f, {n: encode_cp1258(n) for n in SITE_NAMES}), "--encoding", "cp1258"]


@case("encoding-tcvn3-given", "--encoding sites=tcvn3", "clean", names=SITE_NAMES)
def _(f):
    return [*legacy_csv(f, TCVN3), "--encoding", "sites=tcvn3"]


@case("encoding-unknown", "--encoding sites=klingon", "error", "not a text encoding")
def _(f):
    write_study(f)
    return [*files(f), "--encoding", "sites=klingon"]


@case("escaped-unicode", "text stored as \\u00e0 escapes", "finding", "escaped")
def _(f):
    write_study(f)
    c = communes_utm()
    c["ten_xa"] = ["X\\u00e3 A", "B", "C"]
    c.to_file(f / "communes.gpkg")
    return files(f)


# --- shapefiles -----------------------------------------------------------------------------


def _shp(f, **kw):
    write_study(f)
    return files(f, communes=shapefile(f, **kw))


@case("cpg-1258", "shapefile .cpg saying 1258", "clean", names=communes_utm()["ten_xa"].tolist())
def _(f):
    return _shp(f, encode=encode_cp1258, cpg="1258")


@case(
    "cpg-CP1258", "shapefile .cpg saying CP1258", "clean", names=communes_utm()["ten_xa"].tolist()
)
def _(f):
    return _shp(f, encode=encode_cp1258, cpg="CP1258")


@case("cpg-utf8", "shapefile .cpg saying UTF-8", "clean", names=communes_utm()["ten_xa"].tolist())
def _(f):
    return _shp(f, cpg="UTF-8")


@case(
    "dbf-cp1258-no-cpg",
    "DBF in Windows-1258 without .cpg",
    "finding",
    "cp1258",
    names=communes_utm()["ten_xa"].tolist(),
)
def _(f):
    return _shp(f, encode=encode_cp1258)


@case(
    "dbf-tcvn3-no-cpg",
    "DBF in TCVN3 without .cpg",
    "finding",
    "tcvn3",
    names=communes_utm()["ten_xa"].tolist(),
)
def _(f):
    return _shp(f, encode=lambda t: TCVN3[t] if t in TCVN3 else t.encode())


@case(
    "dbf-vni-no-cpg",
    "DBF in VNI-Windows without .cpg",
    "finding",
    "vni",
    names=communes_utm()["ten_xa"].tolist(),
)
def _(f):
    return _shp(f, encode=lambda t: VNI[t] if t in VNI else t.encode())


@case("dbf-gbk-no-cpg", "DBF in GBK without .cpg", "error", "not utf-8", ".cpg")
def _(f):
    return _shp(f, encode=lambda t: "北京".encode("gbk"))


@case(
    "no-prj-metres",
    "shapefile without .prj, metres, no --crs",
    "error",
    "no coordinate reference system",
    "--crs",
)
def _(f):
    return _shp(f, prj=False)


@case("no-prj-layer-crs", "shapefile without .prj, --crs communes=EPSG:32648", "clean")
def _(f):
    return [*_shp(f, prj=False), "--crs", "communes=EPSG:32648"]


@case(
    "no-prj-default-crs",
    "shapefile without .prj, --crs EPSG:32648 as default beside a GPS list",
    "clean",
)
def _(f):
    return [*_shp(f, prj=False), "--crs", "EPSG:32648"]


@case(
    "no-prj-wrong-layer-crs",
    "shapefile without .prj, metres, told EPSG:4326",
    "error",
    "cannot hold",
)
def _(f):
    return [*_shp(f, prj=False), "--crs", "communes=EPSG:4326"]


@case("zip-shapefile", "a zipped shapefile", "clean")
def _(f):
    write_study(f)
    shp = shapefile(f, cpg="UTF-8")
    with zipfile.ZipFile(f / "xa.zip", "w") as zf:
        for side in f.glob("xa.*"):
            if side.suffix != ".zip":
                zf.write(side, side.name)
    return files(f, communes=f / "xa.zip") if shp else []


@case("zip-two-shapefiles", "a zip holding two shapefiles", "error", "several shapefiles")
def _(f):
    write_study(f)
    shapefile(f, name="a")
    shapefile(f, name="b")
    with zipfile.ZipFile(f / "xa.zip", "w") as zf:
        for side in [*f.glob("a.*"), *f.glob("b.*")]:
            zf.write(side, side.name)
    return files(f, communes=f / "xa.zip")


@case("zip-no-shapefile", "a zip with no shapefile", "error", "no shapefile")
def _(f):
    write_study(f)
    with zipfile.ZipFile(f / "xa.zip", "w") as zf:
        zf.writestr("readme.txt", "nothing")
    return files(f, communes=f / "xa.zip")


# --- geometry -----------------------------------------------------------------------------


def _communes(f, frame):
    write_study(f)
    frame.to_file(f / "communes.gpkg")
    return files(f)


@case("bowtie", "a self-intersecting commune", "finding", "make_valid")
def _(f):
    c = communes_utm()
    c.loc[0, "geometry"] = shapely.Polygon(
        [(X0, Y0), (X0 + 10_000, Y0 + 10_000), (X0 + 10_000, Y0), (X0, Y0 + 10_000)]
    )
    return _communes(f, c)


@case("no-geometry", "a commune without geometry", "finding", "no geometry")
def _(f):
    c = communes_utm()
    c.loc[1, "geometry"] = None
    return _communes(f, c)


@case("empty-layer", "an empty communes layer", "error", "empty")
def _(f):
    return _communes(f, communes_utm().iloc[:0])


@case("communes-points", "communes given as points", "error", "must hold polygons")
def _(f):
    c = communes_utm()
    c["geometry"] = c.geometry.centroid
    return _communes(f, c)


@case("village-across", "a village across two communes", "finding", "across communes")
def _(f):
    write_study(f)
    return files(f)


@case("duplicate-commune-ids", "two communes with one id", "finding", "repeated")
def _(f):
    c = communes_utm()
    c.loc[1, "ma_xa"] = "001"
    return _communes(f, c)


@case("negative-population", "a negative population", "finding", "negative population")
def _(f):
    write_study(f)
    v = villages_utm()
    v.loc[0, "dan_so"] = -5
    v.to_file(f / "villages.gpkg")
    return files(f)


# --- rasters (audit's --dem / --population go through check's loader too) ---------------------


@case(
    "dem-truncated",
    "a truncated DEM (download cut short)",
    "error",
    "damaged or incomplete",
    "dem.tif",
)
def _(f):
    write_study(f)
    path = dem(f)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return [*files(f), "--dem", str(path)]


@case("dem-elsewhere", "a DEM that does not overlap the communes", "error", "does not overlap")
def _(f):
    write_study(f)
    return [*files(f), "--dem", str(dem(f, shift=500_000))]


@case("dem-holes", "a DEM with nodata holes", "finding", "nodata", "filled")
def _(f):
    write_study(f)
    return [*files(f), "--dem", str(dem(f, nodata_hole=True))]


@case("dem-part", "a DEM covering part of the communes", "finding", "covers only")
def _(f):
    write_study(f)
    return [*files(f), "--dem", str(dem(f, shift=20_000))]


@case("dem-no-crs", "a DEM without CRS", "error", "no coordinate reference system")
def _(f):
    write_study(f)
    return [*files(f), "--dem", str(dem(f, crs=None))]


@case("dem-no-crs-given", "a DEM without CRS, --crs dem=EPSG:32648", "clean")
def _(f):
    write_study(f)
    return [*files(f), "--dem", str(dem(f, crs=None)), "--crs", "dem=EPSG:32648"]


@case(
    "population-text", "a text file named .tif as population", "error", "cannot be read as a raster"
)
def _(f):
    write_study(f)
    (f / "pop.tif").write_text("hello", encoding="utf-8")
    return [*files(f), "--population", str(f / "pop.tif")]


@case("dem-folder", "a folder given as the DEM", "error", "is a folder")
def _(f):
    write_study(f)
    (f / "dem").mkdir()
    return [*files(f), "--dem", str(f / "dem")]
