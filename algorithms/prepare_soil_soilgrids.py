"""Processing algorithm "Soil thermal properties from SoilGrids250m"."""

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterFile

from ..core.prep.soil_rasters import prepare_soilgrids_soil
from .base import PermafrostAlgorithm, feedback_callables, tr
from .prepare_common import (
    Stop,
    add_output,
    add_resampling,
    add_soil_options,
    add_template,
    core_errors,
    report_gaps,
    resampling,
    soil_options,
    template,
)
from .soil_help import SOIL_METHOD_HELP


class SoilFromSoilGrids(PermafrostAlgorithm):
    NAME = "prepare_soil_soilgrids"
    DISPLAY = "SoilGrids250m → soil thermal properties"
    GROUP = "input"
    TAGS = ("soil", "SoilGrids", "thermal conductivity", "heat capacity", "unfrozen water", "土壤", "导热系数", "热容量", "未冻水")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Turns SoilGrids250m 2.0 tiles into the per-layer soil thermal-property raster: one layer per "
            "SoilGrids depth interval (0–5, 5–15, 15–30, 30–60, 60–100, 100–200 cm), then the substrate to the "
            "model bottom, optional organic layer on top. The folder must hold sand, silt, clay (g/kg), bdod "
            "(cg/cm³) and soc (dg/kg) for all six depths, named like sand_0-5cm_mean.tif (optional wv0033, "
            "10⁻³ cm³/cm³, for the field capacity). Units are converted exactly (g/kg ÷ 10 → %, cg/cm³ × 10 → "
            "kg/m³, dg/kg ÷ 100 → %, 10⁻³ → m³/m³); tiles in Interrupted Goode Homolosine are warped to the "
            "grid (averaged when finer). Porosity = 1 − bulk density / particle density (mineral 2650, "
            "organic 1300 kg/m³).", SOIL_METHOD_HELP)

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterFile("FOLDER", "SoilGrids folder", QgsProcessingParameterFile.Folder),
                 "Folder with <property>_<depth>_mean.tif (or .vrt) files as downloaded from SoilGrids.")
        add_template(self)
        add_soil_options(self)
        add_resampling(self, "average when the tiles are finer than the grid, else bilinear")
        add_output(self, "Soil thermal properties", "Soil raster: 8 bands per layer (layerNN_<field>), top first.")
        self.addOutput(QgsProcessingOutputNumber("PIXELS", "Valid pixels"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        folder = self.parameterAsFile(parameters, "FOLDER", context)
        grid, mask = template(self, parameters, context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        progress, is_cancelled = feedback_callables(feedback)
        try:
            with core_errors():
                n = prepare_soilgrids_soil(folder, grid, mask, out, resampling=resampling(self, parameters, context),
                                           progress=progress, is_cancelled=is_cancelled,
                                           **soil_options(self, parameters, context))
        except Stop:
            feedback.reportError(tr("Cancelled: no output was written."))
            return {}
        report_gaps(feedback, out, mask, "Soil thermal properties")
        feedback.pushInfo(tr("{n} pixels with soil properties; NoData elsewhere.").format(n=n))
        return {"OUTPUT": out, "PIXELS": n}
