"""The investment plan's sentences: key → (English, Vietnamese).

User errors of ``plan`` and ``profile`` (``plan.*``, ``profile.*``), the findings of the
candidates (``plan_finding.*``), the steps reported while a plan is prepared and
solved (``plan_status.*``) and the command line's closing lines (``plan_cli.*``). Both
templates of a key use the same ``{placeholders}`` (a test checks it).

The core reports its steps in English (the reporter protocol carries a text);
:func:`translate_status` gives such a text in the planner's language, for the Plan
panel and the command line.
"""

from __future__ import annotations

import re
import string
from functools import cache

from coverage_planner.io.messages import Phrase, render

PLANNING: dict[str, tuple[str, str]] = {
    # --- candidate file (planning/candidates.py) ---
    "plan.candidates_no_row": (
        "{file}: the candidate file has no row.",
        "{file}: tệp vị trí đề xuất không có dòng nào.",
    ),
    "plan.candidates_format": (
        "{file}: {suffix} is not a format I read for candidates; use CSV, Excel (.xlsx), "
        "GeoPackage, Shapefile, GeoJSON, FlatGeobuf or KML.",
        "{file}: {suffix} không phải định dạng đọc được cho vị trí đề xuất; hãy dùng CSV, "
        "Excel (.xlsx), GeoPackage, Shapefile, GeoJSON, FlatGeobuf hoặc KML.",
    ),
    "plan.candidates_no_coordinates": (
        "{file}: the candidate file has no candidate with coordinates.",
        "{file}: tệp vị trí đề xuất không có vị trí nào có tọa độ.",
    ),
    "plan.candidates_kind": (
        "{file}: the column {column} must say new (xây mới) or share (dùng chung); "
        "not understood: {examples}.",
        "{file}: cột {column} phải ghi xây mới (new) hoặc dùng chung (share); "
        "không hiểu được: {examples}.",
    ),
    # --- [planning] settings (planning/config.py) ---
    "plan.config_generate": (
        "[planning] generate: unknown kind(s) {unknown}; use some of {known} (or [] for none).",
        "[planning] generate: loại không biết {unknown}; hãy dùng một số trong {known} "
        "(hoặc [] để không tạo vị trí nào).",
    ),
    "plan.config_negative": (
        "[planning] {name} cannot be negative ({value}).",
        "[planning] {name} không được âm ({value}).",
    ),
    "plan.config_fresnel": (
        "[planning] fresnel_clearance must be more than 0 and at most 1.",
        "[planning] fresnel_clearance phải lớn hơn 0 và không quá 1.",
    ),
    "plan.config_route_factor": (
        "[planning] fibre_route_factor must be at least 1.",
        "[planning] fibre_route_factor phải từ 1 trở lên.",
    ),
    "plan.config_unknown": (
        "{file}: [planning] does not know {unknown}; known keys are {known}.",
        "{file}: [planning] không có khóa {unknown}; các khóa hợp lệ là {known}.",
    ),
    "plan.config_number": (
        "{file}: [planning] {key_name} must be a number, not {value}.",
        "{file}: [planning] {key_name} phải là một số, không phải {value}.",
    ),
    # --- the request and the plan (planning/plan.py, solvers.py, map_edits.py) ---
    "plan.objective": (
        "The objective must be population or villages, not {value}.",
        "Mục tiêu phải là population (dân số) hoặc villages (thôn bản), không phải {value}.",
    ),
    "plan.solver": (
        "The solver must be exact or greedy, not {value}.",
        "Bộ giải phải là exact (chính xác) hoặc greedy (tham lam), không phải {value}.",
    ),
    "plan.target_pct": (
        "The target must be a percentage above 0 and at most 100, not {value}.",
        "Mục tiêu phải là một tỉ lệ phần trăm lớn hơn 0 và không quá 100, không phải {value}.",
    ),
    "plan.budget_vnd": (
        "The budget in VND must be positive.",
        "Ngân sách (đồng) phải lớn hơn 0.",
    ),
    "plan.budget_sites": (
        "The budget in sites (--budget-sites) must be at least 1.",
        "Số trạm được xây (--budget-sites) phải từ 1 trở lên.",
    ),
    "plan.one_budget": (
        "Give one budget: a number of sites (--budget-sites), an amount in VND "
        "(--budget-vnd) or a target share of villages (--target-pct).",
        "Hãy cho một ngân sách: số trạm (--budget-sites), số tiền theo đồng (--budget-vnd) "
        "hoặc tỉ lệ thôn bản cần đạt (--target-pct).",
    ),
    "plan.technology_unknown": (
        "Unknown technology {value}: no site can serve it. Plan for one of {known}.",
        "Công nghệ {value} không có: không trạm nào phát được. Hãy lập kế hoạch cho một "
        "trong {known}.",
    ),
    "plan.technology_unserved": (
        "No site of the study serves {tech}, so its coverage model has nothing to build on "
        "(the audit computes {computed}). Add the {tech} sites to the site list, or plan for "
        "another technology.",
        "Không trạm nào của nghiên cứu phát {tech}, nên mô hình vùng phủ không có gì để dựa "
        "vào (phần rà soát tính {computed}). Hãy thêm các trạm {tech} vào danh sách trạm, "
        "hoặc lập kế hoạch cho công nghệ khác.",
    ),
    "plan.no_candidates": (
        "There is no candidate site for {tech}: every site already serves it, no candidate "
        "file was given and generation is switched off ([planning] generate = []).",
        "Không có vị trí đề xuất nào cho {tech}: mọi trạm đã phát công nghệ này, không có "
        "tệp vị trí đề xuất và việc tự tạo vị trí đã tắt ([planning] generate = []).",
    ),
    "plan.no_candidate": (
        "There is no candidate site: nothing to plan.",
        "Không có vị trí đề xuất nào: không có gì để lập kế hoạch.",
    ),
    "plan.target_reached": (
        "{share} % of villages already have {tech}: the target of {target} % is reached.",
        "{share} % thôn bản đã có {tech}: mục tiêu {target} % đã đạt.",
    ),
    "plan.target_unreachable": (
        "The target cannot be reached: all candidates together bring {best}, the target "
        "needs {need} more.",
        "Không thể đạt mục tiêu: mọi vị trí đề xuất cộng lại mang thêm {best}, mục tiêu cần "
        "thêm {need}.",
    ),
    "plan.must_cover_unknown": (
        "Villages to cover that the village layer does not hold: {ids}.",
        "Các thôn bản bắt buộc phủ sóng không có trong lớp thôn bản: {ids}.",
    ),
    "plan.must_cover_orphan": (
        "No candidate covers the village(s) that must be covered: {ids}. Add a candidate "
        "near them (candidate file or the map).",
        "Không vị trí đề xuất nào phủ được thôn bản bắt buộc: {ids}. Hãy thêm vị trí gần đó "
        "(tệp vị trí đề xuất hoặc trên bản đồ).",
    ),
    "plan.must_cover_unreached": (
        "A village that must be covered is reached by no candidate.",
        "Có thôn bản bắt buộc phủ sóng mà không vị trí đề xuất nào phủ tới.",
    ),
    "plan.must_cover_budget": (
        "The budget does not allow covering every village that must be covered.",
        "Ngân sách không đủ để phủ sóng mọi thôn bản bắt buộc.",
    ),
    "plan.nothing_to_plan": (
        "No candidate brings {tech} to any uncovered village: nothing to plan.",
        "Không vị trí đề xuất nào mang {tech} đến thôn bản chưa có sóng: không có gì để "
        "lập kế hoạch.",
    ),
    "plan.below_cheapest": (
        "The budget of {budget} VND is below the cheapest candidate ({cheapest} VND): no "
        "site can be built.",
        "Ngân sách {budget} đồng thấp hơn vị trí đề xuất rẻ nhất ({cheapest} đồng): không "
        "xây được trạm nào.",
    ),
    "plan.solver_failed": (
        "The solver found no plan ({status}).",
        "Bộ giải không tìm được phương án ({status}).",
    ),
    "plan.upgrade_fixed": (
        "An upgrade stays on its existing site; add a new site instead.",
        "Nâng cấp phải giữ nguyên vị trí trạm hiện có; hãy thêm một trạm mới thay vào đó.",
    ),
    # --- coverage-planner profile (plan_batch.py) ---
    "profile.point": (
        "{option} takes LON,LAT or LON,LAT,HEIGHT (e.g. 103.45,22.39,30), not {value}.",
        "{option} nhận KINH_ĐỘ,VĨ_ĐỘ hoặc KINH_ĐỘ,VĨ_ĐỘ,ĐỘ_CAO (ví dụ 103.45,22.39,30), "
        "không phải {value}.",
    ),
    "profile.degrees": (
        "{option}: {lon}, {lat} are not a longitude and latitude in degrees.",
        "{option}: {lon}, {lat} không phải kinh độ và vĩ độ theo độ.",
    ),
    "profile.clearance": (
        "--clearance is a share of the Fresnel zone, above 0 and at most 1.",
        "--clearance là tỉ lệ của miền Fresnel, lớn hơn 0 và không quá 1.",
    ),
    "profile.same_point": (
        "--from and --to are the same point.",
        "--from và --to là cùng một điểm.",
    ),
    "profile.out_suffix": (
        "--out must end in .png, .pdf or .svg, not .{suffix}.",
        "--out phải có đuôi .png, .pdf hoặc .svg, không phải .{suffix}.",
    ),
    # --- findings of the candidates ---
    "plan_finding.no_dem": (
        "no terrain model (DEM): no high-point candidates generated",
        "không có mô hình địa hình (DEM): không tạo vị trí đề xuất trên điểm cao",
    ),
    "plan_finding.excluded": (
        "{n} generated candidate(s) fall in an exclusion zone",
        "{n} vị trí đề xuất tự tạo nằm trong vùng loại trừ",
    ),
    "plan_finding.left_out": ("left out", "đã bỏ ra"),
    "plan_finding.no_backhaul": (
        "{n} candidate(s) have no backhaul: no fibre known and no clear microwave hop "
        "within {km} km",
        "{n} vị trí đề xuất không có truyền dẫn: không biết tuyến cáp quang nào và không có "
        "đường viba thông trong vòng {km} km",
    ),
    "plan_finding.no_backhaul_cost": (
        "their cost leaves backhaul out",
        "chi phí của chúng không gồm truyền dẫn",
    ),
    # --- steps reported while a plan is prepared and solved ---
    "plan_status.audit": ("Today's coverage (the audit)", "Vùng phủ hiện nay (rà soát)"),
    "plan_status.candidates": (
        "Planning: terrain and candidates",
        "Lập kế hoạch: địa hình và vị trí đề xuất",
    ),
    "plan_status.backhaul": (
        "Planning: backhaul of {n} candidates",
        "Lập kế hoạch: truyền dẫn của {n} vị trí đề xuất",
    ),
    "plan_status.coverage": (
        "Planning: coverage of {n} candidates",
        "Lập kế hoạch: vùng phủ của {n} vị trí đề xuất",
    ),
    "plan_status.coverage_tech": (
        "Coverage of {n} candidates ({tech})",
        "Vùng phủ của {n} vị trí đề xuất ({tech})",
    ),
    "plan_status.villages": (
        "Villages each candidate brings",
        "Thôn bản mỗi vị trí đề xuất mang lại",
    ),
    "plan_status.ready": (
        "Planning: candidates ready",
        "Lập kế hoạch: các vị trí đề xuất đã sẵn sàng",
    ),
    "plan_status.greedy": (
        "Planning: choosing sites (greedy)",
        "Lập kế hoạch: chọn trạm (tham lam)",
    ),
    "plan_status.exact": (
        "Planning: choosing sites (integer programme)",
        "Lập kế hoạch: chọn trạm (quy hoạch nguyên)",
    ),
    "plan_status.figures": (
        "Planning: build order, figures, cost-coverage curve",
        "Lập kế hoạch: thứ tự xây dựng, số liệu, đường chi phí – vùng phủ",
    ),
    "plan_status.curve": ("Cost-coverage curve", "Đường chi phí – vùng phủ"),
    # --- the command line's closing lines ---
    "plan_cli.summary": (
        "{sites} site(s), {billions} billion VND, {solver}{proof}; villages with {tech}: "
        "{before} % -> {after} %, population {pop_before} % -> {pop_after} %. "
        "{files} files in {folder}",
        "{sites} trạm, {billions} tỷ đồng, {solver}{proof}; thôn bản có {tech}: "
        "{before} % -> {after} %, dân số {pop_before} % -> {pop_after} %. "
        "{files} tệp trong {folder}",
    ),
    "plan_cli.optimal": (" (proven optimal)", " (đã chứng minh tối ưu)"),
    "plan_cli.gap": (" (gap {gap} %)", " (sai khác {gap} %)"),
    "plan_cli.profile": (
        "{km} km; line of sight: {los}; Fresnel zone {fresnel} (least clearance {least} % "
        "at {at} km); predicted {tech} level {level} dBm → {file}",
        "{km} km; nhìn thẳng: {los}; miền Fresnel {fresnel} (khoảng hở nhỏ nhất {least} % "
        "tại {at} km); mức thu {tech} dự báo {level} dBm → {file}",
    ),
    "plan_cli.yes": ("yes", "có"),
    "plan_cli.no": ("no", "không"),
    "plan_cli.clear": ("clear", "thông"),
    "plan_cli.obstructed": ("obstructed", "bị che chắn"),
}


def number(value: float, digits: int | None = 1) -> Phrase:
    """A number with ``digits`` decimals (None: as few as it needs) and thousands
    separators: 1,234.5 / 1.234,5."""
    text = f"{value:,g}" if digits is None else f"{value:,.{digits}f}"
    return Phrase(text, text.replace(",", "\0").replace(".", ",").replace("\0", "."))


def status_text(key: str, **params: object) -> str:
    """A planning step as the core reports it (English, see :func:`translate_status`)."""
    return render(key, "en", params)


@cache
def _status_patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for key, (en, _) in PLANNING.items():
        if not key.startswith("plan_status."):
            continue
        parts = []
        for literal, name, _, _ in string.Formatter().parse(en):
            parts.append(re.escape(literal))
            if name:
                parts.append(f"(?P<{name}>.+?)")
        out.append((re.compile("".join(parts)), key))
    return out


def translate_status(text: str, language: str) -> str:
    """A planning step reported in English (``plan_status.*``), in ``language``; any
    other text as it came."""
    if language == "en":
        return text
    for pattern, key in _status_patterns():
        match = pattern.fullmatch(text)
        if match:
            return render(key, language, match.groupdict())
    return text
