"""The per-commune atlas: one PDF, a cover page with the province indicators, then a
page per commune with its map and the table of its villages' status per technology."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import draw, style
from coverage_planner.maps.layout import MapSpec, map_figure
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.reports.labels import label

ROWS_PER_PAGE = 22


def _cover(result: CoverageResult, spec: MapSpec) -> Figure:
    lang = spec.language
    fig = map_figure(
        result,
        MapSpec(
            **{
                **spec.__dict__,
                "orientation": "portrait",
                "paper": "A4",
                "title": f"{label('atlas_title', lang)} — {spec.province}".strip(" —"),
            }
        ),
    )
    s = result.summary
    rows = [
        (label("communes", lang), str(s["communes"])),
        (label("villages", lang), str(s["villages"])),
        (label("sites_total", lang), str(s["sites"])),
        *[
            (label("sites_with", lang).format(tech=t), str(n))
            for t, n in s["sites_by_technology"].items()
        ],
        (label("communes_with_mobile", lang), f"{s['communes_with_mobile_pct']:.1f} %"),
        *[
            (label("villages_with", lang).format(tech=t), f"{v:.1f} %")
            for t, v in s["villages_covered_pct"].items()
        ],
        *[
            (label("population_with", lang).format(tech=t), f"{v:.1f} %" if v is not None else "—")
            for t, v in s["population_covered_pct"].items()
        ],
        (
            label("communes_with_broadband", lang),
            "—"
            if s["communes_with_broadband_pct"] is None
            else f"{s['communes_with_broadband_pct']:.1f} %",
        ),
    ]
    ax = fig.axes[1]  # the legend panel of the portrait layout
    ax.clear()
    ax.set_axis_off()
    table = ax.table(
        cellText=[list(r) for r in rows],
        colLabels=[label("indicator", lang), label("value", lang)],
        loc="upper left",
        cellLoc="left",
        colWidths=[0.75, 0.25],
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7.5)
    table.scale(1, 1.1)
    return fig


def _commune_pages(result: CoverageResult, commune_row, spec: MapSpec) -> list[Figure]:
    lang = spec.language
    cid = str(commune_row["commune_id"])
    villages = result.villages[result.villages["commune_id"].astype(str) == cid]
    bounds = np.array(commune_row.geometry.bounds)
    techs = result.technologies
    fig_spec = MapSpec(
        **{
            **spec.__dict__,
            "orientation": "portrait",
            "paper": "A4",
            "bounds": tuple(bounds),
            "title": f"{commune_row['commune_name']}",
            "subtitle": f"{commune_row.get('district') or ''} · {spec.province}".strip(" ·"),
            "extra_lines": [],
        }
    )
    fig = map_figure(result, fig_spec)
    for ax in fig.axes:  # outline the commune on its page
        if ax.get_position().width > 0.6:
            draw.draw_highlight(ax, np.array([commune_row.geometry], dtype=object))
            break
    table_ax = fig.axes[1]
    table_ax.clear()
    table_ax.set_axis_off()
    header = [label("village", lang), label("population", lang), *techs]
    rows = []
    for _, v in villages.sort_values("village_name").iterrows():
        marks = []
        for t in techs:
            covered = bool(v[f"covered_{t.lower()}"])
            marks.append(("✓ " if covered else "✗ ") + f"{100 * v[f'share_{t.lower()}']:.0f}%")
        pop = "" if np.isnan(v["population"]) else f"{v['population']:.0f}"
        rows.append([str(v["village_name"]), pop, *marks])
    pages = [fig]
    chunks = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    for n, chunk in enumerate(chunks):
        if n == 0:
            ax = table_ax
        else:
            extra = Figure(figsize=fig.get_size_inches())
            extra.text(
                0.05,
                0.95,
                f"{commune_row['commune_name']} ({n + 1})",
                fontsize=13,
                weight="bold",
                va="top",
            )
            ax = extra.add_axes([0.05, 0.05, 0.9, 0.85])
            ax.set_axis_off()
            pages.append(extra)
        if chunk:
            table = ax.table(
                cellText=chunk,
                colLabels=header,
                loc="upper left",
                cellLoc="left",
                colWidths=[0.40, 0.16] + [0.44 / len(techs)] * len(techs),
            )
            table.auto_set_font_size(False)
            table.set_fontsize(6.5)
            for (r, c), cell in table.get_celld().items():
                if r > 0 and c >= 2:
                    cell.get_text().set_color(
                        style.STATUS_COLOURS["covered"]
                        if chunk[r - 1][c].startswith("✓")
                        else style.STATUS_COLOURS["uncovered"]
                    )
    return pages


def export_atlas(
    result: CoverageResult,
    path: str | Path,
    spec: MapSpec,
    *,
    reporter: Reporter | None = None,
    communes: list[str] | None = None,
) -> Path:
    """Write the atlas PDF: cover, then the communes (all, or those in ``communes``)."""
    reporter = reporter or NullReporter()
    path = Path(path)
    rows = result.communes
    if communes is not None:
        rows = rows[rows["commune_id"].astype(str).isin(communes)]
    rows = rows.sort_values(["district", "commune_name"], na_position="last")
    with (
        atomic_path(path) as tmp,
        PdfPages(tmp, metadata={"Title": label("atlas_title", spec.language)}) as pdf,
    ):
        pdf.savefig(_cover(result, spec))
        for n, (_, row) in enumerate(rows.iterrows(), start=1):
            checkpoint(
                reporter, n, len(rows), f"{label('commune', spec.language)} {row['commune_name']}"
            )
            for page in _commune_pages(result, row, spec):
                pdf.savefig(page)
    return path
