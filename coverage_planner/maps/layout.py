"""Print layout of a map: title, subtitle, legend, scale bar, north arrow, inset map
locating the view in the province, credits line; A4 or A3, portrait or landscape."""

from __future__ import annotations

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
from coverage_planner.reports.labels import label

PAPER_MM = {"A4": (297.0, 210.0), "A3": (420.0, 297.0)}

# TrueType fonts embedded in PDF (Type 42) and real text in SVG, so Vietnamese
# diacritics stay searchable and print as drawn.
mpl.rcParams["pdf.fonttype"] = 42
mpl.rcParams["ps.fonttype"] = 42
mpl.rcParams["svg.fonttype"] = "none"
mpl.rcParams["font.family"] = style.FONT_FAMILY


@dataclass(frozen=True)
class MapSpec:
    """What a printed map shows."""

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

    def size_inches(self) -> tuple[float, float]:
        w, h = PAPER_MM[self.paper]
        if self.orientation == "portrait":
            w, h = h, w
        return w / 25.4, h / 25.4


def default_title(result: CoverageResult, spec: MapSpec) -> str:
    pct = result.summary["villages_covered_pct"].get(spec.technology)
    text = label("map_title", spec.language).format(tech=spec.technology)
    if pct is not None:
        text += f" — {pct:.1f} %"
    return text


def default_subtitle(spec: MapSpec) -> str:
    place = spec.province or label("province", spec.language)
    return f"{place} · {label('date', spec.language)} {date.today().isoformat()}"


def default_credits(spec: MapSpec) -> str:
    return spec.credits or label("credits", spec.language)


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


def map_figure(result: CoverageResult, spec: MapSpec) -> Figure:
    """A print-ready figure of the coverage of ``spec.technology``."""
    fig = Figure(figsize=spec.size_inches())
    width, height = spec.size_inches()
    portrait = spec.orientation == "portrait"
    # Main map on the left (landscape) or top (portrait); side panel for legend and inset.
    main_rect = [0.03, 0.10, 0.70, 0.78] if not portrait else [0.05, 0.30, 0.90, 0.58]
    ax = fig.add_axes(main_rect)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    tech = spec.technology
    full = result.communes.total_bounds
    view = np.array(spec.bounds) if spec.bounds is not None else full
    aspect = (main_rect[2] * width) / (main_rect[3] * height)
    x0, y0, x1, y1 = _expand(view, aspect)
    box = shapely.box(x0, y0, x1, y1)

    def visible(frame):
        # Only what the view shows is drawn: an atlas page draws its commune, not the province.
        return frame if frame is None or spec.bounds is None else frame[frame.intersects(box)]

    villages, communes = visible(result.villages), visible(result.communes)
    draw.draw_villages(ax, villages, tech, alpha=0.75)
    if result.rasters is not None and tech in result.rasters:
        draw.draw_coverage_raster(
            ax, result.grid, result.rasters[tech].covered, tech, alpha=0.3, zorder=3
        )
    elif tech in result.coverage:
        # The coverage edge over the villages, not a tint that alters their colours.
        parts = result.coverage[tech]
        if spec.bounds is not None:
            parts = parts[shapely.intersects(parts, box)]
        draw.draw_polygons(
            ax, parts, edgecolor=style.TECH_COLOURS.get(tech, "#888888"), linewidth=0.8, zorder=3
        )
    draw.draw_communes(ax, communes, labels=spec.labels, fontsize=5.5 if spec.paper == "A4" else 7)
    draw.draw_backbone(ax, visible(result.backbone))
    draw.draw_sites(ax, visible(result.sites), tech, size=5)
    if spec.highlight_uncovered:
        mask = ~villages[f"covered_{tech.lower()}"].to_numpy(dtype=bool)
        if mask.any():
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
    lang = spec.language
    fig.text(
        0.03, 0.955, spec.title or default_title(result, spec), fontsize=15, weight="bold", va="top"
    )
    fig.text(
        0.03, 0.915, spec.subtitle or default_subtitle(spec), fontsize=10, va="top", color="#333333"
    )
    handles = [
        Patch(facecolor=style.STATUS_COLOURS["covered"], alpha=0.75, label=label("covered", lang)),
        Patch(facecolor=style.STATUS_COLOURS["partial"], alpha=0.75, label=label("partial", lang)),
        Patch(
            facecolor=style.STATUS_COLOURS["uncovered"], alpha=0.75, label=label("uncovered", lang)
        ),
        Patch(
            facecolor="none",
            edgecolor=style.STATUS_COLOURS["uncovered"],
            linewidth=1.2,
            label=label("uncovered_outline", lang).format(tech=tech),
        ),
        Line2D(
            [],
            [],
            color=style.TECH_COLOURS.get(tech, "#888888"),
            linewidth=0.8,
            label=label("coverage_of", lang).format(tech=tech),
        ),
        Line2D(
            [],
            [],
            marker="^",
            linestyle="",
            markerfacecolor=style.TECH_COLOURS.get(tech, "#444444"),
            markeredgecolor="black",
            markeredgewidth=0.3,
            label=label("sites_of", lang).format(tech=tech),
        ),
        Line2D(
            [],
            [],
            marker="^",
            linestyle="",
            markerfacecolor="#9E9E9E",
            markeredgecolor="black",
            markeredgewidth=0.3,
            markersize=4,
            label=label("other_sites", lang),
        ),
        Line2D([], [], color=style.BACKBONE, linewidth=1.2, label=label("fibre", lang)),
        Patch(
            facecolor="none", edgecolor=style.COMMUNE_EDGE, label=label("commune_boundary", lang)
        ),
    ]
    side = [0.75, 0.42, 0.23, 0.46] if not portrait else [0.05, 0.04, 0.50, 0.24]
    legend_ax = fig.add_axes(side)
    legend_ax.set_axis_off()
    legend_ax.legend(
        handles=handles,
        loc="upper left",
        fontsize=8,
        frameon=False,
        title=label("legend", lang),
        title_fontproperties={"weight": "bold", "size": 9},
    )
    summary = result.summary
    lines = [
        f"{label('villages_with', lang).format(tech=tech)}: {summary['villages_covered_pct'][tech]:.1f} %",
        f"{label('population_with', lang).format(tech=tech)}: {summary['population_covered_pct'][tech] or 0:.1f} %",
        f"{label('uncovered_villages', lang)}: {summary['uncovered_villages'][tech]}",
        f"{label('sites', lang)}: {summary['sites_by_technology'].get(tech, 0)} / {summary['sites']}",
        *spec.extra_lines,
    ]
    legend_ax.text(
        0.0, 0.0, "\n".join(lines), fontsize=8, va="bottom", transform=legend_ax.transAxes
    )
    inset_rect = [0.77, 0.10, 0.20, 0.28] if not portrait else [0.60, 0.04, 0.35, 0.24]
    _inset(fig, inset_rect, result, (x0, y0, x1, y1), show_box=spec.bounds is not None)
    fig.text(
        0.03, 0.015, default_credits(spec), fontsize=6.5, color="#555555", va="bottom", wrap=True
    )
    return fig


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
