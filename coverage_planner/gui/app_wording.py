"""Messages in the app's words: no command-line options in the desktop application.

The loaders' messages (``io/message_errors.py``, ``io/message_texts.py``) serve the
command line and the app alike, so some end with a hint such as
``(--map ROLE=COLUMN)`` or ``--crs sites=EPSG:3405``. A planner in the app has no
command line: these hints are replaced by where the same choice is made in the app
(the Open data dialog), in English and in Vietnamese. The rules are on whole clauses,
and a test renders every loader message through them.
"""

from __future__ import annotations

import re

# (pattern, English replacement, Vietnamese replacement), applied in this order.
_RULES: list[tuple[re.Pattern, str, str]] = [
    # "…, or add --crs on the command line, e.g. --crs EPSG:4326 (GPS …), --crs … or --crs …;"
    (
        re.compile(
            r",? (?:or add --crs on the command line, e\.g\.|hoặc thêm --crs khi chạy lệnh, "
            r"ví dụ) (.*?);",
            re.S,
        ),
        r", e.g. \1;",
        r", ví dụ \1;",
    ),
    # "(--crs {layer}=EPSG:…, or in the Open data dialog)": keep the app's part
    (
        re.compile(r"\(--[a-z][\w-]*[^()]*?, (?:or |hoặc )([^()]*)\)"),
        r"(\1)",
        r"(\1)",
    ),
    # "For this file only: --crs sites=EPSG:3405."
    (
        re.compile(r" ?(?:For this file only|Chỉ cho tệp này): --crs \w+=(EPSG:\d+)\."),
        r" For this file only, choose \1 in the Open data dialog.",
        r" Chỉ cho tệp này: chọn \1 trong hộp thoại Mở dữ liệu.",
    ),
    # calibration without a DEM: in the app the DEM is a layer of the Open data dialog
    (
        re.compile(r"give a DEM \(--dem\) or leave out --measurements\."),
        "open a DEM in the Open data dialog (Terrain (DEM)).",
        "open a DEM in the Open data dialog (Terrain (DEM)).",
    ),
    (
        re.compile(r"hãy cho mô hình số độ cao \(--dem\) hoặc bỏ --measurements\."),
        "hãy mở mô hình số độ cao trong hộp thoại Mở dữ liệu (Địa hình (DEM)).",
        "hãy mở mô hình số độ cao trong hộp thoại Mở dữ liệu (Địa hình (DEM)).",
    ),
    # the terrain model without a DEM: "give --dem (or open one in the Open data dialog)"
    (
        re.compile(r"give --dem \(or (open one in the Open data dialog)\)"),
        r"\1",
        r"\1",
    ),
    (
        re.compile(r"hãy cho --dem \(hoặc (mở tệp trong hộp thoại Mở dữ liệu)\)"),
        r"hãy \1",
        r"hãy \1",
    ),
    # "(--map ROLE=COLUMN)", "(--encoding cp1258 on the command line)", "(--crs … for …)"
    (re.compile(r" ?\(--[a-z][\w-]*[^()]*\)"), "", ""),
    # "… or with --encoding if …" / "… hoặc dùng --encoding"
    (re.compile(r",? (?:or with|hoặc dùng) --[a-z][\w-]*"), "", ""),
    # what is left: an option name alone (e.g. "--crs EPSG:4326" inside a sentence)
    (re.compile(r"--(?:crs|encoding|map) (\S+?)(?=[,;.)\s])"), r"\1", r"\1"),
]

OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]*")


def for_the_app(text: str, language: str = "en") -> str:
    """``text`` with its command-line hints replaced by the app's way to do the same."""
    if "--" not in text:
        return text
    for pattern, en, vi in _RULES:
        text = pattern.sub(vi if language == "vi" else en, text)
    text = re.sub(r" {2,}", " ", text)
    return re.sub(r" ([.;,)])(?=\s|$)", r"\1", text)
