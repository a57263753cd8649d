"""The study description a province signs: its province, title, organisation and year.

It comes from ``[study]`` in the audit file, from the project file, or from the desktop
app's *Study…* dialog, and every map, atlas page and workbook carries it. Where the
province is left empty, it is taken from a province column of the communes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

from coverage_planner.errors import ConfigError

PROVINCE_COLUMNS = ("province_vn", "province", "tinh", "ten_tinh")
"""Commune columns that name the province (after the loaders' renaming)."""


@dataclass(frozen=True)
class StudyDescription:
    """Who made the study, of which province, for what, and for which year.

    Attributes
    ----------
    province
        The province's name, e.g. ``"Lai Châu"`` (empty: from the communes).
    title
        The study's title, e.g. ``"Rà soát phủ sóng di động năm 2025"``.
    organisation
        Who made it, e.g. ``"Sở Khoa học và Công nghệ tỉnh Lai Châu"``.
    year
        The year the figures describe (``None`` when not given).
    """

    province: str = ""
    title: str = ""
    organisation: str = ""
    year: int | None = None

    def __post_init__(self) -> None:
        if self.year is not None and not 1900 <= int(self.year) <= 2200:
            raise ConfigError(key="study.year", value=repr(self.year))

    @classmethod
    def from_mapping(
        cls, data: dict[str, Any] | None, *, source: str = "configuration"
    ) -> StudyDescription:
        """From ``[study]`` of an audit file or ``study`` of a project file."""
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(
                key="study.unknown_key",
                file=source,
                names=", ".join(sorted(unknown)),
                known=", ".join(sorted(known)),
            )
        year = data.get("year")
        if year in ("", None):
            year = None
        else:
            try:
                year = int(year)
            except (TypeError, ValueError):
                raise ConfigError(key="study.year_of", file=source, value=repr(year)) from None
        return cls(
            province=str(data.get("province") or "").strip(),
            title=str(data.get("title") or "").strip(),
            organisation=str(data.get("organisation") or "").strip(),
            year=year,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_province_from(self, communes: pd.DataFrame | None) -> StudyDescription:
        """This description, its province filled from the communes when left empty."""
        if self.province or communes is None:
            return self
        name = province_of_communes(communes)
        return (
            self if not name else StudyDescription(name, self.title, self.organisation, self.year)
        )


def province_of_communes(communes: pd.DataFrame) -> str:
    """The province's name from a province column of the communes (the most frequent
    value), or ``""`` where they have none."""
    for col in PROVINCE_COLUMNS:
        if col in communes.columns and communes[col].notna().any():
            values = communes[col].dropna().astype(str).str.strip()
            values = values[values != ""]
            if len(values):
                return str(values.mode().iloc[0])
    return ""
