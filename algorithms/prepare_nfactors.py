"""Processing algorithm "Land cover to n-factors"."""

from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterFile, QgsProcessingParameterRasterLayer

from ..core.prep.landcover import DEFAULT_TABLE, ESA_CCI_TABLE, prepare_nfactors, read_table
from .base import PermafrostAlgorithm, tr
from .prepare_common import (
    add_output,
    add_resampling,
    add_template,
    core_errors,
    layer_path,
    report_gaps,
    resampling,
    template,
)


def _table_help():
    rows = read_table(DEFAULT_TABLE)
    return "; ".join(f"{c}: {nf:.2f}/{nt:.2f}" for c, (nf, nt) in sorted(rows.items()) if nf == nf)


class LandcoverToNfactors(PermafrostAlgorithm):
    NAME = "prepare_nfactors"
    DISPLAY = "Land cover to n-factors"
    GROUP = "input"
    TAGS = ("n-factor", "land cover", "MODIS", "IGBP", "ESA CCI", "vegetation", "n因子", "土地覆盖", "植被")
    README_SECTION = "Input preparation (Processing group \"Input preparation\")"
    HELP = ("Turns a land-cover class raster (MODIS MCD12 IGBP by default, Byte, NoData 255) into the 2-band "
            "freezing/thawing n-factor raster through a lookup table. Classes are aligned by nearest neighbour "
            "(mode when the source is finer). Default IGBP n-factors (class: n_freezing/n_thawing) are "
            "representative values within the ranges of Lunardini (1978), Klene et al. (2001), Smith & "
            "Riseborough (2002), Karunaratne & Burn (2004) and Kade et al. (2006); class 3 stands for the larch "
            "forests of the Greater Khingan: {table}. Water (0) and classes with empty n-factors become "
            "NoData, so the model skips them. ESA CCI LC classes (10–220, water 210) use the same values through "
            "resources/tables/nfactors_esacci.csv; for other schemes give your own CSV table.")
    HELP_ARGS = {"table": _table_help()}

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        self.add(QgsProcessingParameterRasterLayer("LANDCOVER", "Land cover (classes)"),
                 "Categorical land-cover raster, e.g. MODIS MCD12C1/MCD12Q1 IGBP (0 water … 16 barren).")
        add_template(self)
        self.add(QgsProcessingParameterEnum("SCHEME", "Land-cover scheme", options=["MODIS IGBP (0–16)",
                                                                                  "ESA CCI Land Cover (10–220)"],
                                            defaultValue=0),
                 "Class scheme of the land-cover raster, selecting the bundled n-factor table.")
        self.add(QgsProcessingParameterFile("TABLE", "n-factor table (CSV)", extension="csv", optional=True),
                 "CSV with columns class,n_freezing,n_thawing (others ignored; empty n-factors = NoData). "
                 "Overrides the bundled table of the scheme.")
        add_resampling(self, "nearest neighbour, or the mode when the land cover is finer than the grid")
        add_output(self, "n-factors (n_freezing, n_thawing)", "2-band n-factor raster on the model grid.")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = layer_path(self, parameters, "LANDCOVER", context, "Land cover")
        grid, mask = template(self, parameters, context)
        bundled = (DEFAULT_TABLE, ESA_CCI_TABLE)[self.parameterAsEnum(parameters, "SCHEME", context)]
        table_path = self.parameterAsFile(parameters, "TABLE", context) or bundled
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        with core_errors():
            counts = prepare_nfactors(path, grid, mask, out, read_table(table_path),
                                      resampling(self, parameters, context))
        report_gaps(feedback, out, mask, "n-factors")
        feedback.pushInfo(tr("Pixels per class: {counts}").format(counts=", ".join(f"{c}: {n}" for c, n in counts.items())))
        return {"OUTPUT": out}
