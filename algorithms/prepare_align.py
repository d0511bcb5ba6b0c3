"""Processing algorithm "Clip and align raster to model grid" (GDAL warp)."""

from qgis.core import QgsProcessingParameterCrs, QgsProcessingParameterEnum, QgsProcessingParameterRasterLayer

from ..core.prep.warp import align_to_file
from .base import PermafrostAlgorithm, tr
from .prepare_common import (
    RESAMPLING_LABELS,
    add_output,
    add_template,
    core_errors,
    layer_path,
    report_gaps,
    resampling,
    template,
)

KINDS = ("continuous", "categorical")


class ClipAlign(PermafrostAlgorithm):
    NAME = "prepare_clip_align"
    DISPLAY = "Clip and align raster to model grid"
    GROUP = "input"
    TAGS = ("clip", "align", "warp", "reproject", "resample", "裁剪", "对齐", "重采样", "重投影")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Clips, reprojects and resamples any raster onto the model grid with GDAL warp, keeping every band, "
            "its description and unit. Continuous data (temperature, DEM, soil properties) are resampled "
            "bilinearly, or averaged when the source pixels are less than half the grid pixel; categorical data "
            "(land cover) by nearest neighbour, or by the mode when the source is finer. The source CRS is "
            "honoured (e.g. SoilGrids' Interrupted Goode Homolosine), NoData is carried through and GDAL "
            "scale/offset are applied. Output: Float32, NoData −9999, NoData outside the template's region.")

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterRasterLayer("INPUT", "Input raster"), "Raster to clip and align.")
        add_template(self)
        self.add(QgsProcessingParameterEnum("KIND", "Data kind", options=["Continuous", "Categorical (classes)"],
                                            defaultValue=0),
                 "Continuous values are interpolated; categorical classes are never blended.")
        self.add(QgsProcessingParameterEnum("RESAMPLING", "Resampling", options=list(RESAMPLING_LABELS),
                                            defaultValue=0),
                 "GDAL warp resampling; Automatic chooses by data kind and pixel-size ratio.", advanced=True)
        self.add(QgsProcessingParameterCrs("SOURCE_CRS", "Source CRS override", optional=True),
                 "Use only when the input has no CRS or a wrong one.", advanced=True)
        add_output(self, "Aligned raster", "The input on the model grid (Float32, NoData −9999).")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = layer_path(self, parameters, "INPUT", context, "Input raster")
        grid, mask = template(self, parameters, context)
        crs = self.parameterAsCrs(parameters, "SOURCE_CRS", context)
        src_crs = crs.toWkt() if crs.isValid() else None
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        categorical = KINDS[self.parameterAsEnum(parameters, "KIND", context)] == "categorical"
        with core_errors():
            _, used = align_to_file(path, grid, mask, out, "Input raster", resampling(self, parameters, context),
                                    categorical, src_crs)
        report_gaps(feedback, out, mask, "Aligned raster")
        feedback.pushInfo(tr("Aligned with {method} resampling to {cols} × {rows} pixels.").format(
            method=used, cols=grid.cols, rows=grid.rows))
        return {"OUTPUT": out}
