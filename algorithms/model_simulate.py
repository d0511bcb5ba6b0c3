"""Processing algorithm "Simulate permafrost ground temperature": the regional model run."""

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingParameterRasterDestination,
)

from ..core import styles
from ..core.heat import Cancelled
from ..core.regional import run_region
from .base import PermafrostAlgorithm, feedback_callables
from .model_parameters import add_model_parameters, model_run_from_parameters

OUTPUT_PARAMETERS = (("magt", "OUTPUT_MAGT"), ("magt_depths", "OUTPUT_MAGT_DEPTHS"), ("alt", "OUTPUT_ALT"),
                     ("ttop", "OUTPUT_TTOP"), ("presence", "OUTPUT_PRESENCE"), ("diagnostics", "OUTPUT_DIAGNOSTICS"))
STYLE_WRITERS = {
    "magt": styles.write_magt_style,
    "magt_depths": styles.write_magt_style,
    "ttop": styles.write_magt_style,
    "alt": styles.write_alt_style,
    "presence": styles.write_presence_style,
}


class StyleFromSidecar(QgsProcessingLayerPostProcessorInterface):
    """Dialog post-processor: apply the sidecar .qml written beside the output."""

    def __init__(self, qml):
        super().__init__()
        self.qml = qml

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        if layer is not None and os.path.exists(self.qml):
            layer.loadNamedStyle(self.qml)
            layer.triggerRepaint()


class SimulateGroundTemperature(PermafrostAlgorithm):
    NAME = "simulate"
    DISPLAY = "Simulate permafrost ground temperature"
    GROUP = "model"
    HELP = (
        "Runs the 1-D enthalpy heat-conduction model in every pixel of the prepared rasters and writes the mean "
        "annual ground temperature (MAGT) at 10 m depth over the simulated period, the product of the published "
        "NE China 1 km map. Ground surface temperature is n<sub>f</sub>·T<sub>air</sub> in winter and "
        "n<sub>t</sub>·T<sub>air</sub> in summer; the geothermal heat flux enters at the bottom; time stepping is "
        "fully implicit (backward Euler). Each year's monthly air temperature is the climatology plus a linear "
        "trend relative to the climatology's central year, or plus the monthly anomalies when given. Without an "
        "initial-state raster each pixel starts from its TTOP equilibrium profile (TTOP at the surface extended "
        "down with the geothermal gradient) computed for the first simulated year. Pixels with NoData in any "
        "required input are skipped and stay NoData. The raster is processed in blocks, so memory stays bounded "
        "whatever the region size; blocks run in parallel worker processes, or as tasks on a Dask cluster "
        "(Dask scheduler, under Advanced). Outputs are written to temporary "
        "files and renamed when complete: cancel or failure leaves no partial GeoTIFF. Every output gets a "
        "sidecar .qml style, so it opens styled also when produced by qgis_process."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 (QGIS API name)
        add_model_parameters(self)
        dest = QgsProcessingParameterRasterDestination
        self.add(dest("OUTPUT_MAGT", "MAGT at 10 m (°C)"),
                 "Mean annual ground temperature at 10 m over the simulated period, °C, Float32 GeoTIFF.")
        self.add(dest("OUTPUT_MAGT_DEPTHS", "MAGT at output depths (°C)", optional=True, createByDefault=False),
                 "One band per output depth: mean annual ground temperature over the period, °C.")
        self.add(dest("OUTPUT_ALT", "Active-layer thickness (m)", optional=True, createByDefault=True),
                 "Mean over the period of the annual maximum thaw depth above permafrost, m; NoData where "
                 "no ground stays frozen all year (no permafrost).")
        self.add(dest("OUTPUT_TTOP", "TTOP (°C)", optional=True, createByDefault=False),
                 "Temperature at the top of permafrost from the TTOP model (Smith & Riseborough), °C.")
        self.add(dest("OUTPUT_PRESENCE", "Permafrost presence (MAGT(10 m) < 0 °C)", optional=True,
                      createByDefault=False),
                 "1 where MAGT at 10 m is below 0 °C, 0 elsewhere.")
        self.add(dest("OUTPUT_DIAGNOSTICS", "Run diagnostics", optional=True, createByDefault=False),
                 "Bands: permafrost table depth (m), permafrost base depth (m), spin-up years used, "
                 "spin-up converged (1/0), largest relative energy residual per step, steps whose "
                 "nonlinear iteration hit its cap.")
        self.addOutput(QgsProcessingOutputNumber("PIXELS", "Simulated pixels"))
        self.addOutput(QgsProcessingOutputNumber("ENERGY_RESIDUAL", "Largest relative energy residual per step"))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS API name)
        inputs, settings = model_run_from_parameters(self, parameters, context)
        outputs = {}
        for key, name in OUTPUT_PARAMETERS:
            path = self.parameterAsOutputLayer(parameters, name, context)
            if path:
                outputs[key] = path
        progress, is_cancelled = feedback_callables(feedback)
        try:
            summary = run_region(inputs, settings, outputs, progress, is_cancelled, log=feedback.pushInfo)
        except Cancelled:
            feedback.reportError("Cancelled: no output was written.")
            return {}
        except ValueError as err:
            raise QgsProcessingException(str(err)) from None
        results = {"PIXELS": summary["pixels"], "ENERGY_RESIDUAL": summary["energy_residual"]}
        self._post_processors = []
        for key, name in OUTPUT_PARAMETERS:
            path = outputs.get(key)
            if not path:
                continue
            results[name] = path
            if key in STYLE_WRITERS:
                qml = STYLE_WRITERS[key](path)
                if context.willLoadLayerOnCompletion(path):
                    post = StyleFromSidecar(qml)
                    self._post_processors.append(post)
                    context.layerToLoadOnCompletionDetails(path).setPostProcessor(post)
        return results
