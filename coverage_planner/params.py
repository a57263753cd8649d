"""The one parameter object that flows from GUI, config file or CLI into the core."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from coverage_planner.errors import ConfigError
from coverage_planner.study import StudyDescription

TECHNOLOGIES: tuple[str, ...] = ("2G", "3G", "4G", "5G")
"""Technologies the tool knows, from the lowest to the highest."""


@dataclass(frozen=True)
class TechnologyParams:
    """Defaults for one technology; a site's own data overrides them."""

    radius_km: float
    frequency_mhz: float
    threshold_dbm: float
    tx_power_dbm: float = 43.0
    antenna_gain_dbi: float = 15.0
    feeder_loss_db: float = 3.0
    antenna_height_m: float = 30.0
    max_range_km: float = 35.0
    downtilt_deg: float = 0.0  # electrical + mechanical, where a site gives none
    k1: float | None = None  # standard propagation model; None: the Hata value
    k2: float | None = None
    k3: float | None = None
    k4: float | None = None
    k5: float | None = None
    k6: float | None = None

    def spm_k(self, environment: str) -> tuple[float, float, float, float, float, float]:
        """K1..K6 of the terrain model's path loss: the Hata defaults for the frequency
        and environment, replaced by the values given (e.g. by ``calibrate``)."""
        from coverage_planner.coverage.terrain.radio import spm_coefficients

        base = spm_coefficients(self.frequency_mhz, environment=environment)
        given = (self.k1, self.k2, self.k3, self.k4, self.k5, self.k6)
        return tuple(float(b if g is None else g) for b, g in zip(base, given, strict=True))  # type: ignore[return-value]


DEFAULT_TECHNOLOGIES: dict[str, TechnologyParams] = {
    # Radii: rough rural mountain ranges (DOMAIN.md): 2G 5-10 km, 3G 2-5 km, 4G 2-4 km.
    # Link budgets (terrain model), per the level each technology's threshold refers to:
    # 2G: BCCH carrier of a 20 W (43 dBm) macro TRX, 15 dBi antenna, 3 dB feeder;
    #     coverage at -95 dBm received level.
    # 3G: CPICH at 10% of 20 W (33 dBm), 17 dBi, 3 dB; RSCP -100 dBm.
    # 4G: reference signal of 20 W over 1,200 subcarriers (43 - 10·log10 1200 = 12.2 dBm),
    #     17 dBi, 3 dB; RSRP -110 dBm.
    # 5G: SS-RSRP of 40 W over 3,276 subcarriers (46 - 35.2 = 10.8 dBm), 24 dBi (massive
    #     MIMO beam), 1 dB; -110 dBm.
    # Sources: 3GPP TS 36.214 / 38.215 (RSRP definitions), ITU-R / operator rule-of-thumb
    # link budgets (e.g. Holma & Toskala, "LTE for UMTS", ch. 9).
    "2G": TechnologyParams(
        radius_km=7.0,
        frequency_mhz=900.0,
        threshold_dbm=-95.0,
        tx_power_dbm=43.0,
        antenna_gain_dbi=15.0,
        feeder_loss_db=3.0,
        max_range_km=35.0,
        downtilt_deg=2.0,
    ),
    "3G": TechnologyParams(
        radius_km=3.5,
        frequency_mhz=2100.0,
        threshold_dbm=-100.0,
        tx_power_dbm=33.0,
        antenna_gain_dbi=17.0,
        feeder_loss_db=3.0,
        max_range_km=20.0,
        downtilt_deg=3.0,
    ),
    "4G": TechnologyParams(
        radius_km=3.0,
        frequency_mhz=1800.0,
        threshold_dbm=-110.0,
        tx_power_dbm=12.2,
        antenna_gain_dbi=17.0,
        feeder_loss_db=3.0,
        max_range_km=15.0,
        downtilt_deg=4.0,
    ),
    "5G": TechnologyParams(
        radius_km=1.5,
        frequency_mhz=3500.0,
        threshold_dbm=-110.0,
        tx_power_dbm=10.8,
        antenna_gain_dbi=24.0,
        feeder_loss_db=1.0,
        max_range_km=10.0,
        downtilt_deg=6.0,
    ),
}
# Computation horizons of the terrain model (max_range_km), where the link budget would
# reach further: 2G 35 km, the GSM timing-advance limit (63 steps of 553.5 m, 3GPP TS
# 45.010); 3G 20 km, the usual default cell range of UMTS random access; 4G 15 km, the
# cell radius PRACH preamble format 0 supports (3GPP TS 36.211, about 14.5 km); 5G
# 10 km for the 3.5 GHz band (PRACH format 0 of NR at 30 kHz, TS 38.211, and the band's
# short reach).
MODELS = ("auto", "disk", "terrain")


@dataclass(frozen=True)
class TerrainParams:
    """Settings of the terrain model (used when a DEM is given)."""

    resolution_m: float = 30.0
    environment: str = "rural"  # Hata correction: rural, suburban or urban
    k_factor: float = 4.0 / 3.0  # effective earth radius factor
    receiver_height_m: float = 1.5
    front_to_back_db: float = 25.0
    workers: int = 2  # processes sharing the sites
    location_sigma_db: float = 8.0  # location variability (lognormal shadowing)
    coverage_probability: float = 0.5  # at a location; 0.5 = the median level
    indoor_loss_db: float = 0.0  # building penetration, added to the threshold
    min_effective_height_m: float = 10.0  # floor of the height above average profile
    # ceiling: the top of the range Hata/COST-231 were fitted on (30-200 m)
    max_effective_height_m: float = 200.0
    near_range_km: float = 4.0  # 30 m cells within it,
    mid_range_km: float = 12.0  # far_factor × larger ones within this, far_factor² beyond
    far_factor: int = 3
    vertical_beamwidth_deg: float = 10.0  # 3GPP TR 36.814 Table A.2.1.1-2
    vertical_sla_db: float = 20.0  # side-lobe level of the vertical pattern
    # output grids over this many million cells are computed in tiles of about
    # tile_km × tile_km and kept on disk (see coverage/terrain/tiles.py)
    max_grid_mcells: float = 60.0
    tile_km: float = 60.0
    # land-cover class -> loss (dB) at a receiver in it; empty: the WorldCover defaults
    clutter_loss_db: tuple[tuple[int, float], ...] = ()

    def __post_init__(self) -> None:
        # a table read back from JSON (project files) comes as lists
        table = tuple((int(k), float(v)) for k, v in self.clutter_loss_db)
        object.__setattr__(self, "clutter_loss_db", table)

    def margin_db(self) -> float:
        """Margin added to every threshold: σ·Φ⁻¹(p) plus the indoor loss."""
        from coverage_planner.coverage.terrain.radio import location_margin_db

        return location_margin_db(self.location_sigma_db, self.coverage_probability) + float(
            self.indoor_loss_db
        )


@dataclass(frozen=True)
class Parameters:
    """Everything the coverage engine needs besides the data.

    Attributes
    ----------
    technologies
        Per technology defaults (radius, frequency, threshold, link budget).
    village_area_share
        Share (0-1] of a polygon village's area that must be covered for the
        village to count as covered.
    broadband_reach_km
        A village within this distance of a fibre route (or with an access point
        inside it) is reached by fixed broadband.
    mast_disk_km
        Radius of the small disk kept around the mast of a sector site.
    quad_segs
        Segments per quarter circle when a disk is made a polygon (16, as
        ``GeoSeries.buffer``).
    """

    technologies: dict[str, TechnologyParams] = field(
        default_factory=lambda: dict(DEFAULT_TECHNOLOGIES)
    )
    village_area_share: float = 0.5
    broadband_reach_km: float = 2.0
    mast_disk_km: float = 0.5
    quad_segs: int = 16
    model: str = "auto"
    terrain: TerrainParams = field(default_factory=TerrainParams)
    # Not a computation input: the description every export carries ([study]).
    study: StudyDescription = field(default_factory=StudyDescription)

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise ConfigError(key="param.model", models=", ".join(MODELS), value=repr(self.model))
        if self.terrain.environment not in ("rural", "suburban", "urban"):
            raise ConfigError(key="param.environment", value=repr(self.terrain.environment))
        if self.terrain.resolution_m <= 0:
            raise ConfigError(key="param.resolution")
        if not 0.0 < self.terrain.coverage_probability < 1.0:
            raise ConfigError(
                key="param.coverage_probability", value=self.terrain.coverage_probability
            )
        if self.terrain.location_sigma_db < 0 or self.terrain.indoor_loss_db < 0:
            raise ConfigError(key="param.negative_losses")
        if int(self.terrain.far_factor) != self.terrain.far_factor or self.terrain.far_factor < 1:
            raise ConfigError(key="param.far_factor")
        if not 0 < self.terrain.near_range_km < self.terrain.mid_range_km:
            raise ConfigError(key="param.near_range")
        if not 0.0 < self.village_area_share <= 1.0:
            raise ConfigError(key="param.village_area_share", value=self.village_area_share)
        if self.broadband_reach_km < 0:
            raise ConfigError(key="param.broadband_reach", value=self.broadband_reach_km)
        for tech, tp in self.technologies.items():
            if tech not in TECHNOLOGIES:
                raise ConfigError(
                    key="param.technology", tech=repr(tech), techs=", ".join(TECHNOLOGIES)
                )
            if tp.radius_km <= 0:
                raise ConfigError(key="param.radius", tech=tech, value=tp.radius_km)
            if tp.max_range_km <= 0:
                raise ConfigError(key="param.max_range", tech=tech, value=tp.max_range_km)

    def radius_km(self, tech: str) -> float:
        return self.technologies[tech].radius_km

    def with_radius(self, tech: str, radius_km: float) -> Parameters:
        """A copy with another default radius for one technology."""
        techs = dict(self.technologies)
        techs[tech] = replace(techs[tech], radius_km=radius_km)
        return replace(self, technologies=techs)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, source: str = "configuration") -> Parameters:
        """Build parameters from the TOML layout documented in the README."""
        known = {
            "technologies",
            "coverage",
            "broadband",
            "terrain",
            "inputs",
            "outputs",
            "audit",
            "study",
            "planning",  # read by coverage_planner.planning.config
        }
        unknown = set(data) - known
        if unknown:
            from coverage_planner.config_check import nearest_hint

            first = sorted(unknown)[0]
            raise ConfigError(
                key="error.unknown_section",
                file=source,
                sections=", ".join(sorted(unknown)),
                hint=nearest_hint(first, known),
                known=", ".join(sorted(known)),
            )
        from coverage_planner.config_check import check_config_keys, number

        check_config_keys(data, source=source)
        techs = dict(DEFAULT_TECHNOLOGIES)
        for tech, values in (data.get("technologies") or {}).items():
            key = str(tech).upper()
            if key not in TECHNOLOGIES:
                raise ConfigError(
                    key="param.technology_section",
                    file=source,
                    tech=tech,
                    techs=", ".join(TECHNOLOGIES),
                )
            techs[key] = replace(
                techs[key],
                **{
                    k: number(v, key=k, section=f"technologies.{tech}", source=source)
                    for k, v in values.items()
                },
            )
        cov = data.get("coverage") or {}
        bb = data.get("broadband") or {}
        ter = dict(data.get("terrain") or {})
        # A [terrain] section selects the terrain model (its DEM may be named there too).
        model = str(ter.pop("model", "terrain" if "terrain" in data else "auto"))
        ter.pop("dem", None)
        if isinstance(ter.get("clutter"), dict):  # [terrain.clutter]: class = loss in dB
            from coverage_planner.coverage.terrain.clutter import loss_table

            ter["clutter_loss_db"] = tuple(sorted(loss_table(ter.pop("clutter")).items()))
        else:
            ter.pop("clutter", None)
        from dataclasses import fields as dataclass_fields

        numeric = {
            f.name: isinstance(f.default, int)
            for f in dataclass_fields(TerrainParams)
            if isinstance(f.default, int | float) and not isinstance(f.default, bool)
        }
        for k, v in ter.items():
            if k in numeric:
                ter[k] = number(v, key=k, section="terrain", source=source, integer=numeric[k])
        terrain_keys = {f.name for f in dataclass_fields(TerrainParams)}
        if set(ter) - terrain_keys:
            raise ConfigError(
                key="error.terrain_keys",
                file=source,
                names=", ".join(sorted(set(ter) - terrain_keys)),
                known=", ".join(sorted(terrain_keys)),
            )
        terrain = TerrainParams(**ter)

        def num(section: dict, key: str, default: float, integer: bool = False) -> float:
            name = "coverage" if section is cov else "broadband"
            if key not in section:
                return default
            return number(section[key], key=key, section=name, source=source, integer=integer)

        try:
            return cls(
                model=model,
                terrain=terrain,
                technologies=techs,
                village_area_share=num(cov, "village_area_share", 0.5),
                mast_disk_km=num(cov, "mast_disk_km", 0.5),
                quad_segs=int(num(cov, "quad_segs", 16, integer=True)),
                broadband_reach_km=num(bb, "reach_km", 2.0),
                study=StudyDescription.from_mapping(data.get("study"), source=source),
            )
        except ValueError as exc:
            raise ConfigError(key="error.config_value", file=source, value=exc) from None

    @classmethod
    def from_toml(cls, path: str | Path) -> Parameters:
        return cls.from_mapping(read_toml(path), source=str(path))


def read_toml(path: str | Path) -> dict[str, Any]:
    """A configuration file's content, or a ConfigError that says what is wrong with it."""
    return read_toml_with_note(path)[0]


def read_toml_with_note(path: str | Path) -> tuple[dict[str, Any], str | None]:
    """The content, and a note when the file was not UTF-8 (Notepad's "ANSI")."""
    from coverage_planner.config_check import decode_config_text

    path = Path(path)
    if path.is_dir():
        raise ConfigError(key="error.config_is_folder", file=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(key="error.config_missing", file=path) from None
    text, note = decode_config_text(raw, source=str(path))
    try:
        return tomllib.loads(text), note
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = where.groups() if where else ("?", "?")
        raise ConfigError(
            key="error.config_not_toml", file=path, line=line, column=column
        ) from None
