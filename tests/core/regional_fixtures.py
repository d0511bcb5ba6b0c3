"""Small prepared-raster sets on a 0.05° grid for regional-run tests (written as real GeoTIFFs)."""

import numpy as np

from core import schema
from core.raster_io import Grid, write_raster

ROWS, COLS = 3, 4
GRID = Grid.from_extent(122.0, 52.85, 122.2, 53.0, 0.05)

# Mohe-like monthly air temperature (°C), shifted per pixel so the columns differ.
MOHE_MONTHLY = np.array([-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5]) - 0.2
SILT = dict(thickness_m=0.3, k_frozen=1.8, k_thawed=1.2, c_frozen=1.9e6, c_thawed=2.6e6, water_content=0.35,
            unfrozen_a=0.06, unfrozen_b=0.45)
ROCK = dict(thickness_m=np.nan, k_frozen=2.6, k_thawed=2.5, c_frozen=2.0e6, c_thawed=2.1e6, water_content=0.05,
            unfrozen_a=0.0, unfrozen_b=0.0)
SHIFT = np.linspace(-2.0, 4.0, ROWS * COLS).reshape(ROWS, COLS)


def write_inputs(folder, nodata_pixels=((0, 0, "climate"), (2, 3, "soil")), warmer_by_c=0.0):
    """Write climate, soil and n-factor rasters; returns their paths. ``nodata_pixels``: (row, col, input)."""
    climate = MOHE_MONTHLY[:, None, None] + SHIFT[None] + warmer_by_c
    soil = np.stack([np.full((ROWS, COLS), layer[f]) for layer in (SILT, ROCK) for f, _ in schema.SOIL_FIELDS])
    soil[0] = 0.5 + 0.1 * np.arange(COLS)[None, :]  # silt thickness varies across columns
    nfactors = np.stack([np.full((ROWS, COLS), 0.6), np.full((ROWS, COLS), 0.9)])
    arrays = {"climate": climate, "soil": soil, "nfactors": nfactors}
    for row, col, name in nodata_pixels:
        arrays[name][:, row, col] = np.nan
    paths = {
        "climate": write_raster(str(folder / "climate.tif"), arrays["climate"], GRID, list(schema.CLIMATE_BANDS),
                                ["degC"] * 12),
        "soil": write_raster(str(folder / "soil.tif"), arrays["soil"], GRID, schema.soil_band_names(2),
                             schema.soil_band_units(2), {"N_LAYERS": 2}),
        "nfactors": write_raster(str(folder / "nfactors.tif"), arrays["nfactors"], GRID,
                                 list(schema.NFACTOR_BANDS)),
    }
    return paths, arrays
