"""Project files: the inputs and parameters of a study, saved as a small JSON file.

Paths are stored relative to the project file so a folder can be moved or shared.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from coverage_planner.errors import ConfigError
from coverage_planner.io.inputs import InputFiles, LayerSource
from coverage_planner.io.messages import Phrase
from coverage_planner.io.paths import resolve_stored, stored_path
from coverage_planner.io.writers import atomic_path
from coverage_planner.params import Parameters, TechnologyParams, TerrainParams
from coverage_planner.study import StudyDescription

SUFFIX = ".cpproj.json"
LAYERS = ("communes", "villages", "sites", "backbone", "dem", "population")


def save_project(
    path: str | Path, files: InputFiles, params: Parameters, *, site_edits: dict | None = None
) -> Path:
    """Write the project file atomically.

    ``site_edits``: the sites edited in the app, as changes to the site file
    (``gui.site_changes``), kept as given.
    """
    path = Path(path)
    base = path.resolve().parent
    layers: dict[str, Any] = {}
    for name in LAYERS:
        src: LayerSource | None = getattr(files, name)
        if src is not None:
            entry = {k: v for k, v in asdict(src).items() if v not in (None, {}, "")}
            entry["path"] = stored_path(Path(src.path).resolve(), base)
            layers[name] = entry
    data = {
        "format": "coverage-planner-project",
        "version": 1,
        "layers": layers,
        "parameters": params.to_dict(),
    }
    if site_edits:
        data["site_edits"] = site_edits
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_site_edits(path: str | Path) -> dict | None:
    """The site edits saved with a project (None when it has none); read after
    :func:`load_project` has checked the file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    edits = data.get("site_edits")
    if edits is not None and not isinstance(edits, dict):
        raise ConfigError(key="project.site_edits_not_table", file=path)
    return edits or None


def load_project(path: str | Path) -> tuple[InputFiles, Parameters]:
    """Read a project file; paths are resolved against its folder."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(key="project.missing", file=path) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            key="project.not_json", file=path, line=exc.lineno, column=exc.colno
        ) from None
    if not isinstance(data, dict) or data.get("format") != "coverage-planner-project":
        raise ConfigError(key="project.not_project", file=path)
    base = path.resolve().parent
    layers = {}
    for name in LAYERS:
        entry = data.get("layers", {}).get(name)
        if entry:
            entry = dict(entry)
            entry["path"] = resolve_stored(entry["path"], base)
            layers[name] = LayerSource(
                **{f.name: entry[f.name] for f in fields(LayerSource) if f.name in entry}
            )
    missing = [n for n in ("communes", "villages", "sites") if n not in layers]
    if missing:
        raise ConfigError(
            key="project.no_layer_file",
            file=path,
            layers=Phrase(", ".join(missing), ", ".join(LAYER_WORDS_VI[n] for n in missing)),
        )
    p = data.get("parameters", {})
    _check_parameter_names(p, path)
    extra: dict[str, Any] = {}
    section = "technologies"
    try:
        techs = {k: TechnologyParams(**v) for k, v in p.get("technologies", {}).items()}
        if techs:
            extra["technologies"] = techs
        section = "terrain"
        if isinstance(p.get("terrain"), dict):
            extra["terrain"] = TerrainParams(**p["terrain"])
        section = "parameters"
        if isinstance(p.get("study"), dict):
            extra["study"] = StudyDescription.from_mapping(p["study"], source=str(path))
        nested = ("technologies", "terrain", "study")
        params = Parameters(**{**{k: v for k, v in p.items() if k not in nested}, **extra})
    except TypeError:
        raise ConfigError(key="project.bad_parameter", file=path, section=section) from None
    return InputFiles(**layers), params


LAYER_WORDS_VI = {"communes": "xã", "villages": "thôn", "sites": "trạm"}


def _check_parameter_names(p: dict, path: Path) -> None:
    """Names in the project's parameters that this version does not know: an error that
    lists them (a project saved by a newer version, or edited by hand)."""
    known = {f.name for f in fields(Parameters)}
    unknown = sorted(set(p) - known)
    if isinstance(p.get("terrain"), dict):
        terrain = {f.name for f in fields(TerrainParams)}
        unknown += [f"terrain.{k}" for k in sorted(set(p["terrain"]) - terrain)]
    tech_known = {f.name for f in fields(TechnologyParams)}
    for tech, values in (p.get("technologies") or {}).items():
        if isinstance(values, dict):
            unknown += [f"technologies.{tech}.{k}" for k in sorted(set(values) - tech_known)]
    if unknown:
        raise ConfigError(
            key="project.unknown_parameter",
            file=path,
            names=", ".join(unknown),
            known=", ".join(sorted(known)),
        )
