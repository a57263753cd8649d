"""The per-commune atlas: one PDF. The cover has the province map with its legend, the
province indicators and the table of contents; then each commune has a page with its
map, legend and figures and the table of its villages, continued on following pages
so that every village prints inside the page. Villages sort naturally (Bản 2 before
Bản 10); every page has its number, the study and the run's source line."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.errors import Cancelled
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps import draw, style
from coverage_planner.maps.layout import (
    ATLAS_TABLE_TOP,
    MapSpec,
    coverage_in_view,
    default_credits,
    map_figure,
    study_line,
    view_legend,
)
from coverage_planner.maps.render_progress import RenderProgress
from coverage_planner.maps.text_wrap import page_text
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.reports.labels import label, number, percent

A4_PORTRAIT = (210 / 25.4, 297 / 25.4)
ROW_IN = 0.145
"""Height of a table row, inches (7 pt text)."""
TABLE_BOTTOM = 0.065
"""Lowest row's baseline (figure fraction): above the source line."""
PAGE_TOP = 0.90
"""Top of the table on a continuation page of the contents."""
CONTINUED_TOP = 0.80
"""Top of the table on a page continuing a commune's: below the full legend."""
FONT = 7.0


def natural_key(text: object) -> tuple:
    """Sort key that orders numbers by value: ``Bản 2`` before ``Bản 10``."""
    parts = re.split(r"(\d+)", str(text).casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p != "")


def rows_that_fit(top: float, bottom: float = TABLE_BOTTOM) -> int:
    """Data rows that fit between ``top`` and ``bottom`` (with the header row)."""
    return max(1, int((top - bottom) * A4_PORTRAIT[1] / ROW_IN) - 1)


FIRST_ROWS = rows_that_fit(ATLAS_TABLE_TOP)
NEXT_ROWS = rows_that_fit(CONTINUED_TOP)


@dataclass(frozen=True)
class CommunePlan:
    """A commune's place in the atlas: its villages' rows and its first page."""

    row: pd.Series
    villages: pd.DataFrame
    first_page: int

    @property
    def pages(self) -> int:
        extra = max(0, len(self.villages) - FIRST_ROWS)
        return 1 + -(-extra // NEXT_ROWS)


def commune_villages(result: CoverageResult, commune_id: str) -> pd.DataFrame:
    """The commune's villages, naturally sorted by name, then code."""
    v = result.villages[result.villages["commune_id"].astype(str) == str(commune_id)]
    keys = [
        (natural_key(n), natural_key(i))
        for n, i in zip(v["village_name"], v["village_id"], strict=True)
    ]
    order = sorted(range(len(v)), key=keys.__getitem__)
    return v.iloc[order]


def _footer(fig: Figure, page: int, total: int, spec: MapSpec, *, source: str | None) -> None:
    fig.text(
        0.97,
        0.975,
        label("page_of", spec.language).format(n=page, total=total),
        fontsize=8,
        ha="right",
        va="top",
        color="#333333",
    )
    if source is not None:  # map pages carry it from their layout
        page_text(fig, 0.03, 0.012, source, fontsize=5.5, color="#555555", va="bottom")


def _table(
    fig: Figure,
    header: list[str],
    rows: list[list[str]],
    colours: list[list[str | None]],
    x: list[float],
    *,
    top: float,
) -> None:
    """Rows of text at fixed positions: every row is placed, none can overflow."""
    dy = ROW_IN / A4_PORTRAIT[1]
    y = top
    for xi, text in zip(x, header, strict=True):
        fig.text(xi, y, text, fontsize=FONT, weight="bold", va="top")
    fig.add_artist(
        _rule(fig, x[0], 0.97, y - dy * 0.8),
    )
    for row, cols in zip(rows, colours, strict=True):
        y -= dy
        for xi, text, colour in zip(x, row, cols, strict=True):
            fig.text(xi, y, text, fontsize=FONT, va="top", color=colour or "#111111")


def _rule(fig: Figure, x0: float, x1: float, y: float):
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=fig.transFigure, color="#777777", linewidth=0.5)


def _village_rows(
    villages: pd.DataFrame, techs: list[str], language: str
) -> tuple[list[list[str]], list[list[str | None]]]:
    rows, colours = [], []
    for _, v in villages.iterrows():
        marks, cols = [], [None, None, None]
        for t in techs:
            covered = bool(v[f"covered_{t.lower()}"])
            # Rounded down: 99.6 % is not shown as a full 100 %, nor 49.6 % as the 50 % share.
            share = percent(np.floor(100 * float(v[f"share_{t.lower()}"])), language, digits=0)
            marks.append(("✓ " if covered else "✗ ") + share)
            cols.append(style.STATUS_COLOURS["covered" if covered else "uncovered"])
        pop = v["population"]
        rows.append(
            [
                str(v["village_name"]),
                str(v["village_id"]),
                "" if pd.isna(pop) else number(float(pop), language, digits=0),
                *marks,
            ]
        )
        colours.append(cols)
    return rows, colours


def _columns(techs: list[str]) -> list[float]:
    step = min(0.1, 0.38 / max(1, len(techs)))
    return [0.05, 0.40, 0.52, *[0.60 + i * step for i in range(len(techs))]]


def _table_key(fig: Figure, spec: MapSpec, share: float, *, y: float) -> None:
    """The table's legend: what ✓, ✗ and the percentages mean."""
    lang = spec.language
    tech = spec.technology
    text = (
        f"✓ {label('covered', lang).format(tech=tech)}"
        f"   ✗ {label('uncovered_outline', lang).format(tech=tech)}"
        f"   % : {label('share_of_area', lang).format(share=number(100 * share, lang, digits=0))}"
    )
    fig.text(0.05, y, text, fontsize=6.5, va="top", color="#333333")


def _page_legend(page: Figure, result: CoverageResult, spec: MapSpec, *, drawn: bool) -> None:
    """The full legend of the commune's map (``spec``) across the top of a
    continuation page."""
    handles = view_legend(result, spec, coverage_drawn=drawn)
    ax = page.add_axes([0.05, CONTINUED_TOP + 0.03, 0.92, 0.085])
    ax.set_axis_off()
    ax.legend(
        handles=handles,
        loc="upper left",
        ncols=3,
        fontsize=7,
        frameon=False,
        title=label("legend", spec.language),
        title_fontproperties={"weight": "bold", "size": 8},
        alignment="left",
    )


def _commune_pages(
    result: CoverageResult, plan: CommunePlan, spec: MapSpec, total: int, heard
) -> list[Figure]:
    """The commune's map page and its continuation pages; ``heard()`` is called
    between the steps of their composition (it raises on a cancel)."""
    lang = spec.language
    row = plan.row
    techs = result.technologies
    district = row.get("district")
    fig_spec = replace(
        spec,
        orientation="portrait",
        paper="A4",
        layout="atlas",
        bounds=tuple(row.geometry.bounds),
        title=f"{row['commune_name']}",
        subtitle=" · ".join(
            x
            for x in (str(district) if pd.notna(district) and district else "", study_line(spec))
            if x
        ),
        extra_lines=[],
        commune_id=str(row["commune_id"]),
    )
    fig = map_figure(result, fig_spec)
    heard()
    draw.draw_highlight(fig.axes[0], np.array([row.geometry], dtype=object))
    header = [
        label("village", lang),
        label("village_code", lang),
        label("population", lang),
        *techs,
    ]
    rows, colours = _village_rows(plan.villages, techs, lang)
    x = _columns(techs)
    share = result.params.village_area_share
    _table_key(fig, spec, share, y=ATLAS_TABLE_TOP + 0.012)
    _table(fig, header, rows[:FIRST_ROWS], colours[:FIRST_ROWS], x, top=ATLAS_TABLE_TOP)
    _footer(fig, plan.first_page, total, spec, source=None)
    pages = [fig]
    source = default_credits(result, spec)
    # The commune map's own legend, in full, on every page that continues its table.
    drawn = coverage_in_view(result, fig_spec)
    rest_rows, rest_colours = rows[FIRST_ROWS:], colours[FIRST_ROWS:]
    for n in range(0, len(rest_rows), NEXT_ROWS):
        heard()
        page = Figure(figsize=A4_PORTRAIT)
        page.text(
            0.05,
            0.965,
            f"{row['commune_name']} ({label('continued', lang)})",
            fontsize=13,
            weight="bold",
            va="top",
        )
        page.text(0.05, 0.935, study_line(spec), fontsize=9, va="top", color="#333333")
        _page_legend(page, result, fig_spec, drawn=drawn)
        _table_key(page, spec, share, y=CONTINUED_TOP + 0.015)
        _table(
            page,
            header,
            rest_rows[n : n + NEXT_ROWS],
            rest_colours[n : n + NEXT_ROWS],
            x,
            top=CONTINUED_TOP,
        )
        _footer(page, plan.first_page + len(pages), total, spec, source=source)
        pages.append(page)
    return pages


def _indicator_rows(result: CoverageResult, lang: str) -> list[tuple[str, str]]:
    s = result.summary
    return [
        (label("communes", lang), str(s["communes"])),
        (label("villages", lang), number(s["villages"], lang, digits=0)),
        (label("sites_total", lang), number(s["sites"], lang, digits=0)),
        *[
            (label("sites_with", lang).format(tech=t), number(n, lang, digits=0))
            for t, n in s["sites_by_technology"].items()
        ],
        (label("communes_with_mobile", lang), percent(s["communes_with_mobile_pct"], lang)),
        *[
            (label("villages_with", lang).format(tech=t), percent(v, lang))
            for t, v in s["villages_covered_pct"].items()
        ],
        *[
            (label("population_with", lang).format(tech=t), percent(v, lang))
            for t, v in s["population_covered_pct"].items()
        ],
        (label("communes_with_broadband", lang), percent(s["communes_with_broadband_pct"], lang)),
    ]


def _contents_columns(
    fig: Figure, entries: list[tuple[str, int]], *, top: float, x: list[float]
) -> None:
    dy = ROW_IN / A4_PORTRAIT[1]
    per_column = rows_that_fit(top)
    for k, (name, page) in enumerate(entries):
        col, r = divmod(k, per_column)
        y = top - r * dy
        fig.text(x[col], y, name, fontsize=FONT, va="top")
        fig.text(x[col] + 0.36, y, str(page), fontsize=FONT, va="top", ha="right")


def contents_pages(n_entries: int) -> int:
    """Pages the table of contents needs beyond the cover."""
    on_cover = rows_that_fit(ATLAS_TABLE_TOP - 0.02)  # right half of the cover
    left = max(0, n_entries - on_cover)
    return -(-left // (2 * rows_that_fit(PAGE_TOP)))


def _cover_pages(
    result: CoverageResult, spec: MapSpec, plans: list[CommunePlan], total: int
) -> list[Figure]:
    lang = spec.language
    province = spec.province_name()
    title = " — ".join(x for x in (label("atlas_title", lang), province) if x)
    fig = map_figure(
        result,
        replace(spec, orientation="portrait", paper="A4", layout="atlas", title=title),
    )
    # The province indicators on the left, the table of contents on the right.
    dy = ROW_IN / A4_PORTRAIT[1]
    y = ATLAS_TABLE_TOP
    fig.text(0.05, y, label("indicator", lang), fontsize=FONT, weight="bold", va="top")
    fig.text(0.45, y, label("value", lang), fontsize=FONT, weight="bold", va="top", ha="right")
    for name, value in _indicator_rows(result, lang):
        y -= dy
        fig.text(0.05, y, name, fontsize=FONT, va="top")
        fig.text(0.45, y, value, fontsize=FONT, va="top", ha="right")
    entries = [(str(p.row["commune_name"]), p.first_page) for p in plans]
    fig.text(0.52, ATLAS_TABLE_TOP, label("contents", lang), fontsize=FONT, weight="bold", va="top")
    on_cover = rows_that_fit(ATLAS_TABLE_TOP - 0.02)
    _contents_columns(fig, entries[:on_cover], top=ATLAS_TABLE_TOP - dy, x=[0.52])
    _footer(fig, 1, total, spec, source=None)
    pages = [fig]
    rest = entries[on_cover:]
    per_page = 2 * rows_that_fit(PAGE_TOP)
    source = default_credits(result, spec)
    for n in range(0, len(rest), per_page):
        page = Figure(figsize=A4_PORTRAIT)
        page.text(
            0.05,
            0.965,
            f"{label('contents', lang)} ({label('continued', lang)})",
            fontsize=13,
            weight="bold",
            va="top",
        )
        _contents_columns(page, rest[n : n + per_page], top=PAGE_TOP, x=[0.05, 0.52])
        _footer(page, len(pages) + 1, total, spec, source=source)
        pages.append(page)
    return pages


def atlas_plan(result: CoverageResult, rows: pd.DataFrame) -> tuple[list[CommunePlan], int]:
    """Every commune's villages and first page, and the atlas's page count."""
    first = 2 + contents_pages(len(rows))
    plans = []
    for _, row in rows.iterrows():
        plan = CommunePlan(row, commune_villages(result, row["commune_id"]), first)
        plans.append(plan)
        first += plan.pages
    return plans, first - 1


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
        rows = rows[rows["commune_id"].astype(str).isin([str(c) for c in communes])]
    keys = [
        (natural_key(d if pd.notna(d) else "\uffff"), natural_key(n))
        for d, n in zip(rows["district"], rows["commune_name"], strict=True)
    ]
    rows = rows.iloc[sorted(range(len(rows)), key=keys.__getitem__)]
    plans, total = atlas_plan(result, rows)
    title = " — ".join(x for x in (label("atlas_title", spec.language), spec.province_name()) if x)
    # Steps: the cover, then one per commune; a step is reported when it starts,
    # so the bar reads what is done (never 100 % while the last commune is drawn).
    steps = len(plans) + 1
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        # The PDF is finished (fonts subset and embedded, about a second) only when
        # every page is written: a cancel closes the file as it is and atomic_path
        # removes it, so it is heard at once.
        pdf = PdfPages(fh, metadata={"Title": title, "Subject": study_line(spec)})
        checkpoint(reporter, 0, steps)
        for n, pages in enumerate(_pages(result, spec, plans, total, reporter, steps)):
            for page in pages:
                # A cancel is heard between the layers and table rows being drawn too.
                RenderProgress(page, reporter, start=n, span=0, total=steps)
                pdf.savefig(page)
        if reporter.cancelled():
            raise Cancelled()
        pdf.close()
    reporter.progress(steps, steps)
    return path


def _pages(result, spec, plans, total, reporter, steps):
    """The atlas's pages, step by step: the cover's, then each commune's."""
    yield _cover_pages(result, spec, plans, total)
    for n, plan in enumerate(plans, start=1):
        # The name alone: it already says "Xã …" (a "Commune" before it read "Xã Xã …").
        checkpoint(reporter, n, steps, f"{plan.row['commune_name']} ({n}/{len(plans)})")
        yield _commune_pages(result, plan, spec, total, lambda n=n: checkpoint(reporter, n, steps))
