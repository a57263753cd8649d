"""Figures of an investment plan: the proposal map (on the print layout), the
cost–coverage curve, the link profile. Shared by the exports and the desktop app."""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from coverage_planner.maps import draw, style
from coverage_planner.maps.layout import MapSpec, map_figure

KIND_MARKERS = {"upgrade": ("s", "#0072B2"), "new": ("*", "#D55E00"), "share": ("D", "#009E73")}
GAINED = "#F0E442"  # yellow (Okabe-Ito): newly covered villages

WORDS = {
    "title": {"en": "Investment proposal {tech}", "vi": "Đề xuất đầu tư {tech}"},
    "subtitle": {"en": "{n} sites · {cost}", "vi": "{n} trạm · {cost}"},
    "upgrade": {"en": "upgrade of an existing site", "vi": "nâng cấp trạm hiện có"},
    "new": {"en": "new site", "vi": "trạm xây mới"},
    "share": {"en": "shared tower", "vi": "dùng chung hạ tầng"},
    "gained": {"en": "village newly covered", "vi": "thôn bản được phủ sóng mới"},
    "fibre": {"en": "fibre to the backbone", "vi": "cáp quang nối mạng"},
    "microwave": {"en": "microwave hop", "vi": "truyền dẫn viba"},
    "serves": {"en": "site → villages it brings", "vi": "trạm → thôn bản được phủ"},
    "before_after": {
        "en": "Before → after:\n  villages {vb:.1f} % → {va:.1f} %\n  population {pb:.1f} % → {pa:.1f} %",
        "vi": "Trước → sau:\n  thôn bản {vb:.1f} % → {va:.1f} %\n  dân số {pb:.1f} % → {pa:.1f} %",
    },
    "uncovered": {
        "en": "Villages without {tech}: {b} → {a}",
        "vi": "Thôn bản chưa có {tech}: {b} → {a}",
    },
    "curve_x": {"en": "cost (billion VND)", "vi": "chi phí (tỷ đồng)"},
    "curve_y": {"en": "{what} with {tech} (%)", "vi": "{what} có {tech} (%)"},
    "population": {"en": "population", "vi": "dân số"},
    "villages": {"en": "villages", "vi": "thôn bản"},
    "curve_title": {"en": "Cost and coverage, {tech}", "vi": "Chi phí và vùng phủ {tech}"},
    "chosen": {"en": "this plan", "vi": "phương án này"},
    "optimal": {
        "en": "best plan of the budget (proven optimal)",
        "vi": "phương án tốt nhất với ngân sách (đã chứng minh tối ưu)",
    },
    "best_found": {
        "en": "best plan found (greedy or time limit)",
        "vi": "phương án tốt nhất tìm được (tham lam hoặc hết thời gian)",
    },
    "greedy_path": {"en": "greedy, site by site", "vi": "tham lam, từng trạm"},
    "billion": {"en": "{v:,.1f} billion VND", "vi": "{v:,.1f} tỷ đồng"},
}


def word(key: str, language: str, *, table: dict | None = None) -> str:
    """The text of ``key`` in ``language`` (English where the language has none), from
    ``table`` (the plan's words by default, :data:`PROFILE_WORDS` for the profile)."""
    entry = (WORDS if table is None else table)[key]
    return entry.get(language, entry["en"])


def _links(ax, start: np.ndarray, end: np.ndarray, *, zorder: int, **line) -> list:
    """Straight links from each ``start`` point to its ``end`` (n × 2 arrays), drawn as
    one collection (site → village, site → backhaul point)."""
    from matplotlib.collections import LineCollection

    if len(start) == 0:
        return []
    segs = np.stack([start, end], axis=1)
    return [ax.add_collection(LineCollection(segs, zorder=zorder, **line))]


def money(vnd: float, language: str) -> str:
    return word("billion", language).format(v=vnd / 1e9)


def draw_plan(ax, plan, *, zorder: int = 8, lines: bool = True) -> list:
    """Chosen sites by kind, lines to the villages they bring, backhaul links, newly
    covered villages (highlighted)."""
    artists = []
    cand = plan.context.candidates
    villages = plan.context.result.villages
    gained = plan.step_of_village > 0
    if gained.any():
        artists.append(
            draw.draw_polygons(
                ax,
                villages.geometry.to_numpy()[gained],
                facecolor=GAINED,
                edgecolor="#000000",
                linewidth=0.4,
                alpha=0.9,
                zorder=zorder - 2,
            )
        )
    chosen = plan.chosen
    if len(chosen) == 0:
        return artists
    xy = shapely.get_coordinates(cand.geometry.to_numpy()[chosen])
    if lines and gained.any():
        refs = shapely.get_coordinates(
            shapely.point_on_surface(villages.geometry.to_numpy()[gained])
        )
        site_xy = xy[plan.step_of_village[gained] - 1]
        artists += _links(
            ax, site_xy, refs, zorder=zorder - 1, colors="#333333", linewidths=0.5, alpha=0.7
        )
    far = np.c_[cand["backhaul_x"].to_numpy(dtype=float), cand["backhaul_y"].to_numpy(dtype=float)]
    far = far[chosen]
    kind = cand["backhaul"].to_numpy()[chosen]
    for k, colour, ls in (("fibre", style.BACKBONE, "-"), ("microwave", "#000000", "--")):
        m = (kind == k) & np.isfinite(far).all(axis=1)
        artists += _links(
            ax, xy[m], far[m], zorder=zorder, colors=colour, linestyles=ls, linewidths=1.0
        )
    kinds = cand["kind"].to_numpy()[chosen]
    for k, (marker, colour) in KIND_MARKERS.items():
        m = kinds == k
        if m.any():
            artists.append(
                ax.scatter(
                    xy[m, 0],
                    xy[m, 1],
                    marker=marker,
                    s=60 if marker == "*" else 30,
                    c=colour,
                    edgecolors="black",
                    linewidths=0.5,
                    zorder=zorder + 1,
                )
            )
    return artists


def plan_handles(language: str) -> list:
    return [
        *[
            Line2D(
                [],
                [],
                marker=m,
                linestyle="",
                markerfacecolor=c,
                markeredgecolor="black",
                label=word(k, language),
            )
            for k, (m, c) in KIND_MARKERS.items()
        ],
        Patch(facecolor=GAINED, edgecolor="black", label=word("gained", language)),
        Line2D([], [], color="#333333", linewidth=0.5, label=word("serves", language)),
        Line2D([], [], color=style.BACKBONE, label=word("fibre", language)),
        Line2D([], [], color="#000000", linestyle="--", label=word("microwave", language)),
    ]


def proposal_figure(plan, *, language: str = "vi", province: str = "", paper: str = "A4") -> Figure:
    """The proposal map: the audit's print layout with the plan drawn over it."""
    s = plan.summary
    tech = plan.technology
    b, a = s["before"], s["after"]
    spec = MapSpec(
        technology=tech,
        paper=paper,
        language=language,
        province=province,
        title=word("title", language).format(tech=tech),
        highlight_uncovered=False,
        extra_lines=[
            word("subtitle", language).format(
                n=s["sites_chosen"],
                cost=money(s["cost_vnd"], language),
                tech=tech,
                b=b["villages_covered_pct"] or 0,
                a=a["villages_covered_pct"] or 0,
            ),
            word("before_after", language).format(
                vb=b["villages_covered_pct"] or 0,
                va=a["villages_covered_pct"] or 0,
                pb=b["population_covered_pct"] or 0,
                pa=a["population_covered_pct"] or 0,
            ),
            word("uncovered", language).format(
                tech=tech, b=b["uncovered_villages"], a=a["uncovered_villages"]
            ),
        ],
    )
    fig = map_figure(plan.context.result, spec)
    ax = fig.axes[0]
    draw_plan(ax, plan)
    # The plan's own legend inside the map: the layout's side panel is full.
    ax.legend(
        handles=plan_handles(language),
        loc="lower right",
        fontsize=6.5,
        framealpha=0.92,
        title=word("title", language).format(tech=tech),
        title_fontproperties={"weight": "bold", "size": 7},
    ).set_zorder(30)
    return fig


def curve_figure(plan, *, language: str = "vi", fig: Figure | None = None) -> Figure:
    """Cost–coverage curve: the best plan of each budget (filled: proven optimal;
    open: the greedy's or the solver's best within its time), the greedy path, this
    plan marked."""
    fig = fig or Figure(figsize=(7, 4.5))
    fig.clear()
    ax = fig.add_subplot(111)
    c = plan.curve
    what = word("villages" if plan.request.objective == "villages" else "population", language)
    if plan.request.target_pct is not None:
        what = word("villages", language)
    kind = c["kind"] if "kind" in c else np.full(len(c), "budget")
    path = c[kind == "greedy_path"]
    if len(path):
        ax.step(
            path["cost_vnd"] / 1e9,
            path["covered_pct"],
            where="post",
            color="#999999",
            linewidth=0.9,
            label=word("greedy_path", language),
        )
    points = c[kind == "budget"].sort_values("cost_vnd")
    if len(points):
        ax.plot(points["cost_vnd"] / 1e9, points["covered_pct"], color="#0072B2", linewidth=1.5)
        proven = points["optimal"].fillna(False).astype(bool).to_numpy()
        for mask, key, face in ((proven, "optimal", "#0072B2"), (~proven, "best_found", "white")):
            if mask.any():
                ax.plot(
                    points["cost_vnd"].to_numpy()[mask] / 1e9,
                    points["covered_pct"].to_numpy()[mask],
                    "o",
                    color="#0072B2",
                    markerfacecolor=face,
                    markersize=5,
                    label=word(key, language),
                )
    s = plan.summary
    key = (
        "villages_covered_pct"
        if plan.request.objective == "villages" or plan.request.target_pct is not None
        else "population_covered_pct"
    )
    ax.plot(
        [s["cost_vnd"] / 1e9],
        [s["after"][key] or 0],
        "D",
        color="#D55E00",
        label=word("chosen", language),
    )
    ax.set_xlabel(word("curve_x", language))
    ax.set_ylabel(word("curve_y", language).format(what=what, tech=plan.technology))
    ax.set_title(word("curve_title", language).format(tech=plan.technology))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


PROFILE_WORDS = {
    "title": {"en": "Link profile", "vi": "Mặt cắt tuyến"},
    "ground": {"en": "terrain + earth bulge", "vi": "địa hình + độ cong trái đất"},
    "ray": {"en": "line of sight", "vi": "tia nhìn thẳng"},
    "fresnel": {"en": "first Fresnel zone", "vi": "miền Fresnel thứ nhất"},
    "required": {"en": "{p:.0f} % of the zone", "vi": "{p:.0f} % miền Fresnel"},
    "obstacle": {"en": "obstacle", "vi": "vật cản"},
    "x": {"en": "distance (km)", "vi": "khoảng cách (km)"},
    "y": {"en": "height above sea level (m)", "vi": "độ cao so với mực nước biển (m)"},
    "los_yes": {"en": "line of sight: yes", "vi": "nhìn thẳng: có"},
    "los_no": {"en": "line of sight: blocked", "vi": "nhìn thẳng: bị che"},
    "clear_yes": {"en": "Fresnel zone clear ({c:.0%})", "vi": "miền Fresnel thông ({c:.0%})"},
    "clear_no": {
        "en": "Fresnel zone obstructed ({c:.0%} clear)",
        "vi": "miền Fresnel bị che ({c:.0%} thông)",
    },
    "level": {"en": "predicted level {l:.1f} dBm", "vi": "mức thu dự báo {l:.1f} dBm"},
}


def profile_figure(
    profile, *, language: str = "vi", fig: Figure | None = None, title: str = ""
) -> Figure:
    """Terrain with earth bulge, the ray, the first Fresnel zone, the obstacle."""

    def w(k: str) -> str:
        return word(k, language, table=PROFILE_WORDS)

    fig = fig or Figure(figsize=(9, 4.5))
    fig.clear()
    ax = fig.add_subplot(111)
    km = profile.distance_m / 1000.0
    ground = profile.ground_m + profile.bulge_m
    ax.fill_between(km, ground.min() - 20, ground, color="#A6761D", alpha=0.6, label=w("ground"))
    ax.plot(km, profile.ray_m, color="#0072B2", linewidth=1.2, label=w("ray"))
    ax.plot(
        km, profile.ray_m - profile.fresnel_m, color="#56B4E9", linewidth=0.8, label=w("fresnel")
    )
    ax.plot(km, profile.ray_m + profile.fresnel_m, color="#56B4E9", linewidth=0.8)
    ax.plot(
        km,
        profile.ray_m - profile.required * profile.fresnel_m,
        ":",
        color="#56B4E9",
        linewidth=0.8,
        label=w("required").format(p=100 * profile.required),
    )
    o = profile.obstacle
    ax.plot([km[o]], [ground[o]], "v", color="#D55E00", markersize=9, label=w("obstacle"))
    c = float(profile.clearance[o])
    lines = [
        w("los_yes") if profile.line_of_sight else w("los_no"),
        (w("clear_yes") if profile.fresnel_clear else w("clear_no")).format(c=max(c, 0.0)),
    ]
    if profile.level_dbm is not None:
        lines.append(w("level").format(l=profile.level_dbm))
    ax.text(
        0.01,
        0.98,
        "\n".join(lines),
        transform=ax.transAxes,
        va="top",
        fontsize=9,
        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
    )
    ax.set_xlabel(w("x"))
    ax.set_ylabel(w("y"))
    ax.set_title(title or w("title"))
    ax.set_xlim(km[0], km[-1])
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    return fig
