"""Save a map figure as PNG (300 dpi), PDF (vector, TrueType fonts) or SVG, atomically."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.errors import UserError
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps.layout import MapSpec, map_figure
from coverage_planner.maps.render_progress import RenderProgress
from coverage_planner.progress import NullReporter, Reporter, checkpoint

FORMATS = {".png", ".pdf", ".svg"}


# The job in hundredths: composing the figure, rendering its layers, writing the file.
COMPOSE, RENDER, TOTAL = 10, 88, 100


def export_map(
    result: CoverageResult,
    path: str | Path,
    spec: MapSpec,
    *,
    dpi: int = 300,
    reporter: Reporter | None = None,
) -> Path:
    """Write the map of ``spec`` to ``path``; the format follows the suffix.

    ``reporter`` receives the share done (out of 100) while the layers are rendered, and
    is asked for a cancel at each layer: a cancelled export leaves no file behind.
    """
    reporter = reporter or NullReporter()
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UserError(f"{path.name}: a map is saved as .png, .pdf or .svg.")
    checkpoint(reporter, 0, TOTAL)
    fig = map_figure(result, spec)
    checkpoint(reporter, COMPOSE, TOTAL)
    if path.suffix.lower() == ".png":
        # Whole pixels of the paper size (A4 at 300 dpi: 3508 × 2480), not truncated ones.
        w, h = spec.size_inches()
        fig.set_size_inches(round(w * dpi) / dpi + 1e-6, round(h * dpi) / dpi + 1e-6)
    FigureCanvasAgg(fig)
    RenderProgress(fig, reporter, start=COMPOSE, span=RENDER, total=TOTAL)
    with atomic_path(path) as tmp:
        fig.savefig(
            tmp,
            dpi=dpi,
            format=path.suffix.lower().lstrip("."),
            metadata={"Title": spec.title or "Coverage Planner map"}
            if path.suffix.lower() == ".pdf"
            else None,
        )
        checkpoint(reporter, COMPOSE + RENDER, TOTAL)
    reporter.progress(TOTAL, TOTAL)
    return path
