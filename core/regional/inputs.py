"""The regional run's inputs and settings, and the checks that name a bad input before any work starts."""

import re
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from osgeo import gdal, osr

from .. import schema
from ..checks import FLUX_W_M2, check_sample
from ..raster_io import Grid, band_info, open_raster, read_raster
from .dask_engine import parse_scheduler

LABELS = {"climate": "Climate", "soil": "Soil thermal properties", "nfactors": "n-factors",
          "geothermal": "Geothermal heat flux", "initial": "Initial ground temperature",
          "anomalies": "Monthly anomalies"}
"""The name of each input of :class:`RegionInputs` in messages."""

DEFAULT_MERGE_TOLERANCE_C = 0.05
"""The simulate tool's default merge tolerance (°C of MAGT); the core default (0) simulates every pixel."""
MAX_MERGE_TOLERANCE_C = 1.0
MIN_CHECK_PIXELS = 10
KELVIN_FLOOR = 150.0
"""Any valid air temperature above this (°C) can only be kelvin."""


@dataclass(frozen=True)
class RegionInputs:
    """Paths of the prepared rasters (all on one grid, bands as in ``core.schema``)."""

    climate: str
    soil: str
    nfactors: Optional[str] = None
    initial: Optional[str] = None
    anomalies: Optional[str] = None
    geothermal: Optional[str] = None


@dataclass(frozen=True)
class ModelSettings:
    """Model settings of a regional run; temperatures °C, depths m, flux W/m², trend °C/decade."""

    first_year: int = 2010
    last_year: int = 2024
    spinup_years: int = 0
    dt_days: Optional[float] = None
    bottom_m: float = 100.0
    top_dz_m: float = 0.02
    geothermal_flux_w_m2: float = 0.06
    output_depths_m: tuple = (10.0,)
    trend_c_per_decade: float = 0.0
    climatology_year: float = 1985.0
    batch_columns: int = 2000
    workers: int = 1
    skip_warm_ttop_c: Optional[float] = None
    """Estimate instead of simulate pixels whose TTOP exceeds this in every year (``warm_skip``); None: never."""
    dask_scheduler: str = ""
    """Empty: local worker processes; ``local:N`` or ``tcp://host:port``: a Dask cluster (``dask_engine``)."""
    merge_tolerance_c: float = 0.0
    """MAGT tolerance (°C) of the merged run (``merge``); 0: every pixel simulated exactly."""
    check_pixels: int = 1000
    """Random pixels a merged run also simulates exactly to check itself."""

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))

    def check(self):
        problems = []
        if self.last_year < self.first_year:
            problems.append(f"last year {self.last_year} is before first year {self.first_year}")
        if self.spinup_years < 0:
            problems.append(f"spin-up years must be >= 0, got {self.spinup_years}")
        if self.dt_days is not None and not 0 < self.dt_days <= 31:
            problems.append(f"time step must be in (0, 31] days, got {self.dt_days}")
        if self.bottom_m < max(self.output_depths_m):
            problems.append(f"model bottom {self.bottom_m} m does not reach output depth {max(self.output_depths_m)} m")
        if min(self.output_depths_m) < 0:
            problems.append("output depths must be >= 0 m")
        if not FLUX_W_M2[0] <= self.geothermal_flux_w_m2 <= FLUX_W_M2[1]:
            low, high = FLUX_W_M2
            problems.append(f"geothermal heat flux {self.geothermal_flux_w_m2} W/m² is outside {low:g}..{high:g}")
        if not 0.0 <= self.merge_tolerance_c <= MAX_MERGE_TOLERANCE_C:
            problems.append(f"merge tolerance must be in 0..{MAX_MERGE_TOLERANCE_C:g} °C, got {self.merge_tolerance_c}")
        if self.check_pixels < MIN_CHECK_PIXELS:
            problems.append(f"check pixels must be >= {MIN_CHECK_PIXELS}, got {self.check_pixels}")
        if self.batch_columns < 1 or self.workers < 1:
            problems.append("batch size and workers must be >= 1")
        try:
            parse_scheduler(self.dask_scheduler)
        except ValueError as err:
            problems.append(str(err))
        if problems:
            raise ValueError("Model settings: " + "; ".join(problems))


@dataclass(frozen=True)
class CheckedInputs:
    """What the checks learned: the common grid and the layout of each raster."""

    inputs: RegionInputs
    grid: Grid
    n_layers: int
    initial_depths_m: tuple = ()
    anomaly_bands: dict = field(default_factory=dict)
    """(year, month) → 1-based band number in the anomalies raster."""


def _open(label, path):
    if not path:
        raise ValueError(f"{label}: no raster given")
    try:
        return open_raster(path)
    except ValueError as err:
        raise ValueError(f"{label}: {err}") from None


def crs_name(wkt):
    """Short name of a CRS: its authority code (EPSG:4326) and name, or "none"."""
    if not wkt:
        return "none"
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    code = srs.GetAuthorityCode(None)
    return f"{srs.GetAuthorityName(None)}:{code} ({srs.GetName()})" if code else srs.GetName() or wkt[:60]


def check_on_grid(label, path, grid):
    """ValueError naming ``label`` when the raster at ``path`` is unreadable or not on ``grid`` (size, extent, CRS)."""
    other = Grid.of(_open(label, path))
    if not other.same_as(grid):
        same_layout = (other.cols, other.rows) == (grid.cols, grid.rows) and np.allclose(
            other.geotransform, grid.geotransform, atol=1e-9, rtol=0)
        if same_layout:
            raise ValueError(
                f"{label} ({path}) has the climate raster's size and extent but another CRS: "
                f"{crs_name(other.crs_wkt)} vs the climate raster's {crs_name(grid.crs_wkt)}. "
                "Align it with 'Clip and align raster to model grid' first (or fix its CRS).")
        raise ValueError(
            f"{label} ({path}) is not on the climate raster's grid: "
            f"{other.cols}×{other.rows} px, extent {np.round(other.extent, 6).tolist()}, CRS "
            f"{crs_name(other.crs_wkt)} vs {grid.cols}×{grid.rows} px, extent {np.round(grid.extent, 6).tolist()}, "
            f"CRS {crs_name(grid.crs_wkt)}. Align it with 'Clip and align raster to model grid' first.")


def _band_names(label, path, expected_count=None, multiple_of=None):
    names, _ = band_info(path)
    if expected_count is not None and len(names) != expected_count:
        raise ValueError(f"{label}: expected {expected_count} bands, found {len(names)} in {path}")
    if multiple_of is not None and (len(names) == 0 or len(names) % multiple_of):
        raise ValueError(f"{label}: expected a multiple of {multiple_of} bands, found {len(names)} in {path}")
    return names


def _check_celsius(label, path):
    """Stop on kelvin: a sample of valid values above 150 cannot be °C air temperature."""
    ds = gdal.Open(path)
    sample = read_raster(path, bands=[1], shape=(min(ds.RasterYSize, 256), min(ds.RasterXSize, 256)))[0]
    valid = sample[np.isfinite(sample)]
    if valid.size == 0:
        raise ValueError(f"{label}: band 1 of {path} holds only NoData")
    if np.nanmedian(valid) > KELVIN_FLOOR:
        raise ValueError(f"{label}: values around {np.nanmedian(valid):.1f} look like kelvin; "
                         "the model expects °C (convert with the climate preparation tools)")


def input_band_names(key, path, n_layers):
    """Band descriptions of an input; soil bands without one are named by the schema (``layer01_k_frozen``)."""
    names, _ = band_info(path)
    if key == "soil":
        names = [n or e for n, e in zip(names, schema.soil_band_names(n_layers))]
    return names


def check_inputs(inputs, settings):
    """Check grids, band layouts and units of every input; raise ValueError naming the bad one."""
    settings.check()
    grid = Grid.of(_open("Climate", inputs.climate))
    _band_names("Climate", inputs.climate, expected_count=12)
    _check_celsius("Climate", inputs.climate)

    check_on_grid("Soil thermal properties", inputs.soil, grid)
    soil_names = _band_names("Soil thermal properties", inputs.soil, multiple_of=len(schema.SOIL_FIELDS))
    n_layers = len(soil_names) // len(schema.SOIL_FIELDS)
    expected = schema.soil_band_names(n_layers)
    if any(n and n != e for n, e in zip(soil_names, expected)):
        raise ValueError(f"Soil thermal properties: band descriptions {soil_names[:3]}… do not follow "
                         f"{expected[:3]}… (use the soil preparation tools)")

    if inputs.nfactors:
        check_on_grid("n-factors", inputs.nfactors, grid)
        _band_names("n-factors", inputs.nfactors, expected_count=2)

    if inputs.geothermal:
        check_on_grid("Geothermal heat flux", inputs.geothermal, grid)
        _band_names("Geothermal heat flux", inputs.geothermal, expected_count=1)

    depths = ()
    if inputs.initial:
        check_on_grid("Initial ground temperature", inputs.initial, grid)
        names = _band_names("Initial ground temperature", inputs.initial)
        parsed = [re.fullmatch(r"tsoil_(\d+)cm", n) for n in names]
        if not all(parsed):
            raise ValueError(f"Initial ground temperature: bands must be named tsoil_NNNNcm, found {names}")
        depths = tuple(int(m.group(1)) / 100.0 for m in parsed)
        if list(depths) != sorted(depths):
            raise ValueError("Initial ground temperature: bands must go from shallow to deep")
        _check_celsius("Initial ground temperature", inputs.initial)

    anomaly_bands = {}
    if inputs.anomalies:
        check_on_grid("Monthly anomalies", inputs.anomalies, grid)
        names = _band_names("Monthly anomalies", inputs.anomalies)
        for i, name in enumerate(names):
            m = re.fullmatch(r"tair_anomaly_(\d{4})_(\d{2})", name)
            if not m:
                raise ValueError(f"Monthly anomalies: band {i + 1} is named {name!r}, expected tair_anomaly_YYYY_MM")
            anomaly_bands[(int(m.group(1)), int(m.group(2)))] = i + 1
        missing = [y for y in settings.years if any((y, mo) not in anomaly_bands for mo in range(1, 13))]
        if missing:
            raise ValueError(f"Monthly anomalies: no complete set of 12 months for years {missing}")
    for key, label in LABELS.items():
        path = getattr(inputs, key)
        if path:  # a sample now; every pixel as the blocks are read (core.regional.columns)
            check_sample(label, path, key, input_band_names(key, path, n_layers), grid)
    return CheckedInputs(inputs, grid, n_layers, depths, anomaly_bands)
