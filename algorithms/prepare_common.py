"""Parameters and plumbing shared by the input-preparation algorithms (no algorithm here)."""

from contextlib import contextmanager

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ..core.prep.grid import grid_from_template

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
        raise QgsProcessingException(f"{label}: {path} is not a valid raster")
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
