"""Processing algorithm "Thermal-stability classes": classified raster and dissolved class polygons with areas."""

import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterMatrix,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsWkbTypes,
)

from ..core import styles
from ..core.analysis.rasters import load_band
from ..core.analysis.schemes import SCHEME_TITLES, SCHEMES, classes_from_table, scheme_classes
from ..core.analysis.stability import class_polygons, class_summary, classify_magt, write_class_raster
from .analysis_common import TYPE_POLYGON, add_magt_inputs, add_sink, raster_source, write_sink
from .base import PermafrostAlgorithm, feedback_callables, tr
from .model_simulate import StyleFromSidecar

SCHEME_IDS = list(SCHEMES) + ["user"]
SCHEME_LABELS = [SCHEME_TITLES[k] for k in SCHEMES] + ["User-defined table (below)"]
POLYGON_FIELDS = (("code", int), ("name_en", str), ("name_zh", str), ("magt_lower_c", float),
                  ("magt_upper_c", float), ("area_km2", float))


def scheme_from_parameters(alg, parameters, context, enum_name="SCHEME", table_name="TABLE"):
    """(scheme id, classes): a built-in scheme, or "user" and the classes of the table (lower, upper, code, name)."""
    key = SCHEME_IDS[alg.parameterAsEnum(parameters, enum_name, context)]
    if key != "user":
        return key, scheme_classes(key)
    flat = alg.parameterAsMatrix(parameters, table_name, context)
    if not flat:
        alg.fail(tr("Stability scheme: 'User-defined table' chosen but the class table is empty."))
    if len(flat) % 4:
        alg.fail(tr("Class table: {n} cells do not make rows of 4 (lower, upper, code, name).").format(n=len(flat)))
    rows = [flat[i:i + 4] for i in range(0, len(flat), 4)]
    try:
        return "user", classes_from_table(rows)
    except ValueError as err:
        alg.fail(f"Class table: {err}")


def add_scheme_parameters(alg):
    alg.add(QgsProcessingParameterEnum("SCHEME", "Stability scheme", SCHEME_LABELS, defaultValue=0),
            "Class limits on MAGT (°C), lower limit inclusive. Zhou et al. (2000): extremely stable < −5, "
            "stable −5 to −3, sub-stable −3 to −1.5, transitional −1.5 to −0.5, unstable −0.5 to 0. "
            "High-/low-temperature permafrost: 0 to −2 / < −2 (the published NE China product). Ran et al. "
            "(2022): cold < −3, cool −3 to −1.5, warm −1.5 to 0. MAGT ≥ 0 °C is the class 'no permafrost / "
            "seasonally frozen' (code 0).")
    alg.add(QgsProcessingParameterMatrix("TABLE", "User-defined classes", numberRows=0, hasFixedNumberRows=False,
                                         headers=["Lower (°C)", "Upper (°C)", "Code", "Name"], optional=True),
            "Used with 'User-defined table': one row per class, lower ≤ MAGT < upper (°C; empty = open end), "
            "an integer code and a name. A class 'no permafrost' (code 0) is added when no row reaches 0 °C.")


class StabilityClasses(PermafrostAlgorithm):
    NAME = "stability_classes"
    DISPLAY = "Thermal-stability classes"
    GROUP = "analysis"
    TAGS = ("thermal stability", "classification", "warm permafrost", "high-temperature permafrost", "热稳定性", "分类",
            "高温冻土", "稳定型")
    README_SECTION = "Thermal-stability classes (`permafrost:stability_classes`)"
    HELP = (
        "Classifies a MAGT raster into permafrost thermal-stability classes and writes a classified raster "
        "(Int16 codes, NoData −9999, styled with class names in English and Chinese) and, optionally, one "
        "dissolved multipolygon per class with its area in km² on the WGS84 ellipsoid. Default scheme: the "
        "Chinese thermal-stability classification as commonly cited from Zhou Youwu et al. (2000), "
        "Geocryology in China (extremely stable 极稳定型, stable 稳定型, sub-stable 亚稳定型, transitional 过渡型, "
        "unstable 不稳定型). Sources differ on the warm end: some put the unstable class at −0.5 to +0.5 °C; "
        "here MAGT ≥ 0 °C is always 'no permafrost / seasonally frozen' (融区/季节冻土). Alternatives: high-/"
        "low-temperature permafrost (高温冻土 0 to −2 °C, 低温冻土 < −2 °C, as the published NE China product "
        "reports), Ran et al. (2022, ESSD 14:865) cold/cool/warm (< −3, −3 to −1.5, −1.5 to 0 °C), or your own "
        "table. Class areas are also reported in the log."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        add_magt_inputs(self)
        add_scheme_parameters(self)
        self.add(QgsProcessingParameterNumber("SMOOTHING", "Polygon smoothing iterations",
                                              QgsProcessingParameterNumber.Integer, 0, minValue=0, maxValue=8),
                 "Rounds of Chaikin corner cutting of the class polygons (0 = exact pixel edges). Smoothed "
                 "neighbouring classes may overlap or gap slightly.", advanced=True)
        self.add(QgsProcessingParameterRasterDestination("OUTPUT_RASTER", "Stability classes raster"),
                 "Class code per pixel (Int16 GeoTIFF), with a sidecar .qml style naming the classes.")
        add_sink(self, "OUTPUT_POLYGONS", "Stability class polygons", TYPE_POLYGON,
                 "One multipolygon per class present: code, name_en, name_zh, MAGT limits (°C), area_km2.",
                 optional=True)
        self.addOutput(QgsProcessingOutputNumber("PERMAFROST_AREA_KM2", "Area with MAGT < 0 °C (km²)"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path, band, layer = raster_source(self, parameters, context, "INPUT", "BAND")
        key, classes = scheme_from_parameters(self, parameters, context)
        smoothing = self.parameterAsInt(parameters, "SMOOTHING", context)
        out_raster = self.parameterAsOutputLayer(parameters, "OUTPUT_RASTER", context)
        if os.path.splitext(out_raster)[1].lower() not in (".tif", ".tiff"):
            self.fail(tr("Stability classes raster: only GeoTIFF (.tif) output is supported, got {path}")
                      .format(path=out_raster))
        progress, is_cancelled = feedback_callables(feedback)
        try:
            data, grid = load_band(path, band, "MAGT raster")
            codes, uncovered = classify_magt(data, classes)
            summary = class_summary(codes, grid, classes)
        except ValueError as err:
            self.fail(str(err))
        if uncovered:
            feedback.pushWarning(tr("{n} pixel(s) fall in no class of the table and are NoData.").format(n=uncovered))
        progress(0.2)
        if is_cancelled():
            return {}
        try:
            write_class_raster(out_raster, codes, grid, classes)
            qml = styles.write_class_style(out_raster, key if key != "user" else classes)
            if context.willLoadLayerOnCompletion(out_raster):  # the dialog loads it: style it (qgis_process: sidecar)
                context.layerToLoadOnCompletionDetails(out_raster).setPostProcessor(StyleFromSidecar.create(qml))
        except ValueError as err:
            self.fail(str(err))
        for c in classes:
            pixels, km2 = summary[c.code]
            feedback.pushInfo(tr("{code:>4}  {label}: {pixels} pixels, {km2:.1f} km²").format(
                code=c.code, label=c.label, pixels=pixels, km2=km2))
        results = {"OUTPUT_RASTER": out_raster,
                   "PERMAFROST_AREA_KM2": sum(summary[c.code][1] for c in classes if c.upper <= 0.0)}
        if parameters.get("OUTPUT_POLYGONS") is not None:
            polygons = class_polygons(codes, grid, classes, smoothing, lambda f: progress(0.3 + 0.6 * f))
            if is_cancelled():
                return {}
            results["OUTPUT_POLYGONS"] = write_sink(
                self, parameters, context, "OUTPUT_POLYGONS", POLYGON_FIELDS, QgsWkbTypes.MultiPolygon,
                layer.crs(), [(f.geometry, f.attributes) for f in polygons],
                styles.class_polygon_qml(key if key != "user" else classes))
        progress(1.0)
        return results
