"""Processing algorithm "Borehole validation": model MAGT against measured borehole MAGT."""

import math

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import styles
from ..core.analysis.validation import (
    RMSE_TARGET_C,
    Borehole,
    band_depths,
    match_boreholes,
    parse_depths,
    read_boreholes_csv,
    repeated_boreholes,
    statistics,
)
from ..core.analysis.validation_report import write_validation_report
from .analysis_common import TYPE_POINT, add_sink, lonlat_transform, nan_none, raster_source, write_sink
from .base import PermafrostAlgorithm, report_locale, tr

METHODS = ["nearest", "bilinear"]
METHOD_LABELS = ["Nearest neighbour", "Bilinear"]
FIELDS = (("id", str), ("depth_m", float), ("observed_c", float), ("model_c", float), ("residual_c", float),
          ("model_depth_m", float), ("distance_km", float), ("status", str))


class BoreholeValidation(PermafrostAlgorithm):
    NAME = "borehole_validation"
    DISPLAY = "Borehole validation"
    GROUP = "analysis"
    TAGS = ("validation", "borehole", "RMSE", "accuracy", "statistics", "验证", "钻孔", "精度", "误差")
    README_SECTION = "Borehole validation (`permafrost:borehole_validation`)"
    HELP = (
        "Compares modelled MAGT with MAGT measured in boreholes. Boreholes come from a point layer (any CRS) "
        "or a CSV with WGS84 lon/lat columns. Each borehole is compared with the model band whose depth is "
        "closest to its measurement depth, within the depth tolerance: band depths are read from band "
        "descriptions such as 'magt_1000cm' (the model's outputs), or given explicitly. Sampling: nearest "
        "pixel or bilinear. Boreholes outside the raster, on NoData, without a matching model depth or without "
        "an observed value are kept and listed with the reason. A borehole on a NoData pixel (e.g. a lake or sea "
        "shore) can take the nearest pixel with data within a maximum distance; the distance used is listed. "
        "A point on a pixel edge belongs to the pixel east/south of it, the same rule as every tool of the "
        "plugin. Outputs: points with model, observed and "
        "residual (model − observed); a one-file HTML report with n, bias, MAE, RMSE, Pearson r, a scatter "
        "plot with the 1:1 line, the residual table and the unmatched boreholes, stating whether the run "
        "meets the published product's claim RMSE < {rmse:g} °C; and the statistics as numbers "
        "for the modeller and batch runs."
    )
    HELP_ARGS = {"rmse": RMSE_TARGET_C}

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFeatureSource("POINTS", "Boreholes (point layer)", [TYPE_POINT],
                                                     optional=True),
                 "Measured boreholes as points in any CRS. Give this or a CSV file.")
        self.add(QgsProcessingParameterFile("CSV", "Boreholes (CSV with lon/lat)", extension="csv", optional=True),
                 "Alternative to the point layer: a CSV (comma, semicolon or tab) with WGS84 longitude and latitude "
                 "columns in degrees.")
        self.add(QgsProcessingParameterString("OBSERVED_FIELD", "Observed MAGT field (°C)", "magt"),
                 "Field/column holding the measured mean annual ground temperature, °C.")
        self.add(QgsProcessingParameterString("DEPTH_FIELD", "Depth field (m)", "depth", optional=True),
                 "Field/column with the measurement depth, m. Missing or empty: the default depth below.")
        self.add(QgsProcessingParameterString("ID_FIELD", "Borehole name field", "name", optional=True),
                 "Field/column naming the borehole (default: feature id or row number).")
        self.add(QgsProcessingParameterString("LON_FIELD", "CSV longitude column", "lon"),
                 "CSV only: column with longitude, WGS84 degrees east.", advanced=True)
        self.add(QgsProcessingParameterString("LAT_FIELD", "CSV latitude column", "lat"),
                 "CSV only: column with latitude, WGS84 degrees north.", advanced=True)
        self.add(QgsProcessingParameterNumber("DEFAULT_DEPTH", "Default measurement depth (m)",
                                              QgsProcessingParameterNumber.Double, 10.0, minValue=0.0),
                 "Depth assumed for boreholes without a depth value, and the depth of a one-band model raster "
                 "whose band description names no depth.")
        self.add(QgsProcessingParameterRasterLayer("MODEL", "Model MAGT raster (°C)"),
                 "Modelled MAGT in °C: one band (e.g. MAGT at 10 m) or one band per depth.")
        self.add(QgsProcessingParameterString("BAND_DEPTHS", "Band depths (m)", "", optional=True),
                 "Depth of each model band, comma separated (e.g. '5, 10, 15'). Empty: read from band "
                 "descriptions 'magt_NNNNcm'.")
        self.add(QgsProcessingParameterNumber("DEPTH_TOLERANCE", "Depth tolerance (m)",
                                              QgsProcessingParameterNumber.Double, 0.5, minValue=0.0),
                 "A borehole is compared only with a model band within this depth difference.")
        self.add(QgsProcessingParameterEnum("METHOD", "Sampling method", METHOD_LABELS, defaultValue=0),
                 "Nearest neighbour: the pixel containing the borehole; Bilinear: interpolated between pixel centres.")
        self.add(QgsProcessingParameterNumber("MAX_DISTANCE_KM", "Nearest valid pixel within (km)",
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=0.0),
                 "A borehole whose model value is NoData (e.g. on a lake or sea shore) takes the value of the "
                 "nearest pixel with data whose centre lies within this distance (km, on the WGS84 ellipsoid). "
                 "0: the borehole's own pixel only. The distance used is in the output field distance_km.")
        add_sink(self, "OUTPUT", "Validation points", TYPE_POINT,
                 "Boreholes with id, depth_m, observed_c, model_c, residual_c (model − observed), model_depth_m, "
                 "distance_km (0 = own pixel) and status ('ok' or why not compared).")
        self.add(QgsProcessingParameterFileDestination("OUTPUT_REPORT", "Validation report", "HTML files (*.html)"),
                 "Single-file HTML report with statistics, scatter plot and residual table.")
        for key, text in (("N", "Number of boreholes compared"), ("BIAS", "Bias, model − observed (°C)"),
                          ("MAE", "Mean absolute error (°C)"), ("RMSE", "Root-mean-square error (°C)"),
                          ("R", "Pearson correlation coefficient"),
                          ("MEETS_TARGET", f"1 if RMSE < {RMSE_TARGET_C:g} °C, else 0")):
            self.addOutput(QgsProcessingOutputNumber(key, text))

    def boreholes(self, parameters, context, feedback):
        """(boreholes in lon/lat, output geometries, output CRS) from the point layer or the CSV."""
        source = self.parameterAsSource(parameters, "POINTS", context)
        csv_path = self.parameterAsFile(parameters, "CSV", context)
        value = self.parameterAsString(parameters, "OBSERVED_FIELD", context)
        depth = self.parameterAsString(parameters, "DEPTH_FIELD", context)
        ident = self.parameterAsString(parameters, "ID_FIELD", context)
        default_depth = self.parameterAsDouble(parameters, "DEFAULT_DEPTH", context)
        if source is None and not csv_path:
            self.fail(tr("Boreholes: give a point layer or a CSV file."))
        if source is None:
            try:
                holes = read_boreholes_csv(csv_path, self.parameterAsString(parameters, "LON_FIELD", context),
                                           self.parameterAsString(parameters, "LAT_FIELD", context), value, depth,
                                           ident, default_depth)
            except (OSError, ValueError) as err:
                self.fail(str(err))
            geoms = [QgsGeometry.fromPointXY(QgsPointXY(h.lon, h.lat)) for h in holes]
            return holes, geoms, QgsCoordinateReferenceSystem("EPSG:4326")
        if source.featureCount() == 0:
            self.fail(tr("Boreholes: the point layer has no features."))
        names = source.fields().names()
        for field, what in ((depth, tr("depth field (using {depth:g} m)").format(depth=default_depth)),
                            (ident, tr("name field"))):
            if field and field not in names:
                feedback.pushWarning(tr("Boreholes: no {what} '{field}' in the layer.").format(what=what, field=field))
        if value not in names:
            self.fail(tr("Boreholes: no observed-MAGT field '{field}'; the layer's fields are {names}.")
                      .format(field=value, names=", ".join(names)))
        transform = lonlat_transform(source.sourceCrs(), context)
        holes, geoms = [], []
        for feat in source.getFeatures():
            geom = feat.geometry()
            if geom.isEmpty():
                feedback.pushWarning(tr("Borehole feature {id} has no geometry and is skipped.").format(id=feat.id()))
                continue
            point = transform.transform(geom.centroid().asPoint())
            d = feat[depth] if depth in names else None
            v = feat[value]
            holes.append(Borehole(str(feat[ident]) if ident in names and feat[ident] is not None else str(feat.id()),
                                  point.x(), point.y(), float(d) if d not in (None, "") else default_depth,
                                  float(v) if v not in (None, "") else math.nan))
            geoms.append(QgsGeometry(geom))
        return holes, geoms, source.sourceCrs()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        holes, geoms, crs = self.boreholes(parameters, context, feedback)
        model_path, _, _ = raster_source(self, parameters, context, "MODEL", label="Model raster")
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        tolerance = self.parameterAsDouble(parameters, "DEPTH_TOLERANCE", context)
        max_km = self.parameterAsDouble(parameters, "MAX_DISTANCE_KM", context)
        report = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        try:
            depths = band_depths(model_path, parse_depths(self.parameterAsString(parameters, "BAND_DEPTHS", context)),
                                 self.parameterAsDouble(parameters, "DEFAULT_DEPTH", context))
            matches = match_boreholes(holes, model_path, depths, method, tolerance, max_km)
        except ValueError as err:
            self.fail(str(err))
        if all(m.status == "outside raster" for m in matches):
            self.fail(tr("Boreholes and model raster do not overlap: every borehole lies outside the raster "
                         "(check the layers' CRS and extent)."))
        stats = statistics(matches)
        rows = [(g, {"id": m.borehole.id, "depth_m": m.borehole.depth_m, "observed_c": nan_none(m.borehole.observed_c),
                     "model_c": nan_none(m.model_c), "residual_c": nan_none(m.residual_c),
                     "model_depth_m": nan_none(m.model_depth_m), "distance_km": nan_none(m.distance_km),
                     "status": m.status})
                for g, m in zip(geoms, matches)]
        points = write_sink(self, parameters, context, "OUTPUT", FIELDS, QgsWkbTypes.Point, crs, rows,
                            styles.residual_point_qml())
        try:
            write_validation_report(report, matches, stats,
                                    tr("Model: {path}; band depths {depths} m; sampling {method}; depth tolerance "
                                       "{tolerance:g} m; nearest valid pixel within {max_km:g} km.").format(
                                        path=model_path, depths=", ".join(f"{d:g}" for d in depths),
                                        method=tr(METHOD_LABELS[METHODS.index(method)]), tolerance=tolerance,
                                        max_km=max_km),
                                    locale=report_locale())
        except ValueError as err:
            self.fail(str(err))
        for m in matches:
            if m.status != "ok":
                feedback.pushWarning(tr("Borehole {id}: not compared ({status}).").format(id=m.borehole.id,
                                                                                          status=m.status))
        for group in repeated_boreholes(holes):
            b = group[0]
            feedback.pushWarning(tr(
                "Borehole {ids} is listed {count} times at lon {lon:.5f}, lat {lat:.5f}, depth {depth:g} m (observed "
                "{values} °C): counted once in n and the statistics, with the mean observed value.").format(
                    ids=", ".join(sorted({h.id for h in group})), count=len(group), lon=b.lon, lat=b.lat,
                    depth=b.depth_m, values=", ".join(f"{h.observed_c:.2f}" for h in group)))
        feedback.pushInfo(f"n = {stats['n']}, bias = {stats['bias']:.3f} °C, MAE = {stats['mae']:.3f} °C, "
                          f"RMSE = {stats['rmse']:.3f} °C, r = {stats['r']:.3f}")
        meets = int(stats["n"] > 0 and stats["rmse"] < RMSE_TARGET_C)
        return {"OUTPUT": points, "OUTPUT_REPORT": report, "N": stats["n"], "BIAS": stats["bias"],
                "MAE": stats["mae"], "RMSE": stats["rmse"], "R": stats["r"], "MEETS_TARGET": meets}
