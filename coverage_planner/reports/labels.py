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
