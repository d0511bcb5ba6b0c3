"""Processing algorithm "Simulate permafrost ground temperature": the regional model run."""

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingParameterRasterDestination,
    QgsProject,
)

from ..core import styles
from ..core.heat import Cancelled
from ..core.raster_io import band_summary
from ..core.regional import run_region
from .base import PermafrostAlgorithm, feedback_callables, tr
from .model_parameters import add_model_parameters, model_run_from_parameters

OUTPUT_PARAMETERS = (("magt", "OUTPUT_MAGT"), ("magt_depths", "OUTPUT_MAGT_DEPTHS"), ("ttop", "OUTPUT_TTOP"),
                     ("presence", "OUTPUT_PRESENCE"), ("alt", "OUTPUT_ALT"), ("diagnostics", "OUTPUT_DIAGNOSTICS"))
"""(core output key, parameter) in layer-tree order of the loaded outputs, top first."""
STYLE_WRITERS = {
    "magt": styles.write_magt_style,
    "magt_depths": styles.write_magt_style,
    "ttop": styles.write_magt_style,
    "alt": styles.write_alt_style,
    "presence": styles.write_presence_style,
}


def log_results_summary(feedback, outputs):
    """Log the range of MAGT (10 m), the permafrost share and the range of ALT of the finished run."""
    magt = band_summary(outputs["magt"])
    if not magt["count"]:
        feedback.pushWarning(tr("Results: no pixel has a MAGT value (every pixel lacks an input)."))
        return
    feedback.pushInfo(tr("Results: MAGT at 10 m from {min:.2f} to {max:.2f} °C (mean {mean:.2f} °C); permafrost "
                         "(MAGT < 0 °C) in {frozen} of {count} pixels ({share:.1f} %).").format(
        min=magt["min"], max=magt["max"], mean=magt["mean"], frozen=magt["below_zero"], count=magt["count"],
        share=100.0 * magt["below_zero"] / magt["count"]))
    if outputs.get("alt"):
        alt = band_summary(outputs["alt"])
        if alt["count"]:
            feedback.pushInfo(tr("Active-layer thickness from {min:.2f} to {max:.2f} m (mean {mean:.2f} m) in "
                                 "{count} pixels.").format(min=alt["min"], max=alt["max"], mean=alt["mean"],
                                                          count=alt["count"]))


class StyleFromSidecar(QgsProcessingLayerPostProcessorInterface):
    """Dialog post-processor: apply the sidecar .qml written beside the output, and keep the run's layers in order.

    ``rank`` orders the layers of one run in the layer tree, lowest on top (MAGT above ALT, which would hide
    it); ``run`` is the list shared by the post-processors of that run.
    """

    alive = []  # Processing holds only the C++ side: the Python objects must outlive the algorithm instance

    def __init__(self, qml, rank=0, run=None):
        super().__init__()
        self.qml, self.rank, self.run = qml, rank, run if run is not None else []

    @classmethod
    def create(cls, qml, rank=0, run=None):
        """A post-processor kept alive until the dialog has loaded the layer."""
        post = cls(qml, rank, run)
        cls.alive.append(post)
        return post

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API name)
        if layer is None:
            return
        if os.path.exists(self.qml):
            layer.loadNamedStyle(self.qml)
            layer.triggerRepaint()
        project = context.project() or QgsProject.instance()
        node = project.layerTreeRoot().findLayer(layer.id())
        if node is not None and node.parent() is not None:
            parent = node.parent()
            above = [parent.children().index(n) for lid, rank in self.run if rank < self.rank
                     for n in [parent.findLayer(lid)] if n is not None and n.parent() is parent]
            if above and parent.children().index(node) < max(above):
                parent.insertChildNode(max(above) + 1, node.clone())
                parent.removeChildNode(node)
        self.run.append((layer.id(), self.rank))
        if self in self.alive:
            self.alive.remove(self)


class SimulateGroundTemperature(PermafrostAlgorithm):
    NAME = "simulate"
    DISPLAY = "Simulate permafrost ground temperature"
    GROUP = "model"
    TAGS = ("model", "heat conduction", "enthalpy", "active layer", "ALT", "TTOP", "simulation", "模拟", "热传导", "活动层",
            "活动层厚度")
    README_SECTION = "Regional run (`permafrost:simulate`, group \"Model\")"
    HELP = (
        "Runs the 1-D enthalpy heat-conduction model in every pixel of the prepared rasters and writes the mean "
        "annual ground temperature (MAGT) at 10 m depth over the simulated period, the product of the published "
        "NE China 1 km map. Ground surface temperature is n_f × T_air in winter and "
        "n_t × T_air in summer; the geothermal heat flux enters at the bottom; time stepping is "
        "fully implicit (backward Euler). Each year's monthly air temperature is the climatology plus a linear "
        "trend relative to the climatology's central year, or plus the monthly anomalies when given. Without an "
        "initial-state raster each pixel starts from its TTOP equilibrium profile (TTOP at the surface extended "
        "down with the geothermal gradient) computed for the first simulated year. Pixels with NoData in any "
        "required input are skipped and stay NoData. The raster is processed in blocks, so memory stays bounded "
        "whatever the region size; blocks run in parallel worker processes, or as tasks on a Dask cluster "
        "(Dask scheduler, under Advanced). By default pixels alike in every input are grouped and one per group "
        "is simulated (Merge tolerance): the run then checks itself on random pixels simulated exactly and "
        "reports their error; a tolerance of 0 simulates every pixel. Outputs are written to temporary "
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
                 "spin-up converged (1/0), largest relative energy residual per step (the share of a step's "
                 "heat exchange missing from its energy balance; below 1e-9 when every step converged), steps "
                 "whose nonlinear iteration stayed unconverged (0 expected), steps that did not converge "
                 "within 40 Newton iterations and were re-stepped in smaller sub-steps, skipped by the "
                 "warm-pixel rule (1/0), interpolated by the merged run instead of simulated (1/0), and at the "
                 "merged run's check pixels its MAGT(10 m) minus the exact simulation's (°C; NoData elsewhere).")
        self.addOutput(QgsProcessingOutputNumber("PIXELS", "Simulated pixels"))
        self.addOutput(QgsProcessingOutputNumber("ENERGY_RESIDUAL", "Largest relative energy residual per step"))
        self.addOutput(QgsProcessingOutputNumber("SUBSTEPPED_STEPS", "Steps re-stepped in smaller sub-steps"))
        self.addOutput(QgsProcessingOutputNumber("CAPPED_STEPS", "Steps left unconverged"))
        self.addOutput(QgsProcessingOutputNumber("SIMULATED_COLUMNS", "Pixels simulated (merged run)"))
        self.addOutput(QgsProcessingOutputNumber("CHECK_MAX_ERROR_C", "Largest MAGT error at the check pixels (°C)"))
        self.addOutput(QgsProcessingOutputNumber("CHECK_P99_ERROR_C",
                                                 "99th-percentile MAGT error at the check pixels (°C)"))

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
            return {}  # the base class reports "Cancelled: no output was written." and fails the run
        except (ValueError, RuntimeError) as err:  # RuntimeError: the worker processes could not run
            raise QgsProcessingException(str(err)) from None
        results = {"PIXELS": summary["pixels"], "ENERGY_RESIDUAL": summary["energy_residual"],
                   "SUBSTEPPED_STEPS": summary["substepped_steps"], "CAPPED_STEPS": summary["capped_steps"],
                   "SIMULATED_COLUMNS": summary.get("simulated_columns", summary["pixels"] - summary["skipped"]),
                   "CHECK_MAX_ERROR_C": summary.get("check_max_error_c", 0.0),
                   "CHECK_P99_ERROR_C": summary.get("check_p99_error_c", 0.0)}
        if not summary.get("check_passed", True):
            feedback.pushWarning(tr("The check pixels' MAGT error exceeds the merge tolerance even after grouping "
                                    "again: set Merge tolerance to 0 for an exact map."))
        run = []
        for rank, (key, name) in enumerate(OUTPUT_PARAMETERS):
            path = outputs.get(key)
            if not path:
                continue
            results[name] = path
            if key in STYLE_WRITERS:
                qml = STYLE_WRITERS[key](path)
                if context.willLoadLayerOnCompletion(path):
                    context.layerToLoadOnCompletionDetails(path).setPostProcessor(StyleFromSidecar.create(qml, rank, run))
        log_results_summary(feedback, outputs)
        return results
