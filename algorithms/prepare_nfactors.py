"""Processing algorithm "Land cover to n-factors"."""

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ..core.prep.landcover import DEFAULT_TABLE, ESA_CCI_TABLE, prepare_nfactors, read_table
from ..core.prep.snow import DENSITY_RANGE, SNOW_DEPTH_RANGE, SNOW_FREE_NF_RANGE, SNOW_QUANTITIES, Snow
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
            "resources/tables/nfactors_esacci.csv; for other schemes give your own CSV table. With a snow raster "
            "(mean snow depth or water equivalent of the freezing season, e.g. ERA5-Land sde or sd averaged over "
            "November–March), the freezing n-factor comes from the snow instead: the snow pack is a conducting "
            "layer over frozen ground, which passes a share a(h) of the annual temperature swing to the ground "
            "(periodic conduction through a layer, Carslaw & Jaeger 1959, as Goodrich 1982 treated snow; Zhang "
            "2005), with the snow conductivity of its density (Sturm et al. 1997): n_freezing = snow-free n-factor "
            "× a(h), e.g. 0.57 under 0.1 m, 0.29 under 0.3 m and 0.16 under 0.6 m of 250 kg/m³ snow. Pixels "
            "where the snow raster has no data keep the table's value; the thawing n-factor always comes from "
            "the table.")
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
        self.add(QgsProcessingParameterRasterLayer("SNOW", "Snow (optional)", optional=True),
                 "Mean snow cover of the freezing season (band 1), in metres of snow depth or of water "
                 f"equivalent (see Snow quantity); depths must lie within {SNOW_DEPTH_RANGE[0]:g}–"
                 f"{SNOW_DEPTH_RANGE[1]:g} m. Sets the freezing n-factor where it has data.")
        self.add(QgsProcessingParameterEnum("SNOW_QUANTITY", "Snow quantity",
                                            options=["Snow depth (m)", "Snow water equivalent (m of water)"],
                                            defaultValue=0, optional=True),
                 "What the snow raster holds; a water equivalent is turned into depth with the snow density.")
        self.add(QgsProcessingParameterNumber("SNOW_DENSITY", "Snow density (kg/m³)", QgsProcessingParameterNumber.Double,
                                              defaultValue=250.0, optional=True, minValue=DENSITY_RANGE[0],
                                              maxValue=DENSITY_RANGE[1]),
                 "Bulk density of the snow pack; sets its conductivity (Sturm et al. 1997) and heat capacity. "
                 "About 200–250 kg/m³ in taiga snow, 300–350 kg/m³ in wind-packed tundra and steppe snow.",
                 advanced=True)
        self.add(QgsProcessingParameterNumber("SNOW_FREE_NF", "Snow-free freezing n-factor",
                                              QgsProcessingParameterNumber.Double, defaultValue=1.0, optional=True,
                                              minValue=SNOW_FREE_NF_RANGE[0], maxValue=SNOW_FREE_NF_RANGE[1]),
                 "Freezing n-factor of the ground without snow (about 0.9–1.0, Lunardini 1978); the snow's "
                 "attenuation multiplies it.", advanced=True)
        add_resampling(self, "nearest neighbour, or the mode when the land cover is finer than the grid (the snow "
                             "raster: bilinear, or average when finer)")
        add_output(self, "n-factors (n_freezing, n_thawing)", "2-band n-factor raster on the model grid.")

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        path = layer_path(self, parameters, "LANDCOVER", context, "Land cover")
        grid, mask = template(self, parameters, context)
        bundled = (DEFAULT_TABLE, ESA_CCI_TABLE)[self.parameterAsEnum(parameters, "SCHEME", context)]
        table_path = self.parameterAsFile(parameters, "TABLE", context) or bundled
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        snow_path = layer_path(self, parameters, "SNOW", context, "Snow")
        with core_errors():
            snow = None if not snow_path else Snow(
                snow_path, SNOW_QUANTITIES[self.parameterAsEnum(parameters, "SNOW_QUANTITY", context)],
                self.parameterAsDouble(parameters, "SNOW_DENSITY", context),
                self.parameterAsDouble(parameters, "SNOW_FREE_NF", context))
            counts = prepare_nfactors(path, grid, mask, out, read_table(table_path),
                                      resampling(self, parameters, context), snow)
        report_gaps(feedback, out, mask, "n-factors")
        feedback.pushInfo(tr("Pixels per class: {counts}").format(counts=", ".join(f"{c}: {n}" for c, n in counts.items())))
        if snow is not None:
            feedback.pushInfo(tr("Freezing n-factor from the snow raster (density {density:g} kg/m³, snow-free "
                                 "n-factor {n0:g}); the output's metadata give the pixels and their mean snow "
                                 "depth").format(density=snow.density_kg_m3, n0=snow.snow_free_nf))
        return {"OUTPUT": out}
