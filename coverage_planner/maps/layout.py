"""Print layout of a map: title, subtitle, legend, scale bar, north arrow, inset map
locating the view in the province, credits line; A4 or A3, portrait or landscape."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date

import matplotlib as mpl
import numpy as np
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, Patch, Rectangle
from matplotlib_scalebar.scalebar import ScaleBar

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.maps import draw, style
from coverage_planner.maps.text_wrap import page_text
from coverage_planner.reports.labels import label, number, percent
from coverage_planner.reports.provenance import (
    Provenance,
    coverage_criterion,
    provenance_of,
    source_line,
)
from coverage_planner.study import StudyDescription

PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}
# Where the map, the side panel (legend and figures) and the inset go, in figure
# fractions: the map on the left (landscape) or on top (portrait); an atlas page keeps
# its lower half for the villages' table.
LAYOUTS = {
    "landscape": {
        "main": [0.03, 0.10, 0.70, 0.78],
        "side": [0.75, 0.42, 0.23, 0.46],
        "inset": [0.77, 0.10, 0.20, 0.28],
    },
    "portrait": {
        "main": [0.05, 0.30, 0.90, 0.58],
        "side": [0.05, 0.04, 0.50, 0.24],
        "inset": [0.60, 0.04, 0.35, 0.24],
    },
    "atlas": {
        "main": [0.05, 0.47, 0.60, 0.42],
        "side": [0.67, 0.61, 0.32, 0.28],
        "inset": [0.70, 0.47, 0.26, 0.12],
    },
}
ATLAS_TABLE_TOP = 0.445
"""Top of the table under an atlas page's map (figure fraction)."""

# TrueType fonts embedded in PDF (Type 42) and real text in SVG, so Vietnamese
# diacritics stay searchable and print as drawn.
mpl.rcParams["pdf.fonttype"] = 42
mpl.rcParams["ps.fonttype"] = 42
mpl.rcParams["svg.fonttype"] = "none"
mpl.rcParams["font.family"] = style.FONT_FAMILY


@dataclass(frozen=True)
class MapSpec:
    """What a printed map shows.

    ``study`` (province, title, organisation, year) goes on the subtitle; ``sources``
    (the run's provenance) makes the source line, unless ``credits`` gives one;
    ``commune_id`` makes the figures box the commune's, not the province's.
    """

    technology: str = "4G"
    paper: str = "A4"
    orientation: str = "landscape"
    title: str | None = None
    subtitle: str | None = None
    bounds: tuple[float, float, float, float] | None = None  # None: the whole province
    highlight_uncovered: bool = True
    labels: bool = True
    language: str = "en"
    province: str = ""
    credits: str = ""
    extra_lines: list[str] = field(default_factory=list)
    study: StudyDescription = field(default_factory=StudyDescription)
    sources: Provenance | None = None
    commune_id: str | None = None
    layout: str | None = None  # None: from the orientation; "atlas": an atlas page

    def size_inches(self) -> tuple[float, float]:
        w, h = PAPER_MM[self.paper]
        if self.orientation == "portrait":
            w, h = h, w
        return w / 25.4, h / 25.4

    def province_name(self) -> str:
        return self.study.province or self.province


def default_title(result: CoverageResult, spec: MapSpec) -> str:
    pct = result.summary["villages_covered_pct"].get(spec.technology)
    text = label("map_title", spec.language).format(tech=spec.technology)
    if pct is not None:
        text += f" — {percent(pct, spec.language)}"
    return text


def study_line(spec: MapSpec) -> str:
    """Province — title · organisation · year: the study description, as far as given."""
    study, lang = spec.study, spec.language
    place = spec.province_name() or label("no_province", lang)
    head = " — ".join(x for x in (place, study.title) if x)
    rest = [x for x in (study.organisation, str(study.year) if study.year else "") if x]
    return " · ".join([head, *rest])


def default_subtitle(spec: MapSpec) -> str:
    run_date = spec.sources.run_date if spec.sources is not None else date.today().isoformat()
    return f"{study_line(spec)} · {label('date', spec.language)} {run_date}"


def default_credits(result: CoverageResult, spec: MapSpec) -> str:
    """The source line: the caller's, or the one of the run (never a fixed sentence)."""
    if spec.credits:
        return spec.credits
    return source_line(spec.sources or provenance_of(result), spec.language)


def _expand(
    bounds: np.ndarray, aspect: float, margin: float = 0.04
) -> tuple[float, float, float, float]:
    """Bounds grown to the axes' aspect ratio (width / height) with a margin."""
    minx, miny, maxx, maxy = bounds
    w, h = (maxx - minx) * (1 + 2 * margin), (maxy - miny) * (1 + 2 * margin)
    w, h = max(w, 1000.0), max(h, 1000.0)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def view_bounds(result: CoverageResult, spec: MapSpec) -> tuple[float, float, float, float]:
    """What the map of ``spec`` shows: its bounds (or the province's) grown to the
    map frame's aspect ratio."""
    width, height = spec.size_inches()
    main_rect = LAYOUTS[spec.layout or spec.orientation]["main"]
    view = np.array(spec.bounds) if spec.bounds is not None else result.communes.total_bounds
    return _expand(view, (main_rect[2] * width) / (main_rect[3] * height))


def visible_layers(result: CoverageResult, spec: MapSpec) -> tuple:
    """Villages, communes, sites and fibre inside the view: an atlas page draws (and
    its legend counts) its commune's surroundings, not the province."""
    box = shapely.box(*view_bounds(result, spec))

    def visible(frame):
        return frame if frame is None or spec.bounds is None else frame[frame.intersects(box)]

    return tuple(
        visible(f) for f in (result.villages, result.communes, result.sites, result.backbone)
    )


def coverage_in_view(result: CoverageResult, spec: MapSpec) -> bool:
    """Whether the map of ``spec`` draws any coverage of its technology."""
    tech = spec.technology
    if result.rasters is not None and tech in result.rasters:
        grids = result.rasters[tech]
        rows, cols, _ = draw.raster_window(result.grid, view_bounds(result, spec))
        return bool((grids.level[rows, cols] >= np.float64(grids.threshold)).any())
    if tech not in result.coverage:
        return False
    parts = result.coverage[tech]
    if spec.bounds is not None:
        parts = parts[shapely.intersects(parts, shapely.box(*view_bounds(result, spec)))]
    return len(parts) > 0


def view_legend(result: CoverageResult, spec: MapSpec, *, coverage_drawn: bool) -> list:
    """The legend of the map of ``spec``: what it draws, and only that (also printed on
    the atlas pages that continue a commune's table)."""
    villages, _, sites, backbone = visible_layers(result, spec)
    return legend_handles(
        villages,
        sites,
        backbone,
        spec.technology,
        language=spec.language,
        share=result.params.village_area_share,
        coverage_drawn=coverage_drawn,
        terrain=result.rasters is not None,
        outlined=spec.highlight_uncovered,
        counts=spec.commune_id is None,
    )


def map_figure(result: CoverageResult, spec: MapSpec) -> Figure:
    """A print-ready figure of the coverage of ``spec.technology``."""
    fig = Figure(figsize=spec.size_inches())
    width, height = spec.size_inches()
    portrait = spec.orientation == "portrait"
    rects = LAYOUTS[spec.layout or spec.orientation]
    main_rect = rects["main"]
    ax = fig.add_axes(main_rect)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    tech = spec.technology
    x0, y0, x1, y1 = view_bounds(result, spec)
    box = shapely.box(x0, y0, x1, y1)
    villages, communes, sites, backbone = visible_layers(result, spec)
    lang = spec.language
    draw.draw_villages(ax, villages, tech, alpha=0.75)
    coverage_drawn = False
    if result.rasters is not None and tech in result.rasters:
        # Only the cells of the view: a commune's page resamples its window, not the province.
        grids = result.rasters[tech]
        rows, cols, extent = draw.raster_window(result.grid, (x0, y0, x1, y1))
        window = grids.level[rows, cols] >= np.float64(grids.threshold)
        draw.draw_coverage_raster(ax, result.grid, window, tech, alpha=0.3, zorder=3, extent=extent)
        coverage_drawn = coverage_in_view(result, spec)
    elif tech in result.coverage:
        # The coverage edge over the villages, not a tint that alters their colours.
        parts = result.coverage[tech]
        if spec.bounds is not None:
            parts = parts[shapely.intersects(parts, box)]
        draw.draw_polygons(
            ax, parts, edgecolor=style.TECH_COLOURS.get(tech, "#888888"), linewidth=0.8, zorder=3
        )
        coverage_drawn = len(parts) > 0
    draw.draw_communes(ax, communes, labels=spec.labels, fontsize=5.5 if spec.paper == "A4" else 7)
    draw.draw_backbone(ax, backbone)
    draw.draw_sites(ax, sites, tech, size=5)
    mask = ~villages[f"covered_{tech.lower()}"].to_numpy(dtype=bool)
    if spec.highlight_uncovered and mask.any():
        draw.draw_polygons(
            ax,
            villages.geometry.to_numpy()[mask],
            edgecolor=style.STATUS_COLOURS["uncovered"],
            linewidth=0.9,
            zorder=7,
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.add_artist(
        ScaleBar(1.0, units="m", location="lower left", box_alpha=0.7, font_properties={"size": 8})
    )
    _north_arrow(ax)
    fig.text(
        0.03, 0.955, spec.title or default_title(result, spec), fontsize=15, weight="bold", va="top"
    )
    page_text(
        fig,
        0.03,
        0.915,
        spec.subtitle or default_subtitle(spec),
        fontsize=10 if not portrait else 8.5,
        va="top",
        color="#333333",
    )
    handles = view_legend(result, spec, coverage_drawn=coverage_drawn)
    side = rects["side"]
    small = spec.layout == "atlas"
    legend_ax = fig.add_axes(side)
    legend_ax.set_axis_off()
    legend_ax.legend(
        handles=handles,
        loc="upper left",
        fontsize=7 if small else 8,
        frameon=False,
        title=label("legend", lang),
        title_fontproperties={"weight": "bold", "size": 9},
    )
    legend_ax.text(
        0.0,
        0.0,
        "\n".join(figure_lines(result, spec) + list(spec.extra_lines)),
        fontsize=7 if small else 8,
        va="bottom",
        transform=legend_ax.transAxes,
    )
    _inset(fig, rects["inset"], result, (x0, y0, x1, y1), show_box=spec.bounds is not None)
    page_text(
        fig,
        0.03,
        0.012,
        default_credits(result, spec),
        fontsize=6 if not portrait else 5.5,
        color="#555555",
        va="bottom",
    )
    return fig


def legend_handles(
    villages,
    sites,
    backbone,
    tech: str,
    *,
    language: str,
    share: float,
    coverage_drawn: bool,
    terrain: bool,
    outlined: bool = True,
    counts: bool = True,
) -> list:
    """Legend entries of what the map draws, and only that: a class absent from the
    view has no entry; with ``counts``, village classes and sites give their count (of
    what is drawn: an atlas page leaves them out, its figures box is the commune's)."""
    lang = language
    classes = draw.village_status_classes(villages, tech)
    n = {k: int((classes == k).sum()) for k in style.STATUS_COLOURS}

    def counted(text: str, k: int) -> str:
        return f"{text} ({k})" if counts else text

    words = {
        "covered": label("covered", lang).format(tech=tech),
        "partial": label("partial", lang).format(
            share=number(100 * share, lang, digits=0 if (100 * share) % 1 == 0 else 1)
        ),
        "uncovered": label("uncovered", lang).format(tech=tech),
    }
    handles: list = [
        Patch(facecolor=colour, alpha=0.75, label=counted(words[k], n[k]))
        for k, colour in style.STATUS_COLOURS.items()
        if n[k]
    ]
    n_without = n["partial"] + n["uncovered"]
    if outlined and n_without:
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=style.STATUS_COLOURS["uncovered"],
                linewidth=1.2,
                label=counted(label("uncovered_outline", lang).format(tech=tech), n_without),
            )
        )
    if coverage_drawn:
        colour = style.TECH_COLOURS.get(tech, "#888888")
        key = "coverage_terrain" if terrain else "coverage_of"
        handles.append(
            Patch(
                facecolor=colour,
                alpha=0.3,
                edgecolor="none",
                label=label(key, lang).format(tech=tech),
            )
            if terrain
            else Line2D(
                [], [], color=colour, linewidth=0.8, label=label(key, lang).format(tech=tech)
            )
        )
    serves = (
        sites[f"serves_{tech.lower()}"].to_numpy(dtype=bool) if len(sites) else np.zeros(0, bool)
    )
    if serves.any():
        handles.append(
            Line2D(
                [],
                [],
                marker="^",
                linestyle="",
                markerfacecolor=style.TECH_COLOURS.get(tech, "#444444"),
                markeredgecolor="black",
                markeredgewidth=0.3,
                label=counted(label("sites_of", lang).format(tech=tech), int(serves.sum())),
            )
        )
    if (~serves).any():
        handles.append(
            Line2D(
                [],
                [],
                marker="^",
                linestyle="",
                markerfacecolor="#9E9E9E",
                markeredgecolor="black",
                markeredgewidth=0.3,
                markersize=4,
                label=counted(label("other_sites", lang).format(tech=tech), int((~serves).sum())),
            )
        )
    if backbone is not None and len(backbone):
        kinds = set(backbone["kind"])
        if "route" in kinds:
            handles.append(
                Line2D([], [], color=style.BACKBONE, linewidth=1.2, label=label("fibre", lang))
            )
        if "access_point" in kinds:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="s",
                    linestyle="",
                    markerfacecolor=style.BACKBONE,
                    markeredgecolor="white",
                    label=label("fibre_point", lang),
                )
            )
    handles.append(
        Patch(facecolor="none", edgecolor=style.COMMUNE_EDGE, label=label("commune_boundary", lang))
    )
    return handles


def figure_lines(result: CoverageResult, spec: MapSpec) -> list[str]:
    """The figures box: the province's, or the commune's on a commune's page."""
    tech, lang = spec.technology, spec.language
    t = tech.lower()
    if spec.commune_id is not None:
        c = result.communes[result.communes["commune_id"].astype(str) == str(spec.commune_id)]
        v = result.villages[result.villages["commune_id"].astype(str) == str(spec.commune_id)]
        row = c.iloc[0]
        heading = str(row["commune_name"])
        villages_pct = row[f"villages_covered_{t}_pct"]
        pop_pct = row[f"population_covered_{t}_pct"]
        classes = draw.village_status_classes(v, tech)
        sites = result.sites[result.sites["commune_id"].astype(str) == str(spec.commune_id)]
        n_sites, n_tech = len(sites), int(sites[f"serves_{t}"].sum())
    else:
        s = result.summary
        heading = label("whole_province", lang)
        villages_pct = s["villages_covered_pct"][tech]
        pop_pct = s["population_covered_pct"][tech]
        classes = draw.village_status_classes(result.villages, tech)
        n_sites, n_tech = s["sites"], s["sites_by_technology"].get(tech, 0)
    without = int((classes != "covered").sum())
    out_of_range = int((classes == "uncovered").sum())
    return [
        heading,
        f"{label('villages_with', lang).format(tech=tech)}: {percent(villages_pct, lang)}",
        f"{label('population_with', lang).format(tech=tech)}: {percent(pop_pct, lang)}",
        f"{label('villages_without', lang).format(tech=tech)}: {without}",
        f"  {label('of_which_out_of_range', lang).format(n=out_of_range)}",
        f"{label('sites_with', lang).format(tech=tech)}: {n_tech} / {n_sites}",
        # wrapped to the width of the figures box (the side panel)
        *[w for line in coverage_criterion(result, tech, lang) for w in textwrap.wrap(line, 40)],
    ]


def _north_arrow(ax) -> None:
    ax.add_patch(
        FancyArrow(
            0.95,
            0.86,
            0,
            0.08,
            width=0.012,
            head_width=0.035,
            head_length=0.03,
            transform=ax.transAxes,
            color="black",
            zorder=10,
        )
    )
    ax.text(
        0.95,
        0.82,
        "N",
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=10,
        weight="bold",
        zorder=10,
    )


def _inset(
    fig: Figure, rect: list[float], result: CoverageResult, view: tuple, *, show_box: bool
) -> None:
    inset = fig.add_axes(rect)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    draw.draw_polygons(
        inset,
        result.communes.geometry.to_numpy(),
        facecolor="#EEEEEE",
        edgecolor="#999999",
        linewidth=0.3,
    )
    minx, miny, maxx, maxy = result.communes.total_bounds
    pad = 0.05 * max(maxx - minx, maxy - miny)
    inset.set_xlim(minx - pad, maxx + pad)
    inset.set_ylim(miny - pad, maxy + pad)
    x0, y0, x1, y1 = view
    if show_box:
        inset.add_patch(
            Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="#D55E00", linewidth=1.2)
        )
