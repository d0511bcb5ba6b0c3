"""The model's inputs at the measurement sites: one pixel per site, the nearest valid one within a distance."""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .. import schema
from ..analysis.geodesy import srs_from_wkt
from ..checks import check_block
from ..raster_io import Grid, read_raster
from ..regional.inputs import LABELS, input_band_names
from ..sampling import nearest_valid_pixel, pixel_of, window_half_size


@dataclass
class SiteInputs:
    """Inputs at each site's pixel, site order as ``names``; arrays have the site on axis 0."""

    names: list
    lon: np.ndarray
    lat: np.ndarray
    pixel: list
    """(col, row) of the pixel used."""
    distance_km: np.ndarray
    """Distance from the site to the centre of the pixel used when the site's own pixel had no data (else 0)."""
    climate: np.ndarray
    """(nsite, 12) monthly air temperature, °C."""
    soil: np.ndarray
    """(nsite, n_layers * 8) soil bands."""
    landcover: np.ndarray
    """(nsite,) land-cover class."""
    geothermal: Optional[np.ndarray] = None
    """(nsite,) W/m², or None for the constant of the settings."""


@dataclass
class Unplaced:
    """A site without a valid pixel within the search distance, and why."""

    name: str
    lon: float
    lat: float
    reason: str


def _window(grid, col, row, half):
    """Pixel window (xoff, yoff, xsize, ysize) of half-size (cols, rows) around a pixel, clipped to the grid."""
    c0, r0 = max(col - half[0], 0), max(row - half[1], 0)
    c1, r1 = min(col + half[0] + 1, grid.cols), min(row + half[1] + 1, grid.rows)
    return c0, r0, c1 - c0, r1 - r0


def _sub_grid(grid, window):
    x0, dx, rx, y0, ry, dy = grid.geotransform
    c0, r0, cols, rows = window
    return Grid((x0 + c0 * dx, dx, rx, y0 + r0 * dy, ry, dy), cols, rows, grid.crs_wkt)


def gather_sites(sites, climate, soil, landcover, table, max_km=0.0, geothermal=None):
    """(SiteInputs, [Unplaced]) for ``sites`` = [(name, lon, lat)] in WGS84 degrees on a geographic grid.

    A pixel is valid where the climate, the soil (substrate thickness aside), the land cover and, when
    given, the geothermal raster hold data and the class has finite n-factors in ``table``
    ({class: (n_freezing, n_thawing)}). A site whose own pixel is not valid takes the nearest valid
    pixel within ``max_km`` (0: its own pixel only).
    """
    grid = Grid.of(climate)
    if not srs_from_wkt(grid.crs_wkt).IsGeographic():
        raise ValueError("Climate: the calibration needs the model grid in geographic (lon/lat) coordinates, "
                         "as the preparation tools make it")
    placed, unplaced = [], []
    for name, lon, lat in sites:
        try:
            col, row = pixel_of(grid, lon, lat)
        except ValueError:
            unplaced.append(Unplaced(name, lon, lat, "outside the input rasters"))
            continue
        half = window_half_size(grid, srs_from_wkt(grid.crs_wkt), lat, max_km) if max_km > 0 else (0, 0)
        window = _window(grid, col, row, half)
        values = _read_window(grid, window, climate, soil, landcover, geothermal)
        valid = _valid(values, table)
        found = nearest_valid_pixel(valid, _sub_grid(grid, window), lon, lat, max_km)
        if found is None:
            where = "its pixel" if max_km == 0 else f"{max_km:g} km"
            unplaced.append(Unplaced(name, lon, lat, f"no pixel with data in every input within {where}"))
            continue
        c, r, dist = found
        placed.append((name, lon, lat, (window[0] + c, window[1] + r), dist,
                       {k: (v[:, r, c] if v is not None else None) for k, v in values.items()}))
    if not placed:
        raise ValueError("Observations: no site falls on a pixel with data in every input "
                         f"({', '.join(u.name for u in unplaced[:10])}); check the coordinates, or allow "
                         "a search distance for the nearest valid pixel")
    pick = [p[5] for p in placed]
    return SiteInputs(
        names=[p[0] for p in placed], lon=np.array([p[1] for p in placed]), lat=np.array([p[2] for p in placed]),
        pixel=[p[3] for p in placed], distance_km=np.array([p[4] for p in placed]),
        climate=np.array([v["climate"] for v in pick]), soil=np.array([v["soil"] for v in pick]),
        landcover=np.array([int(v["landcover"][0]) for v in pick]),
        geothermal=np.array([float(v["geothermal"][0]) for v in pick]) if geothermal else None,
    ), unplaced


def _read_window(grid, window, climate, soil, landcover, geothermal):
    """The inputs over ``window``, each checked against its plausible ranges (``core.checks``)."""
    values = {"landcover": read_raster(landcover, bands=[1], window=window), "geothermal": None}
    for key, path in (("climate", climate), ("soil", soil), ("geothermal", geothermal)):
        if path:
            array = read_raster(path, bands=[1] if key == "geothermal" else None, window=window)
            names = input_band_names(key, path, array.shape[0] // len(schema.SOIL_FIELDS))
            check_block(LABELS[key], path, key, array, names, grid, window)
            values[key] = array
    return values


def _valid(values, table):
    soil = values["soil"].copy()
    soil[-len(schema.SOIL_FIELDS)] = 0.0  # the substrate's thickness is never used
    ok = np.isfinite(values["climate"]).all(axis=0) & np.isfinite(soil).all(axis=0)
    if values["geothermal"] is not None:
        ok &= np.isfinite(values["geothermal"][0])
    classes = values["landcover"][0]
    known = np.zeros_like(ok)
    for cls, (nf, nt) in table.items():
        if np.isfinite(nf) and np.isfinite(nt):
            known |= classes == cls
    return ok & known
