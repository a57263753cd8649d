"""A feature's attributes in the planner's words, for Identify and the attribute tables.

Each layer's columns that the program computes or recognises get a translated label
and a format (a population is a whole number, a share a percentage, a yes/no a word);
the file's own other columns follow under their own names. Columns the loader
recognised (``Mã trạm`` became ``site_id``) are not shown twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from PyQt6.QtCore import QCoreApplication

from coverage_planner import vocabulary
from coverage_planner.gui import formatting as fmt
from coverage_planner.gui.i18n import interface_language
from coverage_planner.io.aliases import ALIASES, match_columns


def tr(text: str) -> str:
    return QCoreApplication.translate("Attributes", text)


@dataclass(frozen=True)
class Field:
    column: str
    label: Callable[[], str]
    kind: str = "text"  # text, int, number, km, share, pct, bool, deg, m, km2, reason


def reason_label(reason) -> str:
    """A reason code in the words of the one vocabulary (the tables' and exports')."""
    return vocabulary.reason(reason, interface_language())


def format_value(value, kind: str) -> str:
    """A cell as text; "" for a missing value (never "None" or "nan")."""
    if fmt.is_missing(value) or (isinstance(value, str) and value == ""):
        return ""
    if kind == "int":
        return fmt.number(value)
    if kind == "number":
        return fmt.number(value, 1)
    if kind == "km":
        return fmt.km(value, 1)
    if kind == "km2":
        return f"{fmt.number(value, 2)} km²"
    if kind == "m":
        return f"{fmt.number(value, 0)} m"
    if kind == "deg":
        return f"{fmt.number(value, 0)}°"
    if kind == "db":
        return f"{fmt.number(value, 1)}"
    if kind == "share":
        return fmt.share(value)
    if kind == "pct":
        return fmt.percent(value)
    if kind == "bool":
        return tr("yes") if bool(value) else tr("no")
    if kind == "reason":
        return reason_label(value)
    return str(value)


def _tech_fields(layer: str, techs: list[str]) -> list[Field]:
    out: list[Field] = []
    for tech in techs:
        t, g = tech.lower(), tech  # g: bound into each label below
        if layer == "villages":
            out += [
                Field(f"covered_{t}", lambda g=g: tr("{0} covered").format(g), "bool"),
                Field(
                    f"share_{t}",
                    lambda g=g: tr("{0}: share of the area covered").format(g),
                    "share",
                ),
                Field(f"nearest_site_{t}", lambda g=g: tr("{0}: nearest site").format(g)),
                Field(
                    f"nearest_km_{t}",
                    lambda g=g: tr("{0}: distance to the nearest site").format(g),
                    "km",
                ),
                Field(f"reason_{t}", lambda g=g: tr("{0}: why not covered").format(g), "reason"),
                Field(f"upgrade_site_{t}", lambda g=g: tr("{0}: site to upgrade").format(g)),
                Field(
                    f"blocking_site_{t}", lambda g=g: tr("{0}: site hidden by terrain").format(g)
                ),
            ]
        elif layer == "communes":
            out += [
                Field(
                    f"villages_covered_{t}", lambda g=g: tr("Villages with {0}").format(g), "int"
                ),
                Field(
                    f"villages_covered_{t}_pct",
                    lambda g=g: tr("% villages with {0}").format(g),
                    "pct",
                ),
                Field(
                    f"population_covered_{t}_pct",
                    lambda g=g: tr("% population with {0}").format(g),
                    "pct",
                ),
                Field(f"area_covered_{t}_pct", lambda g=g: tr("% area with {0}").format(g), "pct"),
            ]
        elif layer == "sites":
            out.append(Field(f"serves_{t}", lambda g=g: tr("Serves {0}").format(g), "bool"))
    return out


def fields_of(layer: str, techs: list[str]) -> list[Field]:
    """The known columns of ``layer`` ("communes", "villages", "sites"), in display order."""
    if layer == "villages":
        return [
            Field("village_name", lambda: tr("Name")),
            Field("village_id", lambda: tr("Code")),
            Field("commune_name", lambda: tr("Commune")),
            Field("commune_id", lambda: tr("Commune code")),
            Field("population", lambda: tr("Population"), "int"),
            *_tech_fields(layer, techs),
            Field("has_broadband", lambda: tr("Fixed broadband"), "bool"),
            Field("fibre_km", lambda: tr("Distance to fibre"), "km"),
        ]
    if layer == "communes":
        return [
            Field("commune_name", lambda: tr("Name")),
            Field("commune_id", lambda: tr("Code")),
            Field("district", lambda: tr("District")),
            Field("population", lambda: tr("Population"), "int"),
            Field("area_km2", lambda: tr("Area"), "km2"),
            Field("villages", lambda: tr("Villages"), "int"),
            Field("village_population", lambda: tr("Population of its villages"), "int"),
            *_tech_fields(layer, techs),
            Field("has_mobile", lambda: tr("Mobile coverage"), "bool"),
            Field("has_broadband", lambda: tr("Fixed broadband"), "bool"),
            Field("fibre_km", lambda: tr("Distance to fibre"), "km"),
        ]
    return [
        Field("site_name", lambda: tr("Name")),
        Field("site_id", lambda: tr("Code")),
        Field("operator", lambda: tr("Operator")),
        Field("technologies", lambda: tr("Technologies")),
        *_tech_fields(layer, techs),
        Field("commune_id", lambda: tr("Commune code")),
        Field("antenna_height_m", lambda: tr("Antenna height"), "m"),
        Field("azimuths", lambda: tr("Azimuths (°)")),
        Field("beamwidth_deg", lambda: tr("Beamwidth"), "deg"),
        Field("radius_km", lambda: tr("Radius"), "km"),
        Field("tx_power_dbm", lambda: tr("Transmit power (dBm)"), "db"),
        Field("antenna_gain_dbi", lambda: tr("Antenna gain (dBi)"), "db"),
        Field("feeder_loss_db", lambda: tr("Feeder loss (dB)"), "db"),
    ]


# Columns the engine adds that are not for planners' eyes (or shown another way).
_HIDDEN = {"geometry", "serves_5g"}
_KEPT_AS_IS = {"address", "province"}


def own_columns(frame: pd.DataFrame, layer: str, techs: list[str]) -> list[str]:
    """The file's own columns that the program did not recognise as a known field."""
    known = {f.column for f in fields_of(layer, techs)} | _HIDDEN
    prefixes = ("covered_", "share_", "nearest_", "reason_", "upgrade_site_", "blocking_site_")
    prefixes += ("villages_covered_", "population_covered_", "area_covered_", "serves_")
    rest = [
        str(c) for c in frame.columns if str(c) not in known and not str(c).startswith(prefixes)
    ]
    # A column the loader read into a field of its own is not shown twice; the roles
    # it reads but does not keep (an address, the province) stay under their names.
    roles = [r for r in ALIASES if r not in _KEPT_AS_IS]
    recognised = set(match_columns(rest, roles).values())
    return [c for c in rest if c not in recognised]


def feature_items(frame: pd.DataFrame, row: pd.Series, layer: str, techs: list[str]) -> list:
    """(label, text) for one feature: known fields first, then the file's own columns.
    Empty values are left out."""
    items = []
    for f in fields_of(layer, techs):
        if f.column in row.index:
            text = format_value(row[f.column], f.kind)
            if text:
                items.append((f.label(), text))
    for col in own_columns(frame, layer, techs):
        text = format_value(row[col], "text")
        if text:
            items.append((col, text))
    return items
