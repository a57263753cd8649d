"""The exports' access to the one vocabulary (``coverage_planner/vocabulary.py``,
words in ``resources/vocabulary.toml``): labels, table heads, reasons and actions in
English and Vietnamese — the same words as the desktop app's tables and legend.
"""

from __future__ import annotations

from coverage_planner import vocabulary
from coverage_planner.vocabulary import number, percent

__all__ = ["number", "percent"]

# The tables of the one vocabulary (resources/vocabulary.toml), by the names the
# exports have always used.
LABELS = vocabulary.section("labels")
SOURCE_WORDS = vocabulary.section("sources")
REASONS = vocabulary.section("reasons")
ACTIONS = vocabulary.section("actions")
STATUS_WORDS = vocabulary.section("statuses")
SEVERITIES = vocabulary.section("severities")
LAYER_WORDS = vocabulary.section("layers")
NONE_WORD = vocabulary.section("words")["none"]
HEADERS = vocabulary.section("headers")
PER_TECH_HEADERS = vocabulary.section("per_tech_headers")


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


def reason_text(code: object, language: str = "en") -> str:
    """The words of a reason code (``out_of_range`` → "ngoài vùng phủ")."""
    return vocabulary.reason(code, language)


def action_text(code: str, *, tech: str, site: object, near: str, language: str = "en") -> str:
    """The suggested action for an uncovered village of reason ``code``."""
    return vocabulary.action(code, tech=tech, site=site, near=near, language=language)


def header(column: str, language: str = "en") -> str:
    """The header of a table column in the language (the column name when unknown)."""
    if column in HEADERS:
        return vocabulary.term("headers", column, language)
    for pattern, texts in PER_TECH_HEADERS.items():
        for tech in ("2g", "3g", "4g", "5g"):
            if column == pattern.format(t=tech):
                return texts.get(language, texts["en"]).format(T=tech.upper())
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
