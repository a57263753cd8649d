"""The ``[planning]`` section: costs and candidate generation, the province's figures.

Costs are the province's own figures: every one of them can be changed in the
configuration file; the defaults below are typical 2024-2025 figures for a rural
mountain site in northern Vietnam, given so a first run means something, and
documented in the README with their reasons.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from coverage_planner.errors import ConfigError

GENERATORS = ("dem_high_points", "village_centres", "commune_centres")
OBJECTIVES = ("population", "villages")


@dataclass(frozen=True)
class PlanningParams:
    """Costs (VND) and candidate generation settings of an investment plan.

    Attributes
    ----------
    upgrade_vnd
        Adding the technology to an existing site: radio unit, baseband, antennas on
        the existing tower; the site already has power and backhaul.
    new_site_vnd
        A new site: tower (30-45 m), foundation, equipment, grid power connection.
    share_vnd
        A site on another operator's tower (hạ tầng dùng chung): equipment and
        fit-out, no tower of one's own.
    fibre_vnd_per_km
        Fibre laid to the site, per km of route.
    fibre_route_factor
        Route length over straight-line distance (fibre follows roads).
    microwave_vnd
        A microwave hop: a pair of radios and dishes, installation.
    microwave_max_km
        Longest microwave hop considered.
    microwave_frequency_ghz
        Frequency of the hop, for the first Fresnel zone.
    fresnel_clearance
        Share of the first Fresnel zone's radius that must be clear of terrain.
    height_m
        Antenna height of new and shared candidates without their own.
    generate
        Generated candidate kinds (``[]`` switches generation off).
    spacing_km
        Least distance between two generated candidates.
    high_point_search_km
        DEM high points are looked for within this distance of uncovered villages.
    min_distance_to_site_km
        Generated candidates closer than this to an existing site are left out (that
        site's upgrade is the candidate there).
    exclusion
        A polygon file (nature reserves, border zones, military land) where no
        candidate is generated; relative to the configuration file.
    exclusion_buffer_m
        Margin kept around the exclusion zones.
    time_limit_s
        Time limit of the exact solver; the plan then reports the gap still open.
    must_cover
        Villages every plan must cover: village ids, and ``"commune_centres"`` for the
        centre village of every commune (see :mod:`.must_cover`); ``--must-cover``
        replaces it for one run.
    """

    upgrade_vnd: float = 600_000_000.0
    new_site_vnd: float = 2_200_000_000.0
    share_vnd: float = 900_000_000.0
    fibre_vnd_per_km: float = 150_000_000.0
    fibre_route_factor: float = 1.3
    microwave_vnd: float = 350_000_000.0
    microwave_max_km: float = 15.0
    microwave_frequency_ghz: float = 7.0
    fresnel_clearance: float = 0.6
    height_m: float = 30.0
    generate: tuple[str, ...] = GENERATORS
    spacing_km: float = 1.0
    high_point_search_km: float = 3.0
    min_distance_to_site_km: float = 0.5
    exclusion: Path | None = None
    exclusion_buffer_m: float = 0.0
    time_limit_s: float = 60.0
    must_cover: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [g for g in self.generate if g not in GENERATORS]
        if unknown:
            raise ConfigError(
                key="plan.config_generate", unknown=", ".join(unknown), known=", ".join(GENERATORS)
            )
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and value < 0:
                raise ConfigError(key="plan.config_negative", name=f.name, value=value)
        if not 0.0 < self.fresnel_clearance <= 1.0:
            raise ConfigError(key="plan.config_fresnel")
        if self.fibre_route_factor < 1.0:
            raise ConfigError(key="plan.config_route_factor")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["generate"] = list(self.generate)
        out["must_cover"] = list(self.must_cover)
        out["exclusion"] = str(self.exclusion) if self.exclusion else None
        return out

    @classmethod
    def from_mapping(
        cls, data: dict[str, Any], *, base: Path | None = None, source: str = "configuration"
    ) -> PlanningParams:
        """From the ``[planning]`` table of a configuration file (paths relative to ``base``)."""
        section = dict(data.get("planning") or {})
        names = {f.name for f in fields(cls)}
        unknown = set(section) - names
        if unknown:
            raise ConfigError(
                key="plan.config_unknown",
                file=source,
                unknown=", ".join(sorted(unknown)),
                known=", ".join(sorted(names)),
            )
        values: dict[str, Any] = {}
        for key, value in section.items():
            if key in ("generate", "must_cover"):
                if isinstance(value, str):
                    value = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
                values[key] = tuple(str(v) for v in value)
            elif key == "exclusion":
                path = Path(str(value))
                values[key] = path if path.is_absolute() or base is None else base / path
            else:
                try:
                    values[key] = float(value)
                except (TypeError, ValueError):
                    raise ConfigError(
                        key="plan.config_number", file=source, key_name=key, value=repr(value)
                    ) from None
        return replace(cls(), **values)

    @classmethod
    def from_toml(cls, path: str | Path) -> PlanningParams:
        from coverage_planner.params import read_toml

        path = Path(path)
        return cls.from_mapping(read_toml(path), base=path.resolve().parent, source=str(path))
