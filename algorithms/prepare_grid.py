"""Processing algorithm "Prepare model grid": the template raster every other tool aligns to."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..core.prep.grid import (
    ARC_SECONDS_30,
    grid_from_extent,
    grid_from_polygons,
    grid_from_template,
    pixel_size_km,
    write_template,
)
from .base import PermafrostAlgorithm, tr
from .prepare_common import add_output, core_errors, layer_path


class PrepareGrid(PermafrostAlgorithm):
    NAME = "prepare_grid"
    DISPLAY = "Prepare model grid"
    GROUP = "input"
    TAGS = ("grid", "template", "region", "extent", "resolution", "格网", "模板栅格", "研究区")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Defines the common grid of all model inputs and writes it as a template raster (band 'mask': "
            "1 inside the region, NoData outside). Give exactly one region: an extent, a polygon layer "
            "(optionally buffered; pixels whose centre is inside are in), or an existing raster whose grid "
            "is copied. The default grid is 30″ (1/120°, about 0.93 km north–south) in EPSG:4326, as the "
            "published 1 km product; the extent is snapped outward to whole pixels.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterExtent("EXTENT", "Region extent", optional=True),
                 "Rectangle of the region (any CRS; it is reprojected to the grid CRS).")
        self.add(QgsProcessingParameterFeatureSource("POLYGONS", "Region polygons",
                                                     [QgsProcessing.TypeVectorPolygon], optional=True),
                 "Polygon layer of the region; the grid covers the buffered polygons and the mask is 1 inside.")
        self.add(QgsProcessingParameterNumber("BUFFER_KM", "Buffer distance (km)", QgsProcessingParameterNumber.Double,
                                              defaultValue=0.0, minValue=0.0, maxValue=1000.0),
                 "Buffer around the region polygons, in km (measured on the ground whatever the CRS).")
        self.add(QgsProcessingParameterRasterLayer("REFERENCE", "Existing template raster", optional=True),
                 "Copy the grid (extent, resolution, CRS) of this raster; its NoData pixels are outside the region.")
        resolution = self.add(QgsProcessingParameterNumber("RESOLUTION",
                                                           "Resolution (grid CRS units; 0.0083333° = 30″)",
                                                           QgsProcessingParameterNumber.Double,
                                                           defaultValue=ARC_SECONDS_30, minValue=1e-6),
                              "Pixel size in units of the grid CRS: degrees for EPSG:4326 (default 1/120° = 30″), "
                              "metres for projected CRSs. Ignored with an existing template raster.")
        resolution.setMetadata({"widget_wrapper": {"decimals": 8}})
        self.add(QgsProcessingParameterCrs("CRS", "Grid CRS", defaultValue="EPSG:4326", optional=True),
                 "CRS of the model grid (default EPSG:4326). Ignored with an existing template raster.")
        add_output(self, "Model grid (template raster)",
                   "Template raster: 1-band Float32 'mask', 1 inside the region, NoData outside.")
        self.addOutput(QgsProcessingOutputNumber("COLUMNS", "Columns"))
        self.addOutput(QgsProcessingOutputNumber("ROWS", "Rows"))
        self.addOutput(QgsProcessingOutputNumber("INSIDE", "Pixels inside the region"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        crs = self.parameterAsCrs(parameters, "CRS", context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem("EPSG:4326")
        res = self.parameterAsDouble(parameters, "RESOLUTION", context)
        reference = layer_path(self, parameters, "REFERENCE", context, "Existing template raster")
        polygons = parameters.get("POLYGONS") not in (None, "")
        extent_given = parameters.get("EXTENT") not in (None, "")
        if polygons and self.parameterAsSource(parameters, "POLYGONS", context) is None:
            polygons = False
        chosen = [n for n, on in (("extent", extent_given), ("polygons", polygons), ("template", bool(reference)))
                  if on]
        if len(chosen) != 1:
            self.fail(tr("Prepare model grid: give exactly one region (an extent, a polygon layer or an existing "
                         "template raster); got {chosen}").format(chosen=", ".join(chosen) or "none"))
        wkt = crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL)
        with core_errors():
            if reference:
                grid, mask = grid_from_template(reference)
            elif polygons:
                path = self.parameterAsCompatibleSourceLayerPath(parameters, "POLYGONS", context,
                                                                 ["gpkg", "shp", "geojson"], "gpkg", feedback)
                grid, mask = grid_from_polygons(path, res, wkt,
                                                self.parameterAsDouble(parameters, "BUFFER_KM", context))
            else:
                r = self.parameterAsExtent(parameters, "EXTENT", context, crs)
                grid, mask = grid_from_extent(r.xMinimum(), r.yMinimum(), r.xMaximum(), r.yMaximum(), res, wkt)
            out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
            write_template(out, grid, mask)
        dx, dy = pixel_size_km(grid)
        inside = int((mask == 1).sum())
        feedback.pushInfo(tr("Model grid: {cols} × {rows} pixels (about {dx:.2f} × {dy:.2f} km), extent {extent}, "
                             "{inside} pixels inside the region.").format(
            cols=grid.cols, rows=grid.rows, dx=dx, dy=dy, extent=[round(v, 6) for v in grid.extent], inside=inside))
        return {"OUTPUT": out, "COLUMNS": grid.cols, "ROWS": grid.rows, "INSIDE": inside}
