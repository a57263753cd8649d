"""Print preview (and printing) of the map export.

The page shown is the export's own figure (:func:`~coverage_planner.maps.layout.map_figure`
with the same paper, orientation, title, extent and legend), rendered with Agg at the
printer's resolution (capped, so a preview stays quick) and fitted to the printable
area. What the planner sees here is what **File → Export → Map** writes; the preview's
print button sends it to a printer or to a PDF.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PyQt6.QtCore import QCoreApplication, QRectF
from PyQt6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PyQt6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from coverage_planner.coverage.engine import CoverageResult
from coverage_planner.maps.layout import MapSpec, map_figure

PREVIEW_DPI = 150
"""The render's resolution: sharp on paper and on screen, a second or two to draw."""


def tr(text: str) -> str:
    return QCoreApplication.translate("PrintPreview", text)


def render_map(result: CoverageResult, spec: MapSpec, *, dpi: int = PREVIEW_DPI) -> QImage:
    """The export's map figure as an image of the paper's size at ``dpi``."""
    fig = map_figure(result, spec)
    w, h = spec.size_inches()
    fig.set_size_inches(round(w * dpi) / dpi + 1e-6, round(h * dpi) / dpi + 1e-6)
    canvas = FigureCanvasAgg(fig)
    fig.set_dpi(dpi)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba()).copy()
    height, width = rgba.shape[:2]
    image = QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888)
    return image.copy()  # owns its pixels once ``rgba`` is gone


def page_layout(spec: MapSpec) -> QPageLayout:
    """The paper and orientation of ``spec`` (A4 or A3, landscape or portrait)."""
    size = QPageSize(QPageSize.PageSizeId.A3 if spec.paper == "A3" else QPageSize.PageSizeId.A4)
    orientation = (
        QPageLayout.Orientation.Portrait
        if spec.orientation == "portrait"
        else QPageLayout.Orientation.Landscape
    )
    return QPageLayout(size, orientation, QPageLayout().margins())


def paint_page(printer: QPrinter, image: QImage) -> None:
    """Draw ``image`` on the printer's page, as large as fits, centred."""
    painter = QPainter(printer)
    try:
        page = QRectF(painter.viewport())
        scale = min(page.width() / image.width(), page.height() / image.height())
        w, h = image.width() * scale, image.height() * scale
        target = QRectF(page.x() + (page.width() - w) / 2, page.y() + (page.height() - h) / 2, w, h)
        painter.drawImage(target, image)
    finally:
        painter.end()


class MapPrintPreview(QPrintPreviewDialog):
    """The preview of one map export; its print button prints that page."""

    def __init__(self, result: CoverageResult, spec: MapSpec, parent=None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout(spec))
        self.printer.setDocName(spec.title or "Coverage Planner")
        super().__init__(self.printer, parent)
        self.setObjectName("print_preview")
        self.setWindowTitle(tr("Print preview of the map"))
        self.image = render_map(result, spec)
        self.paintRequested.connect(lambda printer: paint_page(printer, self.image))
