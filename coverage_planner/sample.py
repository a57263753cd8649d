"""The seeded generator of the bundled demo province in ``gis_data/``.

A fictional mountainous province of about 9,000 km², modelled on Lai Châu but not
Lai Châu: everything here (outline, terrain, communes, villages, sites, fibre) is
invented from a fixed seed, so ``coverage-planner demo-data`` rebuilds the files
byte for byte. Nothing is read from real data.

How it is made, in order:

1. an outline (a smooth random blob, elongated east-west) and rivers (a main river
   across the province and tributaries), all in WGS 84 / UTM zone 48N;
2. a 90 m DEM: fractal noise scaled to 300-3,000 m, carved by valleys along the
   rivers, so villages and roads sit at the bottom;
3. about 100 communes (Voronoi cells of seeds, clipped to the outline) grouped into
   8 districts (k-means of the seeds), with a provincial city of 5 wards;
4. about 1,100 villages: centres drawn preferring low ground, village polygons the
   Voronoi cells of those centres inside their commune; log-normal population;
5. about 1,800 BTS sites of four operators near villages, on the highest ground close
   by, with a technology mix (nearly all 2G, most 3G, fewer 4G), antenna heights and
   sector azimuths;
6. a fibre backbone along the valleys with access points in district towns and
   commune centres, and a population raster spread around the villages.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import rasterio
import shapely
from pyproj import CRS, Transformer
from rasterio.features import rasterize
from rasterio.transform import from_origin
from scipy import ndimage
from scipy.cluster.vq import kmeans2

from coverage_planner.io.writers import atomic_path, write_geotiff

SEED = 20190  # Lai Châu's 2019 report is the model
PROVINCE = "Mường Hoa (tỉnh mô phỏng)"
UTM48 = CRS.from_epsg(32648)
VN2000_UTM48 = CRS.from_epsg(3405)
CENTRE_LONLAT = (103.25, 22.30)
AREA_KM2 = 9000.0
DEM_RES = 90.0
POP_RES_DEG = 0.0025

FILES = (
    "communes.gpkg",
    "villages.gpkg",
    "bts_sites.csv",
    "backbone.gpkg",
    "dem.tif",
    "population.tif",
)

_ONSET = [
    "Nậm",
    "Mường",
    "Pá",
    "Pa",
    "Huổi",
    "Hua",
    "Na",
    "Sìn",
    "Phìn",
    "Tà",
    "Lả",
    "Ma",
    "Lùng",
    "Ho",
    "Chăn",
    "Nà",
    "Cang",
    "Sáng",
    "Tủa",
    "Chin",
    "Tả",
    "Khoang",
    "Thèn",
    "Sin",
    "Suối",
    "Lò",
    "Xà",
    "Dền",
    "Phù",
    "Mù",
    "Căn",
    "Vàng",
    "Bó",
    "Lếch",
    "Khum",
    "Pắc",
    "Bum",
    "Pú",
    "Nặm",
    "Hồng",
]
_CODA = [
    "Cuổi",
    "Chà",
    "Ban",
    "Hàng",
    "Manh",
    "Pì",
    "Mô",
    "Lư",
    "Tè",
    "Nhùn",
    "Hồ",
    "Thàng",
    "Khao",
    "Lụng",
    "Chải",
    "Sử",
    "Vây",
    "Tỉnh",
    "Giàng",
    "Cha",
    "Xá",
    "Ngài",
    "Dào",
    "Phin",
    "Tung",
    "Lay",
    "Củng",
    "Hưng",
    "Bon",
    "Sảo",
    "Pồ",
    "Mạ",
    "Kha",
    "Bó",
    "Đao",
    "Pao",
    "Chản",
    "Lầu",
    "Lìn",
    "Hoa",
]
_WARDS = ["Quyết Thắng", "Tân Phong", "Đoàn Kết", "Đông Phong", "Quyết Tiến", "Tân Hà", "Bình Minh"]
OPERATORS = [  # name, code prefix, share of sites, P(3G), P(4G | 3G)
    ("Viettel", "VTL", 0.42, 0.66, 0.82),
    ("VinaPhone", "VNP", 0.25, 0.55, 0.70),
    ("MobiFone", "MBF", 0.22, 0.52, 0.66),
    ("Vietnamobile", "VNM", 0.11, 0.38, 0.30),
]
N_SITES = 1800
N_COMMUNES = 100
N_DISTRICTS = 8
N_VILLAGES = 1100


@dataclass
class Terrain:
    dem: np.ndarray  # int16 metres
    transform: rasterio.Affine
    rivers: list[shapely.LineString]


def _name(rng: np.random.Generator, used: set[str]) -> str:
    for _ in range(1000):
        name = f"{rng.choice(_ONSET)} {rng.choice(_CODA)}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("out of names")


def _outline(rng: np.random.Generator, centre: tuple[float, float]) -> shapely.Polygon:
    theta = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    r = np.ones_like(theta)
    for k, amp in zip(range(2, 8), (0.10, 0.08, 0.06, 0.05, 0.03, 0.02), strict=True):
        r += amp * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    x, y = 1.45 * r * np.cos(theta), 0.8 * r * np.sin(theta)
    blob = shapely.Polygon(np.column_stack([x, y]))
    scale = np.sqrt(AREA_KM2 * 1e6 / blob.area)
    return shapely.Polygon(np.column_stack([centre[0] + x * scale, centre[1] + y * scale]))


def _meander(
    rng: np.random.Generator, start: np.ndarray, heading: float, length: float
) -> shapely.LineString:
    steps = int(length / 1000)
    turn = np.cumsum(rng.normal(0, 0.12, steps))
    turn = ndimage.gaussian_filter1d(turn, 3)
    ang = heading + turn - turn.mean() * 0.5
    pts = start + np.cumsum(np.column_stack([np.cos(ang), np.sin(ang)]) * 1000, axis=0)
    return shapely.LineString(np.vstack([start, pts]))


def _rivers(rng: np.random.Generator, outline: shapely.Polygon) -> list[shapely.LineString]:
    minx, miny, maxx, maxy = outline.bounds
    main = _meander(
        rng, np.array([minx - 5000, (miny + maxy) / 2 + 15000]), -0.2, (maxx - minx) + 20000
    )
    rivers = [main]
    for frac in np.linspace(0.08, 0.92, 9):
        start = np.array(main.interpolate(frac, normalized=True).coords[0])
        side = 1 if len(rivers) % 2 else -1
        heading = side * np.pi / 2 + rng.normal(0, 0.5)
        rivers.append(_meander(rng, start, heading, rng.uniform(25000, 50000)))
    return rivers


def _fractal(rng: np.random.Generator, shape: tuple[int, int], beta: float) -> np.ndarray:
    noise = rng.standard_normal(shape)
    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.rfftfreq(shape[1])[None, :]
    f = np.sqrt(fx**2 + fy**2)
    f[0, 0] = 1.0
    spectrum = np.fft.rfft2(noise) / f ** (beta / 2)
    spectrum[0, 0] = 0
    field = np.fft.irfft2(spectrum, s=shape)
    return (field - field.min()) / (field.max() - field.min())


def _terrain(
    rng: np.random.Generator, outline: shapely.Polygon, rivers: list[shapely.LineString]
) -> Terrain:
    minx, miny, maxx, maxy = outline.buffer(6000).bounds
    west, north = np.floor(minx / DEM_RES) * DEM_RES, np.ceil(maxy / DEM_RES) * DEM_RES
    width, height = int(np.ceil((maxx - west) / DEM_RES)), int(np.ceil((north - miny) / DEM_RES))
    transform = from_origin(west, north, DEM_RES, DEM_RES)
    relief = _fractal(rng, (height, width), 3.2)
    ridges = 1 - np.abs(2 * _fractal(rng, (height, width), 2.6) - 1)
    mountains = 0.65 * relief + 0.35 * ridges
    river_mask = rasterize(
        [(r, 1) for r in rivers],
        out_shape=(height, width),
        transform=transform,
        all_touched=True,
        dtype="uint8",
    )
    dist = ndimage.distance_transform_edt(river_mask == 0) * DEM_RES
    valley = 1 - np.exp(-((dist / 3500.0) ** 2))
    cols = np.arange(width)[None, :]
    floor = 250 + 350 * (cols / width)  # the valleys rise towards the east
    dem = floor + 2750 * mountains**1.3 * valley
    dem = ndimage.gaussian_filter(dem, 1.0)
    return Terrain(dem=np.round(dem).astype(np.int16), transform=transform, rivers=rivers)


def _communes(
    rng: np.random.Generator, outline: shapely.Polygon, terrain: Terrain
) -> gpd.GeoDataFrame:
    minx, miny, maxx, maxy = outline.bounds
    seeds: list[np.ndarray] = []
    while len(seeds) < N_COMMUNES:
        p = rng.uniform([minx, miny], [maxx, maxy])
        if outline.contains(shapely.Point(p)) and all(np.hypot(*(p - s)) > 6500 for s in seeds):
            seeds.append(p)
    pts = np.array(seeds)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=outline, ordered=True)
    )
    polys = shapely.intersection(cells, outline)
    _, labels = kmeans2(
        pts, N_DISTRICTS, seed=np.random.default_rng(rng.integers(1 << 31)), minit="++"
    )
    centre = np.array(outline.centroid.coords[0])
    d_centres = np.array([pts[labels == d].mean(axis=0) for d in range(N_DISTRICTS)])
    city = int(np.argmin(np.hypot(*(d_centres - centre).T)))
    used: set[str] = set()
    rows = []
    district_names = {d: _name(rng, used) for d in range(N_DISTRICTS)}
    for d in range(N_DISTRICTS):
        members = np.flatnonzero(labels == d)
        order = members[np.argsort(np.hypot(*(pts[members] - d_centres[d]).T))]
        for rank, i in enumerate(order):
            if d == city and rank < 5:
                kind, name = "Phường", _WARDS[rank]
            elif d != city and rank == 0:
                kind, name = "Thị trấn", district_names[d]
            else:
                kind, name = "Xã", _name(rng, used)
            rows.append(
                {
                    "seed": i,
                    "ma_huyen": f"{100 + d + 1:03d}",
                    "ten_huyen": ("Thành phố " if d == city else "Huyện ") + district_names[d],
                    "loai": kind,
                    "ten_xa": f"{kind} {name}",
                    "geometry": polys[i],
                }
            )
    gdf = gpd.GeoDataFrame(rows, crs=UTM48).sort_values(["ma_huyen", "seed"]).reset_index(drop=True)
    gdf.insert(0, "ma_xa", [f"0{3200 + i * 3 + 1:04d}" for i in range(len(gdf))])
    gdf["tinh"] = PROVINCE
    return gdf.drop(columns="seed")


def _cells_in(polys: np.ndarray, terrain: Terrain) -> np.ndarray:
    return rasterize(
        [(p, i + 1) for i, p in enumerate(polys)],
        out_shape=terrain.dem.shape,
        transform=terrain.transform,
        dtype="int32",
    )


def _villages(
    rng: np.random.Generator, communes: gpd.GeoDataFrame, terrain: Terrain
) -> gpd.GeoDataFrame:
    owner = _cells_in(communes.geometry.values, terrain)
    area = communes.geometry.area.to_numpy()
    counts = np.maximum(
        3, np.round(area / area.sum() * N_VILLAGES * rng.uniform(0.8, 1.2, len(area)))
    ).astype(int)
    rows = []
    used: set[str] = set()
    for c, commune in communes.iterrows():
        r, k = np.nonzero(owner == c + 1)
        h = terrain.dem[r, k].astype(float)
        weight = np.exp(-(h - h.min()) / 300.0)
        picks: list[np.ndarray] = []
        for i in rng.choice(
            len(r), size=min(len(r), counts[c] * 40), replace=False, p=weight / weight.sum()
        ):
            x, y = terrain.transform @ (k[i] + 0.5, r[i] + 0.5)
            p = np.array([x, y])
            if all(np.hypot(*(p - q)) > 900 for q in picks):
                picks.append(p)
            if len(picks) == counts[c]:
                break
        pts = np.array(picks)
        cells = shapely.get_parts(
            shapely.voronoi_polygons(
                shapely.multipoints(pts), extend_to=commune.geometry, ordered=True
            )
        )
        shapes = shapely.intersection(cells, commune.geometry)
        urban = commune["loai"] != "Xã"
        for j, (p, shape) in enumerate(zip(pts, shapes, strict=True)):
            if urban:
                name = f"Tổ dân phố số {j + 1}"
                pop = rng.lognormal(np.log(900), 0.35)
            else:
                name = f"{rng.choice(['Bản', 'Bản', 'Bản', 'Thôn'])} {_name(rng, used)}"
                pop = rng.lognormal(np.log(330), 0.6)
            rows.append(
                {
                    "ma_ban": f"{commune['ma_xa']}-{j + 1:02d}",
                    "ten_ban": name,
                    "ma_xa": commune["ma_xa"],
                    "dan_so": int(round(pop)),
                    "x_center": p[0],
                    "y_center": p[1],
                    "geometry": shape,
                }
            )
    return gpd.GeoDataFrame(rows, crs=UTM48)


def _sites(
    rng: np.random.Generator,
    villages: gpd.GeoDataFrame,
    communes: gpd.GeoDataFrame,
    terrain: Terrain,
    outline: shapely.Polygon,
) -> pd.DataFrame:
    centres = villages[["x_center", "y_center"]].to_numpy()
    weight = villages["dan_so"].to_numpy(float) ** 1.6
    inv = ~terrain.transform
    commune_of = dict(zip(communes["ma_xa"], communes["ten_xa"], strict=True))
    district_of = dict(zip(communes["ma_xa"], communes["ten_huyen"], strict=True))
    rows = []
    for name, prefix, share, p3g, p4g in OPERATORS:
        n = int(round(N_SITES * share))
        chosen = rng.choice(len(villages), size=n, replace=True, p=weight / weight.sum())
        for seq, v in enumerate(chosen, start=1):
            cand = np.vstack([centres[v], centres[v] + rng.normal(0, 900, (11, 2))])
            cols, rws = inv @ (cand[:, 0], cand[:, 1])
            rws = np.clip(rws.astype(int), 0, terrain.dem.shape[0] - 1)
            cols = np.clip(cols.astype(int), 0, terrain.dem.shape[1] - 1)
            heights = np.where(
                shapely.contains_xy(outline, cand[:, 0], cand[:, 1]), terrain.dem[rws, cols], -1
            )
            best = int(np.argmax(heights))
            x, y = cand[best]
            has3 = rng.random() < p3g
            has4 = has3 and rng.random() < p4g
            has2 = not has3 or rng.random() < 0.97
            tech = "/".join(t for t, ok in (("2G", has2), ("3G", has3), ("4G", has4)) if ok)
            if rng.random() < 0.15:  # a valley site: one or two sectors along the valley
                az0 = rng.uniform(0, 360)
                az = f"{az0:.0f}" if rng.random() < 0.4 else f"{az0:.0f}/{(az0 + 180) % 360:.0f}"
                beam = 90
            else:
                az0 = rng.uniform(0, 120)
                az = "/".join(f"{(az0 + k * 120) % 360:.0f}" for k in range(3))
                beam = 120
            village = villages.iloc[v]
            rows.append(
                {
                    "Mã trạm": f"{prefix}-MHA-{seq:04d}",
                    "Tên trạm": f"{village['ten_ban']} {seq}",
                    "x": x,
                    "y": y,
                    "Công nghệ": tech,
                    "Nhà mạng": name,
                    "Độ cao anten (m)": int(rng.choice([18, 21, 24, 27, 30, 36, 42])),
                    "Góc phương vị": az,
                    "Độ rộng búp sóng": beam,
                    "Địa chỉ": f"{village['ten_ban']}, {commune_of[village['ma_xa']]}, {district_of[village['ma_xa']]}",
                }
            )
    frame = pd.DataFrame(rows)
    lon, lat = Transformer.from_crs(UTM48, 4326, always_xy=True).transform(
        frame["x"].to_numpy(), frame["y"].to_numpy()
    )
    frame.insert(2, "Kinh độ", np.round(lon, 6))
    frame.insert(3, "Vĩ độ", np.round(lat, 6))
    return frame.drop(columns=["x", "y"])


def _backbone(
    rng: np.random.Generator,
    rivers: list[shapely.LineString],
    outline: shapely.Polygon,
    communes: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    inside = [g for r in rivers if not (g := shapely.intersection(r, outline)).is_empty]
    routes = gpd.GeoDataFrame(
        {
            "ten_tuyen": [f"Tuyến cáp quang trục {i + 1}" for i in range(len(inside))],
            "cap": ["trục tỉnh" if i == 0 else "nhánh huyện" for i in range(len(inside))],
            "geometry": inside,
        },
        crs=UTM48,
    )
    # Access points at the largest village of every town and of most communes.
    largest = (
        villages.sort_values("dan_so", ascending=False).drop_duplicates("ma_xa").set_index("ma_xa")
    )
    served = communes[(communes["loai"] != "Xã") | (rng.random(len(communes)) < 0.8)]
    centre = largest.loc[served["ma_xa"]]
    points = gpd.GeoDataFrame(
        {
            "ten_diem": ["Điểm truy nhập " + n for n in served["ten_xa"]],
            "ma_xa": served["ma_xa"].to_numpy(),
            "geometry": shapely.points(
                centre["x_center"].to_numpy(), centre["y_center"].to_numpy()
            ),
        },
        crs=UTM48,
    )
    return routes, points


def _population_raster(
    villages: gpd.GeoDataFrame, outline: shapely.Polygon
) -> tuple[np.ndarray, rasterio.Affine]:
    to_ll = Transformer.from_crs(UTM48, 4326, always_xy=True)
    minx, miny, maxx, maxy = outline.buffer(3000).bounds
    (w, e), (s, n) = to_ll.transform([minx, maxx], [miny, maxy])
    west, north = np.floor(w / POP_RES_DEG) * POP_RES_DEG, np.ceil(n / POP_RES_DEG) * POP_RES_DEG
    width, height = int(np.ceil((e - west) / POP_RES_DEG)), int(np.ceil((north - s) / POP_RES_DEG))
    lon, lat = to_ll.transform(villages["x_center"].to_numpy(), villages["y_center"].to_numpy())
    col = ((lon - west) / POP_RES_DEG).astype(int)
    row = ((north - lat) / POP_RES_DEG).astype(int)
    grid = np.zeros((height, width))
    np.add.at(grid, (row, col), villages["dan_so"].to_numpy(float))
    grid = ndimage.gaussian_filter(grid, 1.5, mode="constant")
    return grid.astype(np.float32), from_origin(west, north, POP_RES_DEG, POP_RES_DEG)


def _write_gpkg(frames: dict[str, gpd.GeoDataFrame], path: Path) -> None:
    # A fixed timestamp in gpkg_contents keeps the file identical from run to run.
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": "2025-07-01T00:00:00.000Z"})
    try:
        with atomic_path(path) as tmp:
            for n, (layer, frame) in enumerate(frames.items()):
                pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG", append=n > 0)
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def _write_tif(
    array: np.ndarray, transform: rasterio.Affine, crs: CRS, path: Path, nodata: float
) -> None:
    write_geotiff(
        path,
        array,
        transform=transform,
        crs=crs,
        nodata=nodata,
        predictor=2 if array.dtype.kind == "i" else 3,
    )


def generate(out_dir: str | Path, *, seed: int = SEED) -> list[Path]:
    """Write the demo province into ``out_dir``; same seed, same bytes.

    Returns the paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    cx, cy = Transformer.from_crs(4326, UTM48, always_xy=True).transform(*CENTRE_LONLAT)
    outline = _outline(rng, (cx, cy))
    rivers = _rivers(rng, outline)
    terrain = _terrain(rng, outline, rivers)
    communes = _communes(rng, outline, terrain)
    villages = _villages(rng, communes, terrain)
    sites = _sites(rng, villages, communes, terrain, outline)
    routes, points = _backbone(rng, rivers, outline, communes, villages)
    pop, pop_transform = _population_raster(villages, outline)
    communes["dan_so"] = (
        villages.groupby("ma_xa")["dan_so"].sum().reindex(communes["ma_xa"]).to_numpy()
    )
    _write_gpkg({"communes": communes.to_crs(VN2000_UTM48)}, out / "communes.gpkg")
    _write_gpkg(
        {"villages": villages.drop(columns=["x_center", "y_center"]).to_crs(VN2000_UTM48)},
        out / "villages.gpkg",
    )
    _write_gpkg(
        {"fibre_routes": routes.to_crs(VN2000_UTM48), "access_points": points.to_crs(VN2000_UTM48)},
        out / "backbone.gpkg",
    )
    buf = io.StringIO()
    sites.to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    with atomic_path(out / "bts_sites.csv") as tmp:
        tmp.write_bytes(buf.getvalue().encode("utf-8-sig"))
    _write_tif(terrain.dem, terrain.transform, UTM48, out / "dem.tif", nodata=-32768)
    _write_tif(pop, pop_transform, CRS.from_epsg(4326), out / "population.tif", nodata=-99999.0)
    return [out / name for name in FILES]
