"""Words of the exported maps and workbook, in English and Vietnamese.

The desktop interface uses Qt's translation files; exports are made by the core
(also in batch, without Qt), so their few words live here.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "map_title": {"en": "Villages with {tech} coverage", "vi": "Thôn bản có sóng {tech}"},
    "province": {"en": "Province", "vi": "Tỉnh"},
    "date": {"en": "date", "vi": "ngày"},
    "covered": {"en": "covered by {tech}", "vi": "có sóng {tech}"},
    "partial": {
        "en": "partly covered (below {share} % of its area)",
        "vi": "phủ một phần (dưới {share} % diện tích)",
    },
    "uncovered": {"en": "out of {tech} range", "vi": "ngoài vùng phủ {tech}"},
    "uncovered_outline": {"en": "village without {tech}", "vi": "thôn bản chưa có {tech}"},
    "coverage_of": {"en": "{tech} coverage", "vi": "vùng phủ {tech}"},
    "coverage_terrain": {
        "en": "{tech} coverage (terrain model)",
        "vi": "vùng phủ {tech} (mô hình địa hình)",
    },
    "sites_of": {"en": "{tech} sites", "vi": "trạm {tech}"},
    "other_sites": {"en": "sites without {tech}", "vi": "trạm chưa có {tech}"},
    "fibre": {"en": "fibre route", "vi": "tuyến cáp quang"},
    "fibre_point": {"en": "fibre access point", "vi": "điểm truy nhập cáp quang"},
    "commune_boundary": {"en": "commune boundary", "vi": "ranh giới xã"},
    "this_commune": {"en": "this commune", "vi": "xã này"},
    "legend": {"en": "Legend", "vi": "Chú giải"},
    "villages_with": {"en": "Villages with {tech}", "vi": "Thôn bản có {tech}"},
    "population_with": {"en": "Population with {tech}", "vi": "Dân số có {tech}"},
    "uncovered_villages": {"en": "Uncovered villages", "vi": "Thôn bản chưa có sóng"},
    "villages_without": {"en": "Villages without {tech}", "vi": "Thôn bản chưa có {tech}"},
    "of_which_out_of_range": {
        "en": "of which out of range: {n}",
        "vi": "trong đó ngoài vùng phủ: {n}",
    },
    "sites": {"en": "Sites", "vi": "Trạm"},
    "kmz_title": {
        "en": "BTS sites and villages without {tech}",
        "vi": "Trạm BTS và thôn bản chưa có sóng {tech}",
    },
    "atlas_title": {"en": "Mobile coverage atlas", "vi": "Tập bản đồ phủ sóng di động"},
    "contents": {"en": "Contents", "vi": "Mục lục"},
    "continued": {"en": "continued", "vi": "tiếp theo"},
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
    "page_of": {"en": "page {n} of {total}", "vi": "trang {n}/{total}"},
    "yes": {"en": "yes", "vi": "có"},
    "no": {"en": "no", "vi": "không"},
    "study": {"en": "Study", "vi": "Nghiên cứu"},
    "study_title": {"en": "Title", "vi": "Tên nghiên cứu"},
    "organisation": {"en": "Organisation", "vi": "Đơn vị thực hiện"},
    "year": {"en": "Year", "vi": "Năm"},
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "run_date": {"en": "Run date", "vi": "Ngày chạy"},
    "no_province": {"en": "province not named", "vi": "chưa ghi tên tỉnh"},
    "village_code": {"en": "Code", "vi": "Mã"},
    "share_of_area": {
        "en": "share of the village's area covered (covered from {share} %)",
        "vi": "tỷ lệ diện tích thôn bản được phủ (đạt khi từ {share} %)",
    },
    "no_technology": {"en": "no technology", "vi": "chưa có công nghệ"},
    "villages_status": {"en": "Villages: {tech} status", "vi": "Thôn bản: tình trạng {tech}"},
    "level_of": {"en": "{tech} level (dBm)", "vi": "Mức thu {tech} (dBm)"},
    "server_of": {"en": "{tech} best server", "vi": "Trạm phục vụ tốt nhất {tech}"},
    "servers_of": {"en": "{tech} servers above the threshold", "vi": "Số trạm {tech} trên ngưỡng"},
    "covered_grid_of": {"en": "{tech} covered cells", "vi": "Ô lưới có sóng {tech}"},
    "whole_province": {"en": "Whole province", "vi": "Toàn tỉnh"},
}

# Words of the source line (reports/provenance.py).
SOURCE_WORDS: dict[str, dict[str, str]] = {
    "sources": {"en": "Sources", "vi": "Nguồn"},
    "communes": {"en": "commune boundaries", "vi": "ranh giới xã"},
    "villages": {"en": "villages", "vi": "thôn bản"},
    "sites": {"en": "BTS sites", "vi": "trạm BTS"},
    "backbone": {"en": "fibre network", "vi": "mạng cáp quang"},
    "population": {"en": "population raster", "vi": "lưới dân số"},
    "dem": {"en": "terrain model (DEM)", "vi": "mô hình số độ cao (DEM)"},
    "demo": {
        "en": "Synthetic demo data (the bundled demo province), not a real province",
        "vi": "Dữ liệu mẫu mô phỏng (tỉnh mẫu kèm theo chương trình), không phải số liệu thật",
    },
    "model": {"en": "Model", "vi": "Mô hình"},
    "disk": {
        "en": "disk/sector footprints of radius {radii}",
        "vi": "vùng phủ hình tròn/búp sóng bán kính {radii}",
    },
    "site_radii": {
        "en": "or the site's own radius",
        "vi": "hoặc bán kính riêng của trạm",
    },
    "area_share": {
        "en": "a village is covered from {share} % of its area",
        "vi": "thôn bản được phủ khi từ {share} % diện tích",
    },
    "terrain": {
        "en": "terrain model on a {res} m grid: line of sight, {loss}, {diffraction}, "
        "{env} environment, thresholds {thresholds}",
        "vi": "mô hình địa hình lưới {res} m: tầm nhìn thẳng, {loss}, {diffraction}, "
        "môi trường {env}, ngưỡng {thresholds}",
    },
    "hata": {
        "en": "standard propagation model with the Okumura-Hata / COST-231 Hata K1…K6",
        "vi": "mô hình truyền sóng chuẩn với hệ số K1…K6 của Okumura-Hata / COST-231 Hata",
    },
    "calibrated": {
        "en": "standard propagation model, K1…K6 calibrated for {techs}",
        "vi": "mô hình truyền sóng chuẩn, hệ số K1…K6 đã hiệu chỉnh cho {techs}",
    },
    "diffraction": {
        "en": "diffraction over the ridges (Bullington, ITU-R P.526-15)",
        "vi": "nhiễu xạ qua các đỉnh núi (Bullington, ITU-R P.526-15)",
    },
    "probability": {
        "en": "coverage probability {p} % at a location (σ {sigma} dB, margin {margin} dB)",
        "vi": "xác suất phủ {p} % tại một vị trí (σ {sigma} dB, dự phòng {margin} dB)",
    },
    "indoor": {"en": "indoor loss {v} dB", "vi": "suy hao trong nhà {v} dB"},
    "ranges": {"en": "computed out to {ranges}", "vi": "tính tới {ranges}"},
    "rural": {"en": "rural", "vi": "nông thôn"},
    "suburban": {"en": "suburban", "vi": "ngoại ô"},
    "urban": {"en": "urban", "vi": "đô thị"},
    "k_factor": {"en": "k = {v}", "vi": "k = {v}"},
    "receiver_height_m": {"en": "receiver {v} m", "vi": "máy thu cao {v} m"},
    "front_to_back_db": {"en": "front-to-back {v} dB", "vi": "tỷ số trước/sau {v} dB"},
    "min_effective_height_m": {
        "en": "effective height at least {v} m",
        "vi": "độ cao hiệu dụng tối thiểu {v} m",
    },
    "near_range_km": {"en": "fine cells within {v} km", "vi": "ô lưới mịn trong {v} km"},
    "mid_range_km": {"en": "middle cells within {v} km", "vi": "ô lưới trung bình trong {v} km"},
    "far_factor": {"en": "coarser cells ×{v}", "vi": "ô lưới thô ×{v}"},
    "vertical_beamwidth_deg": {
        "en": "vertical beamwidth {v}°",
        "vi": "độ rộng búp sóng đứng {v}°",
    },
    "vertical_sla_db": {"en": "vertical side lobes −{v} dB", "vi": "búp phụ đứng −{v} dB"},
    "clutter_loss_db": {
        "en": "clutter loss per land-cover class (class/dB) {v}",
        "vi": "suy hao theo lớp phủ mặt đất (lớp/dB) {v}",
    },
    "clutter": {"en": "land cover", "vi": "lớp phủ mặt đất"},
    "program": {
        "en": "Coverage Planner {version}, run on {date}",
        "vi": "Coverage Planner {version}, chạy ngày {date}",
    },
}

# Reason codes of uncovered villages and the suggested actions: the words of the
# desktop app's Uncovered table (its .ts translations), of the workbook, KMZ and maps.
REASONS: dict[str, dict[str, str]] = {
    "out_of_range": {"en": "out of range", "vi": "ngoài vùng phủ"},
    "partial": {"en": "partly covered", "vi": "phủ một phần"},
    "upgrade": {"en": "upgrade a site", "vi": "nâng cấp trạm"},
    "terrain_shadow": {"en": "terrain shadow", "vi": "bị địa hình che khuất"},
}
ACTIONS: dict[str, dict[str, str]] = {
    "upgrade": {"en": "upgrade site {site} to {tech}", "vi": "nâng cấp trạm {site} lên {tech}"},
    "partial": {
        "en": "add a sector or a site towards the village (nearest {tech} site: {near})",
        "vi": "thêm búp sóng hoặc trạm hướng về thôn bản (trạm {tech} gần nhất: {near})",
    },
    "out_of_range": {
        "en": "new {tech} site (nearest {tech} site: {near})",
        "vi": "xây trạm {tech} mới (trạm {tech} gần nhất: {near})",
    },
    "terrain_shadow": {
        "en": "new {tech} site in line of sight, or raise the antenna of {site}",
        "vi": "xây trạm {tech} mới nhìn thẳng tới thôn bản, hoặc nâng độ cao anten trạm {site}",
    },
}
NONE_WORD = {"en": "none", "vi": "không có"}
SEVERITIES = {
    "error": {"en": "error", "vi": "lỗi"},
    "warning": {"en": "warning", "vi": "cảnh báo"},
    "info": {"en": "note", "vi": "ghi chú"},
}
LAYER_WORDS = {
    "communes": {"en": "communes", "vi": "xã"},
    "villages": {"en": "villages", "vi": "thôn bản"},
    "sites": {"en": "BTS sites", "vi": "trạm BTS"},
    "backbone": {"en": "fibre network", "vi": "cáp quang"},
    "population": {"en": "population", "vi": "dân số"},
    "dem": {"en": "terrain model", "vi": "mô hình số độ cao"},
}
STATUS_WORDS = {
    "covered": {"en": "covered", "vi": "có sóng"},
    "partial": {"en": "partly covered", "vi": "phủ một phần"},
    "uncovered": {"en": "out of range", "vi": "ngoài vùng phủ"},
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
    "status": ("Status", "Tình trạng"),
    "radius_km": ("Radius (km)", "Bán kính (km)"),
    "area_km2_served": ("Area (km²)", "Diện tích (km²)"),
    "top_technology": ("Highest technology", "Công nghệ cao nhất"),
    "kind": ("Kind", "Loại"),
}
PER_TECH_HEADERS: dict[str, tuple[str, str]] = {
    "covered_{t}": ("{T} covered", "Có {T}"),
    "share_{t}": ("{T} share covered", "Tỷ lệ phủ {T}"),
    "nearest_site_{t}": ("Nearest {T} site", "Trạm {T} gần nhất"),
    "nearest_km_{t}": ("Distance to {T} site (km)", "Khoảng cách tới trạm {T} (km)"),
    "reason_{t}": ("{T} reason", "Lý do chưa có {T}"),
    "upgrade_site_{t}": ("Site to upgrade to {T}", "Trạm nâng cấp lên {T}"),
    "status_{t}": ("{T} status", "Tình trạng {T}"),
    "villages_covered_{t}": ("Villages with {T}", "Thôn bản có {T}"),
    "villages_covered_{t}_pct": ("% villages with {T}", "% thôn bản có {T}"),
    "area_covered_{t}_pct": ("% area with {T}", "% diện tích có {T}"),
    "population_covered_{t}_pct": ("% population with {T}", "% dân số có {T}"),
}


def label(key: str, language: str = "en") -> str:
    entry = LABELS[key]
    return entry.get(language, entry["en"])


def word(table: dict[str, dict[str, str]], key: str, language: str = "en") -> str:
    """``key``'s word in ``table`` (REASONS, SEVERITIES …) in the language; the key
    itself where the table does not know it."""
    entry = table.get(key)
    if entry is None:
        return key
    return entry.get(language, entry["en"])


def reason_text(code: str, language: str = "en") -> str:
    """The words of a reason code (``out_of_range`` → "ngoài vùng phủ")."""
    return "" if not isinstance(code, str) or not code else word(REASONS, code, language)


def action_text(code: str, *, tech: str, site: object, near: str, language: str = "en") -> str:
    """The suggested action for an uncovered village of reason ``code``."""
    entry = ACTIONS.get(code)
    if entry is None:
        return ""
    return entry.get(language, entry["en"]).format(tech=tech, site=site, near=near)


def number(value: float | int | None, language: str = "en", *, digits: int = 1) -> str:
    """A number as a reader of the language writes it: ``47,7`` and ``1.234`` in
    Vietnamese, ``47.7`` and ``1,234`` in English; ``—`` for none."""
    if value is None or value != value:  # None or NaN
        return "—"
    text = f"{value:,.{digits}f}"
    if language == "vi":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def percent(value: float | None, language: str = "en", *, digits: int = 1) -> str:
    """A percentage (0-100) with its sign: ``47,7 %``."""
    return "—" if value is None or value != value else f"{number(value, language, digits=digits)} %"


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


# Validation findings in Vietnamese: the loaders write them in English; these patterns
# give the exports the same facts in Vietnamese (what no pattern knows stays English).
FINDING_PATTERNS: list[tuple[str, str]] = [
    (r"^in (.+), not in the communes' (.+)$", r"theo hệ tọa độ \1, khác hệ \2 của lớp xã"),
    (r"^reprojected to (.+)$", r"đã chuyển sang \1"),
    (r"^(\d+) feature\(s\) have no geometry: (.*)$", r"\1 đối tượng không có hình: \2"),
    (r"^(\d+) feature\(s\) are not polygons: (.*)$", r"\1 đối tượng không phải vùng: \2"),
    (
        r"^(\d+) invalid polygon\(s\) \((.*)\); first reason: (.*)$",
        r"\1 vùng không hợp lệ (\2); lỗi đầu tiên: \3",
    ),
    (r"^village (.+) lies across communes; (.*)$", r"thôn bản \1 nằm trên nhiều xã; \2"),
    (r"^village (.+) lies in no commune$", r"thôn bản \1 không nằm trong xã nào"),
    (
        r"^site (.+) lies outside every commune of the province$",
        r"trạm \1 nằm ngoài mọi xã của tỉnh",
    ),
    (r"^(.+) has no id column$", r"\1 không có cột mã"),
    (r"^(\d+) feature\(s\) have an empty (.+): rows (.*)$", r"\1 đối tượng để trống \2: dòng \3"),
    (
        r"^(\d+) population value\(s\) in (.+) are not numbers$",
        r"\1 giá trị dân số trong \2 không phải là số",
    ),
    (r"^(\d+) negative population value\(s\) in (.+)$", r"\1 giá trị dân số âm trong \2"),
    (r"^commune ids repeated: (.*)$", r"mã xã bị trùng: \1"),
    (r"^(\d+) village\(s\) are points among polygons$", r"\1 thôn bản là điểm giữa các vùng"),
    (r"^(\d+) villages share an id(.*)$", r"\1 thôn bản trùng mã\2"),
    (
        r"^(\d+) feature\(s\) are neither lines nor points$",
        r"\1 đối tượng không phải tuyến hay điểm",
    ),
    (r"^(\d+) site\(s\) are not points$", r"\1 trạm không phải điểm"),
    (
        r"^(\d+) row\(s\) give coordinates with (.+) \(rows (.*)\)$",
        r"\1 dòng ghi tọa độ bằng \2 (dòng \3)",
    ),
    (
        r"^(\d+) row\(s\) have missing or unreadable coordinates \((.*)\)$",
        r"\1 dòng thiếu hoặc không đọc được tọa độ (\2)",
    ),
    (r"^(\d+) row\(s\) have coordinates out of range(.*)$", r"\1 dòng có tọa độ ngoài giới hạn\2"),
    (
        r"^latitude and longitude are swapped in (.+?): .*$",
        r"vĩ độ và kinh độ bị đảo ở \1: các điểm nằm ngoài các xã, đảo lại thì nằm trong",
    ),
    (
        r"^X and Y are swapped in (.+?): .*$",
        r"X và Y bị đảo ở \1: các điểm nằm ngoài các xã, đảo lại thì nằm trong",
    ),
    (
        r"^(\d+) site\(s\) have no technology in (.+?): (.*)$",
        r"\1 trạm không có công nghệ trong \2: \3",
    ),
    (r"^technology words not understood in (.+?): (.*)$", r"không hiểu công nghệ ghi trong \1: \2"),
    (
        r"^(\d+) site code\(s\) appear on several rows at one place.*?: (.*)$",
        r"\1 mã trạm xuất hiện trên nhiều dòng tại cùng một vị trí (mỗi dòng một búp sóng hoặc băng tần): \2",
    ),
    (r"^the villages have no population column$", r"lớp thôn bản không có cột dân số"),
    (r"^population summed from (.+)$", r"dân số cộng từ \1"),
    (r"^assigned to (.+) \(largest overlap\)$", r"gán vào \1 (phần chồng lớn nhất)"),
    (r"^assigned to the nearest commune, (.+)$", r"gán vào xã gần nhất, \1"),
    (r"^features numbered (.+)$", r"đánh số đối tượng \1"),
    (r"^numbered (.+)$", r"đánh số \1"),
]
FINDING_WORDS: dict[str, str] = {
    "dropped": "đã bỏ",
    "repaired with make_valid": "đã sửa bằng make_valid",
    "kept: it can still cover villages near the border": "giữ lại: trạm vẫn có thể phủ thôn bản gần ranh giới",
    "left empty": "để trống",
    "kept as points: covered when their point is": "giữ là điểm: có sóng khi điểm đó có sóng",
    "placed at a point inside their shape": "đặt tại một điểm bên trong hình",
    "read as decimal degrees": "đọc thành độ thập phân",
    "left out of the map and the coverage": "không đưa vào bản đồ và vùng phủ",
    "not used for this file": "không dùng cho tệp này",
    "swapped back": "đã đảo lại",
    "kept on the map, left out of the coverage": "giữ trên bản đồ, không tính vùng phủ",
    "ignored; use 2G/3G/4G/5G, GSM, UMTS/WCDMA, LTE or NR": "bỏ qua; ghi 2G/3G/4G/5G, GSM, UMTS/WCDMA, LTE hoặc NR",
    "treated as omnidirectional": "coi là anten vô hướng",
    "merged into one site, technologies and azimuths combined": "gộp thành một trạm, gộp công nghệ và góc phương vị",
    "duplicates dropped": "đã bỏ các bản trùng",
    "kept, renamed code#2, code#3": "giữ lại, đổi tên thành mã#2, mã#3",
    "converted to Unicode": "đã chuyển sang Unicode",
    "decoded to the letters they stand for": "đã giải mã thành chữ",
}


def finding_text(text: object, language: str = "en") -> object:
    """A finding's message or repair in the language (English as the loaders wrote it;
    Vietnamese by the patterns above, the English kept where none matches)."""
    import re

    if language != "vi" or not isinstance(text, str) or not text:
        return text
    if text in FINDING_WORDS:
        return FINDING_WORDS[text]
    for pattern, template in FINDING_PATTERNS:
        if re.match(pattern, text, flags=re.S):
            out = re.sub(pattern, template, text, count=1, flags=re.S)
            out = re.sub(r"(\d+) row\(s\) \(rows ", r"\1 dòng (dòng ", out)
            return out.replace("all rows", "mọi dòng")
    return text
