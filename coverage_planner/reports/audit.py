"""Write an audit's outputs into a folder, all or nothing.

Every file is first written into a hidden staging folder beside the output folder,
which replaces the output folder as a whole only when all are complete
(:mod:`coverage_planner.reports.output_folder`): a failure, a full disk or Ctrl-C
leaves the folder as it was, never a half-written file nor an earlier run's leftovers.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.errors import FileInUseError
from coverage_planner.io.findings import findings_frame
from coverage_planner.io.writers import replace_file
from coverage_planner.progress import NullReporter, Reporter, checkpoint
from coverage_planner.reports.geopackage import export_geopackage
from coverage_planner.reports.output_folder import replaced_folder
from coverage_planner.reports.tables import (
    commune_table,
    site_table,
    uncovered_table,
    village_table,
)
from coverage_planner.reports.terrain_rasters import terrain_writers


@contextmanager
def staged_folder(out_dir: str | Path) -> Iterator[Path]:
    """A staging folder whose files move into ``out_dir`` (beside what is there) when
    the block succeeds; the plan's outputs use it. The audit replaces its whole folder
    instead (:func:`~coverage_planner.reports.output_folder.replaced_folder`).

    A file another program holds open (a workbook shown in Excel) stays as it was; its
    new version is kept beside it and the error raised at the end names both.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stage = out / f".partial-{uuid.uuid4().hex[:8]}"
    stage.mkdir()
    try:
        yield stage
        locked: list[str] = []
        for item in sorted(stage.iterdir()):
            target = out / item.name
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            try:
                replace_file(item, target)
            except FileInUseError as exc:  # the other outputs still move in
                locked.append(str(exc))
        if locked:
            raise FileInUseError("\n".join(locked))
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def summary_json(result: CoverageResult) -> str:
    return json.dumps(result.summary, ensure_ascii=False, indent=2)


def write_audit(
    result: CoverageResult,
    out_dir: str | Path,
    *,
    extra: dict[str, Callable[[Path], None]] | None = None,
    reporter: Reporter | None = None,
) -> list[Path]:
    """Write ``summary.json``, the CSV tables and ``coverage.gpkg`` (and ``extra``).

    Parameters
    ----------
    extra
        More outputs: ``{file name: writer(path)}``, e.g. maps and the workbook.

    Returns
    -------
    list of Path
        The files written, in ``out_dir``.
    """
    reporter = reporter or NullReporter()
    writers: dict[str, Callable[[Path], None]] = {
        "summary.json": lambda p: p.write_text(summary_json(result) + "\n", encoding="utf-8"),
        "communes.csv": lambda p: commune_table(result).to_csv(
            p, index=False, encoding="utf-8-sig"
        ),
        "villages.csv": lambda p: village_table(result).to_csv(
            p, index=False, encoding="utf-8-sig"
        ),
        "uncovered_villages.csv": lambda p: uncovered_table(result).to_csv(
            p, index=False, encoding="utf-8-sig"
        ),
        "sites.csv": lambda p: site_table(result).to_csv(p, index=False, encoding="utf-8-sig"),
        "findings.csv": lambda p: findings_frame(result.findings).to_csv(
            p, index=False, encoding="utf-8-sig"
        ),
        "coverage.gpkg": lambda p: export_geopackage(result, p, technology="4G"),
    }
    writers.update(terrain_writers(result))
    writers.update(extra or {})
    with replaced_folder(out_dir) as stage:
        for n, (name, write) in enumerate(writers.items()):
            checkpoint(reporter, n, len(writers), f"Writing {name}")
            write(stage / name)
        checkpoint(reporter, len(writers), len(writers), "Outputs written")
    return [Path(out_dir) / name for name in writers]
