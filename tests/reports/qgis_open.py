"""Run by QGIS's own Python (``/usr/bin/python3`` with ``qgis.core``), not by the test
environment: open a project headless, describe its layers as JSON on stdout and
render it to a PNG.

Usage: python3 qgis_open.py PROJECT.qgz OUT.png
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRasterLayer,
    QgsRenderContext,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def describe(layer, visible):
    info = {"name": layer.name(), "valid": layer.isValid(), "visible": visible}
    if isinstance(layer, QgsVectorLayer):
        info["kind"] = "vector"
        info["geometry"] = int(layer.geometryType())
        info["features"] = layer.featureCount()
        info["renderer"] = layer.renderer().type() if layer.renderer() else None
        info["labels"] = layer.labelsEnabled()
        if layer.labeling() is not None:
            s = layer.labeling().settings()
            info["priority"] = s.priority
            info["font_weight"] = s.format().font().weight()
            info["label_field"] = s.fieldName
        info["symbol_types"] = sorted(
            {int(sym.type()) for sym in layer.renderer().symbols(QgsRenderContext())}
            if layer.renderer()
            else []
        )
        if layer.renderer().type() == "categorizedSymbol":
            info["categories"] = [c.label() for c in layer.renderer().categories()]
        info["aliases"] = {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields())}
    elif isinstance(layer, QgsRasterLayer):
        info["kind"] = "raster"
        info["renderer"] = layer.renderer().type() if layer.renderer() else None
        info["overviews"] = layer.dataProvider().hasPyramids()
    return info


def main(project_path, png):
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    ok = project.read(project_path)
    nodes = project.layerTreeRoot().findLayers()
    layers = [describe(n.layer(), n.isVisible()) for n in nodes]
    settings = QgsMapSettings()
    shown = [n.layer() for n in nodes if n.isVisible()]
    settings.setLayers(shown)
    settings.setDestinationCrs(project.crs())
    extent = shown[-1].extent() if shown else None
    for layer in shown:
        if layer.name() and isinstance(layer, QgsVectorLayer) and layer.geometryType() == 2:
            extent = layer.extent()
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1400, 1000))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(png, "PNG")
    results = job.takeLabelingResults()
    drawn = {}
    if results is not None:
        for lab in results.allLabels():
            layer = project.mapLayer(lab.layerID)
            name = layer.name() if layer else lab.layerID
            drawn[name] = drawn.get(name, 0) + 1
    print(
        json.dumps(
            {
                "read": ok,
                "title": project.title(),
                "crs": project.crs().authid(),
                "layers": layers,
                "labels_drawn": drawn,
            },
            ensure_ascii=False,
        )
    )
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
