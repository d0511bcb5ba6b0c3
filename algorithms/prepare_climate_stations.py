"""Processing algorithm "Climate from weather stations" (lapse-rate detrending + interpolation + DEM)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..core.prep.stations import STANDARD_LAPSE_C_PER_KM, prepare_station_climate, read_station_csv, stations_from_table
from .base import PermafrostAlgorithm, feedback_callables, report_locale, tr
from .prepare_common import Stop, add_output, add_template, core_errors, layer_path, report_gaps, template

METHODS = ("thin_plate", "idw")


class ClimateFromStations(PermafrostAlgorithm):
    NAME = "prepare_climate_stations"
    DISPLAY = "Climate from weather stations (interpolation with DEM)"
    GROUP = "input"
    TAGS = ("climate", "weather stations", "interpolation", "lapse rate", "DEM", "thin-plate spline", "IDW", "气象站",
            "插值", "气温直减率", "气温")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Builds the 12-band monthly air-temperature climatology (°C) by observational interpolation. Per "
            "month the station values are reduced to sea level with a lapse rate (fitted from the stations by "
            "least squares of temperature on elevation together with a planar trend, or fixed, default "
            "−6.5 °C/km), the residuals are interpolated in a local azimuthal-equidistant plane in km with a "
            "thin-plate spline (scipy RBFInterpolator, with smoothing) or inverse distance weighting, and the "
            "lapse-rate term is re-added with the DEM warped to the model grid. Stations at the same location "
            "are averaged. The leave-one-out cross-validation RMSE per month goes to the log and, optionally, "
            "to an HTML report.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFile("STATIONS_CSV", "Stations CSV", extension="csv", optional=True),
                 "CSV with one station per row: latitude, longitude (decimal degrees), elevation (m) and 12 "
                 "monthly means (°C) in columns <prefix>01 … <prefix>12. Give this or a station layer.")
        self.add(QgsProcessingParameterFeatureSource("STATIONS_LAYER", "Station point layer",
                                                     [QgsProcessing.TypeVectorPoint], optional=True),
                 "Point layer with an elevation field and fields <prefix>01 … <prefix>12 (°C); any CRS.")
        self.add(QgsProcessingParameterString("PREFIX", "Monthly column prefix", defaultValue="wc14_tmean_"),
                 "Prefix of the 12 monthly columns, e.g. wc14_tmean_, crucl2_tmp_ or chelsa11_temp_.")
        self.add(QgsProcessingParameterString("ELEVATION_FIELD", "Elevation field (m)", defaultValue="ELEV_M"),
                 "Column/field with the station elevation in metres above sea level.")
        self.add(QgsProcessingParameterString("LAT_FIELD", "Latitude column (CSV)", defaultValue="LAT"),
                 "CSV column with latitude in decimal degrees (not used for a point layer).", advanced=True)
        self.add(QgsProcessingParameterString("LON_FIELD", "Longitude column (CSV)", defaultValue="LON"),
                 "CSV column with longitude in decimal degrees (not used for a point layer).", advanced=True)
        self.add(QgsProcessingParameterString("ID_FIELD", "Station id field", defaultValue="STNID", optional=True),
                 "Column/field naming each station in the cross-validation report.", advanced=True)
        self.add(QgsProcessingParameterRasterLayer("DEM", "DEM (m)"),
                 "Terrain height in metres; warped to the model grid (bilinear, or averaged when much finer).")
        add_template(self)
        self.add(QgsProcessingParameterEnum("METHOD", "Residual interpolation",
                                            options=["Thin-plate spline (RBF)", "Inverse distance weighting"],
                                            defaultValue=0),
                 "Thin-plate spline with smoothing (scipy RBFInterpolator) or inverse distance weighting.")
        self.add(QgsProcessingParameterEnum("LAPSE_MODE", "Lapse rate",
                                            options=["Fitted per month from the stations", "Fixed (below)"],
                                            defaultValue=0),
                 "Fit the lapse rate of each month from the stations, or use the fixed value below.")
        self.add(QgsProcessingParameterNumber("LAPSE_RATE", "Fixed lapse rate (°C/km)",
                                              QgsProcessingParameterNumber.Double,
                                              defaultValue=STANDARD_LAPSE_C_PER_KM, minValue=-15.0, maxValue=5.0),
                 "Temperature change per km of height, used when the lapse rate is fixed (−6.5 = standard "
                 "atmosphere).")
        self.add(QgsProcessingParameterNumber("SMOOTHING", "Spline smoothing", QgsProcessingParameterNumber.Double,
                                              defaultValue=10.0, minValue=0.0),
                 "RBFInterpolator smoothing (0 = exact interpolation; larger values smooth more).", advanced=True)
        self.add(QgsProcessingParameterNumber("IDW_POWER", "IDW power", QgsProcessingParameterNumber.Double,
                                              defaultValue=2.0, minValue=0.1, maxValue=10.0),
                 "Exponent of inverse distance weighting.", advanced=True)
        self.add(QgsProcessingParameterNumber("NEIGHBOURS", "IDW neighbours", defaultValue=12, minValue=1,
                                              maxValue=500),
                 "Number of nearest stations used by inverse distance weighting.", advanced=True)
        add_output(self, "Monthly air temperature (12 bands, °C)",
                   "12-band climatology tair_01 … tair_12 in °C on the model grid.")
        self.add(QgsProcessingParameterFileDestination("REPORT", "Cross-validation report (HTML)",
                                                       "HTML files (*.html)", optional=True,
                                                       createByDefault=False),
                 "Optional HTML report: leave-one-out RMSE and bias per month, lapse rates, worst stations.")
        self.addOutput(QgsProcessingOutputNumber("LOO_RMSE_ANNUAL", "Leave-one-out RMSE of annual mean (°C)"))
        self.addOutput(QgsProcessingOutputNumber("STATIONS_USED", "Stations used"))

    def _stations(self, parameters, context):
        prefix = self.parameterAsString(parameters, "PREFIX", context).strip()
        elev = self.parameterAsString(parameters, "ELEVATION_FIELD", context).strip()
        id_field = self.parameterAsString(parameters, "ID_FIELD", context).strip() or None
        csv_path = self.parameterAsFile(parameters, "STATIONS_CSV", context)
        source = self.parameterAsSource(parameters, "STATIONS_LAYER", context)
        if bool(csv_path) == (source is not None):
            self.fail(tr("Stations: give either a stations CSV or a station point layer (exactly one)"))
        if csv_path:
            return read_station_csv(csv_path, prefix, lat=self.parameterAsString(parameters, "LAT_FIELD", context),
                                    lon=self.parameterAsString(parameters, "LON_FIELD", context), elevation=elev,
                                    id_field=id_field, name_field="NAME")
        to_wgs84 = QgsCoordinateTransform(source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                          context.transformContext())
        header = [f.name() for f in source.fields()] + ["__lat", "__lon"]
        rows = []
        for feature in source.getFeatures():
            if not feature.hasGeometry():
                continue
            p = to_wgs84.transform(feature.geometry().centroid().asPoint())
            row = dict(zip(header, feature.attributes()))
            row["__lat"], row["__lon"] = p.y(), p.x()
            rows.append({k: (None if v is None else str(v)) for k, v in row.items()})
        if id_field and id_field.lower() not in (h.lower() for h in header):
            id_field = None
        return stations_from_table(rows, header, prefix, lat="__lat", lon="__lon", elevation=elev,
                                   id_field=id_field, name_field="NAME", label="Station point layer")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        with core_errors():
            stations = self._stations(parameters, context)
        dem = layer_path(self, parameters, "DEM", context, "DEM")
        grid, mask = template(self, parameters, context)
        method = METHODS[self.parameterAsEnum(parameters, "METHOD", context)]
        fixed = self.parameterAsEnum(parameters, "LAPSE_MODE", context) == 1
        lapse = self.parameterAsDouble(parameters, "LAPSE_RATE", context) if fixed else None
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        progress, is_cancelled = feedback_callables(feedback, 5, 100)
        try:
            with core_errors():
                interp, cv = prepare_station_climate(
                    stations, dem, grid, mask, out, method, lapse,
                    self.parameterAsDouble(parameters, "SMOOTHING", context),
                    self.parameterAsDouble(parameters, "IDW_POWER", context),
                    self.parameterAsInt(parameters, "NEIGHBOURS", context), report, progress, is_cancelled,
                    locale=report_locale())
        except Stop:
            feedback.reportError(tr("Cancelled: no output was written."))
            return {}
        report_gaps(feedback, out, mask, "Climate")
        n = len(interp.stations.lat)
        feedback.pushInfo(tr("{n} stations ({merged} co-located merged); lapse rate (°C/km) per month: {rates}").format(
            n=n, merged=len(stations.lat) - n, rates=", ".join(f"{v:.2f}" for v in interp.lapse)))
        feedback.pushInfo(tr("Leave-one-out RMSE (°C) Jan…Dec: {rmse}; annual mean: {annual:.2f}").format(
            rmse=", ".join(f"{v:.2f}" for v in cv.rmse_c), annual=cv.annual_rmse_c))
        results = {"OUTPUT": out, "LOO_RMSE_ANNUAL": cv.annual_rmse_c, "STATIONS_USED": n}
        if report:
            results["REPORT"] = report
        return results
