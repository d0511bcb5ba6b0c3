"""Processing algorithm "Single-column explorer": the model's column at one point, with a report."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterPoint,
)

from ..core.raster_io import Grid
from ..core.regional.point import simulate_point
from ..core.regional.point_report import write_point_report, write_profile_csv
from .base import PermafrostAlgorithm, report_locale, tr
from .model_parameters import add_model_parameters, model_run_from_parameters


class ExploreColumn(PermafrostAlgorithm):
    NAME = "column_explorer"
    DISPLAY = "Single-column explorer"
    GROUP = "analysis"
    TAGS = ("single column", "point", "trumpet curve", "borehole", "active layer", "单点", "钻孔", "活动层", "地温剖面")
    README_SECTION = "Single-column explorer (`permafrost:column_explorer`, group \"Analysis\")"
    HELP = (
        "Runs one column of the model at a point, with exactly the inputs and settings of the regional run, and "
        "writes an HTML report: the 'trumpet' envelope (annual minimum, mean and maximum temperature against "
        "depth) for the last simulated year, the temperature series at 0.5, 1, 2, 5 and 10 m, the active-layer "
        "thickness of every year, and the input values used at that pixel. A CSV holds the temperature at every "
        "reported depth at each time step (a daily series with a 1-day time step). Use it to understand one "
        "pixel of a MAGT map, or to check a borehole site before a regional run."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterPoint("POINT", "Point"),
                 "Where to run the column: click on the map or type coordinates (any CRS; it is transformed "
                 "to the rasters' CRS).")
        add_model_parameters(self, regional=False)
        self.add(QgsProcessingParameterFileDestination("OUTPUT_REPORT", "Column report (HTML)", "HTML files (*.html)"),
                 "HTML report with the trumpet curve, time series, ALT per year and input values.")
        self.add(QgsProcessingParameterFileDestination("OUTPUT_CSV", "Profile time series (CSV)", "CSV files (*.csv)",
                                                       optional=True, createByDefault=True),
                 "Ground temperature (°C) at each reported depth, one row per time step.")
        self.addOutput(QgsProcessingOutputNumber("MAGT_10M", "MAGT at 10 m (°C)"))
        self.addOutput(QgsProcessingOutputNumber("ALT_MEAN", "Mean active-layer thickness (m)"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        inputs, settings = model_run_from_parameters(self, parameters, context)
        grid_crs = QgsCoordinateReferenceSystem.fromWkt(Grid.of(inputs.climate).crs_wkt)
        point = self.parameterAsPoint(parameters, "POINT", context, grid_crs)  # transformed to the grid's CRS
        feedback.pushInfo(tr("Running the column at ({x:.4f}, {y:.4f})").format(x=point.x(), y=point.y()))
        try:
            run = simulate_point(inputs, settings, point.x(), point.y())
        except ValueError as err:
            raise QgsProcessingException(str(err)) from None
        csv_path = self.parameterAsFileOutput(parameters, "OUTPUT_CSV", context)
        try:
            report = write_point_report(run, self.parameterAsFileOutput(parameters, "OUTPUT_REPORT", context),
                                        locale=report_locale())
            results = {"OUTPUT_REPORT": report, "MAGT_10M": run.magt_10m_c, "ALT_MEAN": run.mean_alt_m}
            if csv_path:
                results["OUTPUT_CSV"] = write_profile_csv(run, csv_path)
        except ValueError as err:
            raise QgsProcessingException(str(err)) from None
        feedback.pushInfo(tr("MAGT at 10 m: {magt:.2f} °C; mean ALT {alt:.2f} m").format(magt=run.magt_10m_c,
                                                                                        alt=run.mean_alt_m))
        return results
