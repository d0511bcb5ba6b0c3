"""Processing algorithm "ERA5-Land initial ground temperature"."""

from qgis.core import QgsProcessingParameterFile

from ..core.prep.era5 import prepare_initial_state
from .base import PermafrostAlgorithm, tr
from .prepare_common import add_output, add_template, core_errors, report_gaps, template


class InitialFromEra5(PermafrostAlgorithm):
    NAME = "prepare_initial_era5"
    DISPLAY = "ERA5-Land initial ground temperature"
    GROUP = "input"
    TAGS = ("ERA5-Land", "initial state", "soil temperature", "NetCDF", "初始地温", "土壤温度")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Reads ERA5-Land soil temperature stl1…stl4 (kelvin; layers 0–7, 7–28, 28–100, 100–289 cm) from a "
            "NetCDF file (GRIB files are read through GDAL's GRIB driver, messages STL1…STL4), averages all time steps (time or valid_time), handles latitudes in either "
            "order and longitudes 0–360, and regrids bilinearly with GDAL warp to the model grid. Output: bands "
            "tsoil_0004cm, tsoil_0018cm, tsoil_0064cm, tsoil_0195cm in °C (layer mid-depths 3.5, 17.5, 64, "
            "194.5 cm, names rounded; exact depths in the DEPTHS_CM metadata). The model run extends the profile "
            "below with the geothermal gradient; without this raster it starts from the TTOP equilibrium.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFile("INPUT", "ERA5-Land file (NetCDF or GRIB)"),
                 "ERA5-Land (monthly or hourly) file holding stl1, stl2, stl3 and stl4 over the region.")
        add_template(self)
        add_output(self, "Initial ground temperature (°C)", "4-band initial-state raster tsoil_NNNNcm in °C.")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = self.parameterAsFile(parameters, "INPUT", context)
        grid, mask = template(self, parameters, context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        with core_errors():
            names = prepare_initial_state(path, grid, mask, out)
        report_gaps(feedback, out, mask, "Initial ground temperature")
        feedback.pushInfo(tr("Wrote {bands} (°C).").format(bands=", ".join(names)))
        return {"OUTPUT": out}
