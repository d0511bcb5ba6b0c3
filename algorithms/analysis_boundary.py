"""Processing algorithm "Permafrost boundary": the 0 °C MAGT isotherm and permafrost-extent polygons."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core import styles
from ..core.analysis.boundary import permafrost_extent, zero_isotherm
from ..core.analysis.rasters import load_band
from .analysis_common import TYPE_LINE, TYPE_POLYGON, add_magt_inputs, add_sink, raster_source, write_sink
from .base import PermafrostAlgorithm, feedback_callables, tr


class PermafrostBoundary(PermafrostAlgorithm):
    NAME = "permafrost_boundary"
    DISPLAY = "Permafrost boundary (0 °C isotherm and extent)"
    GROUP = "analysis"
    TAGS = ("boundary", "extent", "isotherm", "area", "permafrost map", "边界", "分布范围", "等温线", "面积")
    README_SECTION = "Permafrost boundary (`permafrost:permafrost_boundary`)"
    HELP = (
        "Turns a MAGT raster into the permafrost boundary: the MAGT = 0 °C isotherm as lines (GDAL contouring "
        "with the fixed level 0, interpolated between pixel centres; lines stop at NoData and at the raster "
        "edge) and the permafrost extent as polygons of the pixels with MAGT < 0 °C (GDAL polygonize, "
        "4-connected). Optional Chaikin smoothing rounds the pixel staircase; polygons smaller than the "
        "minimum area are dropped. Areas are computed on the WGS84 ellipsoid (exact for lat/lon pixel edges, "
        "via the authalic latitude), never in degrees, and are given per polygon (area_km2) and in total. "
        "Line lengths (length_km) are geodesic. Outputs are in the raster's CRS and open styled."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        add_magt_inputs(self)
        self.add(QgsProcessingParameterNumber("SMOOTHING", "Smoothing iterations", QgsProcessingParameterNumber.Integer,
                                              0, minValue=0, maxValue=8),
                 "Rounds of Chaikin corner cutting applied to lines and polygons (0 = keep the pixel edges). "
                 "Long edges are first split at the pixel size, so each round moves the outline by at most a "
                 "quarter pixel.")
        self.add(QgsProcessingParameterNumber("MIN_AREA", "Minimum polygon area (km²)",
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=0.0),
                 "Permafrost polygons with a smaller ellipsoidal area are dropped (0 keeps all).")
        add_sink(self, "OUTPUT_LINE", "0 °C isotherm", TYPE_LINE,
                 "Lines where MAGT = 0 °C, with magt_c (0) and geodesic length_km.")
        add_sink(self, "OUTPUT_EXTENT", "Permafrost extent (MAGT < 0 °C)", TYPE_POLYGON,
                 "Polygons of MAGT < 0 °C with their ellipsoidal area_km2.")
        self.addOutput(QgsProcessingOutputNumber("TOTAL_AREA_KM2", "Permafrost area of the polygons (km²)"))
        self.addOutput(QgsProcessingOutputNumber("RASTER_AREA_KM2", "Area of all MAGT < 0 °C pixels (km²)"))
        self.addOutput(QgsProcessingOutputNumber("LINE_LENGTH_KM", "Length of the 0 °C isotherm (km)"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path, band, layer = raster_source(self, parameters, context, "INPUT", "BAND")
        smoothing = self.parameterAsInt(parameters, "SMOOTHING", context)
        min_area = self.parameterAsDouble(parameters, "MIN_AREA", context)
        progress, is_cancelled = feedback_callables(feedback)
        try:
            data, grid = load_band(path, band, "MAGT raster")
            lines = zero_isotherm(data, grid, smoothing)
            progress(0.3)
            if is_cancelled():
                return {}
            polygons, total, raster_km2 = permafrost_extent(data, grid, smoothing, min_area)
        except ValueError as err:
            self.fail(str(err))
        progress(0.8)
        if is_cancelled():
            return {}
        if not polygons:
            feedback.pushWarning(tr("No pixel has MAGT < 0 °C (or every polygon is below the minimum area): "
                                    "the extent layer is empty."))
        crs = layer.crs()
        out_line = write_sink(self, parameters, context, "OUTPUT_LINE", (("magt_c", float), ("length_km", float)),
                              QgsWkbTypes.MultiLineString, crs, [(f.geometry, f.attributes) for f in lines],
                              styles.boundary_line_qml())
        out_poly = write_sink(self, parameters, context, "OUTPUT_EXTENT", (("id", int), ("area_km2", float)),
                              QgsWkbTypes.MultiPolygon, crs,
                              [(f.geometry, dict(f.attributes, id=i + 1)) for i, f in enumerate(polygons)],
                              styles.extent_polygon_qml())
        length = sum(f.attributes["length_km"] for f in lines)
        feedback.pushInfo(tr("Permafrost area: {total:.1f} km² in {n} polygon(s) ({raster:.1f} km² of MAGT < 0 °C "
                             "pixels); 0 °C isotherm {length:.1f} km.").format(total=total, n=len(polygons),
                                                                              raster=raster_km2, length=length))
        progress(1.0)
        return {"OUTPUT_LINE": out_line, "OUTPUT_EXTENT": out_poly, "TOTAL_AREA_KM2": total,
                "RASTER_AREA_KM2": raster_km2, "LINE_LENGTH_KM": length}
