"""Processing algorithm "Calibrate n-factors to measured ground temperatures"."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ..core.calibration import calibrate, targets_from_rows
from ..core.calibration.targets import check_fields
from ..core.calibration.fit import N_FREEZING, N_THAWING, ORGANIC
from ..core.calibration.outputs import write_nfactor_table, write_organic_raster, write_residuals
from ..core.calibration.report import write_calibration_report
from ..core.heat import Cancelled
from ..core.prep.landcover import DEFAULT_TABLE, read_table
from .analysis_common import lonlat_transform
from .base import PermafrostAlgorithm, feedback_callables, report_locale, tr
from .model_parameters import add_engine_parameters, add_model_parameters, model_run_from_parameters

NOT_USED = {"NFACTORS", "INITIAL", "ANOMALIES"}
"""Model parameters of 'simulate' that calibration replaces (n-factors) or does not support."""


class CalibrateNfactors(PermafrostAlgorithm):
    NAME = "calibrate"
    DISPLAY = "Calibrate n-factors to measured ground temperatures"
    GROUP = "model"
    TAGS = ("calibration", "calibrate", "inversion", "borehole", "n-factor", "fit", "cross-validation", "RMSE",
            "标定", "率定", "反演", "钻孔", "n因子", "交叉验证")
    README_SECTION = "Calibration against measured ground temperatures (`permafrost:calibrate`, group \"Model\")"
    HELP = (
        "Fits the model's surface parameters to measured mean annual ground temperatures (boreholes, soil "
        "thermometers), the way the published product was inverted from boreholes. For every land-cover class "
        "that holds a site it fits the freezing and thawing n-factors (and, optionally, the thickness of a "
        "moss/peat layer on top of the soil); classes without sites keep the prior table. Rows of one site and "
        "depth are averaged over their years, and the model over the same years of the simulated period.",
        "Each site is simulated at its pixel (or the nearest pixel with data within the search distance) with the "
        "same model as 'Simulate permafrost ground temperature'; all sites and all perturbed parameter sets of "
        "an iteration run as one solver batch. The fit is regularised, bounded least squares "
        "(Levenberg–Marquardt): residuals are (model − observed)/σ_obs, every site weighing the same whatever its "
        "number of depths, plus (parameter − prior)/σ_prior, so few sites cannot give absurd values. Bounds: "
        "n_f {nf_lo}–{nf_hi}, n_t {nt_lo}–{nt_hi}, organic layer {org_lo}–{org_hi} m.",
        "Leave-one-site-out cross-validation refits each site's class without it and predicts it: its RMSE "
        "(CV_RMSE) is the honest estimate of the error at a new site. Outputs: the n-factor table (CSV "
        "class,n_freezing,n_thawing that 'Land cover to n-factors' reads unchanged, with standard errors), "
        "optionally the organic-layer thickness raster (for the ORGANIC_RASTER input of the soil tools), per-site "
        "residuals and an HTML report (before/after scatter with 1:1 line, residuals, parameters with standard "
        "errors, warnings).",
    )
    HELP_ARGS = {"nf_lo": N_FREEZING.lower, "nf_hi": N_FREEZING.upper, "nt_lo": N_THAWING.lower,
                 "nt_hi": N_THAWING.upper, "org_lo": ORGANIC.lower, "org_hi": ORGANIC.upper}

    def add(self, parameter, help_text, advanced=False):
        """Skip the 'simulate' parameters listed in :data:`NOT_USED` (added by ``add_model_parameters``)."""
        if parameter.name() in NOT_USED:
            return parameter
        return super().add(parameter, help_text, advanced)

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFeatureSource("OBSERVATIONS", "Measured ground temperatures",
                                                     [QgsProcessing.TypeVector]),
                 "Point layer in any CRS, or a table/CSV with WGS84 longitude and latitude fields, one row per "
                 "site, depth and (optionally) year.")
        field = QgsProcessingParameterField
        for name, text, default, optional, kind in (
                ("LON_FIELD", "Longitude field (tables without points)", "lon", True, field.Any),
                ("LAT_FIELD", "Latitude field (tables without points)", "lat", True, field.Any),
                ("DEPTH_FIELD", "Depth field (m)", "depth_m", True, field.Any),
                ("VALUE_FIELD", "Mean annual ground temperature field (°C)", "mean_annual_temperature_c", True,
                 field.Any),
                ("YEAR_FIELD", "Year field", None, True, field.Any),
                ("SITE_FIELD", "Site name field", None, True, field.Any)):
            self.add(field(name, text, default, "OBSERVATIONS", kind, optional=optional),
                     {"LON_FIELD": "WGS84 longitude, degrees east; used when the layer has no point geometry.",
                      "LAT_FIELD": "WGS84 latitude, degrees north; used when the layer has no point geometry.",
                      "DEPTH_FIELD": "Measurement depth below the surface, m.",
                      "VALUE_FIELD": "Measured mean annual ground temperature, °C (kelvin is refused).",
                      "YEAR_FIELD": "Year of the measurement. Rows of one site and depth are averaged over their "
                                    "years and the model over the same years, which must lie in the simulated "
                                    "period. Without it the model is averaged over the whole period.",
                      "SITE_FIELD": "Names the site; rows of one name must share coordinates. Without it rows "
                                    "at the same coordinates form a site."}[name])
        add_model_parameters(self, regional=False)
        self.add(QgsProcessingParameterRasterLayer("LANDCOVER", "Land cover (classes) on the model grid"),
                 "Land-cover class raster on the grid of the climate raster (e.g. from 'Clip and align raster to "
                 "model grid' with categorical resampling); its classes select the n-factors that are fitted.")
        self.add(QgsProcessingParameterFile("PRIOR_TABLE", "Prior n-factor table (CSV)", extension="csv",
                                            optional=True),
                 "CSV class,n_freezing,n_thawing giving the starting values and the prior the fit is regularised "
                 "towards. Default: the bundled MODIS IGBP table.")
        self.add(QgsProcessingParameterBoolean("FIT_ORGANIC", "Also fit a moss/peat layer thickness per class",
                                               False),
                 "Adds a peat layer (Farouki 1981 properties) on top of the soil of each site and fits its "
                 "thickness per class (prior 0 m). The soil raster must not already hold an organic layer.")
        self.add(QgsProcessingParameterNumber("MAX_DISTANCE_KM", "Search distance for a valid pixel (km)",
                                              QgsProcessingParameterNumber.Double, 0.0, minValue=0.0, maxValue=100.0),
                 "A site whose pixel has no data (a lake or sea shore) takes the nearest pixel with data in every "
                 "input within this distance; 0 uses the site's own pixel only. The distance used is reported.")
        self.add(QgsProcessingParameterBoolean("CROSS_VALIDATE", "Leave-one-site-out cross-validation", True),
                 "Refit each site's class without that site and predict it (CV_RMSE). Costs one extra fit per site, "
                 "run in the same solver batches.")
        add_engine_parameters(self)
        self.add(QgsProcessingParameterNumber("OBS_ERROR", "Observation error σ (°C)",
                                              QgsProcessingParameterNumber.Double, 0.5, minValue=0.01, maxValue=10.0),
                 "Measurement plus representativeness error of a site mean (a point against a pixel), °C. It "
                 "weighs the data against the prior.", advanced=True)
        self.add(QgsProcessingParameterNumber("PRIOR_SD", "Prior standard deviation of the n-factors",
                                              QgsProcessingParameterNumber.Double, N_FREEZING.prior_sd, minValue=0.0,
                                              maxValue=10.0),
                 "How far the fitted n-factors may stray from the prior table at the cost of one σ of misfit; 0 "
                 "turns the regularisation off (then there must be at least as many sites as parameters).",
                 advanced=True)
        self.add(QgsProcessingParameterFileDestination("OUTPUT_TABLE", "Calibrated n-factor table",
                                                       "CSV files (*.csv)"),
                 "CSV class,name,n_freezing,n_thawing,…,sites,source for 'Land cover to n-factors' (TABLE input).")
        self.add(QgsProcessingParameterRasterDestination("OUTPUT_ORGANIC", "Organic layer thickness (m)",
                                                         optional=True, createByDefault=False),
                 "With 'fit a moss/peat layer': the fitted thickness per class over the land-cover raster, for the "
                 "ORGANIC_RASTER input of the soil preparation tools.")
        self.add(QgsProcessingParameterFileDestination("OUTPUT_RESIDUALS", "Residuals per site and depth",
                                                       "CSV files (*.csv)", optional=True, createByDefault=False),
                 "CSV with observed and modelled (before, after, cross-validated) values per site and depth.")
        self.add(QgsProcessingParameterFileDestination("OUTPUT_REPORT", "Calibration report", "HTML files (*.html)",
                                                       optional=True),
                 "One-file HTML report: statistics, scatter plots with 1:1 line, parameters with standard errors, "
                 "per-site residuals, warnings.")
        for key, text in (("N", "Site-depth means compared"), ("SITES", "Sites used"),
                          ("RMSE_BEFORE", "RMSE with the prior n-factors (°C)"),
                          ("RMSE_AFTER", "RMSE after calibration (°C)"),
                          ("CV_RMSE", "Leave-one-site-out cross-validated RMSE (°C)"),
                          ("BIAS_BEFORE", "Bias with the prior n-factors (°C)"),
                          ("BIAS_AFTER", "Bias after calibration (°C)")):
            self.addOutput(QgsProcessingOutputNumber(key, text))

    def rows(self, parameters, context):
        """Observation rows as dicts keyed by field name; point geometry (in WGS84) fills the lon/lat fields."""
        source = self.parameterAsSource(parameters, "OBSERVATIONS", context)
        if source is None:
            self.fail(tr("Observations: the layer or CSV cannot be opened."))
        names = source.fields().names()
        lon = self.parameterAsString(parameters, "LON_FIELD", context) or "lon"
        lat = self.parameterAsString(parameters, "LAT_FIELD", context) or "lat"
        points = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PointGeometry
        transform = lonlat_transform(source.sourceCrs(), context) if points else None
        rows = []
        for feature in source.getFeatures():
            row = dict(zip(names, feature.attributes()))
            geometry = feature.geometry()
            if transform is not None and not geometry.isEmpty():
                point = transform.transform(geometry.centroid().asPoint())
                row[lon], row[lat] = point.x(), point.y()
            rows.append(row)
        if not points:
            missing = [f for f in (lon, lat) if f not in names]
            if missing:
                self.fail(tr("Observations: the table has no point geometry and no field {missing}; its fields are "
                             "{fields}.").format(missing=", ".join(missing), fields=", ".join(names)))
        return rows, names, (lon, lat)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        inputs, settings = model_run_from_parameters(self, parameters, context)
        rows, names, (lon, lat) = self.rows(parameters, context)
        defaults = {"DEPTH_FIELD": "depth_m", "VALUE_FIELD": "mean_annual_temperature_c"}
        field = {k: self.parameterAsString(parameters, k, context) or defaults.get(k)
                 for k in ("DEPTH_FIELD", "VALUE_FIELD", "YEAR_FIELD", "SITE_FIELD")}
        try:
            check_fields(names, {"depth": field["DEPTH_FIELD"], "temperature": field["VALUE_FIELD"],
                                 "year": field["YEAR_FIELD"], "site name": field["SITE_FIELD"]})
        except ValueError as err:
            self.fail(str(err))
        landcover = self.parameterAsRasterLayer(parameters, "LANDCOVER", context).source()
        prior_path = self.parameterAsFile(parameters, "PRIOR_TABLE", context) or DEFAULT_TABLE
        fit_organic = self.parameterAsBool(parameters, "FIT_ORGANIC", context)
        outputs = {k: self.parameterAsFileOutput(parameters, k, context)
                   for k in ("OUTPUT_TABLE", "OUTPUT_RESIDUALS", "OUTPUT_REPORT")}
        organic_out = self.parameterAsOutputLayer(parameters, "OUTPUT_ORGANIC", context) if fit_organic else None
        progress, is_cancelled = feedback_callables(feedback, 0.0, 95.0)
        try:
            targets = targets_from_rows(rows, lon, lat, field["DEPTH_FIELD"], field["VALUE_FIELD"],
                                        field["YEAR_FIELD"], field["SITE_FIELD"], settings.bottom_m)
            result = calibrate(targets, inputs.climate, inputs.soil, landcover, read_table(prior_path), settings,
                               fit_organic, self.parameterAsDouble(parameters, "MAX_DISTANCE_KM", context),
                               self.parameterAsDouble(parameters, "OBS_ERROR", context),
                               self.parameterAsDouble(parameters, "PRIOR_SD", context),
                               self.parameterAsBool(parameters, "CROSS_VALIDATE", context), inputs.geothermal,
                               progress, is_cancelled, feedback.pushInfo)
        except Cancelled:
            return {}  # the base class reports "Cancelled: no output was written." and fails the run
        except ValueError as err:
            self.fail(str(err))
        for warning in result.warnings:
            feedback.pushWarning(warning)
        stats = result.stats
        for key, label in (("before", tr("prior n-factors")), ("after", tr("calibrated")),
                           ("cv", tr("leave-one-site-out"))):
            s = stats[key]
            feedback.pushInfo(tr("RMSE {label}: {rmse:.2f} °C, bias {bias:+.2f} °C, r {r:.2f} (N = {n})").format(
                label=label, rmse=s["rmse"], bias=s["bias"], r=s["r"], n=s["n"]))
        results = {"N": stats["after"]["n"], "SITES": len(result.sites.names), "RMSE_BEFORE": stats["before"]["rmse"],
                   "RMSE_AFTER": stats["after"]["rmse"], "CV_RMSE": stats["cv"]["rmse"],
                   "BIAS_BEFORE": stats["before"]["bias"], "BIAS_AFTER": stats["after"]["bias"]}
        try:
            results["OUTPUT_TABLE"] = write_nfactor_table(outputs["OUTPUT_TABLE"], prior_path, result)
            if organic_out:
                results["OUTPUT_ORGANIC"] = write_organic_raster(organic_out, landcover, result)
            if outputs["OUTPUT_RESIDUALS"]:
                results["OUTPUT_RESIDUALS"] = write_residuals(outputs["OUTPUT_RESIDUALS"], result)
            if outputs["OUTPUT_REPORT"]:
                text = tr("Period {first}–{last}, trend {trend:g} °C/decade around {year:g}; σ_obs {sigma:g} °C; "
                          "{columns} columns simulated.").format(
                    first=settings.first_year, last=settings.last_year, trend=settings.trend_c_per_decade,
                    year=settings.climatology_year, sigma=self.parameterAsDouble(parameters, "OBS_ERROR", context),
                    columns=result.columns_run)
                results["OUTPUT_REPORT"] = write_calibration_report(outputs["OUTPUT_REPORT"], result, text,
                                                                     locale=report_locale())
        except ValueError as err:  # an output that cannot be written
            self.fail(str(err))
        feedback.setProgress(100)
        return results

