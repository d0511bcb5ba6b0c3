"""Render the demo map headless with QGIS: MAGT (10 m) with the 0 °C boundary, the route and a legend.

Usage: /usr/bin/python3 demo/render_map.py MAGT.tif BOUNDARY.gpkg ROUTE.geojson OUT.png [TITLE]
Layers pick up their sidecar (.qml) or GeoPackage-stored styles exactly as in the QGIS desktop.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLineSymbol,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont  # noqa: E402


def render(magt_path, boundary_path, route_path, out_png, title):
    project = QgsProject.instance()
    magt = QgsRasterLayer(magt_path, "MAGT at 10 m (°C)")
    boundary = QgsVectorLayer(boundary_path, "Permafrost boundary (MAGT = 0 °C)", "ogr")
    route = QgsVectorLayer(route_path, "Mohe–Daqing pipeline route", "ogr")
    for layer in (magt, boundary, route):
        if not layer.isValid():
            raise SystemExit(f"cannot open {layer.source()}")
    route.setRenderer(route.renderer().clone())
    route.renderer().setSymbol(QgsLineSymbol.createSimple({"color": "#111111", "width": "0.9",
                                                           "line_style": "dash"}))
    project.addMapLayers([magt, boundary, route])
    project.setCrs(magt.crs())
    project.setEllipsoid("EPSG:7030")

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()

    item = QgsLayoutItemMap(layout)
    extent = QgsRectangle(magt.extent())
    extent.scale(1.02)
    width = 200.0
    height = min(170.0, width * extent.height() / extent.width())
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(310, max(120.0, height + 35.0), QgsUnitTypes.LayoutMillimeters))
    item.setRect(0, 0, width, height)  # a map item with an empty rectangle cannot take an extent
    item.attemptMove(QgsLayoutPoint(5, 15, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutMillimeters))
    item.setCrs(magt.crs())
    item.setLayers([route, boundary, magt])
    item.zoomToExtent(extent)
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)

    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    label.setFont(QFont("DejaVu Sans", 14))
    label.attemptMove(QgsLayoutPoint(5, 3, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(300, 10, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(label)

    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(item)
    legend.setTitle("Legend")
    legend.setAutoUpdateModel(False)
    magt_node = legend.model().rootGroup().findLayer(magt)
    count = len(legend.model().layerLegendNodes(magt_node))
    QgsMapLayerLegendUtils.setLegendNodeOrder(magt_node, list(range(1, count)))  # drop the "Band 1" line
    legend.model().refreshLayerLegend(magt_node)
    legend.attemptMove(QgsLayoutPoint(width + 10, 15, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)

    bar = QgsLayoutItemScaleBar(layout)
    bar.setLinkedMap(item)
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setUnitsPerSegment(50)
    bar.setNumberOfSegments(2)
    bar.attemptMove(QgsLayoutPoint(10, 15 + height + 3, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(bar)

    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 110
    result = QgsLayoutExporter(layout).exportToImage(out_png, settings)
    if result != QgsLayoutExporter.Success:
        raise SystemExit(f"map export failed ({result})")
    project.clear()


def main(argv):
    if len(argv) < 4:
        raise SystemExit(__doc__)
    title = argv[4] if len(argv) > 4 else "Mean annual ground temperature at 10 m"
    app = QgsApplication([], False)
    app.initQgis()
    try:
        render(*argv[:4], title)
    finally:
        app.exitQgis()
    print(f"wrote {argv[3]}")


if __name__ == "__main__":
    main(sys.argv[1:])
