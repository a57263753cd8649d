"""KMZ for Google Earth: sites (styled by technology), the coverage of the technology
(from the model that made the figures) and the villages without it, with names and
attributes in the balloon, in the chosen language. Self-contained: the site icon is
inside the archive (``files/site.png``), nothing is fetched from the internet."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import shapely

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import style
from coverage_planner.reports.labels import header, label, number, percent
from coverage_planner.reports.tables import uncovered_table

ICON = "files/site.png"
SIMPLIFY_M = 10.0
"""Coverage outlines are simplified to this tolerance (a third of a terrain cell)."""


def site_icon_png(size: int = 64) -> bytes:
    """A white triangle with a dark outline: Google Earth tints it by the style's colour."""
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pts = [(size / 2, 4), (size - 4, size - 6), (4, size - 6)]
    ImageDraw.Draw(im).polygon(pts, fill=(255, 255, 255, 255), outline=(20, 20, 20, 255))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _kml_colour(hex_colour: str, alpha: int = 255) -> str:
    h = hex_colour.lstrip("#")
    return f"{alpha:02x}{h[4:6]}{h[2:4]}{h[0:2]}"  # KML is aabbggrr


def _coords(ring) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y in shapely.get_coordinates(ring))


def _polygon_kml(geom) -> str:
    parts = shapely.get_parts(geom)
    polys = []
    for p in parts:
        inner = "".join(
            f"<innerBoundaryIs><LinearRing><coordinates>{_coords(r)}</coordinates></LinearRing>"
            f"</innerBoundaryIs>"
            for r in p.interiors
        )
        polys.append(
            f"<Polygon><outerBoundaryIs><LinearRing><coordinates>{_coords(p.exterior)}</coordinates>"
            f"</LinearRing></outerBoundaryIs>{inner}</Polygon>"
        )
    return polys[0] if len(polys) == 1 else f"<MultiGeometry>{''.join(polys)}</MultiGeometry>"


def _value(v: object, language: str) -> str:
    """A balloon's value as the language writes it: 42 m, not 42.0; 1.234 people in
    Vietnamese; texts as they are."""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return number(int(v), language, digits=0)
    if isinstance(v, (float, np.floating)):
        return number(float(v), language, digits=0 if float(v).is_integer() else 1)
    return str(v)


def _balloon(pairs: list[tuple[str, object]]) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(str(k))}</b></td><td>{escape(str(v))}</td></tr>" for k, v in pairs
    )
    return f"<![CDATA[<table>{rows}</table>]]>"


def kml_document(result: CoverageResult, *, technology: str = "4G", language: str = "en") -> str:
    tech = technology
    sites = result.sites.to_crs(4326)
    villages = result.villages.to_crs(4326)
    styles = []
    for t, colour in style.TECH_COLOURS.items():
        styles.append(
            f'<Style id="site_{t}"><IconStyle><color>{_kml_colour(colour)}</color><scale>0.8</scale>'
            f"<Icon><href>{ICON}</href></Icon>"
            "</IconStyle></Style>"
        )
    styles.append(
        '<Style id="site_other"><IconStyle><color>ff9e9e9e</color><scale>0.6</scale>'
        f"<Icon><href>{ICON}</href></Icon></IconStyle></Style>"
    )
    colour = style.TECH_COLOURS.get(tech, "#888888")
    styles.append(
        f'<Style id="coverage"><LineStyle><color>{_kml_colour(colour)}</color><width>1</width>'
        f"</LineStyle><PolyStyle><color>{_kml_colour(colour, 90)}</color></PolyStyle></Style>"
    )
    styles.append(
        f'<Style id="uncovered"><LineStyle><color>{_kml_colour("#000000")}</color><width>1.5</width>'
        f"</LineStyle><PolyStyle><color>{_kml_colour(style.STATUS_COLOURS['uncovered'], 160)}</color>"
        "</PolyStyle></Style>"
    )
    site_marks = []
    best = {t: sites[f"serves_{t.lower()}"].to_numpy(dtype=bool) for t in ("4G", "3G", "2G")}
    for i, row in enumerate(sites.itertuples()):
        top = next((t for t in ("4G", "3G", "2G") if best[t][i]), None)
        pairs = [
            (header("site_id", language), row.site_id),
            (header("operator", language), row.operator),
            (header("technologies", language), row.technologies),
            (header("antenna_height_m", language), row.antenna_height_m),
            (header("azimuths", language), row.azimuths),
            (header("commune_id", language), row.commune_id),
        ]
        pairs = [
            (k, _value(v, language))
            for k, v in pairs
            if v is not None and not (isinstance(v, float) and np.isnan(v))
        ]
        site_marks.append(
            f"<Placemark><name>{escape(str(row.site_name))}</name><description>{_balloon(pairs)}</description>"
            f"<styleUrl>#site_{top or 'other'}</styleUrl><Point><coordinates>{row.geometry.x:.6f},"
            f"{row.geometry.y:.6f}</coordinates></Point></Placemark>"
        )
    table = uncovered_table(result, language)
    unc = table[table["technology"] == tech]
    geoms = dict(zip(villages["village_id"].astype(str), villages.geometry, strict=True))
    village_marks = []
    for row in unc.itertuples():
        pairs = [
            (header("rank", language), row.rank),
            (header("village_id", language), row.village_id),
            (header("commune_name", language), row.commune_name),
            (header("population", language), _value(row.population, language)),
            (header("share", language), percent(100 * row.share, language, digits=0)),
            (header("reason", language), row.reason),
            (header("action", language), row.action),
        ]
        geom = geoms[str(row.village_id)]
        shape = (
            f"<Point><coordinates>{geom.x:.6f},{geom.y:.6f}</coordinates></Point>"
            if geom.geom_type == "Point"
            else _polygon_kml(geom)
        )
        village_marks.append(
            f"<Placemark><name>{escape(str(row.village_name))}</name><description>{_balloon(pairs)}</description>"
            f"<styleUrl>#uncovered</styleUrl>{shape}</Placemark>"
        )
    title = label("kmz_title", language).format(tech=tech)
    coverage = _coverage_kml(result, tech, language)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        f"<name>{escape(title)}</name>{''.join(styles)}"
        f"<Folder><name>{escape(label('sites', language))}</name>{''.join(site_marks)}</Folder>"
        f"{coverage}"
        f"<Folder><name>{escape(label('villages_without', language).format(tech=tech))}</name>"
        f"{''.join(village_marks)}</Folder></Document></kml>\n"
    )


def export_kmz(
    result: CoverageResult, path: str | Path, *, technology: str = "4G", language: str = "en"
) -> Path:
    path = Path(path)
    doc = kml_document(result, technology=technology, language=language)
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("doc.kml", doc.encode("utf-8"))
        zf.writestr(ICON, site_icon_png())
    return path


def _coverage_kml(result: CoverageResult, tech: str, language: str) -> str:
    """A placemark of the technology's coverage polygons, from the model that made the
    figures (the terrain model's covered cells after a terrain run)."""
    if tech not in result.coverage:
        return ""
    parts = np.asarray(result.coverage[tech], dtype=object)
    if len(parts) == 0:
        return ""
    import geopandas as gpd

    merged = shapely.simplify(shapely.union_all(parts), SIMPLIFY_M, preserve_topology=True)
    geom = gpd.GeoSeries([merged], crs=result.villages.crs).to_crs(4326).iloc[0]
    key = "coverage_terrain" if result.rasters is not None else "coverage_of"
    text = label(key, language).format(tech=tech)
    name = escape(text[:1].upper() + text[1:])  # a folder's name, like the other two
    return (
        f"<Folder><name>{name}</name><Placemark><name>{name}</name>"
        f"<styleUrl>#coverage</styleUrl>{_polygon_kml(geom)}</Placemark></Folder>"
    )
