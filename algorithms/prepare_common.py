"""Parameters and plumbing shared by the input-preparation algorithms (no algorithm here)."""

from contextlib import contextmanager

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.prep.grid import grid_from_template
from .base import tr

TEMPLATE_HELP = ("Model grid (template raster) from 'Prepare model grid', or any raster on the wanted grid. "
                 "The output has exactly its extent, resolution and CRS, and is NoData where the template "
                 "is NoData.")
RESAMPLING_CHOICES = ("auto", "bilinear", "average", "nearest", "mode", "cubic")
RESAMPLING_LABELS = ("Automatic (by data kind and pixel size)", "Bilinear", "Average", "Nearest neighbour",
                     "Mode (majority)", "Cubic")


class Stop(Exception):
    """Cancelled by the user: nothing was written."""


def add_template(alg):
    alg.add(QgsProcessingParameterRasterLayer("TEMPLATE", "Model grid (template raster)"), TEMPLATE_HELP)


def add_resampling(alg, kind):
    alg.add(QgsProcessingParameterEnum("RESAMPLING", "Resampling", options=list(RESAMPLING_LABELS),
                                       defaultValue=0),
            f"GDAL warp resampling. Automatic uses {kind}.", advanced=True)


def resampling(alg, parameters, context):
    return RESAMPLING_CHOICES[alg.parameterAsEnum(parameters, "RESAMPLING", context)]


def add_output(alg, description, help_text):
    alg.add(QgsProcessingParameterRasterDestination("OUTPUT", description), help_text)


def layer_path(alg, parameters, name, context, label):
    """File path of a raster-layer parameter (None when optional and not set)."""
    layer = alg.parameterAsRasterLayer(parameters, name, context)
    if layer is None:
        return None
    path = layer.source()
    if not layer.isValid():
        raise QgsProcessingException(tr("{label}: {path} is not a valid raster").format(label=label, path=path))
    return path


def template(alg, parameters, context):
    """(Grid, mask) of the template raster parameter."""
    path = layer_path(alg, parameters, "TEMPLATE", context, "Model grid (template raster)")
    with core_errors():
        return grid_from_template(path)


@contextmanager
def core_errors():
    """Turn the core's ValueError into the exception Processing shows, and a cancel into :class:`Stop`."""
    try:
        yield
    except InterruptedError:
        raise Stop() from None
    except ValueError as err:
        raise QgsProcessingException(str(err)) from None


WATER_MODES = ("field_capacity", "saturation")


def add_soil_options(alg):
    """Water content, organic layer and substrate parameters shared by the soil algorithms."""
    from qgis.core import QgsProcessingParameterNumber as Number

    from ..core.prep.soil_properties import BEDROCK

    alg.add(QgsProcessingParameterEnum("WATER_MODE", "Soil water (ice) content",
                                       options=["Field capacity (−33 kPa)", "Degree of saturation (below)"],
                                       defaultValue=0),
            "Total water + ice content of the mineral layers: the field capacity (Saxton & Rawls 2006, or "
            "SoilGrids wv0033 when given), or the degree of saturation below times the porosity.")
    alg.add(Number("SATURATION", "Degree of saturation (0–1)", Number.Double, defaultValue=0.8, minValue=0.01,
                   maxValue=1.0),
            "Fraction of the pore space filled with water/ice, used with 'Degree of saturation'.")
    alg.add(Number("ORGANIC_THICKNESS", "Organic (peat/moss) layer thickness (m)", Number.Double, defaultValue=0.0,
                   minValue=0.0, maxValue=5.0),
            "Constant thickness of an organic layer over the mineral soil (0 = none). Peat properties after "
            "Farouki (1981): porosity 0.9, dry density 130 kg/m³.")
    alg.add(QgsProcessingParameterRasterLayer("ORGANIC_RASTER", "Organic layer thickness raster (m)",
                                              optional=True),
            "Organic-layer thickness in metres per pixel; overrides the constant. Pixels with 0 get a 1 cm layer.",
            advanced=True)
    alg.add(Number("ORGANIC_WATER", "Organic layer water content (m³/m³)", Number.Double, defaultValue=0.6,
                   minValue=0.0, maxValue=0.9),
            "Volumetric water + ice content of the organic layer.", advanced=True)
    alg.add(Number("BOTTOM_M", "Model bottom depth (m)", Number.Double, defaultValue=100.0, minValue=3.0,
                   maxValue=1000.0),
            "Depth of the model bottom; the substrate layer reaches from the soil base to here (the model "
            "extends its last layer to its own bottom anyway).")
    alg.add(Number("SUBSTRATE_K", "Substrate thermal conductivity (W/m/K)", Number.Double,
                   defaultValue=BEDROCK["k_thawed"], minValue=0.1, maxValue=10.0),
            "Conductivity of the weathered bedrock below the soil data (default 2.4 thawed; frozen = this "
            "+ 0.1), within the ranges of Čermák & Rybach (1982).", advanced=True)
    alg.add(Number("SUBSTRATE_C", "Substrate heat capacity (MJ/m³/K)", Number.Double,
                   defaultValue=BEDROCK["c_thawed"] / 1e6, minValue=0.5, maxValue=5.0),
            "Volumetric heat capacity of the substrate, thawed (frozen = this − 0.1).", advanced=True)
    alg.add(Number("SUBSTRATE_WATER", "Substrate water content (m³/m³)", Number.Double,
                   defaultValue=BEDROCK["water_content"], minValue=0.0, maxValue=0.5),
            "Fracture water of the substrate, freezing at 0 °C (free water).", advanced=True)


def soil_options(alg, parameters, context):
    """Keyword arguments of the core soil functions from the shared soil parameters."""
    k = alg.parameterAsDouble(parameters, "SUBSTRATE_K", context)
    c = alg.parameterAsDouble(parameters, "SUBSTRATE_C", context) * 1e6
    organic = layer_path(alg, parameters, "ORGANIC_RASTER", context, "Organic layer thickness raster")
    return {
        "water_mode": WATER_MODES[alg.parameterAsEnum(parameters, "WATER_MODE", context)],
        "saturation": alg.parameterAsDouble(parameters, "SATURATION", context),
        "bottom_m": alg.parameterAsDouble(parameters, "BOTTOM_M", context),
        "substrate": {"k_thawed": k, "k_frozen": k + 0.1, "c_thawed": c, "c_frozen": max(c - 0.1e6, 0.1e6),
                      "water_content": alg.parameterAsDouble(parameters, "SUBSTRATE_WATER", context)},
        "organic_thickness": organic or alg.parameterAsDouble(parameters, "ORGANIC_THICKNESS", context),
        "organic_water": alg.parameterAsDouble(parameters, "ORGANIC_WATER", context),
    }


def report_gaps(feedback, out_path, mask, label):
    """Warn when the output is NoData in part of the region (input not covering it, or NoData there)."""
    import numpy as np

    from ..core.raster_io import read_raster

    inside = np.isfinite(mask)
    missing = inside & ~np.isfinite(read_raster(out_path, bands=[1])[0])
    if inside.any() and missing.any():
        share = 100.0 * missing.sum() / inside.sum()
        feedback.pushWarning(tr("{label}: NoData in {missing} of {inside} region pixels ({share:.1f} %): the inputs "
                                "do not cover them or hold NoData (or water) there; the model skips them.").format(
            label=label, missing=missing.sum(), inside=inside.sum(), share=share))
