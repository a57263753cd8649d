"""GeoPackage for QGIS: every layer, with its style stored in ``layer_styles`` so that
QGIS opens the layers already styled (villages by status, sites by technology)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import numpy as np
import pyogrio

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import style
from coverage_planner.reports.tables import commune_table, site_table, village_table

LAYER_STYLES_SQL = """
CREATE TABLE IF NOT EXISTS layer_styles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
    f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT,
    useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME
)"""


def _rgba(colour: str, alpha: int = 255) -> str:
    colour = colour.lstrip("#")
    return ",".join(str(int(colour[i : i + 2], 16)) for i in (0, 2, 4)) + f",{alpha}"


def _fill_symbol(
    name: str, fill: str, outline: str = "#ffffff", alpha: int = 200, width: float = 0.2
) -> str:
    return (
        f'<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="color" type="QString" value="{_rgba(fill, alpha)}"/>'
        f'<Option name="outline_color" type="QString" value="{_rgba(outline)}"/>'
        f'<Option name="outline_width" type="QString" value="{width}"/>'
        f'<Option name="style" type="QString" value="{"no" if alpha == 0 else "solid"}"/>'
        f"</Option></layer></symbol>"
    )


def _marker_symbol(name: str, fill: str, shape: str = "triangle", size: float = 2.4) -> str:
    return (
        f'<symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="color" type="QString" value="{_rgba(fill)}"/>'
        f'<Option name="name" type="QString" value="{shape}"/>'
        f'<Option name="outline_color" type="QString" value="0,0,0,255"/>'
        f'<Option name="size" type="QString" value="{size}"/>'
        f"</Option></layer></symbol>"
    )


def _qml(renderer: str, labels: str = "") -> str:
    return f"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'><qgis version=\"3.34\">{renderer}{labels}</qgis>"


def _categorized(attr: str, categories: list[tuple[str, str, str]], symbols: list[str]) -> str:
    cats = "".join(
        f'<category symbol="{i}" value="{escape(v)}" label="{escape(lab)}" render="true"/>'
        for i, (v, lab, _) in enumerate(categories)
    )
    syms = "".join(symbols)
    return (
        f'<renderer-v2 type="categorizedSymbol" attr="{attr}" enableorderby="0" forceraster="0" '
        f'symbollevels="0"><categories>{cats}</categories><symbols>{syms}</symbols></renderer-v2>'
    )


def _single(symbol: str) -> str:
    return f'<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0"><symbols>{symbol}</symbols></renderer-v2>'


def _labels(field: str, size: float = 8) -> str:
    return (
        '<labeling type="simple"><settings calloutType="simple">'
        f'<text-style fieldName="{field}" fontSize="{size}" fontFamily="DejaVu Sans" textColor="30,30,30,255"/>'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>'
        '<placement placement="0"/></settings></labeling>'
    )


def layer_styles(tech: str) -> dict[str, str]:
    """QML per layer name, for the technology shown by default."""
    t = tech.lower()
    village_status = [
        ("covered", f"{tech}: covered", style.STATUS_COLOURS["covered"]),
        ("partial", f"{tech}: partly covered", style.STATUS_COLOURS["partial"]),
        ("uncovered", f"{tech}: not reached", style.STATUS_COLOURS["uncovered"]),
    ]
    styles = {
        "communes": _qml(
            _single(_fill_symbol("0", "#ffffff", style.COMMUNE_EDGE, alpha=0, width=0.4)),
            _labels("commune_name"),
        ),
        "villages": _qml(
            _categorized(
                f"status_{t}",
                village_status,
                [_fill_symbol(str(i), c) for i, (_, _, c) in enumerate(village_status)],
            )
        ),
        "uncovered_villages": _qml(
            _single(_fill_symbol("0", style.STATUS_COLOURS["uncovered"], "#000000", 220, 0.3)),
            _labels("village_name", 7),
        ),
    }
    # Sites by the highest technology they serve (a text column: GPKG booleans are
    # integers, which QGIS categories would have to match as 0/1).
    sites = [(k, k, style.TECH_COLOURS[k]) for k in ("5G", "4G", "3G", "2G")] + [
        ("none", "none", "#9E9E9E")
    ]
    styles["sites"] = _qml(
        _categorized(
            "top_technology",
            sites,
            [_marker_symbol(str(i), c) for i, (_, _, c) in enumerate(sites)],
        )
    )
    for other, colour in style.TECH_COLOURS.items():
        styles[f"footprints_{other.lower()}"] = _qml(
            _single(_fill_symbol("0", colour, colour, alpha=70, width=0.1))
        )
    styles["backbone"] = _qml(
        '<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0"><symbols>'
        '<symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        '<layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="line_color" type="QString" value="{_rgba(style.BACKBONE)}"/>'
        '<Option name="line_width" type="QString" value="0.6"/></Option></layer></symbol>'
        "</symbols></renderer-v2>"
    )
    return styles


def coverage_layers(result: CoverageResult) -> dict[str, gpd.GeoDataFrame]:
    """The plain layers: communes, villages, sites, footprints per technology."""
    communes = result.communes[commune_table(result).columns.tolist() + ["geometry"]]
    villages = gpd.GeoDataFrame(
        village_table(result), geometry=result.villages.geometry.values, crs=result.villages.crs
    )
    sites = gpd.GeoDataFrame(
        site_table(result), geometry=result.sites.geometry.values, crs=result.sites.crs
    )
    layers = {"communes": communes, "villages": villages, "sites": sites}
    for tech, fp in result.footprints.items():
        layers[f"footprints_{tech.lower()}"] = fp.drop(columns=["site"])
    return layers


def gpkg_layers(result: CoverageResult) -> dict[str, gpd.GeoDataFrame]:
    from coverage_planner.maps.draw import village_status_classes

    layers = coverage_layers(result)
    villages = layers["villages"]
    for tech in result.technologies:
        villages[f"status_{tech.lower()}"] = village_status_classes(result.villages, tech)
    top = np.full(len(result.sites), "none", dtype=object)
    for tech in ("2G", "3G", "4G", "5G"):  # the highest wins
        top[result.sites[f"serves_{tech.lower()}"].to_numpy(dtype=bool)] = tech
    layers["sites"]["top_technology"] = top
    uncovered = result.uncovered.merge(
        gpd.GeoDataFrame(
            {"village_id": result.villages["village_id"].astype(str)},
            geometry=result.villages.geometry.to_numpy(),
            crs=result.villages.crs,
        ),
        on="village_id",
    )
    layers["uncovered_villages"] = gpd.GeoDataFrame(
        uncovered, geometry="geometry", crs=result.villages.crs
    )
    if result.backbone is not None:
        layers["backbone"] = result.backbone[["kind", "geometry"]]
    return layers


def export_geopackage(result: CoverageResult, path: str | Path, *, technology: str = "4G") -> Path:
    """All layers and their QGIS styles (``layer_styles``), written atomically."""
    path = Path(path)
    layers = gpkg_layers(result)
    styles = layer_styles(technology)
    with atomic_path(path) as tmp:
        for n, (name, frame) in enumerate(layers.items()):
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=n > 0)
        write_layer_styles(tmp, {name: styles[name] for name in layers if name in styles}, layers)
    return path


def write_layer_styles(
    path: Path, styles: dict[str, str], layers: dict[str, gpd.GeoDataFrame]
) -> None:
    with sqlite3.connect(path) as db:
        db.execute(LAYER_STYLES_SQL)
        db.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier) "
            "VALUES ('layer_styles', 'attributes', 'layer_styles')"
        )
        for name, qml in styles.items():
            geom_col = db.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (name,)
            ).fetchone()
            db.execute(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                "VALUES ('', '', ?, ?, ?, ?, '', 1, 'Coverage Planner', '', NULL, '2025-07-01T00:00:00Z')",
                (name, geom_col[0] if geom_col else "geom", name, qml),
            )
