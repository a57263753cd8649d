"""Autosave of the study for recovery after a crash or a power cut.

While the study has unsaved changes, its files, parameters and site edits are written every few
seconds to a project file in the user's data folder (the same format as File → Save
project, written atomically). A clean exit, or saving the project, removes it; if it
is still there at the next start, the app offers to restore it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from coverage_planner.io.inputs import InputFiles
from coverage_planner.io.writers import atomic_path
from coverage_planner.params import Parameters
from coverage_planner.project import load_project, load_site_edits, save_project

PROJECT = "autosave.cpproj.json"
META = "autosave.json"


def default_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("CoveragePlanner", appauthor=False)) / "autosave"


@dataclass(frozen=True)
class Recovery:
    """What an autosave holds: the study, the project it came from, when it was written."""

    files: InputFiles
    params: Parameters
    project: Path | None
    saved_at: str
    site_edits: dict | None = None


class Autosave:
    """Writes and reads the autosaved study in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def project_file(self) -> Path:
        return self.folder / PROJECT

    def save(
        self,
        files: InputFiles,
        params: Parameters,
        *,
        project: Path | None,
        site_edits: dict | None = None,
    ) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        save_project(self.project_file, files, params, site_edits=site_edits)
        meta = {
            "project": str(project) if project is not None else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        with atomic_path(self.folder / META) as tmp:
            tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return self.project_file

    def clear(self) -> None:
        for name in (PROJECT, META):
            (self.folder / name).unlink(missing_ok=True)

    def pending(self) -> Recovery | None:
        """The autosaved study, if the last session did not end cleanly; None if there
        is none or it can no longer be read (then it is removed)."""
        if not self.project_file.exists():
            return None
        try:
            files, params = load_project(self.project_file)
            site_edits = load_site_edits(self.project_file)
            meta = json.loads((self.folder / META).read_text(encoding="utf-8"))
        except Exception:  # a half-written or outdated autosave is of no use
            self.clear()
            return None
        project = meta.get("project")
        return Recovery(
            files=files,
            params=params,
            project=Path(project) if project else None,
            saved_at=str(meta.get("saved_at", "")),
            site_edits=site_edits,
        )
