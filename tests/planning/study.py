"""A small generated study for the planning tests: four communes, villages of
different shapes (a few points), sites of mixed technologies, a hilly DEM."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely
from affine import Affine

CRS = "EPSG:32648"
X0, Y0 = 300_000.0, 2_460_000.0
SIDE = 16_000.0


def hills(x: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    z = np.full(np.shape(x), 600.0)
    for _ in range(14):
        cx, cy = X0 + rng.uniform(-4000, SIDE + 4000), Y0 + rng.uniform(-4000, SIDE + 4000)
        h, s = rng.uniform(150, 700), rng.uniform(800, 2500)
        z += h * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s))
    return z


def write_study(folder: Path, *, seed: int = 7, n_villages: int = 45, n_sites: int = 14) -> dict:
    rng = np.random.default_rng(seed)
    half = SIDE / 2
    communes = gpd.GeoDataFrame(
        {
            "ma_xa": [f"X{i}" for i in range(4)],
            "ten_xa": ["Mường Tè", "Sìn Hồ", "Phong Thổ", "Nậm Nhùn"],
        },
        geometry=[
            shapely.box(X0 + i * half, Y0 + j * half, X0 + (i + 1) * half, Y0 + (j + 1) * half)
            for i in range(2)
            for j in range(2)
        ],
        crs=CRS,
    )
    geoms = []
    for k in range(n_villages):
        cx, cy = X0 + rng.uniform(500, SIDE - 500), Y0 + rng.uniform(500, SIDE - 500)
        if k % 9 == 0:
            geoms.append(shapely.Point(cx, cy))
        else:
            r = rng.uniform(150, 450, 7)
            a = np.sort(rng.uniform(0, 2 * np.pi, 7))
            geoms.append(shapely.Polygon(np.column_stack([cx + r * np.cos(a), cy + r * np.sin(a)])))
    villages = gpd.GeoDataFrame(
        {
            "ma_ban": [f"B{k:03d}" for k in range(n_villages)],
            "ten_ban": [f"Bản {k}" for k in range(n_villages)],
            "dan_so": rng.integers(80, 900, n_villages),
        },
        geometry=geoms,
        crs=CRS,
    )
    sx = X0 + rng.uniform(0, SIDE, n_sites)
    sy = Y0 + rng.uniform(0, SIDE, n_sites)
    lonlat = gpd.GeoSeries(gpd.points_from_xy(sx, sy), crs=CRS).to_crs("EPSG:4326")
    techs = np.array(["2G", "2G/3G", "2G/3G/4G", "2G/3G"])[np.arange(n_sites) % 4]
    sites = pd.DataFrame(
        {
            "Mã trạm": [f"S{i:02d}" for i in range(n_sites)],
            "Kinh độ": lonlat.x.round(7),
            "Vĩ độ": lonlat.y.round(7),
            "Công nghệ": techs,
            "Độ cao anten (m)": np.where(np.arange(n_sites) % 3 == 0, "", "35"),
            "Góc phương vị": np.where(np.arange(n_sites) % 5 == 1, "0/120", ""),
            "Độ rộng búp sóng": np.where(np.arange(n_sites) % 5 == 1, "65", ""),
        }
    )
    backbone = gpd.GeoDataFrame(
        {"name": ["QL4D", "POP"]},
        geometry=[
            shapely.LineString([(X0, Y0 + 3000), (X0 + SIDE, Y0 + 5000)]),
            shapely.Point(X0 + 12000, Y0 + 13000),
        ],
        crs=CRS,
    )
    res = 30.0
    west, north = X0 - 9000, Y0 + SIDE + 9000
    n = int((SIDE + 18000) / res)
    cols, rows = np.meshgrid(np.arange(n), np.arange(n))
    z = hills(west + (cols + 0.5) * res, north - (rows + 0.5) * res, seed).astype("float32")
    paths = {
        "communes": folder / "xa.gpkg",
        "villages": folder / "ban.gpkg",
        "sites": folder / "tram.csv",
        "backbone": folder / "cap_quang.gpkg",
        "dem": folder / "dem.tif",
    }
    communes.to_file(paths["communes"])
    villages.to_file(paths["villages"])
    sites.to_csv(paths["sites"], index=False, encoding="utf-8-sig")
    backbone.to_file(paths["backbone"])
    with rasterio.open(
        paths["dem"],
        "w",
        driver="GTiff",
        width=n,
        height=n,
        count=1,
        dtype="float32",
        crs=CRS,
        transform=Affine(res, 0, west, 0, -res, north),
    ) as dst:
        dst.write(z, 1)
    return paths
