"""Plausible physical ranges of the model's input rasters, checked on every block the model reads.

A value outside its range is a unit or preparation error (°C×10, kelvin, MJ instead of J, percent
instead of m³/m³, an n-factor of −1) that would otherwise give a plausible-looking but wrong map.
NoData and non-finite values are not checked (the model skips those pixels).
"""

import math

import numpy as np
from osgeo import osr

from . import schema
from .raster_io import Grid, read_raster

AIR_C = (-60.0, 45.0)
"""Monthly mean air temperature, °C (world records of monthly means lie inside)."""
GROUND_C = (-60.0, 60.0)
ANOMALY_C = (-40.0, 40.0)
NFACTOR = (0.05, 3.0)
"""Same bounds as the n-factor tables (``core.prep.landcover``)."""
FLUX_W_M2 = (0.0, 1.0)
"""Same bounds as the constant geothermal heat flux of ``ModelSettings``."""
SOIL = {
    "thickness_m": (0.001, 1000.0),
    "k_frozen": (0.02, 10.0),
    "k_thawed": (0.02, 10.0),
    "c_frozen": (5.0e4, 6.0e6),
    "c_thawed": (5.0e4, 6.0e6),
    "water_content": (0.0, 1.0),
    "unfrozen_a": (0.0, 1.0),
    "unfrozen_b": (0.01, 5.0),
}
"""Per soil field: conductivity W/m/K (air to quartz), volumetric heat capacity J/m³/K, water m³/m³;
``unfrozen_a`` = 0 is free water (``unfrozen_b`` is then ignored, otherwise it must be > 0). Values inside
these ranges always pass the solver's own checks (``core.heat.Layers``)."""


def _hint(kind, values):
    """A guess at the unit mistake behind out-of-range ``values``, or ""."""
    top = float(np.max(np.abs(values)))
    if kind in ("air", "ground") and np.median(values) > 150.0:
        return "; the values look like kelvin (the model expects °C)"
    if kind in ("air", "ground", "anomaly") and top <= 600.0:
        return "; the values look like °C×10 (divide by 10)"
    if kind in ("c_frozen", "c_thawed") and top < 100.0:
        return "; the values look like MJ/m³/K (the model expects J/m³/K: multiply by 1e6)"
    if kind in ("c_frozen", "c_thawed") and top < 1.0e5:
        return "; the values look like kJ/m³/K (the model expects J/m³/K: multiply by 1000)"
    if kind == "water_content" and top <= 100.0:
        return "; the values look like percent (the model expects m³/m³: divide by 100)"
    return ""


def band_ranges(input_key, n_bands):
    """Per band (kind, unit, (low, high)) of an input of ``core.regional.RegionInputs``."""
    if input_key == "climate":
        return [("air", "°C", AIR_C)] * n_bands
    if input_key == "initial":
        return [("ground", "°C", GROUND_C)] * n_bands
    if input_key == "anomalies":
        return [("anomaly", "°C", ANOMALY_C)] * n_bands
    if input_key == "nfactors":
        return [("nfactor", "", NFACTOR)] * n_bands
    if input_key == "geothermal":
        return [("flux", "W/m²", FLUX_W_M2)] * n_bands
    if input_key == "soil":
        fields = schema.SOIL_FIELDS * (n_bands // len(schema.SOIL_FIELDS))
        return [(name, unit, SOIL[name]) for name, unit in fields]
    raise ValueError(f"unknown input {input_key!r}")


def checked_soil(array):
    """The soil bands as checked: the substrate's thickness (never used) and ``unfrozen_b`` of free
    water (``unfrozen_a`` = 0, ignored) are blanked out."""
    n = len(schema.SOIL_FIELDS)
    out = array.copy()
    out[-n] = np.nan
    a = out[6::n]
    b = out[7::n]
    b[a == 0] = np.nan
    out[7::n] = b
    return out


def lonlat(grid, cols, rows):
    """(lon, lat) of pixel centres (0-based column/row indices) of ``grid``."""
    x0, dx, _, y0, _, dy = grid.geotransform
    x, y = x0 + dx * (np.asarray(cols) + 0.5), y0 + dy * (np.asarray(rows) + 0.5)
    src = osr.SpatialReference()
    if not grid.crs_wkt or src.ImportFromWkt(grid.crs_wkt) != 0 or src.IsGeographic():
        return x, y
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    for srs in (src, dst):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    points = osr.CoordinateTransformation(src, dst).TransformPoints(np.column_stack([x, y]).tolist())
    return np.array([p[0] for p in points]), np.array([p[1] for p in points])


def check_sample(label, path, input_key, band_names, grid, max_values=4_000_000):
    """:func:`check_block` on a nearest-neighbour sample of every band (at most about ``max_values``
    values in all): a quick check that finds unit mistakes before the run starts; pixel locations
    are those of the sampled pixels."""
    side = max(1, min(256, int(math.sqrt(max_values / max(1, len(band_names))))))
    rows, cols = min(grid.rows, side), min(grid.cols, side)
    x0, dx, _, y0, _, dy = grid.geotransform
    coarse = Grid((x0, dx * grid.cols / cols, 0.0, y0, 0.0, dy * grid.rows / rows), cols, rows, grid.crs_wkt)
    sample = read_raster(path, shape=(rows, cols))
    check_block(label, path, input_key, sample, band_names, coarse, (0, 0, cols, rows))


def check_block(label, path, input_key, array, band_names, grid, window):
    """Raise ValueError at the first band of a (bands, rows, cols) block with a finite value out of range,
    naming ``label``, the file, the band, the pixel's lon/lat, the range and a likely unit mistake."""
    values = checked_soil(array) if input_key == "soil" else array
    for i, (kind, unit, (low, high)) in enumerate(band_ranges(input_key, values.shape[0])):
        band = values[i]
        with np.errstate(invalid="ignore"):
            bad = np.isfinite(band) & ((band < low) | (band > high))
        if not bad.any():
            continue
        row, col = np.argwhere(bad)[0]
        lon, lat = lonlat(grid, window[0] + col, window[1] + row)
        name = band_names[i] if i < len(band_names) and band_names[i] else f"band {i + 1}"
        raise ValueError(
            f"{label} ({path}): band {i + 1} '{name}' has {band[row, col]:.6g}{' ' + unit if unit else ''} "
            f"at lon {float(lon):.5f}, lat {float(lat):.5f} ({int(bad.sum())} such pixel(s) among those checked), "
            f"outside the plausible range {low:g}…{high:g}{' ' + unit if unit else ''}{_hint(kind, band[bad])}")
