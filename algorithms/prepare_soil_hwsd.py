"""Processing algorithm "Soil thermal properties from HWSD topsoil"."""

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer

from ..core.prep.soil_rasters import prepare_hwsd_soil
from .base import PermafrostAlgorithm, tr
from .prepare_common import (
    add_output,
    add_resampling,
    add_soil_options,
    add_template,
    core_errors,
    layer_path,
    report_gaps,
    resampling,
    soil_options,
    template,
)
from .soil_help import SOIL_METHOD_HELP


class SoilFromHwsd(PermafrostAlgorithm):
    NAME = "prepare_soil_hwsd"
    DISPLAY = "HWSD topsoil → soil thermal properties"
    GROUP = "input"
    TAGS = ("soil", "HWSD", "thermal conductivity", "heat capacity", "unfrozen water", "土壤", "导热系数", "热容量", "未冻水")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Turns the Harmonized World Soil Database topsoil (0–30 cm) sand, silt, clay and organic carbon "
            "(% by weight, NoData −1) into the per-layer soil thermal-property raster of the model: topsoil "
            "0–0.3 m; subsoil 0.3 m to the soil depth with the topsoil texture and the subsoil organic carbon; "
            "substrate (weathered bedrock) from the soil depth to the model bottom; optional organic layer on "
            "top. Bulk density, porosity and field capacity by the Saxton & Rawls (2006) pedotransfer "
            "functions (organic matter = 1.724 × organic carbon, clamped at 8 % in their equations). Pixels "
            "where sand + silt + clay = 0 (water, rock, urban in HWSD) are NoData.", SOIL_METHOD_HELP)

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        for name, label in (("SAND", "sand"), ("SILT", "silt"), ("CLAY", "clay"), ("OC", "organic carbon")):
            self.add(QgsProcessingParameterRasterLayer(name, f"HWSD topsoil {label} (%)"),
                     f"HWSD topsoil {label} content in % by weight (NoData −1).")
        add_template(self)
        self.add(QgsProcessingParameterNumber("SOIL_DEPTH", "Soil depth (m)", QgsProcessingParameterNumber.Double,
                                              defaultValue=2.0, minValue=0.3, maxValue=20.0),
                 "Depth of the soil base; below it the substrate starts.")
        self.add(QgsProcessingParameterNumber("SUBSOIL_OC", "Subsoil organic carbon (%)",
                                              QgsProcessingParameterNumber.Double, defaultValue=0.5, minValue=0.0,
                                              maxValue=60.0),
                 "Organic carbon of the subsoil (0.3 m to the soil depth), % by weight; HWSD gives topsoil only.")
        add_soil_options(self)
        add_resampling(self, "nearest neighbour (soil map units), or the mode when the data are finer")
        add_output(self, "Soil thermal properties", "Soil raster: 8 bands per layer (layerNN_<field>), top first.")
        self.addOutput(QgsProcessingOutputNumber("PIXELS", "Valid pixels"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        paths = [layer_path(self, parameters, n, context, f"HWSD {n.lower()}") for n in ("SAND", "SILT", "CLAY", "OC")]
        grid, mask = template(self, parameters, context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        with core_errors():
            n = prepare_hwsd_soil(*paths, grid, mask, out,
                                  soil_depth_m=self.parameterAsDouble(parameters, "SOIL_DEPTH", context),
                                  subsoil_oc_pct=self.parameterAsDouble(parameters, "SUBSOIL_OC", context),
                                  resampling=resampling(self, parameters, context),
                                  **soil_options(self, parameters, context))
        report_gaps(feedback, out, mask, "Soil thermal properties")
        feedback.pushInfo(tr("{n} pixels with soil properties; NoData elsewhere.").format(n=n))
        return {"OUTPUT": out, "PIXELS": n}
