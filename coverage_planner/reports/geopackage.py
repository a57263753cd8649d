"""GeoPackage for QGIS: every layer, with its style stored in ``layer_styles`` so that
QGIS opens the layers already styled (villages by status, sites by technology, fibre
routes as lines and access points as points), labels that show (a positive priority
and a real font weight), category labels, field aliases and attribute values in the
chosen language; and a QGIS project (``.qgz``) beside it that opens every layer styled,
in order, with the study's title (``reports/qgis_project.py``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import numpy as np
import pyogrio

from coverage_planner import vocabulary
from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import style
from coverage_planner.reports.labels import STATUS_WORDS, header, label, word
from coverage_planner.reports.tables import (
    commune_table,
    site_table,
    uncovered_table,
    village_table_in,
)

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


def fill_symbol(
    name: str, fill: str, outline: str = "#ffffff", alpha: int = 200, width: float = 0.2
) -> str:
    """A QGIS fill symbol (QML ``<symbol>``) named ``name``.

    Parameters
    ----------
    fill, outline
        Colours as ``#rrggbb``.
    alpha
        Opacity of the fill, 0-255 (0 draws no fill, only the outline).
    width
        Outline width in millimetres.
    """
    return (
        f'<symbol type="fill" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleFill" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="color" type="QString" value="{_rgba(fill, alpha)}"/>'
        f'<Option name="outline_color" type="QString" value="{_rgba(outline)}"/>'
        f'<Option name="outline_width" type="QString" value="{width}"/>'
        f'<Option name="style" type="QString" value="{"no" if alpha == 0 else "solid"}"/>'
        f"</Option></layer></symbol>"
    )


def marker_symbol(name: str, fill: str, shape: str = "triangle", size: float = 2.4) -> str:
    """A QGIS simple marker symbol (QML ``<symbol>``) named ``name``: ``shape`` is one
    of QGIS's marker names (``triangle``, ``square``, ``circle``, ``star`` …), ``size``
    in millimetres, a black outline."""
    return (
        f'<symbol type="marker" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="color" type="QString" value="{_rgba(fill)}"/>'
        f'<Option name="name" type="QString" value="{shape}"/>'
        f'<Option name="outline_color" type="QString" value="0,0,0,255"/>'
        f'<Option name="size" type="QString" value="{size}"/>'
        f"</Option></layer></symbol>"
    )


def qml_document(renderer: str, labels: str = "", aliases: str = "") -> str:
    """A QML document: the renderer, the labels (enabled when given) and field aliases."""
    enabled = ' labelsEnabled="1"' if labels else ""
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        f'<qgis version="3.22.0"{enabled}>{renderer}{labels}{aliases}</qgis>'
    )


def qml_body(qml: str) -> tuple[str, bool]:
    """The inside of a QML document (for a project's map layer), and whether its labels
    are enabled."""
    head, _, rest = qml.partition("<qgis ")
    attrs, _, inner = rest.partition(">")
    return inner.rsplit("</qgis>", 1)[0], 'labelsEnabled="1"' in attrs


def _aliases(frame_columns, language: str) -> str:
    items = "".join(
        f'<alias field="{escape(c)}" index="{i}" name="{escape(header(c, language))}"/>'
        for i, c in enumerate(frame_columns)
        if c != "geometry" and header(c, language) != c
    )
    return f"<aliases>{items}</aliases>" if items else ""


def categorized_renderer(
    attr: str, categories: list[tuple[str, str, str]], symbols: list[str]
) -> str:
    """A QGIS categorised renderer on field ``attr``: ``categories`` are ``(value,
    label, colour)``, ``symbols[i]`` draws category ``i`` (its symbol named ``str(i)``)."""
    cats = "".join(
        f'<category symbol="{i}" value="{escape(v)}" label="{escape(lab)}" render="true"/>'
        for i, (v, lab, _) in enumerate(categories)
    )
    syms = "".join(symbols)
    return (
        f'<renderer-v2 type="categorizedSymbol" attr="{attr}" enableorderby="0" forceraster="0" '
        f'symbollevels="0"><categories>{cats}</categories><symbols>{syms}</symbols></renderer-v2>'
    )


def single_renderer(symbol: str) -> str:
    """A QGIS single-symbol renderer drawing every feature with ``symbol``."""
    return f'<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0"><symbols>{symbol}</symbols></renderer-v2>'


def _labels(field: str, size: float = 8, *, priority: int = 5, bold: bool = False) -> str:
    """Simple labels of ``field``: a real weight (50 regular, 75 bold; left out, QGIS
    reads it as Thin) and a positive priority (left out, it reads 0, and the labels of
    such a layer give way to every other layer's)."""
    weight = 75 if bold else 50
    return (
        '<labeling type="simple"><settings calloutType="simple">'
        f'<text-style fieldName="{field}" isExpression="0" fontSize="{size}" fontSizeUnit="Point" '
        f'fontFamily="DejaVu Sans" namedStyle="{"Bold" if bold else "Book"}" fontWeight="{weight}" '
        'fontItalic="0" textColor="30,30,30,255" textOpacity="1" multilineHeight="1">'
        '<text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" '
        'bufferColor="255,255,255,255" bufferOpacity="0.8"/></text-style>'
        '<text-format wrapChar="" autoWrapLength="0" multilineAlign="3"/>'
        f'<placement placement="0" priority="{priority}" dist="0" offsetType="0" '
        'centroidInside="1" fitInPolygonOnly="0"/>'
        '<rendering obstacle="1" obstacleFactor="1" scaleVisibility="0" fontLimitPixelSize="0" '
        'upsidedownLabels="0" displayAll="0" limitNumLabels="0" drawLabels="1"/>'
        "</settings></labeling>"
    )


def _line(colour: str, width: float = 0.6) -> str:
    return (
        '<renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0"><symbols>'
        '<symbol type="line" name="0" alpha="1" clip_to_extent="1" force_rhr="0">'
        '<layer class="SimpleLine" enabled="1" pass="0" locked="0"><Option type="Map">'
        f'<Option name="line_color" type="QString" value="{_rgba(colour)}"/>'
        f'<Option name="line_width" type="QString" value="{width}"/></Option></layer></symbol>'
        "</symbols></renderer-v2>"
    )


def status_value(status: str, language: str) -> str:
    """A village's status in a layer's ``status_t`` column (and its style's category)."""
    return word(STATUS_WORDS, status, language)


def layer_styles(
    tech: str, language: str = "en", columns: dict[str, list[str]] | None = None
) -> dict[str, str]:
    """QML per layer name, for the technology shown by default, in ``language``;
    ``columns`` (per layer) gives the fields their aliases."""
    t = tech.lower()
    lang = language
    columns = columns or {}

    def qml(name: str, renderer: str, labels: str = "") -> str:
        return qml_document(renderer, labels, _aliases(columns.get(name, []), lang))

    village_status = [
        (status_value(k, lang), f"{tech}: {status_value(k, lang)}", style.STATUS_COLOURS[k])
        for k in ("covered", "partial", "uncovered")
    ]
    styles = {
        "communes": qml(
            "communes",
            single_renderer(fill_symbol("0", "#ffffff", style.COMMUNE_EDGE, alpha=0, width=0.4)),
            _labels("commune_name", 8, priority=5, bold=True),
        ),
        "villages": qml(
            "villages",
            categorized_renderer(
                f"status_{t}",
                village_status,
                [fill_symbol(str(i), c) for i, (_, _, c) in enumerate(village_status)],
            ),
        ),
        "uncovered_villages": qml(
            "uncovered_villages",
            single_renderer(
                fill_symbol("0", style.STATUS_COLOURS["uncovered"], "#000000", 220, 0.3)
            ),
            # Above the communes' labels: the villages to act on are the map's point.
            _labels("village_name", 7, priority=8),
        ),
    }
    # Sites by the highest technology they serve (a text column: GPKG booleans are
    # integers, which QGIS categories would have to match as 0/1).
    sites = [(k, k, style.TECH_COLOURS[k]) for k in ("5G", "4G", "3G", "2G")] + [
        ("none", label("no_technology", lang), "#9E9E9E")
    ]
    styles["sites"] = qml(
        "sites",
        categorized_renderer(
            "top_technology",
            sites,
            [marker_symbol(str(i), c) for i, (_, _, c) in enumerate(sites)],
        ),
    )
    for other, colour in style.TECH_COLOURS.items():
        name = f"footprints_{other.lower()}"
        styles[name] = qml(
            name, single_renderer(fill_symbol("0", colour, colour, alpha=70, width=0.1))
        )
    styles["fibre_routes"] = qml("fibre_routes", _line(style.BACKBONE))
    styles["fibre_access_points"] = qml(
        "fibre_access_points", single_renderer(marker_symbol("0", style.BACKBONE, "square", 2.2))
    )
    return styles


LAYER_NAMES = {
    "communes": ("commune_boundary", {}),
    "villages": ("villages_status", {}),
    "sites": ("sites", {}),
    "uncovered_villages": ("villages_without", {}),
    "fibre_routes": ("fibre", {}),
    "fibre_access_points": ("fibre_point", {}),
}


def layer_title(name: str, tech: str, language: str) -> str:
    """A layer's name as the QGIS project shows it, in the language."""
    if name.startswith("footprints_"):
        return label("coverage_of", language).format(tech=name.rsplit("_", 1)[1].upper())
    key = LAYER_NAMES.get(name, (None, {}))[0]
    return label(key, language).format(tech=tech) if key else name


def coverage_layers(result: CoverageResult, language: str = "en") -> dict[str, gpd.GeoDataFrame]:
    """The plain layers: communes, villages, sites, footprints per technology (after a
    terrain run, one feature per technology: the covered cells traced from the grid,
    and each site's best-served area in the sites layer)."""
    communes = gpd.GeoDataFrame(
        commune_table(result), geometry=result.communes.geometry.values, crs=result.communes.crs
    )
    villages = gpd.GeoDataFrame(
        village_table_in(result, language),
        geometry=result.villages.geometry.values,
        crs=result.villages.crs,
    )
    sites = gpd.GeoDataFrame(
        site_table(result), geometry=result.sites.geometry.values, crs=result.sites.crs
    )
    layers = {"communes": communes, "villages": villages, "sites": sites}
    if result.rasters is not None:
        from coverage_planner.coverage.terrain.shapes import coverage_frame, served_km2

        # One dissolved shape per technology (the coverage the maps and the KMZ draw);
        # what each site serves best is a figure of the sites layer.
        for tech in result.technologies:
            grids = result.rasters[tech]
            layers[f"footprints_{tech.lower()}"] = coverage_frame(
                result.coverage[tech], grids, result.grid, tech
            )
            sites[f"served_km2_{tech.lower()}"] = served_km2(grids, result.grid, len(result.sites))
    else:
        for tech, fp in result.footprints.items():
            layers[f"footprints_{tech.lower()}"] = fp.drop(columns=["site"])
    for frame in layers.values():
        if "kind" in frame.columns:  # disk, sectors, terrain: words of the language
            frame["kind"] = [vocabulary.term("kinds", k, language) for k in frame["kind"]]
    return layers


def gpkg_layers(result: CoverageResult, language: str = "en") -> dict[str, gpd.GeoDataFrame]:
    from coverage_planner.maps.draw import village_status_classes

    layers = coverage_layers(result, language)
    villages = layers["villages"]
    for tech in result.technologies:
        classes = village_status_classes(result.villages, tech)
        villages[f"status_{tech.lower()}"] = [status_value(c, language) for c in classes]
    top = np.full(len(result.sites), "none", dtype=object)
    for tech in ("2G", "3G", "4G", "5G"):  # the highest wins
        top[result.sites[f"serves_{tech.lower()}"].to_numpy(dtype=bool)] = tech
    layers["sites"]["top_technology"] = top
    uncovered = uncovered_table(result, language).merge(
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
        # One geometry type per layer: QGIS splits a mixed layer and gives the points
        # the lines' style, which draws nothing.
        kind = result.backbone["kind"].to_numpy()
        for name, k in (("fibre_routes", "route"), ("fibre_access_points", "access_point")):
            part = result.backbone.loc[kind == k, ["kind", "geometry"]].copy()
            part["kind"] = vocabulary.term("kinds", k, language)
            if len(part):
                layers[name] = part
    return layers


def export_geopackage(
    result: CoverageResult,
    path: str | Path,
    *,
    technology: str = "4G",
    language: str = "en",
    project: bool = True,
    title: str | None = None,
    rasters: list[str] | None = None,
) -> Path:
    """All layers and their QGIS styles (``layer_styles``), written atomically; with
    ``project``, the QGIS project ``<name>.qgz`` beside it (with the ``rasters`` file
    names of the same folder as well), titled ``title`` (default: the study's)."""
    path = Path(path)
    layers = gpkg_layers(result, language)
    columns = {
        name: [c for c in frame.columns if c != "geometry"] for name, frame in layers.items()
    }
    styles = layer_styles(technology, language, columns)
    with atomic_path(path) as tmp:
        for n, (name, frame) in enumerate(layers.items()):
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=n > 0)
        write_layer_styles(tmp, {name: styles[name] for name in layers if name in styles}, layers)
    if project:
        from coverage_planner.reports.qgis_project import coverage_project

        coverage_project(
            result,
            path.with_suffix(".qgz"),
            gpkg=path.name,
            layers=layers,
            styles=styles,
            technology=technology,
            language=language,
            title=title,
            rasters=rasters or [],
        )
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
