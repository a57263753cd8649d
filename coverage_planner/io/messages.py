"""Message keys: every finding and user error of the loaders as a stable key plus
parameters, with its full sentence in English and in Vietnamese.

A loader never builds a sentence itself: it names the key and gives the facts (file
name, counts, rows, values). ``render(key, language, params)`` writes the sentence;
``Finding.text(language)`` and ``UserError.text(language)`` call it. Parameters that are
themselves words (a list ending in "and 3 more", "all rows") are :class:`Phrase` pairs,
so that no English word is left inside a Vietnamese sentence.

The templates live in :mod:`coverage_planner.io.message_texts` (findings and repairs) and
:mod:`coverage_planner.io.message_errors` (errors), one dictionary each, key → (English,
Vietnamese), both with the same ``{placeholders}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

LANGUAGES = ("en", "vi")


class Phrase(NamedTuple):
    """A parameter that is words, not a bare fact: its English and Vietnamese forms."""

    en: str
    vi: str

    def text(self, language: str = "en") -> str:
        """The phrase in ``language`` ("vi" or "en")."""
        return self.vi if language == "vi" else self.en

    def __str__(self) -> str:
        return self.en


def _catalogue() -> dict[str, tuple[str, str]]:
    from coverage_planner.io.message_errors import ERRORS
    from coverage_planner.io.message_planning import PLANNING
    from coverage_planner.io.message_texts import FINDINGS

    return {**FINDINGS, **ERRORS, **PLANNING}


_MESSAGES: dict[str, tuple[str, str]] | None = None


def messages() -> dict[str, tuple[str, str]]:
    """Every key with its (English, Vietnamese) template."""
    global _MESSAGES
    if _MESSAGES is None:
        _MESSAGES = _catalogue()
    return _MESSAGES


def _value(value: object, language: str) -> object:
    if isinstance(value, Phrase):
        return value.text(language)
    return value


def render(key: str, language: str, params: Mapping[str, object]) -> str:
    """The sentence of ``key`` in ``language`` with its parameters filled in.

    Raises
    ------
    KeyError
        For a key the catalogue does not know (a programming error, found by the tests).
    """
    en, vi = messages()[key]
    template = vi if language == "vi" else en
    return template.format(**{k: _value(v, language) for k, v in params.items()})


def count(n: int | float) -> Phrase:
    """A count with thousands separators: 1,800 in English, 1.800 in Vietnamese."""
    text = f"{int(n):,}"
    return Phrase(text, text.replace(",", "."))


def listing(items: Iterable[object], *, limit: int = 10, total: int | None = None) -> Phrase:
    """The first ``limit`` items, then "and N more" / "và N mục khác"."""
    items = [str(i) for i in items]
    total = len(items) if total is None else total
    shown = ", ".join(items[:limit])
    more = total - min(limit, len(items))
    if more <= 0:
        return Phrase(shown, shown)
    return Phrase(f"{shown} and {more} more", f"{shown} và {more} mục khác")


def rows_phrase(rows: Iterable[object], *, limit: int = 10) -> Phrase:
    """Spreadsheet rows as a list ("2, 5, 9 and 3 more")."""
    return listing(rows, limit=limit)


def examples(pairs: Iterable[tuple[object, str]]) -> Phrase:
    """Offending rows with their values: "row 4: 'x'; row 7: 'y'" / "dòng 4: …"."""
    pairs = list(pairs)
    return Phrase(
        "; ".join(f"row {r}: {v}" for r, v in pairs),
        "; ".join(f"dòng {r}: {v}" for r, v in pairs),
    )


def join_phrases(parts: Iterable[Phrase | str], sep: str = " ") -> Phrase:
    """Phrases put together, each language on its own."""
    parts = [p if isinstance(p, Phrase) else Phrase(p, p) for p in parts]
    return Phrase(sep.join(p.en for p in parts), sep.join(p.vi for p in parts))


def phrase_of(key: str, **params: object) -> Phrase:
    """A catalogue sentence as a parameter of another one (e.g. a hint)."""
    return Phrase(render(key, "en", params), render(key, "vi", params))


_LAYER_WORDS = {
    "communes": Phrase("communes", "xã"),
    "villages": Phrase("villages", "thôn bản"),
    "sites": Phrase("sites", "trạm"),
    "backbone": Phrase("fibre backbone", "cáp quang"),
    "population": Phrase("population", "dân số"),
    "terrain": Phrase("terrain", "địa hình"),
    "terrain (DEM)": Phrase("terrain (DEM)", "địa hình (DEM)"),
    "dem": Phrase("terrain model", "mô hình địa hình"),
}


def layer_word(layer: str) -> Phrase:
    """A layer's name in the planner's words ("communes" / "xã")."""
    return _LAYER_WORDS.get(layer, Phrase(layer, layer))


def suffix_word(suffix: str) -> Phrase:
    """A file's extension for a message, or words for a file without one."""
    if suffix:
        return Phrase(suffix, suffix)
    return Phrase("a file without extension", "tệp không có phần mở rộng")
