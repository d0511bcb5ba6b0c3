"""Processing algorithm "Monthly anomalies stack from a 2 m temperature NetCDF"."""

from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterNumber, QgsProcessingParameterString

from ..core.prep.anomalies import prepare_anomalies
from .base import PermafrostAlgorithm, tr
from .prepare_common import add_output, add_template, core_errors, report_gaps, template


class AnomaliesFromNetcdf(PermafrostAlgorithm):
    NAME = "prepare_anomalies"
    DISPLAY = "Monthly air-temperature anomalies from NetCDF"
    GROUP = "input"
    TAGS = ("anomalies", "ERA5", "NetCDF", "air temperature", "warming", "距平", "气温", "升温")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Builds the optional anomalies stack of the transient model run from a monthly 2 m air temperature "
            "NetCDF (e.g. ERA5-Land monthly means, t2m in K): each month minus the mean of that calendar month "
            "over a base period (default all years in the file). Dimensions (time or valid_time, latitude, "
            "longitude) with CF time units; latitudes either way, longitudes 0–360 or −180–180. Regridded "
            "bilinearly with GDAL warp. Output bands tair_anomaly_YYYY_MM in °C, in time order.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFile("INPUT", "Monthly 2 m temperature NetCDF"),
                 "NetCDF of monthly mean 2 m air temperature (K or °C).")
        self.add(QgsProcessingParameterString("VARIABLE", "Variable name", defaultValue="t2m"),
                 "Name of the temperature variable in the NetCDF.")
        add_template(self)
        self.add(QgsProcessingParameterNumber("BASE_FIRST", "Base period first year (0 = file start)",
                                              defaultValue=0, minValue=0, maxValue=2200),
                 "First year of the reference climatology the anomalies are taken from (0 = every year in the file).")
        self.add(QgsProcessingParameterNumber("BASE_LAST", "Base period last year (0 = file end)",
                                              defaultValue=0, minValue=0, maxValue=2200),
                 "Last year of the reference climatology (0 = every year in the file).")
        self.add(QgsProcessingParameterNumber("FIRST_YEAR", "First output year (0 = file start)", defaultValue=0,
                                              minValue=0, maxValue=2200),
                 "First year written to the stack, e.g. 2010 for the published 2010–2024 period.")
        self.add(QgsProcessingParameterNumber("LAST_YEAR", "Last output year (0 = file end)", defaultValue=0,
                                              minValue=0, maxValue=2200),
                 "Last year written to the stack.")
        add_output(self, "Monthly anomalies (°C)", "Stack of tair_anomaly_YYYY_MM bands in °C on the model grid.")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = self.parameterAsFile(parameters, "INPUT", context)
        grid, mask = template(self, parameters, context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)

        def year(name):
            return self.parameterAsInt(parameters, name, context) or None

        base = (year("BASE_FIRST") or -9999, year("BASE_LAST") or 9999)
        with core_errors():
            names = prepare_anomalies(path, grid, mask, out, self.parameterAsString(parameters, "VARIABLE", context),
                                      None if base == (-9999, 9999) else base, year("FIRST_YEAR"), year("LAST_YEAR"))
        report_gaps(feedback, out, mask, "Anomalies")
        feedback.pushInfo(tr("{n} monthly bands: {first} … {last}").format(n=len(names), first=names[0],
                                                                           last=names[-1]))
        return {"OUTPUT": out}
