"""Studies the deliverables' tests export and read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import rasterio
from pypdf import PdfReader
from rasterio.transform import from_origin

from coverage_planner.io.inputs import InputFiles
from tests.io.helpers import communes_utm, site_rows, villages_utm


def small_study(folder: Path, *, dem: bool = False) -> InputFiles:
    """The three-commune study of tests/io, as a province's own files (no backbone)."""
    communes_utm().to_file(folder / "xa_2025.gpkg")
    villages_utm().to_file(folder / "thon_ban.gpkg")
    site_rows().to_csv(folder / "tram_bts.csv", index=False)
    paths = {
        "communes": folder / "xa_2025.gpkg",
        "villages": folder / "thon_ban.gpkg",
        "sites": folder / "tram_bts.csv",
    }
    if dem:
        z = 300 + 50 * np.sin(np.linspace(0, 6, 500))[None, :] * np.ones((400, 1))
        with rasterio.open(
            folder / "dem_30m.tif",
            "w",
            driver="GTiff",
            width=500,
            height=400,
            count=1,
            dtype="float32",
            crs="EPSG:32648",
            transform=from_origin(300_000, 2_475_000, 100, 100),
        ) as dst:
            dst.write(z.astype(np.float32), 1)
        paths["dem"] = folder / "dem_30m.tif"
    return InputFiles.of(**paths)


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def forty_village_study(folder: Path) -> InputFiles:
    """One commune of 40 villages (Bản 1 … Bản 40, in scrambled order) and a neighbour."""
    import geopandas as gpd
    import shapely

    from tests.io.helpers import X0, Y0

    communes = gpd.GeoDataFrame(
        {"ma_xa": ["00101", "00102"], "ten_xa": ["Xã Nậm Xe", "Xã Sin Suối Hồ"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 8000, Y0 + 5000),
            shapely.box(X0 + 8000, Y0, X0 + 12000, Y0 + 5000),
        ],
        crs=32648,
    )
    boxes, names, ids = [], [], []
    order = np.random.default_rng(1).permutation(40)
    for k in order:
        i, j = divmod(int(k), 5)
        boxes.append(
            shapely.box(X0 + i * 1000, Y0 + j * 1000, X0 + (i + 1) * 1000, Y0 + (j + 1) * 1000)
        )
        names.append(f"Bản {k + 1}" if k % 3 else f"Bản Phìn Hồ Thầu Thượng {k + 1}")
        ids.append(f"00101-{k + 1:02d}")
    boxes.append(shapely.box(X0 + 9000, Y0 + 1000, X0 + 10000, Y0 + 2000))
    names.append("Bản Hàng")
    ids.append("00102-01")
    villages = gpd.GeoDataFrame(
        {"ma_ban": ids, "ten_ban": names, "ma_xa": ["00101"] * 40 + ["00102"]},
        geometry=boxes,
        crs=32648,
    )
    communes.to_file(folder / "xa.gpkg")
    villages.to_file(folder / "ban.gpkg")
    site_rows().to_csv(folder / "bts.csv", index=False)
    files = InputFiles.of(
        communes=folder / "xa.gpkg", villages=folder / "ban.gpkg", sites=folder / "bts.csv"
    )
    return files


def positioned_text(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of every text piece of a PDF page (points from the lower left)."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            m = np.array([[tm[0], tm[1], 0], [tm[2], tm[3], 0], [tm[4], tm[5], 1]]) @ np.array(
                [[cm[0], cm[1], 0], [cm[2], cm[3], 0], [cm[4], cm[5], 1]]
            )
            pieces.append((text.strip(), float(m[2, 0]), float(m[2, 1])))

    page.extract_text(visitor_text=visit)
    return pieces
