"""Checks of a configuration (audit) file before anything is computed: a misspelt key is
an error naming the nearest known key, a word where a number is wanted is an error
naming the key — never a setting silently ignored or a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from coverage_planner.errors import ConfigError
from coverage_planner.io.messages import Phrase


def _known_keys() -> dict[str, tuple[str, ...]]:
    from coverage_planner.params import TechnologyParams, TerrainParams

    return {
        "inputs": (
            "communes",
            "villages",
            "sites",
            "backbone",
            "population",
            "dem",
            "crs",
            "encoding",
            "site_columns",
        ),
        "technologies.*": tuple(f.name for f in fields(TechnologyParams)),
        "coverage": ("village_area_share", "mast_disk_km", "quad_segs"),
        "broadband": ("reach_km",),
        "terrain": (*(f.name for f in fields(TerrainParams)), "model", "dem", "clutter"),
        "outputs": ("folder", "language", "maps", "atlas", "workbook", "kmz"),
        "audit": ("previous", "workers", "scheduler"),
    }


def nearest_hint(word: str, choices: Iterable[str]) -> Phrase:
    """``" (did you mean 'village_area_share'?)"`` or ``""``, in both languages (its
    ``str`` is the English)."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    if not close:
        return Phrase("", "")
    return Phrase(f" (did you mean {close[0]!r}?)", f" (có phải là {close[0]!r}?)")


def check_config_keys(data: Mapping[str, Any], *, source: str) -> None:
    """Raise :class:`ConfigError` for the first key the file's sections do not know.

    Sections other than those listed here are checked by their own readers.
    """
    known = _known_keys()
    for section, values in data.items():
        if not isinstance(values, Mapping):
            continue
        if section == "technologies":
            for tech, tvalues in values.items():
                if isinstance(tvalues, Mapping):
                    _check(tvalues, known["technologies.*"], f"technologies.{tech}", source)
                else:
                    raise ConfigError(key="error.technology_section", file=source, tech=tech)
        elif section in known:
            _check(values, known[section], section, source)


def _check(values: Mapping[str, Any], keys: tuple[str, ...], section: str, source: str) -> None:
    for key in values:
        if section == "inputs" and key.endswith("_layer"):
            continue
        if key not in keys:
            hint = nearest_hint(key, keys)
            raise ConfigError(
                key="error.unknown_key",
                file=source,
                section=section,
                name=repr(key),
                hint=hint,
                keys=", ".join(keys),
            )


def number(value: object, *, key: str, section: str, source: str, integer: bool = False) -> float:
    """A configuration value as a number, or an error that names the key and the value."""
    if isinstance(value, bool):
        ok = False
    elif isinstance(value, int | float):
        ok = True
    elif isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
            ok = True
        except ValueError:
            ok = False
    else:
        ok = False
    if ok and integer and float(value) != int(float(value)):  # type: ignore[arg-type]
        ok = False
    if not ok:
        kind = (
            Phrase("a whole number", "một số nguyên") if integer else Phrase("a number", "một số")
        )
        raise ConfigError(
            key="error.not_a_number",
            file=source,
            section=section,
            name=key,
            kind=kind,
            value=repr(value),
        )
    return int(float(value)) if integer else float(value)  # type: ignore[arg-type]


def decode_config_text(raw: bytes, *, source: str) -> tuple[str, str | None]:
    """A configuration file's text, and a note when it was not saved as UTF-8.

    Notepad on a Vietnamese Windows saves "ANSI" as Windows-1258; such a file is read
    in that code page, with a note, rather than failing.
    """
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    import unicodedata

    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        raise ConfigError(key="error.config_not_utf8", file=source) from None
    from coverage_planner.io.messages import phrase_of

    # a Phrase: its str() is the English note, .text("vi") the Vietnamese one
    return text, phrase_of("note.config_ansi", file=source)
