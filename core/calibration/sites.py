"""The model's inputs at the measurement sites: one pixel per site, the nearest valid one within a distance."""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..analysis.geodesy import srs_from_wkt
from ..raster_io import Grid, read_raster
from ..regional.columns import read_block, valid_pixels
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


def gather_sites(sites, checked, settings, landcover, table, max_km=0.0):
    """(SiteInputs, [Unplaced]) for ``sites`` = [(name, lon, lat)] in WGS84 degrees on a geographic grid.

    ``checked`` are the model inputs as :func:`core.regional.inputs.check_inputs` returns them; they are read
    around each site as the regional run reads a block (values checked against their plausible ranges). A pixel
    is valid where the regional run would simulate it and the land cover holds a class with finite n-factors in
    ``table`` ({class: (n_freezing, n_thawing)}). A site whose own pixel is not valid takes the nearest valid
    pixel within ``max_km`` (0: its own pixel only).
    """
    grid = checked.grid
    srs = srs_from_wkt(grid.crs_wkt)
    if not srs.IsGeographic():
        raise ValueError("Climate: the calibration needs the model grid in geographic (lon/lat) coordinates, "
                         "as the preparation tools make it")
    placed, unplaced = [], []
    for name, lon, lat in sites:
        try:
            col, row = pixel_of(grid, lon, lat)
        except ValueError:
            unplaced.append(Unplaced(name, lon, lat, "outside the input rasters"))
            continue
        half = window_half_size(grid, srs, lat, max_km) if max_km > 0 else (0, 0)
        window = _window(grid, col, row, half)
        block = read_block(checked, settings, window)
        classes = read_raster(landcover, bands=[1], window=window)[0]
        valid = valid_pixels(block) & _known(classes, table)
        found = nearest_valid_pixel(valid, _sub_grid(grid, window), lon, lat, max_km)
        if found is None:
            where = "its pixel" if max_km == 0 else f"{max_km:g} km"
            unplaced.append(Unplaced(name, lon, lat, f"no pixel with data in every input within {where}"))
            continue
        c, r, dist = found
        placed.append((name, lon, lat, (window[0] + c, window[1] + r), dist, block, int(classes[r, c]), (c, r)))
    if not placed:
        raise ValueError("Observations: no site falls on a pixel with data in every input "
                         f"({', '.join(u.name for u in unplaced[:10])}); check the coordinates, or allow "
                         "a search distance for the nearest valid pixel")

    def at(key):
        return np.array([getattr(p[5], key)[:, p[7][1], p[7][0]] for p in placed])

    return SiteInputs(
        names=[p[0] for p in placed], lon=np.array([p[1] for p in placed]), lat=np.array([p[2] for p in placed]),
        pixel=[p[3] for p in placed], distance_km=np.array([p[4] for p in placed]),
        climate=at("climate"), soil=at("soil"), landcover=np.array([p[6] for p in placed]),
        geothermal=at("geothermal")[:, 0] if checked.inputs.geothermal else None,
    ), unplaced


def _known(classes, table):
    """True where ``classes`` holds a class with finite n-factors in ``table``."""
    known = np.zeros(classes.shape, dtype=bool)
    for cls, (nf, nt) in table.items():
        if np.isfinite(nf) and np.isfinite(nt):
            known |= classes == cls
    return known
