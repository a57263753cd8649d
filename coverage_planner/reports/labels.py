"""Words of the exported maps and workbook, in English and Vietnamese.

The desktop interface uses Qt's translation files; exports are made by the core
(also in batch, without Qt), so their few words live here.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "map_title": {"en": "Villages with {tech} coverage", "vi": "Thôn bản có sóng {tech}"},
    "province": {"en": "Province", "vi": "Tỉnh"},
    "date": {"en": "date", "vi": "ngày"},
    "credits": {
        "en": "Sources: commune and village boundaries, operators' BTS lists, fibre backbone (province); "
        "disk/sector coverage model of Coverage Planner. Demo data are synthetic.",
        "vi": "Nguồn: ranh giới xã, thôn bản, danh sách trạm BTS của các doanh nghiệp, mạng cáp quang (tỉnh); "
        "mô hình vùng phủ hình tròn/búp sóng của Coverage Planner. Dữ liệu mẫu là dữ liệu mô phỏng.",
    },
    "covered": {"en": "village covered", "vi": "thôn bản đã phủ sóng"},
    "partial": {"en": "partly covered (below the share)", "vi": "phủ một phần (dưới ngưỡng)"},
    "uncovered": {"en": "not reached", "vi": "chưa có sóng"},
    "uncovered_outline": {"en": "village without {tech}", "vi": "thôn bản chưa có {tech}"},
    "coverage_of": {"en": "{tech} coverage", "vi": "vùng phủ {tech}"},
    "sites_of": {"en": "{tech} sites", "vi": "trạm {tech}"},
    "other_sites": {"en": "other sites", "vi": "trạm khác"},
    "fibre": {"en": "fibre backbone", "vi": "cáp quang"},
    "commune_boundary": {"en": "commune boundary", "vi": "ranh giới xã"},
    "legend": {"en": "Legend", "vi": "Chú giải"},
    "villages_with": {"en": "Villages with {tech}", "vi": "Thôn bản có {tech}"},
    "population_with": {"en": "Population with {tech}", "vi": "Dân số có {tech}"},
    "uncovered_villages": {"en": "Uncovered villages", "vi": "Thôn bản chưa có sóng"},
    "sites": {"en": "Sites", "vi": "Trạm"},
    "atlas_title": {"en": "Mobile coverage atlas", "vi": "Tập bản đồ phủ sóng di động"},
    "commune": {"en": "Commune", "vi": "Xã"},
    "village": {"en": "Village", "vi": "Thôn bản"},
    "population": {"en": "Population", "vi": "Dân số"},
    "indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "value": {"en": "Value", "vi": "Giá trị"},
    "communes_with_mobile": {"en": "Communes with mobile coverage", "vi": "Xã có sóng di động"},
    "communes_with_broadband": {"en": "Communes with broadband", "vi": "Xã có băng rộng"},
    "area_with": {"en": "Area with {tech}", "vi": "Diện tích có {tech}"},
    "sites_with": {"en": "Sites with {tech}", "vi": "Trạm có {tech}"},
    "communes": {"en": "Communes", "vi": "Số xã"},
    "villages": {"en": "Villages", "vi": "Số thôn bản"},
    "sites_total": {"en": "BTS sites", "vi": "Số trạm BTS"},
    "page": {"en": "page", "vi": "trang"},
    "yes": {"en": "yes", "vi": "có"},
    "no": {"en": "no", "vi": "không"},
}

# Column headers of the workbook: key → (English, Vietnamese).
HEADERS: dict[str, tuple[str, str]] = {
    "commune_id": ("Commune code", "Mã xã"),
    "commune_name": ("Commune", "Xã"),
    "district": ("District", "Huyện"),
    "area_km2": ("Area (km²)", "Diện tích (km²)"),
    "population": ("Population", "Dân số"),
    "village_population": ("Population of villages", "Dân số các thôn bản"),
    "villages": ("Villages", "Số thôn bản"),
    "village_id": ("Village code", "Mã thôn bản"),
    "village_name": ("Village", "Thôn bản"),
    "has_mobile": ("Mobile coverage", "Có sóng di động"),
    "has_broadband": ("Broadband", "Có băng rộng"),
    "fibre_km": ("Distance to fibre (km)", "Khoảng cách tới cáp quang (km)"),
    "rank": ("Rank", "Thứ tự"),
    "technology": ("Technology", "Công nghệ"),
    "share": ("Share covered", "Tỷ lệ diện tích được phủ"),
    "reason": ("Reason", "Lý do"),
    "reason_text": ("Reason (text)", "Diễn giải"),
    "site": ("Site", "Trạm"),
    "nearest_site": ("Nearest site", "Trạm gần nhất"),
    "nearest_km": ("Distance to nearest site (km)", "Khoảng cách tới trạm gần nhất (km)"),
    "action": ("Suggested action", "Đề xuất"),
    "site_id": ("Site code", "Mã trạm"),
    "site_name": ("Site name", "Tên trạm"),
    "operator": ("Operator", "Nhà mạng"),
    "technologies": ("Technologies", "Công nghệ"),
    "antenna_height_m": ("Antenna height (m)", "Độ cao anten (m)"),
    "azimuths": ("Azimuths", "Góc phương vị"),
    "beamwidth_deg": ("Beamwidth (°)", "Độ rộng búp sóng (°)"),
    "longitude": ("Longitude", "Kinh độ"),
    "latitude": ("Latitude", "Vĩ độ"),
    "severity": ("Severity", "Mức độ"),
    "layer": ("Layer", "Lớp"),
    "feature": ("Feature", "Đối tượng"),
    "message": ("Message", "Nội dung"),
    "repair": ("Repair applied", "Xử lý"),
}
PER_TECH_HEADERS: dict[str, tuple[str, str]] = {
    "covered_{t}": ("{T} covered", "Có {T}"),
    "share_{t}": ("{T} share covered", "Tỷ lệ phủ {T}"),
    "nearest_site_{t}": ("Nearest {T} site", "Trạm {T} gần nhất"),
    "nearest_km_{t}": ("Distance to {T} site (km)", "Khoảng cách tới trạm {T} (km)"),
    "reason_{t}": ("{T} reason", "Lý do chưa có {T}"),
    "upgrade_site_{t}": ("Site to upgrade to {T}", "Trạm nâng cấp lên {T}"),
    "villages_covered_{t}": ("Villages with {T}", "Thôn bản có {T}"),
    "villages_covered_{t}_pct": ("% villages with {T}", "% thôn bản có {T}"),
    "area_covered_{t}_pct": ("% area with {T}", "% diện tích có {T}"),
    "population_covered_{t}_pct": ("% population with {T}", "% dân số có {T}"),
}


def label(key: str, language: str = "en") -> str:
    entry = LABELS[key]
    return entry.get(language, entry["en"])


def header(column: str, language: str = "en") -> str:
    """The header of a table column in the language (the column name when unknown)."""
    i = 1 if language == "vi" else 0
    if column in HEADERS:
        return HEADERS[column][i]
    for pattern, texts in PER_TECH_HEADERS.items():
        for tech in ("2g", "3g", "4g", "5g"):
            if column == pattern.format(t=tech):
                return texts[i].format(T=tech.upper())
    return column
