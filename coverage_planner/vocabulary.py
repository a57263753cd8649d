"""The one vocabulary of the program: statuses, reasons, actions, legends and table
heads in English and Vietnamese, for the desktop app and every export alike.

The words live in ``resources/vocabulary.toml`` (one entry a line, so a translator
edits a table, not code). The desktop app's tables, legend and Identify panel and
the core's exports (maps, atlas, workbook, GeoPackage, QGIS styles, KMZ) all read
them here, so an uncovered village's reason reads the same on screen and on paper.
Nothing here imports Qt: the batch audit uses it without a display.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "vi")


def vocabulary_path() -> Path:
    """``resources/vocabulary.toml`` beside the package (checkout and bundle alike)."""
    here = Path(__file__).resolve().parent
    for path in (here.parent / "resources", here / "resources"):
        if (path / "vocabulary.toml").is_file():
            return path / "vocabulary.toml"
    raise FileNotFoundError(f"resources/vocabulary.toml not found beside {here}")


@cache
def section(name: str) -> dict[str, dict[str, str]]:
    """One table of the vocabulary: ``{key: {"en": …, "vi": …}}``."""
    with vocabulary_path().open("rb") as fh:
        return tomllib.load(fh)[name]


def term(table: str, key: str, language: str = "en") -> str:
    """``key``'s word in the vocabulary's ``table`` in the language; the key itself
    where the table does not know it (a value the file brought, shown as it came)."""
    entry = section(table).get(key)
    if entry is None:
        return key
    return entry.get(language, entry["en"])


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


def is_missing(value: object) -> bool:
    """None, NaN, pandas' NA or an empty text."""
    if isinstance(value, str):
        return value == ""
    try:
        return bool(value is None or value != value)
    except TypeError:  # pandas.NA refuses to be a bool
        return True


def reason(code: object, language: str = "en") -> str:
    """The words of a reason code (``out_of_range`` → "ngoài vùng phủ"); "" for none."""
    return "" if is_missing(code) else term("reasons", str(code), language)


def status(key: str, language: str = "en") -> str:
    """A village's status for a technology (``covered``, ``partial``, ``uncovered``)."""
    return term("statuses", key, language)


def nearest(site: object, km: float | None, language: str = "en") -> str:
    """The nearest site and its distance: "BTS-12, 4.2 km" ("4,2 km" in Vietnamese)."""
    if is_missing(site):
        return term("words", "none", language)
    return f"{site}, {number(km, language, digits=1)} km"


def reason_sentence(
    code: object, *, tech: str, share: float, site: object, language: str = "en"
) -> str:
    """The reason as a sentence ("reached, but only 28 % of its area is covered")."""
    entry = section("reason_sentences").get(str(code))
    if is_missing(code) or entry is None:
        return ""
    return entry.get(language, entry["en"]).format(
        tech=tech, site=site, share=percent(100 * float(share), language, digits=0)
    )


def action(code: object, *, tech: str, site: object, near: str, language: str = "en") -> str:
    """The suggested action for an uncovered village of reason ``code``; ``near`` is
    :func:`nearest`'s text."""
    entry = section("actions").get(str(code))
    if is_missing(code) or entry is None:
        return ""
    return entry.get(language, entry["en"]).format(tech=tech, site=site, near=near)
