"""Per-layer CRS and encoding as a planner gives them: ``--crs sites=EPSG:4326`` for one
layer, ``--crs EPSG:3405`` as a default for the layers it fits; the same in the audit
file (``crs = "EPSG:3405"`` or ``[inputs.crs] sites = "EPSG:4326"``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from coverage_planner.errors import ConfigError
from coverage_planner.io.inputs import InputFiles
from coverage_planner.io.messages import Phrase, layer_word

LAYER_NAMES = ("communes", "villages", "sites", "backbone", "population", "dem")
_PER_LAYER = re.compile(rf"^\s*({'|'.join(LAYER_NAMES)})\s*=(.*)$", re.IGNORECASE)


def split_layer_values(
    values: Iterable[str] | str | None, *, option: str
) -> tuple[str | None, dict[str, str]]:
    """``["EPSG:3405", "sites=EPSG:4326"]`` → (default ``"EPSG:3405"``, ``{"sites": …}``).

    A value without ``LAYER=`` is the default for every layer it fits (one only).
    """
    if values is None:
        return None, {}
    if isinstance(values, str):
        values = [values]
    default: str | None = None
    per_layer: dict[str, str] = {}
    for item in values:
        m = _PER_LAYER.match(item)
        if m:
            value = m.group(2).strip()
            if not value:
                raise ConfigError(key="error.option_no_value", option=option, item=repr(item))
            per_layer[m.group(1).lower()] = value
        elif default is not None and item.strip() != default:
            raise ConfigError(
                key="error.option_twice", option=option, first=repr(default), second=repr(item)
            )
        else:
            default = item.strip()
    return default, per_layer


def layer_table(value: object, *, key: str, source: str) -> tuple[str | None, dict[str, str]]:
    """The audit file's ``crs`` / ``encoding``: a text (the default) or a table of layers
    (with ``default``)."""
    if value is None:
        return None, {}
    if isinstance(value, str):
        return value, {}
    if isinstance(value, Mapping):
        out: dict[str, str] = {}
        default = None
        for name, v in value.items():
            if name == "default":
                default = str(v)
            elif name in LAYER_NAMES:
                out[name] = str(v)
            else:
                from coverage_planner.config_check import nearest_hint

                raise ConfigError(
                    key="error.not_a_layer",
                    file=source,
                    option=key,
                    name=repr(name),
                    hint=nearest_hint(name, (*LAYER_NAMES, "default")),
                    layers=", ".join(LAYER_NAMES),
                )
        return default, out
    raise ConfigError(key="error.layer_table_kind", file=source, option=key)


def apply_layer_options(
    files: InputFiles,
    *,
    crs: tuple[str | None, Mapping[str, str]] = (None, {}),
    encoding: tuple[str | None, Mapping[str, str]] = (None, {}),
) -> InputFiles:
    """The files with per-layer values set and the defaults recorded (used where they fit)."""
    crs_default, crs_layers = crs
    enc_default, enc_layers = encoding
    for name in {*crs_layers, *enc_layers}:
        if getattr(files, name) is None:
            # the layer as the user typed it (backbone=…), with its Vietnamese word
            word = Phrase(name, f"{name} ({layer_word(name).vi})")
            raise ConfigError(key="error.option_for_absent_layer", layer=word)
    changes = {}
    for name in LAYER_NAMES:
        src = getattr(files, name)
        if src is None:
            continue
        changes[name] = replace(
            src,
            crs=crs_layers.get(name, src.crs),
            encoding=enc_layers.get(name, src.encoding),
        )
    return replace(files, **changes).with_defaults(crs=crs_default, encoding=enc_default)
