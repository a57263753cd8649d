"""A QGIS project (``.qgz``) beside the GeoPackage: every layer styled (the same QML as
``layer_styles``), in a planner's order (what to act on on top, the grids at the
bottom), named in the chosen language, with the study's title and the working CRS.
Paths are relative, so the folder can be moved or sent as a whole.

The terrain model's GeoTIFFs get a colour ramp (level in dBm), categories (covered) or
a palette (best server), in the project and in a ``.qml`` beside each file, which QGIS
applies when the file is opened alone.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import geopandas as gpd
import numpy as np
from pyproj import CRS

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import style
from coverage_planner.reports.labels import label

ORDER = (
    "uncovered_villages",
    "sites",
    "fibre_access_points",
    "fibre_routes",
    "communes",
    "villages",
    "footprints_4g",
    "footprints_3g",
    "footprints_2g",
    "footprints_5g",
)
"""Layers from the top of the layer tree down."""
LEVEL_RAMP = (
    (-130.0, "#2c7bb6"),
    (-115.0, "#abd9e9"),
    (-100.0, "#ffffbf"),
    (-85.0, "#fdae61"),
    (-70.0, "#d7191c"),
)
"""Level colours (dBm): weak blue to strong red (ColorBrewer RdYlBu, reversed)."""


@dataclass(frozen=True)
class ProjectLayer:
    """One layer of the project."""

    name: str  # as the layer tree shows it
    source: str  # relative data source, e.g. "./coverage.gpkg|layername=communes"
    kind: str  # "vector" or "raster"
    geometry: str | None  # "Point", "Line" or "Polygon" for vector layers
    body: str  # the style: the inside of a QML document
    labels: bool = False
    visible: bool = True


def _srs(crs) -> str:
    crs = CRS.from_user_input(crs)
    epsg = crs.to_epsg()
    return (
        "<spatialrefsys>"
        f"<wkt>{escape(crs.to_wkt())}</wkt>"
        + (f"<srid>{epsg}</srid><authid>EPSG:{epsg}</authid>" if epsg else "")
        + f"<description>{escape(crs.name)}</description>"
        "</spatialrefsys>"
    )


def project_xml(
    layers: list[ProjectLayer], *, title: str, crs, extent: tuple[float, float, float, float]
) -> str:
    """The ``.qgs`` document."""
    ids = [
        re.sub(r"\W", "_", layer.source.split("|")[1] if "|" in layer.source else layer.source)
        + f"_{uuid.uuid4().hex[:8]}"
        for layer in layers
    ]
    srs = _srs(crs)
    tree = "".join(
        f'<layer-tree-layer id="{i}" name={quoteattr(layer.name)} '
        f'source={quoteattr(layer.source)} providerKey="{"ogr" if layer.kind == "vector" else "gdal"}" '
        f'checked="{"Qt::Checked" if layer.visible else "Qt::Unchecked"}" expanded="0"/>'
        for i, layer in zip(ids, layers, strict=True)
    )
    maplayers = []
    for i, layer in zip(ids, layers, strict=True):
        geom = f' geometry="{layer.geometry}"' if layer.geometry else ""
        enabled = ' labelsEnabled="1"' if layer.labels else ""
        provider = (
            '<provider encoding="UTF-8">ogr</provider>'
            if layer.kind == "vector"
            else "<provider>gdal</provider>"
        )
        maplayers.append(
            f'<maplayer type="{layer.kind}"{geom}{enabled} autoRefreshEnabled="0">'
            f"<id>{i}</id><datasource>{escape(layer.source)}</datasource>"
            f"<layername>{escape(layer.name)}</layername><srs>{srs}</srs>{provider}"
            f"{layer.body}</maplayer>"
        )
    x0, y0, x1, y1 = extent
    order = "".join(f"<item>{i}</item>" for i in ids)
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        f'<qgis projectname={quoteattr(title)} version="3.22.0">'
        f"<title>{escape(title)}</title>"
        f"<projectCrs>{srs}</projectCrs>"
        f"<layer-tree-group><customproperties/>{tree}"
        f'<custom-order enabled="0">{order}</custom-order></layer-tree-group>'
        '<mapcanvas annotationsVisible="1" name="theMapCanvas"><units>meters</units>'
        f"<extent><xmin>{x0}</xmin><ymin>{y0}</ymin><xmax>{x1}</xmax><ymax>{y1}</ymax></extent>"
        f"<rotation>0</rotation><destinationsrs>{srs}</destinationsrs></mapcanvas>"
        f"<projectlayers>{''.join(maplayers)}</projectlayers>"
        f"<layerorder>{''.join(f'<layer id={quoteattr(i)}/>' for i in ids)}</layerorder>"
        '<properties><Paths><Absolute type="bool">false</Absolute></Paths>'
        '<SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys>'
        "</properties>"
        "</qgis>\n"
    )


def write_qgz(path: Path, xml: str) -> Path:
    """The project zipped as QGIS saves it (``<name>.qgs`` inside ``<name>.qgz``)."""
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{path.stem}.qgs", xml.encode("utf-8"))
    return path


def _geometry_kind(frame: gpd.GeoDataFrame) -> str:
    types = set(frame.geom_type.dropna())
    if types and types <= {"Point", "MultiPoint"}:
        return "Point"
    if types and types <= {"LineString", "MultiLineString"}:
        return "Line"
    return "Polygon"


def _rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def raster_style(kind: str, tech: str, language: str, *, servers: int = 0) -> str:
    """The pipe of a terrain grid: ``level`` (ramp, dBm), ``covered`` (categories),
    ``server`` (a palette by site row), ``servers`` (ramp of counts)."""
    if kind == "level":
        items = "".join(
            f'<item alpha="255" value="{v}" label="{v:g} dBm" color="{c}"/>' for v, c in LEVEL_RAMP
        )
        renderer = (
            '<rasterrenderer type="singlebandpseudocolor" band="1" opacity="0.7" '
            f'classificationMin="{LEVEL_RAMP[0][0]}" classificationMax="{LEVEL_RAMP[-1][0]}" '
            'nodataColor="">'
            '<rastershader><colorrampshader colorRampType="INTERPOLATED" classificationMode="1" '
            f'clip="0" minimumValue="{LEVEL_RAMP[0][0]}" maximumValue="{LEVEL_RAMP[-1][0]}">'
            f"{items}</colorrampshader></rastershader></rasterrenderer>"
        )
    elif kind == "covered":
        colour = style.TECH_COLOURS.get(tech, "#888888")
        renderer = (
            '<rasterrenderer type="paletted" band="1" opacity="0.5" nodataColor="">'
            "<colorPalette>"
            f'<paletteEntry value="0" alpha="0" color="#ffffff" label="{escape(label("no", language))}"/>'
            f'<paletteEntry value="1" alpha="255" color="{colour}" '
            f'label="{escape(label("coverage_of", language).format(tech=tech))}"/>'
            "</colorPalette></rasterrenderer>"
        )
    elif kind == "server":
        rng = np.random.default_rng(7)  # fixed colours: the same site, the same colour
        entries = "".join(
            f'<paletteEntry value="{k}" alpha="255" color="#{r:02x}{g:02x}{b:02x}" label="{k}"/>'
            for k, (r, g, b) in enumerate(rng.integers(40, 230, size=(servers, 3)), start=1)
        )
        renderer = (
            '<rasterrenderer type="paletted" band="1" opacity="0.6" nodataColor="">'
            f"<colorPalette>{entries}</colorPalette></rasterrenderer>"
        )
    else:
        renderer = (
            '<rasterrenderer type="singlebandpseudocolor" band="1" opacity="0.6" '
            'classificationMin="0" classificationMax="5" nodataColor="">'
            '<rastershader><colorrampshader colorRampType="DISCRETE" classificationMode="1" clip="0">'
            '<item alpha="0" value="0" label="0" color="#ffffff"/>'
            '<item alpha="255" value="1" label="1" color="#fee5d9"/>'
            '<item alpha="255" value="2" label="2" color="#fcae91"/>'
            '<item alpha="255" value="3" label="3" color="#fb6a4a"/>'
            '<item alpha="255" value="inf" label="4+" color="#cb181d"/>'
            "</colorrampshader></rastershader></rasterrenderer>"
        )
    return f"<pipe>{renderer}</pipe>"


def raster_qml(kind: str, tech: str, language: str, *, servers: int = 0) -> str:
    body = raster_style(kind, tech, language, servers=servers)
    return f"<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'><qgis version=\"3.22.0\">{body}</qgis>\n"


RASTER_TITLES = {
    "level": "level_of",
    "server": "server_of",
    "servers": "servers_of",
    "covered": "covered_grid_of",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def coverage_project(
    result: CoverageResult,
    path: Path,
    *,
    gpkg: str,
    layers: dict[str, gpd.GeoDataFrame],
    styles: dict[str, str],
    technology: str,
    language: str,
    title: str | None = None,
    rasters: list[str] | None = None,
) -> Path:
    """Write the project of a GeoPackage's layers (and of terrain grids beside it)."""
    from coverage_planner.reports.geopackage import layer_title, qml_body

    study = result.params.study.with_province_from(result.communes)
    head = label("atlas_title", language)
    title = title or " — ".join(x for x in (study.title or head, study.province) if x)
    names = [n for n in ORDER if n in layers] + [n for n in layers if n not in ORDER]
    entries = []
    for name in names:
        if name not in styles:
            continue
        body, labelled = qml_body(styles[name])
        visible = not name.startswith("footprints_") or name == f"footprints_{technology.lower()}"
        entries.append(
            ProjectLayer(
                name=_capital(layer_title(name, technology, language)),
                source=f"./{gpkg}|layername={name}"
                # The uncovered villages of the technology shown (the layer holds all).
                + (
                    f"|subset=\"technology\" = '{technology}'"
                    if name == "uncovered_villages"
                    else ""
                ),
                kind="vector",
                geometry=_geometry_kind(layers[name]),
                body=body,
                labels=labelled,
                visible=visible,
            )
        )
    for file in rasters or []:
        kind, tech = Path(file).stem.rsplit("_", 1)
        tech = tech.upper()
        entries.append(
            ProjectLayer(
                name=label(RASTER_TITLES.get(kind, "coverage_of"), language).format(tech=tech),
                source=f"./{file}",
                kind="raster",
                geometry=None,
                body=raster_style(kind, tech, language, servers=len(result.sites)),
                visible=kind == "level" and tech == technology,
            )
        )
    x0, y0, x1, y1 = result.communes.total_bounds
    return write_qgz(
        path, project_xml(entries, title=title, crs=result.communes.crs, extent=(x0, y0, x1, y1))
    )
