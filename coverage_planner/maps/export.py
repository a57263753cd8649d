"""Save a map figure as PNG (300 dpi), PDF (vector, TrueType fonts) or SVG, atomically."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.errors import UserError
from coverage_planner.io.writers import atomic_path
from coverage_planner.maps.layout import MapSpec, map_figure

FORMATS = {".png", ".pdf", ".svg"}


def export_map(result: CoverageResult, path: str | Path, spec: MapSpec, *, dpi: int = 300) -> Path:
    """Write the map of ``spec`` to ``path``; the format follows the suffix."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UserError(f"{path.name}: a map is saved as .png, .pdf or .svg.")
    fig = map_figure(result, spec)
    if path.suffix.lower() == ".png":
        # Whole pixels of the paper size (A4 at 300 dpi: 3508 × 2480), not truncated ones.
        w, h = spec.size_inches()
        fig.set_size_inches(round(w * dpi) / dpi + 1e-6, round(h * dpi) / dpi + 1e-6)
    FigureCanvasAgg(fig)
    with atomic_path(path) as tmp:
        fig.savefig(
            tmp,
            dpi=dpi,
            format=path.suffix.lower().lstrip("."),
            metadata={"Title": spec.title or "Coverage Planner map"}
            if path.suffix.lower() == ".pdf"
            else None,
        )
    return path
