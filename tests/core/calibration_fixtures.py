"""A small prepared region with two land-cover classes, and observations made by the model itself (twin data)."""

import numpy as np

from core import schema
from core.calibration.forward import ColumnSet, SiteModel
from core.calibration.sites import gather_sites
from core.calibration.targets import Target
from core.raster_io import Grid, write_raster
from core.regional.inputs import ModelSettings, RegionInputs, check_inputs

from regional_fixtures import MOHE_MONTHLY, ROCK, SILT

ROWS, COLS = 4, 6
GRID = Grid.from_extent(120.0, 50.0, 120.6, 50.4, 0.1)
CLASSES = np.where((np.arange(ROWS)[:, None] + np.arange(COLS)[None, :]) % 2 == 0, 3, 10)
PRIOR = {0: (np.nan, np.nan), 3: (0.40, 0.75), 10: (0.55, 0.95)}
SETTINGS = ModelSettings(first_year=2000, last_year=2001, spinup_years=3, bottom_m=20.0)
DEPTHS_M = (1.0, 5.0)


def write_region(folder):
    """Climate (MAAT about −6 to +2 °C across the grid), two-layer soil and land cover; returns the paths."""
    shift = np.linspace(-2.0, 6.0, ROWS * COLS).reshape(ROWS, COLS)
    climate = MOHE_MONTHLY[:, None, None] + shift[None]
    soil = np.stack([np.full((ROWS, COLS), layer[f]) for layer in (SILT, ROCK) for f, _ in schema.SOIL_FIELDS])
    soil[0] = 1.0
    return {
        "climate": write_raster(str(folder / "climate.tif"), climate, GRID, list(schema.CLIMATE_BANDS), ["degC"] * 12),
        "soil": write_raster(str(folder / "soil.tif"), soil, GRID, schema.soil_band_names(2),
                             schema.soil_band_units(2), {"N_LAYERS": 2, "LAYER_NAMES": "silt,substrate"}),
        "landcover": write_raster(str(folder / "landcover.tif"), CLASSES[None].astype(float), GRID, ["class"]),
    }


def pixel_centre(row, col):
    x0, dx, _, y0, _, dy = GRID.geotransform
    return x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy


def site_inputs(paths, sites):
    """:class:`~core.calibration.sites.SiteInputs` of ``sites`` [(name, lon, lat)] on the region's own pixels."""
    checked = check_inputs(RegionInputs(paths["climate"], paths["soil"]), SETTINGS)
    return gather_sites(sites, checked, SETTINGS, paths["landcover"], PRIOR)[0]


def twin_rows(paths, truth, pixels, noise_c=0.0, seed=1, depths=DEPTHS_M):
    """Observation rows (dicts) at the centres of ``pixels`` [(row, col)], simulated with ``truth``
    {class: (n_freezing, n_thawing)} plus Gaussian noise of ``noise_c`` °C."""
    sites = [(f"s{r}{c}", *pixel_centre(r, c)) for r, c in pixels]
    inputs = site_inputs(paths, sites)
    targets = [Target(name, lon, lat, d, 0.0, (), 1) for name, lon, lat in sites for d in depths]
    model = SiteModel(inputs, SETTINGS, targets, np.repeat(np.arange(len(sites)), len(depths)))
    cls = inputs.landcover
    values = model.run(ColumnSet(np.arange(len(sites)), np.array([truth[c][0] for c in cls]),
                                 np.array([truth[c][1] for c in cls])))
    rng = np.random.default_rng(seed)
    return [{"site": name, "lon": lon, "lat": lat, "depth_m": d,
             "mean_annual_temperature_c": float(values[i, k] + rng.normal(0.0, noise_c)) if noise_c else
             float(values[i, k])}
            for i, (name, lon, lat) in enumerate(sites) for k, d in enumerate(depths)]
