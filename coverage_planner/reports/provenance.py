"""What made a result: the layers actually given (file names and dates), the model
actually used with its key parameters, whether the data are the bundled synthetic
demo, the program's version and the run date.

Every map, atlas page and workbook prints the *source line* built from it, and the
audit's ``run.json`` holds the same facts (``sources``), so no deliverable claims what
the run does not support: no fibre network where none was given, no synthetic data on
a province's own files, no disk model after a terrain run.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coverage_planner import __version__
from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.io.inputs import InputFiles
from coverage_planner.params import Parameters, TerrainParams
from coverage_planner.reports.labels import SOURCE_WORDS, label, number, word

ROLES = ("communes", "villages", "sites", "backbone", "population", "dem")
TERRAIN_SHOWN = (
    "resolution_m",
    "environment",
    "coverage_probability",
    "location_sigma_db",
    "indoor_loss_db",
)
"""Terrain parameters the model sentence names in words; the others (but ``workers``,
which changes no figure) are listed after it, whatever they are, so a parameter added
to the model shows up on every map without a change here."""
# How the work is split (processes, tiles kept on disk): the figures are the same.
TERRAIN_SILENT = ("workers", "max_grid_mcells", "tile_km")


@dataclass(frozen=True)
class LayerRecord:
    """One input layer of the run."""

    role: str  # communes, villages, sites, backbone, population, dem
    file: str | None  # the file's name (None where the caller did not say)
    date: str | None  # the file's modification date, ISO (None where unknown)


@dataclass(frozen=True)
class Provenance:
    """The facts a deliverable's source line states."""

    layers: tuple[LayerRecord, ...]
    demo: bool
    model: str  # "disk" or "terrain"
    params: Parameters
    technologies: tuple[str, ...]
    version: str
    run_date: str

    def roles(self) -> set[str]:
        return {layer.role for layer in self.layers}

    def to_dict(self) -> dict[str, Any]:
        """The facts for ``run.json``."""
        return {
            "layers": [
                {"role": layer.role, "file": layer.file, "date": layer.date}
                for layer in self.layers
            ],
            "synthetic_demo_data": self.demo,
            "model": self.model,
            "model_parameters": model_parameters(self.params, self.model, self.technologies),
            "version": self.version,
            "run_date": self.run_date,
            "source_line": {"en": source_line(self, "en"), "vi": source_line(self, "vi")},
        }


def _file_date(path: Path) -> str | None:
    try:
        return date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return None


def is_demo(files: InputFiles) -> bool:
    """True when every input file is one of the bundled demo province's."""
    from coverage_planner.demo import demo_dir

    try:
        demo = demo_dir().resolve()
    except Exception:  # no bundled demo beside this program: nothing can be the demo
        return False
    paths = [getattr(files, r).path for r in ROLES if getattr(files, r) is not None]
    return all(Path(p).resolve().parent == demo for p in paths)


def provenance_of(
    result: CoverageResult,
    files: InputFiles | None = None,
    *,
    run_date: str | None = None,
    demo: bool | None = None,
) -> Provenance:
    """The provenance of ``result``, computed from ``files``.

    Parameters
    ----------
    files
        The run's input files (names and dates go on the source line). Without them the
        layers are those the result holds, unnamed, and the data are never called a demo.
    run_date
        ISO date of the run (today, in UTC, when not given).
    demo
        Whether the data are the bundled demo (found from ``files`` when not given).
    """
    layers: list[LayerRecord] = []
    if files is not None:
        # Every layer the files name, a role added to InputFiles later included.
        roles = [*ROLES, *(f.name for f in fields(files) if f.name not in ROLES)]
        for role in roles:
            src = getattr(files, role, None)
            if src is not None:
                path = Path(src.path)
                layers.append(LayerRecord(role, path.name, _file_date(path)))
    else:
        present = {
            "communes": True,
            "villages": True,
            "sites": True,
            "backbone": result.backbone is not None,
            "dem": result.rasters is not None,
        }
        layers = [LayerRecord(r, None, None) for r in ROLES if present.get(r)]
    if result.rasters is None:  # a DEM given to a disk run played no part: not a source
        layers = [layer for layer in layers if layer.role != "dem"]
    if result.backbone is None:
        layers = [layer for layer in layers if layer.role != "backbone"]
    return Provenance(
        layers=tuple(layers),
        demo=bool(is_demo(files) if demo is None and files is not None else demo),
        model=result.model,
        params=result.params,
        technologies=tuple(result.technologies),
        version=__version__,
        run_date=run_date or datetime.now(UTC).date().isoformat(),
    )


def model_parameters(params: Parameters, model: str, technologies: tuple[str, ...]) -> dict:
    """The parameters that made the figures, as ``run.json`` states them."""
    techs = {t: params.technologies[t] for t in technologies if t in params.technologies}
    out: dict[str, Any] = {"village_area_share": params.village_area_share}
    if model == "terrain":
        out["terrain"] = {
            f.name: getattr(params.terrain, f.name)
            for f in fields(TerrainParams)
            if f.name not in TERRAIN_SILENT
        }
        out["technologies"] = {
            t: {k: v for k, v in vars(tp).items() if k != "radius_km"} for t, tp in techs.items()
        }
    else:
        out["radius_km"] = {t: tp.radius_km for t, tp in techs.items()}
        out["mast_disk_km"] = params.mast_disk_km
    return out


def _km(value: float, language: str) -> str:
    return f"{number(value, language, digits=1 if value % 1 else 0)} km"


def _plain(value: Any, language: str) -> str:
    if isinstance(value, float):
        text = number(value, language, digits=2 if value % 1 else 0)
        if value % 1:  # 1.50 -> 1.5
            text = text.rstrip("0")
        return text
    return str(value)


def model_sentence(prov: Provenance, language: str) -> str:
    """The model and its key parameters, in words."""
    p, lang = prov.params, language
    share = number(100 * p.village_area_share, lang, digits=0)
    techs = [t for t in prov.technologies if t in p.technologies]
    if prov.model == "terrain":
        tps = [p.technologies[t] for t in techs]
        thresholds = ", ".join(
            f"{t} {number(tp.threshold_dbm, lang, digits=0)} dBm"
            for t, tp in zip(techs, tps, strict=True)
        )
        calibrated = [
            t
            for t, tp in zip(techs, tps, strict=True)
            if any(getattr(tp, f"k{i}", None) is not None for i in range(1, 7))
        ]
        loss = (
            word(SOURCE_WORDS, "calibrated", lang).format(techs=", ".join(calibrated))
            if calibrated
            else word(SOURCE_WORDS, "hata", lang)
        )
        text = word(SOURCE_WORDS, "terrain", lang).format(
            res=number(p.terrain.resolution_m, lang, digits=0),
            loss=loss,
            diffraction=word(SOURCE_WORDS, "diffraction", lang),
            env=word(SOURCE_WORDS, p.terrain.environment, lang),
            thresholds=thresholds,
        )
        terrain = p.terrain
        if hasattr(terrain, "coverage_probability"):
            margin = terrain.margin_db() if hasattr(terrain, "margin_db") else 0.0
            text += "; " + word(SOURCE_WORDS, "probability", lang).format(
                p=number(100 * terrain.coverage_probability, lang, digits=0),
                sigma=number(getattr(terrain, "location_sigma_db", 0.0), lang, digits=0),
                margin=number(margin, lang, digits=1),
            )
        if getattr(terrain, "indoor_loss_db", 0.0):
            text += ", " + word(SOURCE_WORDS, "indoor", lang).format(
                v=number(terrain.indoor_loss_db, lang, digits=0)
            )
        if all(hasattr(tp, "max_range_km") for tp in tps):
            ranges = ", ".join(
                f"{t} {_km(tp.max_range_km, lang)}" for t, tp in zip(techs, tps, strict=True)
            )
            text += "; " + word(SOURCE_WORDS, "ranges", lang).format(ranges=ranges)
        extra = []
        for f in fields(TerrainParams):
            if f.name in TERRAIN_SHOWN or f.name in TERRAIN_SILENT:
                continue
            value = getattr(p.terrain, f.name)
            if isinstance(value, tuple | list | dict) and not value:
                continue  # an empty table: the defaults, nothing to state
            if isinstance(value, tuple | list):
                value = " ".join(
                    "/".join(_plain(x, lang) for x in item)
                    if isinstance(item, tuple)
                    else str(item)
                    for item in value
                )
            if f.name in SOURCE_WORDS:
                extra.append(word(SOURCE_WORDS, f.name, lang).format(v=_plain(value, lang)))
            else:  # a parameter this sentence has no words for yet: its name and value
                extra.append(f"{f.name} = {_plain(value, lang)}")
        if extra:
            text += "; " + ", ".join(extra)
    else:
        radii = ", ".join(f"{t} {_km(p.technologies[t].radius_km, lang)}" for t in techs)
        text = word(SOURCE_WORDS, "disk", lang).format(radii=radii)
        text += f" ({word(SOURCE_WORDS, 'site_radii', lang)})"
    return f"{text}; {word(SOURCE_WORDS, 'area_share', lang).format(share=share)}"


def source_line(prov: Provenance, language: str = "en") -> str:
    """``Sources: … Model: … Coverage Planner 0.1.0, run on 2025-07-01.``"""
    lang = language
    parts = []
    for layer in prov.layers:
        name = word(SOURCE_WORDS, layer.role, lang)
        detail = ", ".join(x for x in (layer.file, layer.date) if x)
        parts.append(f"{name} ({detail})" if detail else name)
    text = f"{word(SOURCE_WORDS, 'sources', lang)}: {'; '.join(parts)}."
    if prov.demo:
        text += f" {word(SOURCE_WORDS, 'demo', lang)}."
    text += f" {word(SOURCE_WORDS, 'model', lang)}: {model_sentence(prov, lang)}."
    text += " " + word(SOURCE_WORDS, "program", lang).format(
        version=prov.version, date=prov.run_date
    )
    return text + "."


def coverage_criterion(result: CoverageResult, tech: str, language: str) -> list[str]:
    """What "covered by ``tech``" meant in a terrain run, as the run computed it: the
    level a cell had to clear (the technology's threshold plus the margin the run's
    grids used) and what the margin stands for; nothing after a disk run.

    Printed in the figures box of maps and atlas pages and in the workbook's Summary,
    so a reader of a percentage knows the probability it is for.
    """
    rasters = getattr(result, "rasters", None)
    if rasters is None or tech not in rasters:
        return []
    grids, terrain = rasters[tech], result.params.terrain
    lang = language
    head = label("criterion", lang).format(
        tech=tech,
        base=number(grids.threshold - grids.margin_db, lang, digits=0),
        margin=number(grids.margin_db, lang, digits=1),
    )
    detail = [
        label("criterion_probability", lang).format(
            p=number(100 * terrain.coverage_probability, lang, digits=0),
            sigma=number(terrain.location_sigma_db, lang, digits=1),
        )
    ]
    if terrain.indoor_loss_db:
        detail.append(
            label("criterion_indoor", lang).format(v=number(terrain.indoor_loss_db, lang, digits=1))
        )
    return [head, f"({', '.join(detail)})"]
