"""Processing algorithm "Route corridor profiles": MAGT, ALT and stability class along routes."""

from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..core import styles
from ..core.analysis.corridor_report import write_corridor_report
from ..core.analysis.corridors import Route, sample_pieces, summarize
from ..core.analysis.rasters import Sampler
from ..core.analysis.schemes import CLASS_NODATA
from .analysis_common import (
    TYPE_LINE,
    TYPE_TABLE,
    add_magt_inputs,
    add_sink,
    lonlat_transform,
    nan_none,
    raster_source,
    vector_source,
    write_sink,
)
from .analysis_stability import add_scheme_parameters, scheme_from_parameters
from .base import PermafrostAlgorithm, feedback_callables, report_locale, tr

METHODS = ["nearest", "bilinear"]
METHOD_LABELS = ["Nearest neighbour", "Bilinear"]
SEGMENT_FIELDS = (("route", str), ("part", int), ("from_km", float), ("to_km", float), ("length_km", float),
                  ("magt_c", float), ("magt_centre_c", float), ("alt_m", float), ("class_code", int),
                  ("class_name", str), ("permafrost", int), ("warm", int))


def routes_from_source(alg, source, name_field, context, feedback):
    """Routes (lon/lat parts) from a line source; names from ``name_field`` or 'route <id>'."""
    transform = lonlat_transform(source.sourceCrs(), context)
    routes, used = [], set()
    # degenerate lines (all vertices at one point) are "invalid" to GEOS; they are reported by the core instead
    for feat in source.getFeatures(QgsFeatureRequest(), QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks):
        geom = QgsGeometry(feat.geometry())
        if geom.isEmpty():
            feedback.pushWarning(tr("Route feature {id} has no geometry and is skipped.").format(id=feat.id()))
            continue
        geom.transform(transform)
        lines = geom.asMultiPolyline() if geom.isMultipart() else [geom.asPolyline()]
        name = str(feat[name_field]) if name_field and feat[name_field] not in (None, "") else f"route {feat.id()}"
        base, k = name, 2
        while name in used:
            name, k = f"{base} ({k})", k + 1
        used.add(name)
        routes.append(Route(name, [[(p.x(), p.y()) for p in line] for line in lines if len(line) >= 2]))
    if not routes:
        alg.fail(tr("Routes: no feature has a line geometry."))
    return routes


class RouteCorridors(PermafrostAlgorithm):
    NAME = "route_corridors"
    DISPLAY = "Route corridor profiles"
    GROUP = "analysis"
    TAGS = ("pipeline", "highway", "railway", "route", "corridor", "profile", "engineering", "active layer", "管道",
            "公路", "铁路", "线路", "选线", "工程", "活动层")
    README_SECTION = "Route corridor profiles (`permafrost:route_corridors`)"
    HELP = (
        "Samples MAGT (and optionally active-layer thickness and stability class) along pipeline, highway or "
        "railway routes, for route selection and comparing alternatives. Each route (one feature; several "
        "features = alternatives) is cut into pieces of the given spacing measured on the WGS84 ellipsoid, "
        "with geodesic interpolation along each segment; each piece takes the value at its midpoint or, with "
        "a buffer width, the worst value (warmest MAGT, deepest ALT) among the midpoint and points offset "
        "perpendicular to the route on both sides up to the buffer. Outputs: a segment layer with chainage "
        "(km), MAGT, ALT and class; a per-route summary table (length, km on permafrost, km on warm "
        "permafrost, km without data, km per class, coldest and warmest piece); and an HTML report with "
        "the longitudinal profile of every route (MAGT vs chainage with the 0 °C and warm-threshold lines, "
        "ALT on a second axis) to compare alternatives side by side. Routes in any CRS; pieces outside the "
        "raster or on NoData are counted as 'no data', never dropped. Runs in batch mode: each run writes "
        "its own outputs."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFeatureSource("ROUTES", "Routes", [TYPE_LINE]),
                 "Line layer of routes or route alternatives, in any CRS (reprojected to WGS84 internally).")
        self.add(QgsProcessingParameterField("NAME_FIELD", "Route name field", parentLayerParameterName="ROUTES",
                                             optional=True),
                 "Field naming each route in the outputs (default: 'route <feature id>').")
        add_magt_inputs(self)
        self.add(QgsProcessingParameterRasterLayer("ALT", "Active-layer thickness raster (m)", optional=True),
                 "Optional ALT raster (m, band 1), sampled like MAGT and drawn on the profile's second axis.")
        self.add(QgsProcessingParameterRasterLayer("CLASSES", "Stability class raster", optional=True),
                 "Optional class raster (e.g. from 'Thermal-stability classes', band 1), sampled at each piece's "
                 "midpoint. Without it the class is computed from the MAGT used with the scheme below.")
        add_scheme_parameters(self)
        self.add(QgsProcessingParameterNumber("SPACING", "Sampling spacing (m)", QgsProcessingParameterNumber.Double,
                                              100.0, minValue=1.0),
                 "Geodesic length of each piece along the route, m.")
        self.add(QgsProcessingParameterNumber("BUFFER", "Buffer width each side (m)",
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=0.0),
                 "0 samples on the route only; otherwise the worst value within this distance on either side "
                 "(perpendicular offsets at most half a spacing apart) is used.")
        self.add(QgsProcessingParameterNumber("WARM_THRESHOLD", "Warm permafrost threshold (°C)",
                                              QgsProcessingParameterNumber.Double, -1.0, maxValue=-0.01),
                 "Permafrost with MAGT at or above this value (and below 0 °C) counts as warm permafrost.")
        self.add(QgsProcessingParameterEnum("METHOD", "Sampling method", METHOD_LABELS, defaultValue=0),
                 "Nearest neighbour: value of the pixel containing the point; Bilinear: interpolated between pixel centres "
                 "(NoData if any of the four pixels is NoData).")
        add_sink(self, "OUTPUT_SEGMENTS", "Route segments", TYPE_LINE,
                 "Pieces of the routes with route, chainage from_km/to_km, length_km, magt_c (value used), "
                 "magt_centre_c, alt_m, class_code, class_name, permafrost (1/0) and warm (1/0).")
        add_sink(self, "OUTPUT_SUMMARY", "Route summary", TYPE_TABLE,
                 "One row per route: length, km on permafrost, on warm permafrost, without data, per class "
                 "(km_class_<code>), coldest and warmest piece.")
        self.add(QgsProcessingParameterFileDestination("OUTPUT_REPORT", "Corridor report", "HTML files (*.html)"),
                 "Single-file HTML report with the comparison tables and longitudinal profiles.")
        self.addOutput(QgsProcessingOutputNumber("TOTAL_LENGTH_KM", "Total route length (km)"))
        self.addOutput(QgsProcessingOutputNumber("PERMAFROST_KM", "Total length on permafrost (km)"))
        self.addOutput(QgsProcessingOutputNumber("WARM_PERMAFROST_KM", "Total length on warm permafrost (km)"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        source = vector_source(self, parameters, context, "ROUTES", "Routes")
        name_field = self.parameterAsString(parameters, "NAME_FIELD", context)
        magt_path, band, _ = raster_source(self, parameters, context, "INPUT", "BAND")
        alt_path, _, _ = raster_source(self, parameters, context, "ALT", label="ALT raster")
        class_path, _, _ = raster_source(self, parameters, context, "CLASSES", label="Stability class raster")
        key, classes = scheme_from_parameters(self, parameters, context)
        spacing = self.parameterAsDouble(parameters, "SPACING", context)
        buffer_m = self.parameterAsDouble(parameters, "BUFFER", context)
        warm = self.parameterAsDouble(parameters, "WARM_THRESHOLD", context)
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        report = self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context)
        routes = routes_from_source(self, source, name_field, context, feedback)
        progress, is_cancelled = feedback_callables(feedback, 0, 80)
        try:
            magt = Sampler.open(magt_path, band, "MAGT raster", temperature=True)
            alt = Sampler.open(alt_path, 1, "ALT raster") if alt_path else None
            cls = Sampler.open(class_path, 1, "Stability class raster") if class_path else None
            pieces = sample_pieces(routes, magt, spacing, buffer_m, method, alt, cls, classes, progress, is_cancelled)
            if is_cancelled():
                return {}
            summaries = summarize(pieces, [r.name for r in routes], warm)
        except ValueError as err:
            self.fail(str(err))
        sampled = {p.route for p in pieces}
        for route in routes:
            if route.name not in sampled:
                feedback.pushWarning(f"Route {route.name}: zero length (all vertices at one point); not sampled.")
        if not any(p.magt_c == p.magt_c for p in pieces):
            self.fail(tr("Routes and MAGT raster do not overlap: no route piece has a MAGT value "
                         "(check the layers' CRS and extent)."))
        back = lonlat_transform(source.sourceCrs(), context)
        rows = []
        for p in pieces:
            geom = QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in p.coords])
            geom.transform(back, back.ReverseTransform)
            rows.append((geom, {"route": p.route, "part": p.part, "from_km": p.chainage_from_km,
                                "to_km": p.chainage_to_km, "length_km": p.length_km, "magt_c": nan_none(p.magt_c),
                                "magt_centre_c": nan_none(p.magt_centre_c), "alt_m": nan_none(p.alt_m),
                                "class_code": None if p.class_code == CLASS_NODATA else p.class_code,
                                "class_name": p.class_name, "permafrost": int(p.magt_c < 0),
                                "warm": int(warm <= p.magt_c < 0)}))
        scheme = key if key != "user" else classes
        segments = write_sink(self, parameters, context, "OUTPUT_SEGMENTS", SEGMENT_FIELDS,
                              QgsWkbTypes.LineString, source.sourceCrs(), rows, styles.magt_line_qml(scheme=scheme))
        codes = sorted({c.code for c in classes} | {k for s in summaries for k in s.class_km})
        spec = [("route", str), ("length_km", float), ("permafrost_km", float), ("warm_permafrost_km", float),
                ("nodata_km", float), ("coldest_c", float), ("coldest_from_km", float), ("coldest_to_km", float),
                ("warmest_c", float), ("warmest_from_km", float), ("warmest_to_km", float)] + \
               [(f"km_class_{c}", float) for c in codes]
        summary_rows = []
        for s in summaries:
            values = [s.name, s.length_km, s.permafrost_km, s.warm_km, s.nodata_km, *s.coldest, *s.warmest] + \
                     [s.class_km.get(c, 0.0) for c in codes]
            summary_rows.append((None, {name: nan_none(v) for (name, _), v in zip(spec, values)}))
        summary = write_sink(self, parameters, context, "OUTPUT_SUMMARY", spec, QgsWkbTypes.NoGeometry,
                             source.sourceCrs(), summary_rows)
        feedback.setProgress(90)
        try:
            write_corridor_report(report, pieces, summaries, classes, warm,
                                  tr("MAGT: {path} (band {band}); spacing {spacing:g} m; buffer {buffer:g} m each side; "
                                     "sampling {method}.").format(path=magt_path, band=band, spacing=spacing,
                                                                  buffer=buffer_m, method=tr(METHOD_LABELS[
                                                                      METHODS.index(method)])),
                                  locale=report_locale())
        except ValueError as err:
            self.fail(str(err))
        for s in summaries:
            feedback.pushInfo(tr("{name}: {length:.2f} km, {permafrost:.2f} km on permafrost, {warm:.2f} km on warm "
                                 "permafrost, {nodata:.2f} km without data.").format(
                name=s.name, length=s.length_km, permafrost=s.permafrost_km, warm=s.warm_km, nodata=s.nodata_km))
        feedback.setProgress(100)
        return {"OUTPUT_SEGMENTS": segments, "OUTPUT_SUMMARY": summary, "OUTPUT_REPORT": report,
                "TOTAL_LENGTH_KM": sum(s.length_km for s in summaries),
                "PERMAFROST_KM": sum(s.permafrost_km for s in summaries),
                "WARM_PERMAFROST_KM": sum(s.warm_km for s in summaries)}
