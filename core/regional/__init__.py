"""Regional model run: prepared rasters in, MAGT (10 m) and companion GeoTIFFs out, block by block."""

from .inputs import RegionInputs, ModelSettings, check_inputs
from .run import run_region, OUTPUT_KEYS

__all__ = ["RegionInputs", "ModelSettings", "check_inputs", "run_region", "OUTPUT_KEYS"]
