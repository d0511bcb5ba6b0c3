"""Processing algorithm "Climate from monthly rasters (WorldClim, CHELSA, generic)"."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
)

from ..core.prep.climate_rasters import monthly_sources, prepare_climate
from .base import PermafrostAlgorithm, feedback_callables, tr
from .prepare_common import (
    Stop,
    add_output,
    add_resampling,
    add_template,
    core_errors,
    report_gaps,
    resampling,
    template,
)


class ClimateFromRasters(PermafrostAlgorithm):
    NAME = "prepare_climate_rasters"
    DISPLAY = "Climate from monthly rasters (WorldClim, CHELSA, 12-band)"
    GROUP = "input"
    TAGS = ("climate", "air temperature", "WorldClim", "CHELSA", "climatology", "气温", "气候态")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Builds the 12-band monthly air-temperature climatology (°C) on the model grid from WorldClim 2.1 "
            "(wc2.1_*_tavg_01 … 12.tif, °C), CHELSA (integer kelvin × 10 with GDAL scale/offset) or any "
            "12-band raster (January first; NetCDF variables with 12 steps too). Give one 12-band raster, the "
            "12 monthly files, or a folder. GDAL scale/offset are applied; kelvin is recognised from the band "
            "unit and from the values (all > 150) and converted or refused, never mixed; values that fit "
            "neither °C nor kelvin stop the tool. Bilinear resampling, or averaging when the source is finer.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterMultipleLayers("INPUTS", "Monthly rasters", QgsProcessing.TypeRaster,
                                                      optional=True),
                 "One 12-band raster, or 12 single-band files whose names carry the month (_01 … _12).")
        self.add(QgsProcessingParameterFile("FOLDER", "Folder of monthly files", QgsProcessingParameterFile.Folder,
                                            optional=True),
                 "Folder with the 12 monthly files (e.g. the unzipped WorldClim 2.1 tavg archive).")
        self.add(QgsProcessingParameterString("PATTERN", "File-name pattern in folder", optional=True),
                 "Glob pattern picking the 12 files in the folder (default: tries *tavg*, *_tas_*, *tmean*, "
                 "*temp*, *t2m*).", advanced=True)
        add_template(self)
        self.add(QgsProcessingParameterEnum("ON_KELVIN", "When the input is in kelvin",
                                            options=["Convert kelvin to °C", "Stop with an error"], defaultValue=0),
                 "Kelvin input (all valid values > 150, or band unit K) is converted (−273.15) or refused.")
        add_resampling(self, "average when the source is finer than the grid, else bilinear")
        add_output(self, "Monthly air temperature (12 bands, °C)",
                   "12-band climatology tair_01 … tair_12 in °C on the model grid.")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        layers = self.parameterAsLayerList(parameters, "INPUTS", context)
        folder = self.parameterAsFile(parameters, "FOLDER", context) or None
        pattern = self.parameterAsString(parameters, "PATTERN", context) or None
        if not layers and not folder:
            self.fail(tr("Climate: give the monthly rasters or a folder holding them"))
        grid, mask = template(self, parameters, context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        on_kelvin = ("convert", "stop")[self.parameterAsEnum(parameters, "ON_KELVIN", context)]
        progress, is_cancelled = feedback_callables(feedback)
        try:
            with core_errors():
                sources = monthly_sources([lyr.source() for lyr in layers], folder, pattern)
                info = prepare_climate(sources, grid, mask, out, on_kelvin, resampling(self, parameters, context),
                                       progress, is_cancelled)
        except Stop:
            feedback.reportError(tr("Cancelled: no output was written."))
            return {}
        report_gaps(feedback, out, mask, "Climate")
        for note in info["notes"]:
            feedback.pushWarning(note)
        return {"OUTPUT": out}
