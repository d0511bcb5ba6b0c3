"""Parameters shared by the algorithms that run the model (regional run, single-column explorer)."""

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from ..core.heat import DEFAULT_DT_DAYS
from ..core.regional import ModelSettings, RegionInputs
from ..core.regional.inputs import DEFAULT_MERGE_TOLERANCE_C, MAX_MERGE_TOLERANCE_C, MIN_CHECK_PIXELS
from .base import tr


def add_model_parameters(alg, regional=True):
    """Add the input rasters and model settings to ``alg``; ``regional`` adds depths, workers and block size."""
    raster = QgsProcessingParameterRasterLayer
    alg.add(raster("CLIMATE", "Monthly air temperature climatology (12 bands, °C)"),
             "12-band raster of monthly mean air temperature, January first, in °C, on the model grid "
             "(from the climate preparation tools). Kelvin input is refused.")
    alg.add(raster("SOIL", "Soil thermal properties"),
             "Multi-band soil thermal-property raster from the soil preparation tools (8 bands per layer: "
             "thickness, frozen/thawed conductivity and heat capacity, water content, unfrozen-water curve).")
    alg.add(raster("NFACTORS", "n-factors (n_freezing, n_thawing)", optional=True),
             "2-band raster of freezing and thawing n-factors (from 'Land cover to n-factors'). "
             "Without it both n-factors are 1 (ground surface temperature = air temperature).")
    alg.add(raster("INITIAL", "Initial ground temperature (ERA5-Land, °C)", optional=True),
             "Initial-state raster from 'ERA5-Land initial ground temperature' (bands tsoil_NNNNcm, °C). "
             "Without it the run starts from the TTOP equilibrium profile.")
    alg.add(raster("ANOMALIES", "Monthly air-temperature anomalies (°C)", optional=True),
             "Optional stack of monthly anomalies (bands tair_anomaly_YYYY_MM, °C) added to the climatology "
             "for each simulated year; replaces the linear trend.")
    alg.add(raster("GEOTHERMAL_RASTER", "Geothermal heat flux raster (W/m²)", optional=True),
             "Optional 1-band raster of geothermal heat flux in W/m²; overrides the constant below.")
    alg.add(QgsProcessingParameterNumber("FIRST_YEAR", "First simulated year", defaultValue=2010,
                                          minValue=1900, maxValue=2200),
             "First calendar year of the simulated period (the published product covers 2010–2024).")
    alg.add(QgsProcessingParameterNumber("LAST_YEAR", "Last simulated year", defaultValue=2024,
                                          minValue=1900, maxValue=2200),
             "Last calendar year of the simulated period; MAGT is the mean over all simulated years.")
    alg.add(QgsProcessingParameterNumber("TREND", "Air-temperature trend (°C/decade)",
                                          QgsProcessingParameterNumber.Double, defaultValue=0.0,
                                          minValue=-2.0, maxValue=2.0),
             "Linear warming trend added to the climatology: trend × (year − climatology year) / 10. "
             "Ignored when monthly anomalies are given.")
    alg.add(QgsProcessingParameterNumber("CLIMATOLOGY_YEAR", "Central year of the climatology",
                                          QgsProcessingParameterNumber.Integer, defaultValue=1985,
                                          minValue=1900, maxValue=2200),
             "Middle of the climatology's averaging period (WorldClim 2.1: 1970–2000 → 1985; "
             "WorldClim 1.4: 1960–1990 → 1975).")
    alg.add(QgsProcessingParameterNumber("SPINUP_YEARS", "Spin-up years (max)", defaultValue=0,
                                          minValue=0, maxValue=500),
             "Maximum number of times the first forcing year is repeated before the period starts, "
             "stopping early once the annual-mean profile changes by less than 0.01 °C.", advanced=True)
    alg.add(QgsProcessingParameterNumber("DT_DAYS", "Time step (days)", QgsProcessingParameterNumber.Double,
                                          defaultValue=DEFAULT_DT_DAYS, minValue=0.01, maxValue=31),
             f"Backward-Euler time step. The default {DEFAULT_DT_DAYS:g} d keeps MAGT(10 m) within 0.02 °C and "
             "ALT within 6 mm of a 0.25-day reference in the time-step convergence study.")
    alg.add(QgsProcessingParameterNumber("BOTTOM_M", "Model bottom depth (m)",
                                          QgsProcessingParameterNumber.Double, defaultValue=100.0,
                                          minValue=11.0, maxValue=1000.0),
             "Depth of the lower boundary. NE China permafrost is about 50 m thick; 100 m keeps the 10 m "
             "value clear of the boundary.", advanced=True)
    alg.add(QgsProcessingParameterNumber("GEOTHERMAL_FLUX", "Geothermal heat flux (W/m²)",
                                          QgsProcessingParameterNumber.Double, defaultValue=0.06,
                                          minValue=0.0, maxValue=1.0),
             "Constant geothermal heat flux into the bottom of every column, W/m² (0.06 is typical of NE China).")
    if not regional:
        return
    alg.add(QgsProcessingParameterString("OUTPUT_DEPTHS", "Output depths (m, comma-separated)",
                                          defaultValue="1, 5, 10, 15, 20"),
             "Depths of the multi-depth MAGT output; 10 m is always simulated for the main output.")
    alg.add(QgsProcessingParameterNumber("SKIP_WARM_TTOP", "Estimate pixels whose TTOP exceeds (°C)",
                                         QgsProcessingParameterNumber.Double, defaultValue=None, optional=True,
                                         minValue=0.0, maxValue=50.0),
            "Optional shortcut for pixels that can hold no permafrost: when a pixel starts from equilibrium and its "
            "TTOP is above this value (e.g. 2) in every simulated year, its MAGT comes from the steady conduction "
            "profile (TTOP + geothermal gradient) instead of a simulation; the diagnostics flag it. Measured error "
            "of MAGT(10 m) for such pixels: up to 0.5 °C (warm side), more than the merged run's, so it is off by "
            "default (empty). A merged run reports its error at the check pixels apart.", advanced=True)
    alg.add(QgsProcessingParameterNumber("MERGE_TOLERANCE_C", "Merge tolerance (°C of MAGT)",
                                          QgsProcessingParameterNumber.Double, defaultValue=DEFAULT_MERGE_TOLERANCE_C,
                                          minValue=0.0, maxValue=MAX_MERGE_TOLERANCE_C),
            "Fast path: pixels alike in climate, soil, n-factors and heat flux are grouped, one pixel per group is "
            "simulated and the others are interpolated from the simulated ones, with bins sized so that MAGT(10 m) "
            "stays within about this many °C of the exact simulation. Every run also simulates random check "
            "pixels exactly and reports their largest and 99th-percentile error in the log, the outputs and the "
            "diagnostics; when the 99th percentile exceeds the tolerance (or the largest error twice it) the run "
            "groups again with half the tolerance. 0 simulates every pixel exactly.")
    alg.add(QgsProcessingParameterNumber("CHECK_PIXELS", "Check pixels (merged run)", defaultValue=1000,
                                          minValue=MIN_CHECK_PIXELS, maxValue=1000000),
            "Random pixels that a merged run also simulates exactly, to measure its error (fixed seed: a rerun "
            "checks the same pixels). They keep their exact values in the outputs.", advanced=True)
    alg.add(QgsProcessingParameterNumber("BATCH_COLUMNS", "Pixels per block", defaultValue=2000,
                                          minValue=1, maxValue=1000000),
             "Simulated pixels per block (blocks are cut by the pixels they simulate, not by raster size); bounds "
             "memory (about 10 kB per pixel).", advanced=True)
    add_engine_parameters(alg)


def add_engine_parameters(alg):
    """Add WORKERS and DASK_SCHEDULER: where the independent batches of a run are computed."""
    alg.add(QgsProcessingParameterNumber("WORKERS", "Parallel workers", defaultValue=os.cpu_count() or 1,
                                          minValue=1, maxValue=256),
             "Number of worker processes; the default is the number of CPU cores. Results do not depend on it.")
    alg.add(QgsProcessingParameterString("DASK_SCHEDULER", "Dask scheduler (cluster run)", defaultValue="",
                                          optional=True),
             "Empty: blocks run in the local worker processes above. 'local:N': a Dask cluster of N worker "
             "processes on this machine, started and closed by the run. An address such as tcp://host:8786: an "
             "existing Dask cluster (start it with 'dask scheduler' and 'dask worker tcp://host:8786'); Parallel "
             "workers is then ignored. Workers read the input rasters themselves, so give paths they can see "
             "(a shared file system, /vsicurl/ or /vsis3/); outputs are written here. Results are identical to a "
             "local run. Needs Dask distributed: 'apt install python3-distributed' (Debian/Ubuntu) or "
             "pip install \"dask[distributed]\" in the Python that runs QGIS (not shipped with QGIS on Windows).",
             advanced=True)


def model_run_from_parameters(alg, parameters, context):
    """(RegionInputs, ModelSettings) from the values of the parameters added by ``add_model_parameters``."""
    def source(name):
        layer = alg.parameterAsRasterLayer(parameters, name, context)
        return layer.source() if layer is not None else None

    regional = alg.parameterDefinition("OUTPUT_DEPTHS") is not None
    engine = alg.parameterDefinition("WORKERS") is not None
    depths = (10.0,)
    if regional:
        try:
            depths = tuple(float(d) for d in alg.parameterAsString(parameters, "OUTPUT_DEPTHS", context)
                           .replace(";", ",").split(",") if d.strip()) or depths
        except ValueError:
            raise QgsProcessingException(tr("Output depths: give numbers in metres separated by commas")) from None
    skip = parameters.get("SKIP_WARM_TTOP") if regional else None
    skip = None if skip in (None, "") else alg.parameterAsDouble(parameters, "SKIP_WARM_TTOP", context)
    settings = ModelSettings(
        first_year=alg.parameterAsInt(parameters, "FIRST_YEAR", context),
        last_year=alg.parameterAsInt(parameters, "LAST_YEAR", context),
        spinup_years=alg.parameterAsInt(parameters, "SPINUP_YEARS", context),
        dt_days=alg.parameterAsDouble(parameters, "DT_DAYS", context),
        bottom_m=alg.parameterAsDouble(parameters, "BOTTOM_M", context),
        geothermal_flux_w_m2=alg.parameterAsDouble(parameters, "GEOTHERMAL_FLUX", context),
        output_depths_m=depths,
        trend_c_per_decade=alg.parameterAsDouble(parameters, "TREND", context),
        climatology_year=alg.parameterAsDouble(parameters, "CLIMATOLOGY_YEAR", context),
        batch_columns=alg.parameterAsInt(parameters, "BATCH_COLUMNS", context) if regional else 1,
        workers=alg.parameterAsInt(parameters, "WORKERS", context) if engine else 1,
        skip_warm_ttop_c=skip if regional else None,
        dask_scheduler=(alg.parameterAsString(parameters, "DASK_SCHEDULER", context) or "") if engine else "",
        merge_tolerance_c=alg.parameterAsDouble(parameters, "MERGE_TOLERANCE_C", context) if regional else 0.0,
        check_pixels=alg.parameterAsInt(parameters, "CHECK_PIXELS", context) if regional else 1000,
    )
    inputs = RegionInputs(climate=source("CLIMATE"), soil=source("SOIL"), nfactors=source("NFACTORS"),
                          initial=source("INITIAL"), anomalies=source("ANOMALIES"),
                          geothermal=source("GEOTHERMAL_RASTER"))
    return inputs, settings
